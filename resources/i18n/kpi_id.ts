<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>QueuePanel</name>
    <message>
        <source>Offered today</source>
        <translation>Masuk hari ini</translation>
    </message>
    <message>
        <source>Answered today</source>
        <translation>Dijawab hari ini</translation>
    </message>
    <message>
        <source>Abandoned today</source>
        <translation>Ditinggalkan hari ini</translation>
    </message>
    <message>
        <source>Service standards</source>
        <translation>Standar layanan</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Jam terakhir</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hari ini</translation>
    </message>
    <message>
        <source>Last {0}</source>
        <translation>{0} lalu</translation>
    </message>
</context>
<context>
    <name>KpiRows</name>
    <message>
        <source>{0} s</source>
        <translation>{0} dtk</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <source>Answered ≤ {0}</source>
        <translation>Dijawab ≤ {0}</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Ditinggalkan</translation>
    </message>
    <message>
        <source>Average answer</source>
        <translation>Rata-rata jawab</translation>
    </message>
    <message>
        <source>90 % answered in</source>
        <translation>90 % dijawab dlm</translation>
    </message>
    <message>
        <source>Dispatch ≤ {0}</source>
        <translation>Dikirim ≤ {0}</translation>
    </message>
    <message>
        <source>En route ≤ {0}</source>
        <translation>Berangkat ≤ {0}</translation>
    </message>
    <message>
        <source>On scene ≤ {0}</source>
        <translation>Tiba ≤ {0}</translation>
    </message>
</context>
<context>
    <name>QueueChart</name>
    <message>
        <source>Per 15 min: today (bars), last week (line)</source>
        <translation>Per 15 mnt: hari ini (batang), minggu lalu (garis)</translation>
    </message>
</context>
</TS>
