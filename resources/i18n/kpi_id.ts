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
<context>
    <name>ShiftReport</name>
    <message>
        <source>90th percentile answer time</source>
        <translation>Waktu jawab persentil ke-90</translation>
    </message>
    <message>
        <source>Abandon rate</source>
        <translation>Tingkat ditinggalkan</translation>
    </message>
    <message>
        <source>Abandoned (quick hang-ups)</source>
        <translation>Ditinggalkan (tutup cepat)</translation>
    </message>
    <message>
        <source>Against the targets</source>
        <translation>Terhadap target</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Semua</translation>
    </message>
    <message>
        <source>Answered within {0} s</source>
        <translation>Dijawab dalam {0} dtk</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Dijawab</translation>
    </message>
    <message>
        <source>Average handling time (talk)</source>
        <translation>Rata-rata waktu bicara</translation>
    </message>
    <message>
        <source>Average speed of answer</source>
        <translation>Rata-rata kecepatan menjawab</translation>
    </message>
    <message>
        <source>Calls answered within {0} s</source>
        <translation>Panggilan dijawab dalam {0} dtk</translation>
    </message>
    <message>
        <source>Calls offered per {0} minutes</source>
        <translation>Panggilan masuk per {0} menit</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Panggilan</translation>
    </message>
    <message>
        <source>Dispatch and response, min:s: median / 90th percentile (incidents)</source>
        <translation>Pengerahan dan respons, mnt:dtk: median / persentil ke-90 (insiden)</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Angka</translation>
    </message>
    <message>
        <source>Figures as at {0}; source {1}; generated {2}</source>
        <translation>Angka per {0}; sumber {1}; dibuat {2}</translation>
    </message>
    <message>
        <source>First unit en route within {0} s</source>
        <translation>Unit pertama berangkat dalam {0} dtk</translation>
    </message>
    <message>
        <source>First unit on scene within {0} s</source>
        <translation>Unit pertama tiba dalam {0} dtk</translation>
    </message>
    <message>
        <source>Incidents created in the period</source>
        <translation>Insiden yang dibuat dalam periode</translation>
    </message>
    <message>
        <source>Incidents dispatched within {0} s</source>
        <translation>Insiden dikerahkan dalam {0} dtk</translation>
    </message>
    <message>
        <source>Not classified (abandoned, waiting or in conversation)</source>
        <translation>Belum diklasifikasi (ditinggalkan, menunggu atau sedang bicara)</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <source>Shift report — {0}</source>
        <translation>Laporan pergantian jaga — {0}</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Standar</translation>
    </message>
    <message>
        <source>Still waiting at the end</source>
        <translation>Masih menunggu di akhir</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>What the calls were</source>
        <translation>Jenis panggilan</translation>
    </message>
    <message>
        <source>met</source>
        <translation>tercapai</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>tidak tercapai</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>tidak ada data</translation>
    </message>
    <message>
        <source>to dispatch</source>
        <translation>sampai pengerahan</translation>
    </message>
    <message>
        <source>to en route</source>
        <translation>sampai berangkat</translation>
    </message>
    <message>
        <source>to on scene</source>
        <translation>sampai tiba</translation>
    </message>
    <message>
        <source>{0} bad records left out</source>
        <translation>{0} catatan rusak tidak dihitung</translation>
    </message>
    <message>
        <source>{0} s</source>
        <translation>{0} dtk</translation>
    </message>
    <message>
        <source>{0} to {1} ({2})</source>
        <translation>{0} sampai {1} ({2})</translation>
    </message>
    <message>
        <source>… and {0} more in report.csv</source>
        <translation>… dan {0} lagi di report.csv</translation>
    </message>
</context>
</TS>
