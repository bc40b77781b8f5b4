<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>ComparisonPanel</name>
    <message>
        <source>Regions compared — today</source>
        <translation>Perbandingan wilayah — hari ini</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Calls offered</source>
        <translation>Panggilan masuk</translation>
    </message>
    <message>
        <source>Calls answered</source>
        <translation>Panggilan dijawab</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Ditinggalkan</translation>
    </message>
    <message>
        <source>Speed of answer (p90)</source>
        <translation>Waktu jawab (p90)</translation>
    </message>
    <message>
        <source>Alarm processing (p90)</source>
        <translation>Pemrosesan laporan (p90)</translation>
    </message>
    <message>
        <source>Open incidents now</source>
        <translation>Insiden terbuka saat ini</translation>
    </message>
    <message>
        <source>Units available now</source>
        <translation>Unit siaga saat ini</translation>
    </message>
    <message>
        <source>Answered ≤ {0} s</source>
        <translation>Dijawab ≤ {0} dtk</translation>
    </message>
    <message>
        <source>En route ≤ {0} s</source>
        <translation>Menuju lokasi ≤ {0} dtk</translation>
    </message>
    <message>
        <source>On scene ≤ {0} s</source>
        <translation>Tiba di lokasi ≤ {0} dtk</translation>
    </message>
    <message>
        <source>Each region's own local day, up to now</source>
        <translation>Hari lokal masing-masing wilayah, sampai saat ini</translation>
    </message>
    <message>
        <source>⚠ NO REGION REACHABLE</source>
        <translation>⚠ TIDAK ADA WILAYAH YANG TERJANGKAU</translation>
    </message>
    <message>
        <source>live</source>
        <translation>terkini</translation>
    </message>
    <message>
        <source>waiting for data</source>
        <translation>menunggu data</translation>
    </message>
    <message>
        <source>LATE — last data {0}</source>
        <translation>TERLAMBAT — data terakhir {0}</translation>
    </message>
    <message>
        <source>DOWN — no data yet</source>
        <translation>PUTUS — belum ada data</translation>
    </message>
    <message>
        <source>DOWN — last data {0}</source>
        <translation>PUTUS — data terakhir {0}</translation>
    </message>
</context>
</TS>
