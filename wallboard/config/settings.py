"""The typed settings object: everything a wall is told by its configuration file."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec

PositiveSeconds = Annotated[float, msgspec.Meta(gt=0, le=3600)]
Magnitude = Annotated[float, msgspec.Meta(ge=0, le=10)]
RadiusKm = Annotated[float, msgspec.Meta(gt=0, le=20_000)]
SIMULATOR_URL = "simulator"
PROXY_FROM_ENV = "env"  # proxy = "env": the environment's *_PROXY variables
POLL_DEFAULT_S = 2.0
HAZARD_POLL_DEFAULT_S = 60.0  # public feeds shared by a whole country: once a minute at most


class BackendSettings(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, frozen=True):
    """One dispatch backend (one region) the wall polls.

    ``url`` is an http(s) base URL, or ``"simulator"`` for the embedded simulator.
    The token is never written in the file: ``token_env`` names the environment
    variable that holds it.
    """

    name: Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9][a-z0-9_-]{0,31}$")]
    url: str = SIMULATOR_URL
    # seconds between polls; unset: 2 s, or 60 s for a public hazard feed (its floor)
    poll_interval: PositiveSeconds | None = None
    timeout: PositiveSeconds = 5.0
    token_env: str | None = None
    scenario: str = "samarinda"
    # what the backend speaks: "native" (feed v1) or "resgrid" (a Resgrid v4 API), or a
    # public hazard feed: "bmkg" (BMKG's quake JSON) or "cap" (an RSS/Atom list of CAP 1.2)
    type: Literal["native", "resgrid", "bmkg", "cap"] = "native"
    # a Resgrid login: the NAMES of the environment variables holding user and password
    username_env: str | None = None
    password_env: str | None = None
    # a backend with no region endpoint (Resgrid): the region it serves, for the map's
    # extent and the local day; a built-in name (samarinda, paser) or a scenario .toml
    region: str | None = None
    # how the centre's network reaches the backend: unset, directly (even when the
    # environment names a proxy); "http://host:port", through that HTTP proxy (HTTPS in a
    # CONNECT tunnel); or "env", through the proxy HTTPS_PROXY / HTTP_PROXY names (NO_PROXY
    # honoured)
    proxy: str | None = None
    # a PEM file of the CA(s) that sign the backend's certificate (a centre's internal CA):
    # then the only CAs trusted for it; unset: the public CA list the wall ships with (not
    # the operating system's store). Verification is never off.
    ca_file: str | None = None
    # public hazard feeds (bmkg, cap): which alerts matter to the region (``region`` if
    # set, else ``scenario``): a quake felt there or within the radius of its magnitude,
    # rows of [from magnitude, km] (default 150 km below M5, 300 below M6, 600 below M7,
    # 1,200 from M7); a CAP area touching the region or within ``alert_radius_km``
    quake_radius_km: tuple[tuple[Magnitude, RadiusKm], ...] | None = None
    alert_radius_km: RadiusKm = 150.0
    # hours a CAP alert without <expires> stays on the wall
    no_expiry_hours: Annotated[float, msgspec.Meta(gt=0, le=24 * 30)] = 24.0

    @property
    def poll_seconds(self) -> float:
        """The poll interval: the configured one, else the default for the type."""
        if self.poll_interval is not None:
            return self.poll_interval
        return HAZARD_POLL_DEFAULT_S if self.type in ("bmkg", "cap") else POLL_DEFAULT_S


class SimulatorSettings(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, frozen=True):
    """How the embedded simulator runs when a backend's url is ``"simulator"``."""

    seed: int = 112
    speed: Annotated[float, msgspec.Meta(gt=0, le=10_000)] = 1.0


class RegionSettings(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, frozen=True):
    """The region the wall belongs to: its name on screen and its local time zone."""

    name: str = "Samarinda"
    timezone: str = "Asia/Makassar"


Grid = tuple[tuple[str, ...], ...]


class ScreenSettings(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, frozen=True):
    """One screen of the wall: a ``grid`` of panel names, or ``pages`` shown in turn."""

    grid: Grid | None = None
    pages: tuple[Grid, ...] = ()
    rotate_seconds: Annotated[float, msgspec.Meta(ge=5, le=3600)] = 30.0
    # a public-facing screen: callers' identities, exact places and free text are removed
    redact: bool = False


MonitorCount = Annotated[int, msgspec.Meta(ge=1, le=16)]
BezelPixels = Annotated[int, msgspec.Meta(ge=0, le=2000)]


