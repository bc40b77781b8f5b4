"""Redaction: personal data removed from records before a public-facing screen sees them.

Pure Python, no Qt. ``records`` turns one record into its redacted copy; ``RedactedStore``
is the store as such a screen reads it.
"""

from wallboard.redaction.grid import DEFAULT_GRID_METRES, snap
from wallboard.redaction.records import (
    FIELD_RULES,
    Rule,
    redact_call,
    redact_incident,
    redact_location,
    redact_queue,
    redact_unit,
)
from wallboard.redaction.redacted_store import RedactedStore

__all__ = [
    "DEFAULT_GRID_METRES",
    "FIELD_RULES",
    "RedactedStore",
    "Rule",
    "redact_call",
    "redact_incident",
    "redact_location",
    "redact_queue",
    "redact_unit",
    "snap",
]
