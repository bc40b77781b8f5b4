<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>Text</name>
    <message>
        <source>{0} s</source>
        <translation>{0} dtk</translation>
    </message>
    <message>
        <source>{0} min</source>
        <translation>{0} mnt</translation>
    </message>
    <message>
        <source>{0} h</source>
        <translation>{0} jam</translation>
    </message>
    <message>
        <source>{0} d</source>
        <translation>{0} hr</translation>
    </message>
</context>
<context>
    <name>PanelFrame</name>
    <message>
        <source>⚠ DATA NOT CURRENT — {0}: last success {1} ({2} ago)</source>
        <translation>⚠ DATA TIDAK MUTAKHIR — {0}: terakhir berhasil {1} ({2} lalu)</translation>
    </message>
    <message>
        <source>⚠ NO DATA — {0} not reachable</source>
        <translation>⚠ TIDAK ADA DATA — {0} tidak terjangkau</translation>
    </message>
</context>
<context>
    <name>HeaderPanel</name>
    <message>
        <source>Waiting for the first data from the backend</source>
        <translation>Menunggu data pertama dari server</translation>
    </message>
    <message>
        <source>✔ All data current</source>
        <translation>✔ Semua data mutakhir</translation>
    </message>
    <message>
        <source>(+{0} more sources)</source>
        <translation>(+{0} sumber lain)</translation>
    </message>
    <message>
        <source>error: {0}</source>
        <translation>galat: {0}</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>tidak ada data</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>menunggu</translation>
    </message>
    <message>
        <source>✖ NO DATA — never received</source>
        <translation>✖ TIDAK ADA DATA — belum pernah diterima</translation>
    </message>
    <message>
        <source>✖ DATA STALE {0} — last success {1}</source>
        <translation>✖ DATA LAMA {0} — terakhir berhasil {1}</translation>
    </message>
    <message>
        <source>▲ DATA LATE {0} — last success {1}</source>
        <translation>▲ DATA TERLAMBAT {0} — terakhir berhasil {1}</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Call queue</source>
        <translation>Antrean panggilan</translation>
    </message>
    <message>
        <source>Calls waiting</source>
        <translation>Panggilan menunggu</translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation>Tunggu terlama</translation>
    </message>
    <message>
        <source>Longest wait (target {0} s)</source>
        <translation>Tunggu terlama (target {0} dtk)</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Dijawab</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Ditinggalkan</translation>
    </message>
    <message>
        <source>All non-emergency</source>
        <translation>Semua non-darurat</translation>
    </message>
    <message>
        <source>Call-takers</source>
        <translation>Operator penerima</translation>
    </message>
    <message>
        <source>Calls today</source>
        <translation>Panggilan hari ini</translation>
    </message>
    <message>
        <source>Non-emergency calls today</source>
        <translation>Panggilan non-darurat hari ini</translation>
    </message>
</context>
<context>
    <name>QueueChart</name>
    <message>
        <source>Calls per 15 minutes, today (local hours)</source>
        <translation>Panggilan per 15 menit, hari ini (jam setempat)</translation>
    </message>
</context>
<context>
    <name>AgencyCard</name>
    <message>
        <source>Link</source>
        <translation>Koneksi</translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation>Insiden aktif</translation>
    </message>
</context>
<context>
    <name>AgencyPanel</name>
    <message>
        <source>Agencies</source>
        <translation>Instansi</translation>
    </message>
    <message>
        <source>{0} ▼ +{1} more</source>
        <translation>{0} ▼ +{1} lagi</translation>
    </message>
</context>
<context>
    <name>IncidentPanel</name>
    <message>
        <source>Open incidents: {0}</source>
        <translation>Insiden aktif: {0}</translation>
    </message>
