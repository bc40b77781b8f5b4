"""Reading the TOML configuration, with errors that name file, key, value and expectation."""

from __future__ import annotations

import os
import re
import sys
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import msgspec

from wallboard.config.network import NetworkSettingError, check_network
from wallboard.config.settings import (
    SIMULATOR_URL,
    BackendSettings,
    MapSettings,
    ScreenSettings,
    Settings,
)
from wallboard.kpi.targets import TargetError, target_set_from_dict
from wallboard.layout import REGION_AGENCIES, LayoutError, Page, ScreenPlan, place
from wallboard.model import IncidentCategory
from wallboard.night_schedule import NightWindowError, parse_night_window
from wallboard.video_wall import Span

APP_DIR_NAME = "wallboard112"
CONFIG_FILE_NAME = "config.toml"


class ConfigError(ValueError):
    """A configuration problem, worded for the person who edits the file."""


def default_config_path() -> Path:
    """The platform's usual place for this program's configuration file."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / APP_DIR_NAME / CONFIG_FILE_NAME


def load_settings(path: Path | None = None) -> Settings:
    """Load ``path``; with no path, the default file if it exists, else built-in defaults."""
    if path is None:
        path = default_config_path()
        if not path.is_file():
            return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return settings_from_dict(raw, source=str(path))


def settings_from_dict(raw: dict[str, Any], *, source: str) -> Settings:
    """Validate a parsed TOML document into Settings."""
    try:
        settings = msgspec.convert(raw, Settings)
    except msgspec.ValidationError as exc:
        raise ConfigError(_describe(source, raw, str(exc))) from None
    _check_semantics(settings, source)
    return settings


_PATH_RE = re.compile(r" - at `\$(?P<path>[^`]*)`$")


def _describe(source: str, raw: dict[str, Any], message: str) -> str:
    """Turn msgspec's "Expected X - at `$.a[0].b`" into "file: key a[0].b = value: X"."""
    match = _PATH_RE.search(message)
    if not match:
        return f"{source}: {message}"
    problem = message[: match.start()]
    path = match.group("path")
    key = path.lstrip(".") or "(top level)"
    found, value = _lookup(raw, path)
    if problem.startswith("Object contains unknown field"):
        field = problem.split("`")[1]
        where = f"[{key}]" if key != "(top level)" else "top level"
        return f"{source}: unknown key '{field}' in {where}"
    shown = f" = {value!r}" if found else ""
    return f"{source}: key {key}{shown}: {problem}"


def _lookup(raw: Any, path: str) -> tuple[bool, Any]:
    node = raw
    for name, index in re.findall(r"\.([^.\[]+)|\[(\d+)\]", path):
        try:
            node = node[name] if name else node[int(index)]
        except (KeyError, IndexError, TypeError):
            return False, None
    return True, node


def _check_semantics(settings: Settings, source: str) -> None:
    try:
        ZoneInfo(settings.region.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"{source}: key region.timezone = {settings.region.timezone!r}: "
            "expected an IANA time zone such as 'Asia/Makassar'"
        ) from None
    if not settings.backends:
        raise ConfigError(f"{source}: key backends: expected at least one [[backends]] table")
    for i, screen in enumerate(settings.wall.screens):
        _check_screen(screen, f"{source}: key wall.screens[{i}]")
    try:
        target_set_from_dict(settings.targets, source)
    except TargetError as exc:
        raise ConfigError(str(exc)) from None
    _check_map(settings.map, source)
    _check_night_and_takeover(settings, source)
    seen: set[str] = set()
    for i, backend in enumerate(settings.backends):
        if backend.name in seen:
            raise ConfigError(
                f"{source}: key backends[{i}].name = {backend.name!r}: names must be unique"
            )
        seen.add(backend.name)
        if backend.url != SIMULATOR_URL:
            parts = urlsplit(backend.url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ConfigError(
                    f"{source}: key backends[{i}].url = {backend.url!r}: expected an "
                    f"http(s) URL such as 'http://10.0.0.5:8112', or '{SIMULATOR_URL}'"
                )
            if parts.username or parts.password:
                raise ConfigError(
                    f"{source}: key backends[{i}].url: credentials do not belong in the "
                    "URL; put the token in an environment variable named by token_env"
                )
        for key in ("token_env", "username_env", "password_env"):
            value = getattr(backend, key)
            if value is not None and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value):
                raise ConfigError(
                    f"{source}: key backends[{i}].{key} = {value!r}: expected the NAME of an "
                    "environment variable (the secret itself never goes in the file)"
                )
        try:
            check_network(backend)
        except NetworkSettingError as exc:
            value = "" if exc.secret else f" = {getattr(backend, exc.key)!r}"
            raise ConfigError(f"{source}: key backends[{i}].{exc.key}{value}: {exc}") from None
        if backend.type == "resgrid":
            _check_resgrid(backend, f"{source}: key backends[{i}]")
        if backend.type in ("bmkg", "cap"):
            _check_hazard(backend, f"{source}: key backends[{i}]")
        else:
            _check_not_hazard(backend, f"{source}: key backends[{i}]")
    _check_region_panels(settings, source)
    check_video_wall(settings, source)


