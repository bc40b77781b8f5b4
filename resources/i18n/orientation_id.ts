<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>Caption</name>
    <message>
        <source>Top strip: the region, its local time (WITA) and whether every data source is current. Amber or red means the figures below are late, and the panels concerned say so.</source>
        <translation>Strip atas: wilayah, waktu setempat (WITA) dan apakah setiap sumber data mutakhir. Kuning atau merah berarti angka di bawahnya terlambat, dan panel yang terdampak menyatakannya.</translation>
    </message>
    <message>
        <source>Calls to 112, now and since midnight. Service level is the share of calls answered within 15 s: the standard (NENA STA-020.1-2020) is 90 % within 15 s, and NFPA 1225 asks for 90 % of alarms to be processed within 60 s.</source>
        <translation>Panggilan ke 112, saat ini dan sejak tengah malam. Tingkat layanan adalah bagian panggilan yang dijawab dalam 15 detik: standarnya (NENA STA-020.1-2020) 90% dalam 15 detik, dan NFPA 1225 meminta 90% alarm diproses dalam 60 detik.</translation>
    </message>
    <message>
        <source>Where incidents and units are now. Incidents: shape and letter give the kind, colour the priority (red P1 critical, orange P2, yellow P3, grey P4), a white ring means nobody is assigned yet. Units: fill colour is the agency, ring colour the status (green available, yellow on the way, red on scene).</source>
        <translation>Di mana insiden dan unit berada saat ini. Insiden: bentuk dan huruf menunjukkan jenisnya, warna menunjukkan prioritas (merah P1 kritis, oranye P2, kuning P3, abu-abu P4), cincin putih berarti belum ada yang ditugaskan. Unit: warna isi menunjukkan instansi, warna cincin menunjukkan status (hijau siaga, kuning menuju lokasi, merah di lokasi).</translation>
    </message>
    <message>
        <source>The services the centre dispatches to: their link to the centre (online, degraded, offline), the open incidents they work on, and their units by status. Available units are what the city has left for the next call.</source>
        <translation>Instansi yang ditugaskan oleh pusat: koneksinya ke pusat (terhubung, terganggu, terputus), insiden aktif yang sedang ditanganinya, dan unitnya menurut status. Unit siaga adalah kekuatan kota yang tersisa untuk panggilan berikutnya.</translation>
    </message>
    <message>
        <source>Open incidents, most urgent first (P1 critical to P4 low), then the oldest. Age runs from the first report. Callers' names, phone numbers and exact addresses are never shown in orientation mode.</source>
        <translation>Insiden aktif, yang paling mendesak lebih dulu (P1 kritis sampai P4 rendah), lalu yang paling lama. Umur dihitung sejak laporan pertama. Nama, nomor telepon dan alamat persis pelapor tidak pernah ditampilkan dalam mode orientasi.</translation>
    </message>
    <message>
        <source>Today since midnight at a glance: calls and how fast they were answered, the incidents by kind, and the volunteer communities that answer calls for help alongside the official services.</source>
        <translation>Hari ini sejak tengah malam, sekilas: panggilan dan seberapa cepat dijawab, insiden menurut jenis, dan komunitas relawan yang ikut menjawab permintaan tolong bersama layanan resmi.</translation>
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
