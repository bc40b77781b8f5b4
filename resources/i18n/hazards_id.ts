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
    <message>
        <source>North</source>
        <translation>Utara</translation>
    </message>
    <message>
        <source>Northeast</source>
        <translation>Timur Laut</translation>
    </message>
    <message>
        <source>East</source>
        <translation>Timur</translation>
    </message>
    <message>
        <source>Southeast</source>
        <translation>Tenggara</translation>
    </message>
    <message>
        <source>South</source>
        <translation>Selatan</translation>
    </message>
    <message>
        <source>Southwest</source>
        <translation>Barat Daya</translation>
    </message>
    <message>
        <source>West</source>
        <translation>Barat</translation>
    </message>
    <message>
        <source>Northwest</source>
        <translation>Barat Laut</translation>
    </message>
    <message>
        <source>in the region</source>
        <translation>di wilayah ini</translation>
    </message>
    <message>
        <source>{0} km away</source>
        <translation>{0} km dari wilayah</translation>
    </message>
    <message>
        <source>{0} km {1}</source>
        <translation>{0} km {1}</translation>
    </message>
    <message>
        <source>Far from the region, not shown: {0}</source>
        <translation>Jauh dari wilayah, tidak ditampilkan: {0}</translation>
    </message>
    <message>
        <source>no shape on the map</source>
        <translation>tanpa bentuk di peta</translation>
    </message>
</context>
</TS>
