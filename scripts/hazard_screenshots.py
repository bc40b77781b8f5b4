"""Screenshots of the hazard layer as a Samarinda wall shows it, in both languages.

Serves BMKG-shaped quake files and a CAP list on loopback (tests/hazard_server.py and
tests/cap_documents.py: the shapes the tests use, times relative to now), writes a wall
configuration with the embedded simulator, the two hazard feeds and a screen of map and
alerts panel, and runs the real ``main.py --screenshot`` once per language:

    .venv/bin/python scripts/hazard_screenshots.py OUT_DIR

writes OUT_DIR/id/screen-1.png and OUT_DIR/en/screen-1.png. A national list on purpose:
one quake near Samarinda, one felt in Palaran from across the strait, three far away
(left off, counted in the panel's footer); a flood warning naming a kecamatan only by
its area code (listed, "no shape on the map") and BMKG's nowcast for three kecamatan.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from cap_documents import bmkg_nowcast, geocode_only_samarinda  # noqa: E402
from hazard_server import HazardServer, quake, rss_list  # noqa: E402

TEWS = "/DataMKG/TEWS"


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def serve(server: HazardServer, now: datetime) -> None:
    near = quake(_iso(now - timedelta(minutes=40)), "-0.66,117.36", "5.4",
                 "Pusat gempa berada di darat 22 km Tenggara Kota Samarinda", depth="12 km",
                 felt="III Samarinda, II Bontang",
                 potential="Tidak berpotensi tsunami")  # fmt: skip
    felt = quake(_iso(now - timedelta(hours=2)), "-0.20,120.10", "4.8",
                 "Pusat gempa berada di laut Selat Makassar", felt="II Palaran")  # fmt: skip
    far = [
        quake(_iso(now - timedelta(hours=1)), "-1.38,119.97", "4.1",
              "Pusat gempa berada di darat 12 km BaratDaya Sigi", felt="II Sigi"),
        quake(_iso(now - timedelta(hours=5)), "-7.50,131.20", "6.7",
              "Pusat gempa berada di laut 120 km BaratLaut Kep. Tanimbar"),
        quake(_iso(now - timedelta(hours=7)), "-8.60,120.40", "4.6",
              "Pusat gempa berada di laut 30 km Selatan Manggarai", felt="II Ruteng"),
    ]  # fmt: skip
    server.serve(f"{TEWS}/autogempa.json", json.dumps({"Infogempa": {"gempa": near}}))
    server.serve(f"{TEWS}/gempaterkini.json", json.dumps({"Infogempa": {"gempa": [near, *far]}}))
    server.serve(f"{TEWS}/gempadirasakan.json", json.dumps({"Infogempa": {"gempa": [felt, *far]}}))
    sent = (now - timedelta(hours=1)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    until = (now + timedelta(hours=3)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    nowcast = bmkg_nowcast(expires=until).replace("2026-11-30T09:00:00+08:00", sent)
    flood = geocode_only_samarinda("64.72.05").replace("2026-11-30T09:00:00+08:00", sent)
    flood = flood.replace("2026-11-30T18:00:00+08:00", until)
    flood = flood.replace("Kota Samarinda", "Kecamatan Palaran")
    server.serve("/cap/nowcast.xml", nowcast, "application/cap+xml")
    server.serve("/cap/flood.xml", flood, "application/cap+xml")
    stamp = now.strftime("%a, %d %b %Y %H:%M:%S +0000")
    server.serve("/rss.xml", rss_list([("/cap/nowcast.xml", stamp), ("/cap/flood.xml", stamp)]))


def config(server: HazardServer, language: str) -> str:
    return f"""
[wall]
language = "{language}"
[[wall.screens]]
grid = [["map", "alerts"]]

[map]
tiles = "none"

[[backends]]
name = "samarinda"

[[backends]]
name = "bmkg"
type = "bmkg"
url = "{server.url}{TEWS}"

[[backends]]
name = "peringatan"
type = "cap"
url = "{server.url}/rss.xml"
"""


def main(out: Path) -> int:
    with HazardServer() as server:
        serve(server, datetime.now(UTC))
        for language in ("id", "en"):
            target = out / language
            target.mkdir(parents=True, exist_ok=True)
            path = target / "wall.toml"
            path.write_text(config(server, language), encoding="utf-8")
            done = subprocess.run(
                [sys.executable, str(ROOT / "main.py"), "--config", str(path),
                 "--screenshot", str(target), "--screenshot-timeout", "120"],
                check=False,
            )  # fmt: skip
            if done.returncode != 0:
                return done.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "hazard-screenshots")))
