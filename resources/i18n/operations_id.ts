<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>AgencyCard</name>
    <message>
        <source>Longest in status</source>
        <translation>Terlama dalam status</translation>
    </message>
</context>
<context>
    <name>TakeoverBanner</name>
    <message>
        <source>⚠ NEW INCIDENT</source>
        <translation>⚠ KEJADIAN BARU</translation>
    </message>
    <message>
        <source>⚠ {0} NEW INCIDENTS</source>
        <translation>⚠ {0} KEJADIAN BARU</translation>
    </message>
    <message>
        <source>+{0} more</source>
        <translation>+{0} lainnya</translation>
    </message>
    <message>
        <source>Acknowledge: {0} key on the wall or the desk's button · ends in {1} s</source>
        <translation>Konfirmasi: tombol {0} di layar dinding atau tombol di meja · berakhir dalam {1} dtk</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Spasi</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>belum ada</translation>
    </message>
    <message>
        <source>Age {0} · Units: {1}</source>
        <translation>Umur {0} · Unit: {1}</translation>
    </message>
</context>
<context>
    <name>UnitTableModel</name>
    <message>
        <source>Agency</source>
        <translation>Instansi</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Kejadian</translation>
    </message>
    <message>
        <source>Time in status</source>
        <translation>Lama dalam status</translation>
    </message>
</context>
<context>
    <name>UnitsPanel</name>
    <message>
        <source>Units: {0}</source>
        <translation>Unit: {0}</translation>
    </message>
    <message>
        <source> · over limit: ▲ {0} · ▲▲ {1}</source>
        <translation> · melewati batas: ▲ {0} · ▲▲ {1}</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unit</translation>
    </message>
</context>
<context>
    <name>TakeoverHub</name>
    <message>
        <source>Acknowledge new incident</source>
        <translation>Konfirmasi kejadian baru</translation>
    </message>
</context>
</TS>
