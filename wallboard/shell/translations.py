"""Interface language: Qt's own translation files, compiled from .ts at start-up.

Source strings are English; Bahasa Indonesia (the default) comes from the
resources/i18n/*_id.ts files (one per area of the program, so that work on one area
never edits another's file), compiled together into one .qm in the cache folder by
PySide6's lrelease, named by a digest of the sources' contents: two checkouts (or two
versions) sharing one cache folder each get their own catalogue, where comparing file
times let one's newer .qm hide the other's newer strings. Nothing binary is committed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

log = logging.getLogger(__name__)

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
_LOCALES = {
    "id": QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia),
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
}


def cache_dir() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "wallboard112"


def lrelease_command() -> list[str]:
    """PySide6 ships lrelease; find it next to the package or on PATH."""
    import PySide6

    bundled = Path(PySide6.__file__).parent / (
        "lrelease.exe" if sys.platform == "win32" else "lrelease"
    )
    if bundled.exists():
        return [str(bundled)]
    wrapper = shutil.which("pyside6-lrelease")
    if wrapper:
        return [wrapper]
    raise FileNotFoundError("lrelease not found: is PySide6 installed?")


def translation_sources(language: str) -> list[Path]:
    """Every .ts file for ``language`` (``*_<language>.ts``), in a stable order."""
    folder = files("resources.i18n")
    return sorted(
        Path(str(entry))
        for entry in folder.iterdir()
        if entry.name.endswith(f"_{language}.ts") and entry.is_file()
    )


def compiled_catalogue(language: str, out_dir: Path | None = None) -> Path | None:
    """The .qm for ``language``, compiled now unless these very sources were compiled."""
    sources = translation_sources(language)
    if not sources:
        return None
    out_dir = out_dir or cache_dir() / "i18n"
    out_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    for src in sources:  # a few hundred KiB at most: hashed in a millisecond or two
        digest.update(src.name.encode() + b"\0" + src.read_bytes() + b"\0")
    target = out_dir / f"wallboard_{language}_{digest.hexdigest()[:16]}.qm"
    if target.exists() and target.stat().st_size > 0:
        return target
    # written aside and renamed: a wall starting meanwhile never loads half a catalogue
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    subprocess.run(
        [*lrelease_command(), "-silent", *map(str, sources), "-qm", str(partial)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    os.replace(partial, target)
    return target


def install_language(app: QCoreApplication, language: str) -> QTranslator | None:
    """Make ``language`` the interface language; returns the translator to keep alive."""
    QLocale.setDefault(_LOCALES.get(language, _LOCALES[DEFAULT_LANGUAGE]))
    catalogue = compiled_catalogue(language)
    if catalogue is None:
        return None
    translator = QTranslator(app)
    if not translator.load(str(catalogue)):
        log.error("cannot load translations %s; the interface stays in English", catalogue)
        return None
    app.installTranslator(translator)
    return translator
