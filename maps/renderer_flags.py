"""The Chromium switches the wall's map renderer runs with, set before Qt starts.

QtWebEngine reads extra Chromium switches from ``QTWEBENGINE_CHROMIUM_FLAGS`` when its
first profile is made. The wall needs one: ``--js-flags=--expose-gc`` gives the map page
a ``gc()`` it calls once a minute, because V8 in QtWebEngine's renderer does not collect
on its own on a page fed every second and grows for as long as it runs (QTBUG-150562;
figures in docs/operations.md). Switches the user set there are kept.
"""

from __future__ import annotations

import os

ENV = "QTWEBENGINE_CHROMIUM_FLAGS"
EXPOSE_GC = "--js-flags=--expose-gc"


def with_expose_gc(flags: str) -> str:
    """``flags`` plus the switch that gives the page ``gc()`` (unless already there)."""
    if "--expose-gc" in flags:
        return flags
    return f"{flags} {EXPOSE_GC}".strip()


def set_renderer_flags(environ: dict[str, str] | None = None) -> None:
    """Put the wall's switches into the environment (before the QApplication exists)."""
    environ = os.environ if environ is None else environ
    environ[ENV] = with_expose_gc(environ.get(ENV, ""))
