"""The takeover chime played through QtMultimedia, and never a failure without audio.

The sound is made at run time (wallboard/alerting/chime_tone.py) and fed to a
QAudioSink from memory. No audio device, no audio library, a muted wall
(``[wall] sound = false`` or ``--mute``): the chime is skipped with one log line, and
the wall carries on.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject

from wallboard.alerting.chime_tone import SAMPLE_RATE, chime_pcm

log = logging.getLogger(__name__)

MIN_GAP_S = 2.0  # several takeovers at once: one chime, not a stutter


class Chime(QObject):
    """Plays the chime on the default audio output, if there is one and it is wanted."""

    def __init__(self, enabled: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self.asked = 0  # times a chime was wanted (a takeover began), played or not
        self.plays = 0  # chimes started, for tests and the log
        self.sink = None  # the QAudioSink of the last chime
        self._buffer: QBuffer | None = None
        # made once, when the wall starts (about 0.15 s of pure Python on a loaded
        # 2-core machine): never on the GUI thread at the moment a takeover begins
        self._pcm: QByteArray | None = QByteArray(chime_pcm()) if enabled else None
        self._last = float("-inf")
        self._said: set[str] = set()

    def _once(self, reason: str) -> None:
        if reason not in self._said:
            self._said.add(reason)
            log.warning("takeover chime not played: %s", reason)

    def play(self) -> bool:
        """Start the chime; False (and the wall goes on) when muted or without audio."""
        self.asked += 1
        if not self.enabled:
            return False
        now = time.monotonic()
        if now - self._last < MIN_GAP_S:
            return False
        try:
            from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices
        except ImportError as exc:  # Qt's multimedia libraries (or libpulse) missing
            self._once(f"no audio library ({exc})")
            return False
        try:
            device = QMediaDevices.defaultAudioOutput()
            if device.isNull():
                self._once("no audio output device")
                return False
            fmt = QAudioFormat()
            fmt.setSampleRate(SAMPLE_RATE)
            fmt.setChannelCount(1)
            fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
            if not device.isFormatSupported(fmt):
                self._once(f"{device.description()} cannot play 16-bit mono")
                return False
            if self.sink is not None:
                self.sink.stop()
                self.sink.deleteLater()
            if self._pcm is None:
                self._pcm = QByteArray(chime_pcm())
            self._buffer = QBuffer(self)
            self._buffer.setData(self._pcm)
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.sink = QAudioSink(device, fmt, self)
            self.sink.start(self._buffer)
            error = self.sink.error()
            if error != type(error).NoError:  # QAudio.Error, or QtAudio.Error in newer Qt
                self._once(f"audio error {error}")
                return False
        except Exception as exc:
            self._once(f"audio failed: {exc!r}")
            return False
        self._last = now
        self.plays += 1
        log.info("takeover chime on %s", device.description())
        return True


__all__ = ["Chime"]