def check_video_wall(settings: Settings, source: str) -> None:
    """Spans name each display once; a wall over several PCs lists its whole layout.

    Whether the tiles fit a display's size is checked against the screens Qt reports
    (``wallboard --check-config`` on the wall's PC, and at start-up):
    wallboard.video_wall.split.
    """
    wall = settings.wall
    seen: dict[int | str, int] = {}
    for i, span in enumerate(wall.spans):
        if span.screen in seen:
            raise ConfigError(
                f"{source}: key wall.spans[{i}].screen = {span.screen!r}: "
                f"wall.spans[{seen[span.screen]}] already splits that screen"
            )
        seen[span.screen] = i
    listed = len(wall.screens)
    if wall.first_screen is not None and wall.first_screen >= max(listed, 1):
        raise ConfigError(
            f"{source}: key wall.first_screen = {wall.first_screen}: a wall over several "
            f"PCs lists every screen of its layout in [[wall.screens]] (so that every PC "
            f"lays out the same wall), and this file lists {listed}; expected a number "
            f"below {listed}, or more [[wall.screens]] tables"
        )


def _check_night_and_takeover(settings: Settings, source: str) -> None:
    if settings.wall.night:
        try:
            parse_night_window(settings.wall.night)
        except NightWindowError as exc:
            raise ConfigError(
                f"{source}: key wall.night = {settings.wall.night!r}: {exc}"
            ) from None
    known = [c.value for c in IncidentCategory]
    for i, category in enumerate(settings.takeover.categories):
        if category not in known:
            raise ConfigError(
                f"{source}: key takeover.categories[{i}] = {category!r}: expected one of "
                + ", ".join(known)
            )


def _check_region_panels(settings: Settings, source: str) -> None:
    """A layout's "agencies:<name>" must name a configured backend."""
    names = [b.name for b in settings.backends]
    for i, screen in enumerate(settings.wall.screens):
        for grid in (screen.grid,) if screen.grid else screen.pages:
            for panel in (p for row in grid for p in row if p.startswith(REGION_AGENCIES)):
                if panel[len(REGION_AGENCIES) :] not in names:
                    known = ", ".join(f"{REGION_AGENCIES}{n}" for n in names)
                    raise ConfigError(
                        f"{source}: key wall.screens[{i}]: panel {panel!r} names no "
                        f"configured backend; expected one of {known}"
                    )


# public hazard feeds are shared by a whole country: at most one poll a minute
HAZARD_MIN_INTERVAL_S = 60.0


def _check_hazard(backend: BackendSettings, where: str) -> None:
    if backend.url == SIMULATOR_URL:
        raise ConfigError(
            f"{where}.url: a type = '{backend.type}' backend needs its feed's URL, such as "
            "'https://data.bmkg.go.id/DataMKG/TEWS/' or a CAP list's RSS/Atom URL"
        )
    if backend.poll_seconds < HAZARD_MIN_INTERVAL_S:
        raise ConfigError(
            f"{where}.poll_interval = {backend.poll_seconds:g}: a public hazard feed "
            f"(type = '{backend.type}') is polled at most once a minute; expected "
            f"{HAZARD_MIN_INTERVAL_S:g} or more, such as 300"
        )
    _check_quake_radii(backend, where)


