"""Configuration: one TOML file loaded into one typed, validated Settings object."""

from wallboard.config.loading import (
    ConfigError,
    backend_token,
    check_video_wall,
    default_config_path,
    load_settings,
    screen_plans,
    settings_from_dict,
    wall_spans,
)
from wallboard.config.settings import (
    SIMULATOR_URL,
    BackendSettings,
    MapSettings,
    RegionSettings,
    Settings,
    SimulatorSettings,
    SpanSettings,
    WallSettings,
)

__all__ = [
    "SIMULATOR_URL",
    "BackendSettings",
    "ConfigError",
    "MapSettings",
    "RegionSettings",
    "Settings",
    "SimulatorSettings",
    "SpanSettings",
    "WallSettings",
    "backend_token",
    "check_video_wall",
    "default_config_path",
    "load_settings",
    "screen_plans",
    "settings_from_dict",
    "wall_spans",
]
