<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>MapLegend</name>
    <message>
        <source>Incidents</source>
        <translation>Insiden</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioritas</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>belum ditangani</translation>
    </message>
    <message>
        <source>Fire</source>
        <translation>Kebakaran</translation>
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
        <source>Utility</source>
        <translation>Utilitas</translation>
    </message>
    <message>
        <source>Medical</source>
        <translation>Medis</translation>
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
        <source>Animal</source>
        <translation>Hewan</translation>
    </message>
    <message>
        <source>Crime</source>
        <translation>Kriminal</translation>
    </message>
    <message>
        <source>Public order</source>
        <translation>Ketertiban umum</translation>
    </message>
    <message>
        <source>Traffic accident</source>
        <translation>Kecelakaan lalu lintas</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Lainnya</translation>
    </message>
    <message>
        <source>P1 critical</source>
        <translation>P1 kritis</translation>
    </message>
    <message>
        <source>P2 high</source>
        <translation>P2 tinggi</translation>
    </message>
    <message>
        <source>P3 medium</source>
        <translation>P3 sedang</translation>
    </message>
    <message>
        <source>P4 low</source>
        <translation>P4 rendah</translation>
    </message>
    <message>
        <source>available</source>
        <translation>siaga</translation>
    </message>
    <message>
        <source>dispatched / en route</source>
        <translation>ditugaskan / menuju</translation>
    </message>
    <message>
        <source>on scene</source>
        <translation>di lokasi</translation>
    </message>
    <message>
        <source>returning</source>
        <translation>kembali</translation>
    </message>
    <message>
        <source>out of service</source>
        <translation>tidak aktif</translation>
    </message>
    <message>
        <source>min</source>
        <translation>menit</translation>
    </message>
    <message>
        <source>Agencies</source>
        <translation>Instansi</translation>
    </message>
    <message>
        <source>Police</source>
        <translation>Polisi</translation>
    </message>
    <message>
        <source>Fire service</source>
        <translation>Damkar</translation>
    </message>
    <message>
        <source>Disaster</source>
        <translation>Bencana</translation>
    </message>
    <message>
        <source>Search &amp; rescue</source>
        <translation>SAR</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Perhubungan</translation>
    </message>
    <message>
        <source>Volunteers</source>
        <translation>Relawan</translation>
    </message>
    <message>
        <source>other</source>
        <translation>lainnya</translation>
    </message>
    <message>
        <source>cluster (count; ring = priority mix)</source>
        <translation>kelompok (jumlah; cincin = campuran prioritas)</translation>
    </message>
    <message>
        <source>new (&lt; {0} min)</source>
        <translation>baru (&lt; {0} menit)</translation>
    </message>
    <message>
        <source>Today's incident density</source>
        <translation>Kepadatan insiden hari ini</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Peringatan</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Tampilkan semua</translation>
    </message>
    <message>
        <source>minor</source>
        <translation>ringan</translation>
    </message>
    <message>
        <source>moderate</source>
        <translation>sedang</translation>
    </message>
    <message>
        <source>severe</source>
        <translation>berat</translation>
    </message>
    <message>
        <source>extreme</source>
        <translation>ekstrem</translation>
    </message>
    <message>
        <source>severity unknown</source>
        <translation>tingkat tidak diketahui</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Kesehatan</translation>
    </message>
    <message>
        <source>Civil service police</source>
        <translation>Satpol PP</translation>
    </message>
</context>
</TS>
