<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>DeskList</name>
    <message>
        <source>Region</source>
        <translation>Wilayah</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioritas</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Instansi</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>Cari…</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} dari {1}</translation>
    </message>
</context>
<context>
    <name>DeskIncidents</name>
    <message>
        <source>Region</source>
        <translation>Wilayah</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Insiden</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioritas</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Agencies</source>
        <translation>Instansi</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Lokasi</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Umur</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unit</translation>
    </message>
</context>
<context>
    <name>DeskUnits</name>
    <message>
        <source>Region</source>
        <translation>Wilayah</translation>
    </message>
    <message>
        <source>Call sign</source>
        <translation>Tanda panggil</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Instansi</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Sejak</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Insiden</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <source>{0} offered {1}</source>
        <translation>{0} masuk {1}</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Panggilan</translation>
    </message>
    <message>
        <source>answered after {0}</source>
        <translation>dijawab setelah {0}</translation>
    </message>
    <message>
        <source>(+{0})</source>
        <translation>(+{0})</translation>
    </message>
</context>
<context>
    <name>DeskNotifier</name>
    <message>
        <source>New priority-1 incident</source>
        <translation>Insiden prioritas 1 baru</translation>
    </message>
    <message>
        <source>and {0} more since the last notice</source>
        <translation>dan {0} lagi sejak pemberitahuan terakhir</translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message>
        <source>Report for a period…</source>
        <translation>Laporan untuk suatu periode…</translation>
    </message>
    <message>
        <source>Choose an incident or a unit: Enter on its row, or a click on the map.</source>
        <translation>Pilih insiden atau unit: Enter pada barisnya, atau klik di peta.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Berkas</translation>
    </message>
    <message>
        <source>Shift report…</source>
        <translation>Laporan sif…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Tampilan</translation>
    </message>
    <message>
        <source>Fold the map legend</source>
        <translation>Lipat legenda peta</translation>
    </message>
    <message>
        <source>Search incidents</source>
        <translation>Cari insiden</translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation>Kembalikan tata letak</translation>
    </message>
    <message>
        <source>Acknowledge alert</source>
        <translation>Konfirmasi peringatan</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Sumber data</translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation>Insiden aktif</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Peta</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Rincian</translation>
    </message>
    <message>
        <source>Call queue and KPIs</source>
        <translation>Antrean panggilan dan KPI</translation>
    </message>
    <message>
        <source>Agencies</source>
        <translation>Instansi</translation>
    </message>
    <message>
        <source>Hazard alerts</source>
        <translation>Peringatan bahaya</translation>
    </message>
    <message>
        <source>Wallboard 112 desk — {0}</source>
        <translation>Meja Wallboard 112 — {0}</translation>
    </message>
    <message>
        <source>&amp;Alerts</source>
        <translation>&amp;Peringatan</translation>
    </message>
    <message>
        <source>Shift report</source>
        <translation>Laporan sif</translation>
    </message>
    <message>
        <source>Shift report written to {0}</source>
        <translation>Laporan sif ditulis ke {0}</translation>
    </message>
    <message>
        <source>Not written: {0}</source>
        <translation>Tidak ditulis: {0}</translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message>
        <source>Report for a period</source>
        <translation>Laporan untuk suatu periode</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Dari</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Sampai</translation>
    </message>
    <message>
        <source>The end must come after the start.</source>
        <translation>Akhir harus sesudah awal.</translation>
    </message>
    <message>
        <source>A report covers at most {0} days.</source>
        <translation>Satu laporan mencakup paling lama {0} hari.</translation>
    </message>
</context>
</TS>
