<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>SourceQuality</name>
    <message>
        <source>answered or abandoned before the offer (clock skew): counted as 0 s</source>
        <translation>dijawab atau ditinggalkan sebelum panggilan masuk (selisih jam): dihitung 0 dtk</translation>
    </message>
    <message>
        <source>both answered and abandoned: counted as answered</source>
        <translation>dijawab sekaligus ditinggalkan: dihitung dijawab</translation>
    </message>
    <message>
        <source>ended before the answer (clock skew): talk time 0 s</source>
        <translation>berakhir sebelum dijawab (selisih jam): waktu bicara 0 dtk</translation>
    </message>
    <message>
        <source>incident step before the one it follows (clock skew): 0 s</source>
        <translation>tahap insiden sebelum tahap sebelumnya (selisih jam): 0 dtk</translation>
    </message>
    <message>
        <source>a required field missing or of the wrong type</source>
        <translation>kolom wajib tidak ada atau jenisnya salah</translation>
    </message>
    <message>
        <source>an impossible value (position 0, 0; a call over a day)</source>
        <translation>nilai mustahil (posisi 0, 0; panggilan lebih dari sehari)</translation>
    </message>
    <message>
        <source>a time in the future</source>
        <translation>waktu di masa depan</translation>
    </message>
    <message>
        <source>a step more than {0} min before the one it follows</source>
        <translation>tahap lebih dari {0} mnt sebelum tahap sebelumnya</translation>
    </message>
    <message>
        <source>{0} repaired</source>
        <translation>{0} diperbaiki</translation>
    </message>
    <message>
        <source>{0} dropped</source>
        <translation>{0} dibuang</translation>
    </message>
    <message>
        <source>feed clock {0}</source>
        <translation>jam server {0}</translation>
    </message>
    <message>
        <source>Repaired today (kept, the KPI rule applied):</source>
        <translation>Diperbaiki hari ini (tetap dihitung, aturan KPI diterapkan):</translation>
    </message>
    <message>
        <source>Dropped today (unusable, left out):</source>
        <translation>Dibuang hari ini (tidak dapat dipakai, tidak dihitung):</translation>
    </message>
    <message>
        <source>The backend's clock is {0} off ours; please check its time server</source>
        <translation>Jam backend selisih {0} dari jam kita; periksa server waktunya (NTP)</translation>
    </message>
</context>
<context>
    <name>ShiftReport</name>
    <message>
        <source>{0} records repaired</source>
        <translation>{0} catatan diperbaiki</translation>
    </message>
</context>
</TS>
