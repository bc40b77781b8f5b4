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
        <source>Open incidents without a position, not on the map: {0}</source>
        <translation>Insiden terbuka tanpa lokasi, tidak tampil di peta: {0}</translation>
    </message>
</context>
</TS>