class SpanSettings(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, frozen=True):
    """One spanned display (NVIDIA Mosaic, AMD Eyefinity, a video-wall controller): the
    Qt ``screen`` (index or name) that is really ``tiles`` = [columns, rows] monitors,
    with ``bezel_px`` = [between columns, between rows] hidden framebuffer pixels."""

    screen: Annotated[int, msgspec.Meta(ge=0, le=63)] | str
    tiles: tuple[MonitorCount, MonitorCount]
    bezel_px: tuple[BezelPixels, BezelPixels] = (0, 0)


class WallSettings(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, frozen=True):
    """How the wall looks: theme, language, and the layout of each screen (in order)."""

    # "night" wears the dimmed night theme always; else the day theme, and night in ``night``
    theme: Literal["dark", "light", "night"] = "dark"
    # local hours of the night theme, "22:00-06:00" (wallboard/night_schedule.py); "": none
    night: str = ""
    # the takeover chime (false: silent; --mute on the command line)
    sound: bool = True
    language: Literal["id", "en"] = "id"
    screens: tuple[ScreenSettings, ...] = ()
    # orientation mode for visiting delegations: captions, guided tour, redaction everywhere
    orientation: bool = False
    # orientation mode's guided tour: seconds the focus dwells on each panel
    tour_seconds: Annotated[float, msgspec.Meta(ge=2, le=3600)] = 20.0
    # redact every screen (orientation mode implies it)
    redact: bool = False
    # redaction snaps coordinates to a grid of cells this many metres wide
    redact_grid_metres: Annotated[int, msgspec.Meta(ge=100, le=5000)] = 500
    # kiosk behaviour (cursor hidden when still, screen saver and DPMS held off, no
    # window decorations, full screen restored); unset: on for the wall, off --windowed
    kiosk: bool | None = None
    # the GUI thread's watchdog: an event loop that did not turn for this long is logged
    # with its stack and the wall exits (code 4) for its supervisor to restart it
    watchdog_seconds: Annotated[float, msgspec.Meta(ge=2, le=600)] = 15.0
    # displays that are several monitors, each cut back into its monitors (video walls)
    spans: tuple[SpanSettings, ...] = ()
    # a wall over several PCs: the layout's screen this PC's first screen is (unset: the
    # wall is this PC alone); every PC runs the same file (docs/video-walls.md)
    first_screen: Annotated[int, msgspec.Meta(ge=0, le=255)] | None = None


class MapSettings(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, frozen=True):
    """The map's ground: ``tiles`` is "none", "osm", an XYZ URL with {z}/{x}/{y}, or
    "mbtiles:/path/file.mbtiles" (offline). ``attribution`` and ``max_zoom`` override the
    source's own; ``heatmap`` switches on the layer of today's incidents."""

    tiles: str = "osm"
    attribution: str | None = None
    max_zoom: Annotated[int, msgspec.Meta(ge=1, le=22)] | None = None
    heatmap: bool = False
    # a map page with no heartbeat for this long has a hung renderer: it is killed and
    # the page reloaded
    hang_seconds: Annotated[float, msgspec.Meta(ge=2, le=10)] = 10.0


class TakeoverSettings(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, frozen=True):
    """Which new incidents take over the wall (wallboard/alerting/takeover.py), how long."""

    priorities: tuple[Annotated[int, msgspec.Meta(ge=1, le=4)], ...] = (1,)
    categories: tuple[str, ...] = ()  # empty: every category
    seconds: Annotated[float, msgspec.Meta(ge=3, le=3600)] = 20.0


def _default_backends() -> tuple[BackendSettings, ...]:
    return (BackendSettings(name="samarinda"),)


class Settings(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, frozen=True):
    """The whole configuration; built-in defaults run the wall on the simulator."""

    region: RegionSettings = msgspec.field(default_factory=RegionSettings)
    backends: tuple[BackendSettings, ...] = msgspec.field(default_factory=_default_backends)
    simulator: SimulatorSettings = msgspec.field(default_factory=SimulatorSettings)
    wall: WallSettings = msgspec.field(default_factory=WallSettings)
    # service-standard goals, checked by wallboard.kpi.targets.target_set_from_dict
    targets: dict[str, Any] = msgspec.field(default_factory=dict)
    map: MapSettings = msgspec.field(default_factory=MapSettings)
    takeover: TakeoverSettings = msgspec.field(default_factory=TakeoverSettings)
