"""Which screens of the wall are public-facing, so that their panels read redacted data."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from wallboard.config import Settings
from wallboard.layout import ScreenPlan

ScreenRule = Callable[[ScreenPlan], bool]


def never(_plan: ScreenPlan) -> bool:
    return False


def redacted_screens(settings: Settings, configured: Sequence[ScreenPlan]) -> ScreenRule:
    """Whether a screen's plan is to be redacted.

    Every screen in orientation mode or with ``wall.redact``; otherwise the screens whose
    ``[[wall.screens]]`` entry says ``redact = true``. ``configured`` must be the very
    plans the wall is given (``screen_plans(settings)``): a plan is matched by identity,
    so two screens with the same layout but different ``redact`` stay apart.
    """
    wall = settings.wall
    if wall.orientation or wall.redact:
        return lambda _plan: True
    chosen = [plan for plan, screen in zip(configured, wall.screens, strict=False) if screen.redact]
    if not chosen:
        return never
    return lambda plan: any(plan is p for p in chosen)


__all__ = ["ScreenRule", "never", "redacted_screens"]
