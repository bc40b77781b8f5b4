"""Recording what the wall's store applied, and replaying a recording as a backend.

``Recorder`` (connected to ``Poller.applied``) writes every applied page of every
source to a file of JSON lines; ``start_replay`` serves a recording as native feed v1
backends on loopback, one per recorded backend, at any speed.
"""

from wallboard.recording.format import Recording, RecordingError, read_recording
from wallboard.recording.recorder import Recorder
from wallboard.recording.replay_server import ReplayServer, start_replay

__all__ = [
    "Recorder",
    "Recording",
    "RecordingError",
    "ReplayServer",
    "read_recording",
    "start_replay",
]
