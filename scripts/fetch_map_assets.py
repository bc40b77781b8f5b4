"""Install Leaflet 1.9.4 from npm into maps/vendor/ (git-ignored), optionally.

Leaflet also comes with the Python dependencies (a PyPI package that ships Leaflet
1.9.4's files), so the map works with Python alone; this puts the exact npm copy first.
The page needs no plugin (its clustering and heat-map are its own). Idempotent: does
nothing when the pinned version is already there. Needs npm.

    python scripts/fetch_map_assets.py
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

VENDOR = Path(__file__).resolve().parent.parent / "maps" / "vendor"
PINNED = {"leaflet": "1.9.4"}


def installed_version(name: str, vendor: Path = VENDOR) -> str | None:
    """The version of ``name`` under vendor/node_modules, or None when absent."""
    manifest = vendor / "node_modules" / name / "package.json"
    try:
        return json.loads(manifest.read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError):
        return None


def main() -> int:
    missing = [n for n, v in PINNED.items() if installed_version(n) != v]
    if not missing:
        print(f"map assets: already in {VENDOR}")
        return 0
    npm = shutil.which("npm")
    if npm is None:
        print("map assets: npm not found; the map works with the Leaflet that the Python")
        print("dependencies ship.")
        return 1
    VENDOR.mkdir(parents=True, exist_ok=True)
    specs = [f"{n}@{v}" for n, v in PINNED.items()]
    cmd = [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(VENDOR)]
    print("map assets:", " ".join(cmd + specs))
    subprocess.run([*cmd, *specs], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
