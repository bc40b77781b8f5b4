<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>Caption</name>
    <message>
        <source>Region, local time (WITA) and the state of every data source: amber or red means figures are late, and the panel concerned says so.</source>
        <translation>Wilayah, waktu setempat (WITA) dan keadaan setiap sumber data: kuning atau merah berarti angka terlambat, dan panel yang terdampak menyatakannya.</translation>
    </message>
    <message>
        <source>Calls to 112 now and today. Service level: the share answered within 15 s; standard 90 % (NENA STA-020.1-2020). NFPA 1225: 90 % of alarms processed within 60 s.</source>
        <translation>Panggilan ke 112 saat ini dan hari ini. Tingkat layanan: bagian yang dijawab dalam 15 detik; standarnya 90% (NENA STA-020.1-2020). NFPA 1225: 90% alarm diproses dalam 60 detik.</translation>
    </message>
    <message>
        <source>Incidents by kind (shape, letter) and priority (colour: red P1 to grey P4); white ring: nobody sent yet. Units: agency colour, ring = status.</source>
        <translation>Insiden menurut jenis (bentuk, huruf) dan prioritas (warna: merah P1 sampai abu-abu P4); cincin putih: belum ada yang dikirim. Unit: warna instansi, cincin = status.</translation>
    </message>
    <message>
        <source>The services the centre dispatches: link to the centre, open incidents, units by status. Available units are what is left for the next call.</source>
        <translation>Instansi yang ditugaskan pusat: koneksi ke pusat, insiden aktif, unit menurut status. Unit siaga adalah kekuatan yang tersisa untuk panggilan berikutnya.</translation>
    </message>
    <message>
        <source>Open incidents, most urgent first, then the oldest. Callers' names, numbers and exact addresses are never shown here.</source>
        <translation>Insiden aktif, yang paling mendesak lebih dulu, lalu yang paling lama. Nama, nomor dan alamat persis pelapor tidak pernah ditampilkan di sini.</translation>
    </message>
    <message>
        <source>Today since midnight: calls and how fast they were answered, incidents by kind, and the volunteer communities working alongside the official services.</source>
        <translation>Hari ini sejak tengah malam: panggilan dan seberapa cepat dijawab, insiden menurut jenis, dan komunitas relawan yang bekerja bersama layanan resmi.</translation>
    </message>
    <message>
        <source>Every region&apos;s figures of today side by side, judged by the same targets: ✔ met, ✘ missed. A region whose data stopped is marked DOWN and keeps its last figures, greyed.</source>
        <translation>Angka hari ini setiap wilayah berdampingan, diukur dengan target yang sama: ✔ tercapai, ✘ tidak tercapai. Wilayah yang datanya terhenti ditandai PUTUS dan angka terakhirnya tetap tampil, diredupkan.</translation>
    </message>
    <message>
        <source>Public hazard alerts from outside the centre: earthquakes from BMKG (magnitude, place, depth, whether felt) and official warnings in CAP format, each with its source.</source>
        <translation>Peringatan bahaya publik dari luar pusat panggilan: gempa bumi dari BMKG (magnitudo, lokasi, kedalaman, dirasakan atau tidak) dan peringatan resmi berformat CAP, masing-masing dengan sumbernya.</translation>
    </message>
    <message>
        <source>Every unit by agency: its status, the incident it serves and how long it has been in that status. ▲ amber, then ▲▲ red: longer than the centre's limit for that status.</source>
        <translation>Setiap unit per instansi: statusnya, insiden yang ditanganinya, dan berapa lama ia dalam status itu. ▲ kuning, lalu ▲▲ merah: lebih lama dari batas pusat untuk status itu.</translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <source>Today at a glance</source>
        <translation>Hari ini sekilas</translation>
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
        <source>Incidents today</source>
        <translation>Insiden hari ini</translation>
    </message>
    <message>
        <source>Open now</source>
        <translation>Aktif saat ini</translation>
    </message>
    <message>
        <source>Units available</source>
        <translation>Unit siaga</translation>
    </message>
    <message>
        <source>Volunteer units</source>
        <translation>Unit relawan</translation>
    </message>
    <message>
        <source>Volunteer units at work now</source>
        <translation>Unit relawan sedang bertugas</translation>
    </message>
    <message>
        <source>Incidents with volunteers today</source>
        <translation>Insiden dengan relawan hari ini</translation>
    </message>
    <message>
        <source>Calls today</source>
        <translation>Panggilan hari ini</translation>
    </message>
    <message>
        <source>Incidents and units</source>
        <translation>Insiden dan unit</translation>
    </message>
    <message>
        <source>Volunteer communities</source>
        <translation>Komunitas relawan</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} dari {1}</translation>
    </message>
    <message>
        <source>Answered within {0} s</source>
        <translation>Dijawab dalam {0} dtk</translation>
    </message>
    <message>
        <source>✔ target {0} met</source>
        <translation>✔ target {0} tercapai</translation>
    </message>
    <message>
        <source>✖ below the target of {0}</source>
        <translation>✖ di bawah target {0}</translation>
    </message>
    <message>
        <source>Dispatched within {0} s</source>
        <translation>Ditugaskan dalam {0} dtk</translation>
    </message>
    <message>
        <source>target {0}; {1}</source>
        <translation>target {0}; {1}</translation>
    </message>
    <message>
        <source>no calls yet</source>
        <translation>belum ada panggilan</translation>
    </message>
    <message>
        <source>no incidents yet</source>
        <translation>belum ada insiden</translation>
    </message>
    <message>
        <source>others {0}</source>
        <translation>lainnya {0}</translation>
    </message>
</context>
</TS>
