"""A tiny program for tests/test_chime.py: play the takeover chime once, say what happened.

Run in a process of its own so that each test chooses its audio world (a PulseAudio
server with a null sink, or none at all) before Qt's multimedia looks for devices.
Prints one JSON line: {"played": bool, "processed_us": int} and exits 0 unless the
chime raised.
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from views.chime import Chime


def main() -> int:
    app = QApplication(sys.argv[:1])
    chime = Chime(enabled="--mute" not in sys.argv)
    played = chime.play()
    result = {"played": played, "processed_us": 0}
    ticks = 0

    def check() -> None:
        nonlocal ticks
        ticks += 1
        if chime.sink is not None:
            result["processed_us"] = chime.sink.processedUSecs()
        if not played or result["processed_us"] > 0 or ticks > 100:
            app.quit()

    timer = QTimer(interval=50)
    timer.timeout.connect(check)
    timer.start()
    app.exec()
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
