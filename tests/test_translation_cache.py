"""The compiled catalogue belongs to the .ts sources it was compiled from.

Several checkouts share one cache folder (a test machine, a centre upgrading its wall):
a catalogue compiled from other sources, however recent, must never be loaded.
"""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QTranslator

from wallboard.shell.translations import compiled_catalogue


def test_a_newer_catalogue_of_other_sources_is_not_taken_for_ours(tmp_path):
    # what the cache held before: a catalogue under the old fixed name, newer than any .ts
    stale = tmp_path / "wallboard_id.qm"
    stale.write_bytes(b"not ours")
    future = time.time() + 3600
    os.utime(stale, (future, future))
    ours = compiled_catalogue("id", tmp_path)
    assert ours is not None and ours != stale
    translator = QTranslator()
    assert translator.load(str(ours))
    assert translator.translate("SourceQuality", "{0} repaired") == "{0} diperbaiki"
    # the same sources again: the same file, not compiled twice
    mtime = ours.stat().st_mtime_ns
    assert compiled_catalogue("id", tmp_path) == ours
    assert ours.stat().st_mtime_ns == mtime
    assert not list(tmp_path.glob("*.part"))
