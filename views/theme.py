"""Themes: the stylesheets with their @tokens filled in, and token colours for code.

``base.qss`` then ``<name>.qss`` from resources/themes, tokens from tokens.toml (colours
per theme) and views/fonts.py (sizes). A token missing from a theme is an error naming
the file and the token, not a silently unstyled wall.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from types import MappingProxyType

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from views.fonts import SIZES

THEMES = ("dark", "light", "night")
DEFAULT_THEME = "dark"
_PALETTE = {
    QPalette.ColorRole.Window: "background",
    QPalette.ColorRole.WindowText: "text",
    QPalette.ColorRole.Base: "surface",
    QPalette.ColorRole.Text: "text",
}
_TOKEN = re.compile(r"@([a-z][a-z0-9_]*)")


class ThemeError(ValueError):
    """A theme name, token file or stylesheet that cannot be used."""


@dataclass(frozen=True)
class Theme:
    """One theme: its name, its tokens and the finished stylesheet."""

    name: str
    tokens: Mapping[str, str]
    stylesheet: str

    def color(self, token: str) -> QColor:
        """The colour of ``token`` (e.g. "stale"), for what code draws itself (charts)."""
        return QColor(self.tokens[token])


def _read(name: str) -> str:
    return files("resources.themes").joinpath(name).read_text(encoding="utf-8")


def substitute(qss: str, tokens: Mapping[str, str], source: str) -> str:
    """Replace every @token in ``qss``; an unknown token raises ThemeError naming it."""

    def value(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in tokens:
            raise ThemeError(f"{source}: unknown token @{key}")
        return tokens[key]

    return _TOKEN.sub(value, qss)


def load_theme(name: str = DEFAULT_THEME) -> Theme:
    """Build theme ``name`` ("dark", "light" or "night") from the packaged resources."""
    if name not in THEMES:
        raise ThemeError(f"unknown theme {name!r}: expected one of {', '.join(THEMES)}")
    table = tomllib.loads(_read("tokens.toml")).get(name)
    if not isinstance(table, dict):
        raise ThemeError(f"tokens.toml: no [{name}] table")
    tokens: dict[str, str] = {k: f"{v}px" for k, v in SIZES.items()}
    for key, colour in table.items():
        if not isinstance(colour, str) or not QColor.isValidColorName(colour):
            raise ThemeError(f"tokens.toml: [{name}] {key} = {colour!r} is not a colour")
        tokens[key] = colour
    sheets = [substitute(_read(f), tokens, f) for f in ("base.qss", f"{name}.qss")]
    return Theme(name, MappingProxyType(tokens), "\n".join(sheets))


def apply_theme(target: QApplication | QWidget, theme: Theme) -> None:
    """Style the whole application (the wall) or one widget tree (tests, previews).

    The palette gets the theme's window colours too: widgets are transparent in the
    stylesheet, so whatever window holds them shows the theme's background.
    """
    palette = QPalette(target.palette())
    for role, token in _PALETTE.items():
        palette.setColor(role, theme.color(token))
    target.setPalette(palette)
    if isinstance(target, QWidget):
        target.setAutoFillBackground(True)
    target.setStyleSheet(theme.stylesheet)


def style_state(widget: QObject, name: str) -> str | None:
    """The value of a dynamic property set by ``set_style_state``; None if never set.

    Never ask Qt for a property that is not set: PySide6 6.12's ``QObject.property``
    returns None for it without a reference, so each such call takes one from None and,
    some tens of thousands of calls later (a wall that ticks every second), the process
    aborts with "none_dealloc: deallocating None".
    """
    if name.encode() not in {bytes(n) for n in widget.dynamicPropertyNames()}:
        return None
    return widget.property(name)


def set_style_state(widget: QWidget, name: str, value: str | bool) -> None:
    """Set a property the stylesheet selects on (level, link, stale) and restyle now.

    Qt does not re-evaluate property selectors by itself when a property changes.
    """
    text = ("true" if value else "false") if isinstance(value, bool) else value
    # what this function set last, kept on the Python object: asking Qt (style_state)
    # costs a list of every dynamic property, and chips are set many times a second
    known = widget.__dict__.setdefault("_wb_style_states", {})
    if known.get(name) == text or (name not in known and style_state(widget, name) == text):
        known[name] = text
        return
    known[name] = text
    widget.setProperty(name, text)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


__all__ = [
    "DEFAULT_THEME",
    "THEMES",
    "Theme",
    "ThemeError",
    "apply_theme",
    "load_theme",
    "set_style_state",
    "style_state",
    "substitute",
]
