<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>AgencyCard</name>
    <message>
        <source>Personnel available</source>
        <translation>Personel siaga</translation>
    </message>
</context>
</TS>
