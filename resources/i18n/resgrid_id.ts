<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>SourceProblem</name>
    <message>
        <source>Resgrid: login refused — check the password</source>
        <translation>Resgrid: login ditolak — periksa kata sandi</translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <source>{0} open incidents without a position are not on the map</source>
        <translation>{0} insiden terbuka tanpa lokasi tidak tampil di peta</translation>
    </message>
</context>
</TS>
