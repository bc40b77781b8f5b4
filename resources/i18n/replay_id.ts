<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>Replay</name>
    <message>
        <source>▶ REPLAY ×{0}</source>
        <translation>▶ PUTAR ULANG ×{0}</translation>
    </message>
</context>
</TS>