</context>
<context>
    <name>IncidentTableModel</name>
    <message>
        <source>Priority</source>
        <translation>Prioritas</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Umur</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Wilayah</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unit</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>Fire</source>
        <translation>Kebakaran</translation>
    </message>
    <message>
        <source>Traffic accident</source>
        <translation>Kecelakaan lalu lintas</translation>
    </message>
    <message>
        <source>Medical</source>
        <translation>Medis</translation>
    </message>
    <message>
        <source>Crime</source>
        <translation>Kriminal</translation>
    </message>
    <message>
        <source>Flood</source>
        <translation>Banjir</translation>
    </message>
    <message>
        <source>Landslide</source>
        <translation>Tanah longsor</translation>
    </message>
    <message>
        <source>Fallen tree</source>
        <translation>Pohon tumbang</translation>
    </message>
    <message>
        <source>Animal</source>
        <translation>Hewan</translation>
    </message>
    <message>
        <source>Public order</source>
        <translation>Ketertiban umum</translation>
    </message>
    <message>
        <source>Missing person</source>
        <translation>Orang hilang</translation>
    </message>
    <message>
        <source>Water rescue</source>
        <translation>Penyelamatan air</translation>
    </message>
    <message>
        <source>Utility</source>
        <translation>Utilitas</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Lainnya</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Baru</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>Ditugaskan</translation>
    </message>
    <message>
        <source>En route</source>
        <translation>Menuju lokasi</translation>
    </message>
    <message>
        <source>On scene</source>
        <translation>Di lokasi</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Siaga</translation>
    </message>
    <message>
        <source>Returning</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>Tidak beroperasi</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Siap</translation>
    </message>
    <message>
        <source>Talking</source>
        <translation>Berbicara</translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation>Penyelesaian</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>Istirahat</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Luring</translation>
    </message>
    <message>
        <source>✔ Online</source>
        <translation>✔ Terhubung</translation>
    </message>
    <message>
        <source>▲ Degraded</source>
        <translation>▲ Terganggu</translation>
    </message>
    <message>
        <source>✖ Offline</source>
        <translation>✖ Terputus</translation>
    </message>
    <message>
        <source>Emergency</source>
        <translation>Darurat</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Informasi</translation>
    </message>
    <message>
        <source>Prank</source>
        <translation>Iseng</translation>
    </message>
    <message>
        <source>Silent</source>
        <translation>Diam</translation>
    </message>
    <message>
        <source>Menu drop-out</source>
        <translation>Putus di menu</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplikat</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Uji coba</translation>
    </message>
    <message>
        <source>Police</source>
        <translation>Kepolisian</translation>
    </message>
    <message>
        <source>Fire service</source>
        <translation>Pemadam kebakaran</translation>
    </message>
    <message>
        <source>Medical service</source>
        <translation>Layanan medis</translation>
    </message>
    <message>
        <source>Disaster management</source>
        <translation>Penanggulangan bencana</translation>
    </message>
    <message>
        <source>Search and rescue</source>
        <translation>Pencarian dan pertolongan</translation>
    </message>
    <message>
        <source>Utility company</source>
        <translation>Perusahaan utilitas</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Perhubungan</translation>
    </message>
    <message>
        <source>Public order agency</source>
        <translation>Satuan ketertiban umum</translation>
    </message>
    <message>
        <source>Volunteers</source>
        <translation>Relawan</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Insiden</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Panggilan</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Agencies</source>
        <translation>Instansi</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Antrean</translation>
    </message>
    <message>
        <source>Region info</source>
        <translation>Info wilayah</translation>
    </message>
    <message>
        <source>P1 Critical</source>
        <translation>P1 Kritis</translation>
    </message>
    <message>
        <source>P2 High</source>
        <translation>P2 Tinggi</translation>
    </message>
    <message>
        <source>P3 Medium</source>
        <translation>P3 Sedang</translation>
    </message>
    <message>
        <source>P4 Low</source>
        <translation>P4 Rendah</translation>
    </message>
    <message>
        <source>Hazard alerts</source>
        <translation>Peringatan bahaya</translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <source>Incident map</source>
        <translation>Peta insiden</translation>
    </message>
    <message>
        <source>Waiting for the region's data…</source>
        <translation>Menunggu data wilayah…</translation>
    </message>
    <message>
        <source>Incident map unavailable — open incidents</source>
        <translation>Peta tidak tersedia — insiden aktif</translation>
    </message>
</context>
</TS>
