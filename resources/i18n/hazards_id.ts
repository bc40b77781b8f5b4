<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>AlertPanel</name>
    <message>
        <source>Hazard alerts</source>
        <translation>Peringatan bencana</translation>
    </message>
    <message>
        <source>No current alerts</source>
        <translation>Tidak ada peringatan saat ini</translation>
    </message>
    <message>
        <source>+{0} more</source>
        <translation>+{0} lainnya</translation>
    </message>
    <message>
        <source>Source: {0}</source>
        <translation>Sumber: {0}</translation>
    </message>
    <message>
        <source>source: {0}</source>
        <translation>sumber: {0}</translation>
    </message>
    <message>
        <source>M {0} · {1}</source>
        <translation>M {0} · {1}</translation>
    </message>
    <message>
        <source>depth {0} km</source>
        <translation>kedalaman {0} km</translation>
    </message>
    <message>
        <source>felt: {0}</source>
        <translation>dirasakan: {0}</translation>
    </message>
    <message>
        <source>until {0}</source>
        <translation>berlaku hingga {0}</translation>
    </message>
</context>
</TS>