_HAZARD_ONLY = ("quake_radius_km", "alert_radius_km", "no_expiry_hours")


def _check_not_hazard(backend: BackendSettings, where: str) -> None:
    defaults = BackendSettings(name=backend.name)
    for key in _HAZARD_ONLY:
        if getattr(backend, key) != getattr(defaults, key):
            raise ConfigError(
                f"{where}.{key}: only a public hazard feed (type = 'bmkg' or 'cap') "
                f"has it, and this backend is type = '{backend.type}'"
            )


def _check_quake_radii(backend: BackendSettings, where: str) -> None:
    rows = backend.quake_radius_km
    if rows is None:
        return
    if backend.type != "bmkg":
        raise ConfigError(f"{where}.quake_radius_km: only a type = 'bmkg' backend has quakes")
    magnitudes = [m for m, _km in rows]
    if not rows or magnitudes != sorted(set(magnitudes)) or magnitudes[0] != 0:
        raise ConfigError(
            f"{where}.quake_radius_km = {[list(r) for r in rows]!r}: expected rows of "
            "[from magnitude, km] starting at magnitude 0, magnitudes rising, such as "
            "[[0, 150], [5, 300], [6, 600], [7, 1200]]"
        )


def _check_resgrid(backend: BackendSettings, where: str) -> None:
    if backend.url == SIMULATOR_URL:
        raise ConfigError(
            f"{where}.url: a Resgrid backend needs its API's base URL, such as "
            "'https://api.resgrid.com'"
        )
    missing = [k for k in ("username_env", "password_env") if getattr(backend, k) is None]
    if missing:
        raise ConfigError(
            f"{where}: type = 'resgrid' needs {' and '.join(missing)}: the names of the "
            "environment variables holding the Resgrid login"
        )


def wall_spans(settings: Settings) -> tuple[Span, ...]:
    """The configured spanned displays, for wallboard.video_wall's arithmetic."""
    return tuple(Span(s.screen, s.tiles, s.bezel_px) for s in settings.wall.spans)


def screen_plans(settings: Settings) -> tuple[ScreenPlan, ...]:
    """The configured layout of each screen, as the wall draws it."""
    plans = []
    for screen in settings.wall.screens:
        grids = (screen.grid,) if screen.grid else screen.pages
        plans.append(ScreenPlan(tuple(Page(g) for g in grids), screen.rotate_seconds))
    return tuple(plans)


def _check_screen(screen: ScreenSettings, where: str) -> None:
    if (screen.grid is None) == (not screen.pages):
        raise ConfigError(f"{where}: expected either grid = [[...]] or pages = [[[...]]]")
    for grid in (screen.grid,) if screen.grid else screen.pages:
        try:
            place(grid)
        except LayoutError as exc:
            raise ConfigError(f"{where}: {exc}") from None


MBTILES_PREFIX = "mbtiles:"


def _check_map(map_settings: MapSettings, source: str) -> None:
    tiles = map_settings.tiles
    where = f"{source}: key map.tiles = {tiles!r}"
    if tiles in ("none", "osm"):
        return
    if tiles.startswith(MBTILES_PREFIX):
        path = Path(tiles[len(MBTILES_PREFIX) :]).expanduser()
        if not path.is_file():
            raise ConfigError(f"{where}: no such file; expected 'mbtiles:/path/file.mbtiles'")
        return
    parts = urlsplit(tiles)
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or not all(f"{{{k}}}" in tiles for k in "zxy")
    ):
        raise ConfigError(
            f"{where}: expected 'none', 'osm', an http(s) URL with {{z}}, {{x}} and {{y}} "
            "(such as 'https://tiles.example.id/{z}/{x}/{y}.png') or "
            "'mbtiles:/path/file.mbtiles'"
        )


def backend_token(token_env: str | None, environ: dict[str, str] | None = None) -> str | None:
    """The bearer token for a backend, read from the environment variable it names."""
    if not token_env:
        return None
    env = os.environ if environ is None else environ
    return env.get(token_env) or None
