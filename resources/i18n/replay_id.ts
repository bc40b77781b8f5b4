<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>Replay</name>
    <message>
        <source>{0} — ▶ REPLAY ×{1}</source>
        <translation>{0} — ▶ PUTAR ULANG ×{1}</translation>
    </message>
</context>
</TS>
