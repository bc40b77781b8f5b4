"""The takeover chime, made at run time: two bell-like notes as 16-bit mono PCM.

Pure Python (no Qt, no file shipped): a falling major third (E6 then C6), each note
a sine with a soft attack and an exponential decay, so it is heard across a room
without the harshness of a buzzer.
"""

from __future__ import annotations

import math
from array import array

SAMPLE_RATE = 22_050
_NOTES = ((1318.5, 0.0), (1046.5, 0.35))  # (Hz, start s): E6 then C6
_LENGTH_S = 1.4
_ATTACK_S = 0.01
_DECAY_PER_S = 4.0
_PEAK = 0.45  # of full scale: loud enough, and two notes overlapping never clip


def chime_samples(sample_rate: int = SAMPLE_RATE) -> array:
    """The chime as signed 16-bit samples (array 'h'), mono, at ``sample_rate``."""
    count = int(_LENGTH_S * sample_rate)
    out = array("h", bytes(2 * count))
    for n in range(count):
        t = n / sample_rate
        value = 0.0
        for freq, start in _NOTES:
            local = t - start
            if local < 0:
                continue
            envelope = min(1.0, local / _ATTACK_S) * math.exp(-_DECAY_PER_S * local)
            # a quieter octave above gives the note a bell's brightness
            value += envelope * (
                math.sin(2 * math.pi * freq * local) + 0.3 * math.sin(4 * math.pi * freq * local)
            )
        out[n] = int(max(-1.0, min(1.0, value * _PEAK / 1.3)) * 32767)
    return out


def chime_pcm(sample_rate: int = SAMPLE_RATE) -> bytes:
    """The chime as little-endian 16-bit PCM bytes, what an audio sink is fed."""
    samples = chime_samples(sample_rate)
    if samples.itemsize != 2:  # pragma: no cover - 'h' is 2 bytes on every platform Qt runs
        raise RuntimeError("16-bit samples expected")
    import sys

    if sys.byteorder != "little":  # pragma: no cover
        samples.byteswap()
    return samples.tobytes()


__all__ = ["SAMPLE_RATE", "chime_pcm", "chime_samples"]
