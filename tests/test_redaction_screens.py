"""Which screens are redacted: orientation mode and wall.redact cover all, else per screen."""

from __future__ import annotations

import pytest

from wallboard.config import ConfigError, screen_plans, settings_from_dict
from wallboard.layout import plans_for
from wallboard.redaction.screens import redacted_screens


def rule_for(config: dict):
    settings = settings_from_dict(config, source="wall.toml")
    configured = screen_plans(settings)
    return redacted_screens(settings, configured), configured


SCREENS = [{"grid": [["map"]], "redact": True}, {"grid": [["map"]]}]


def test_orientation_mode_and_wall_redact_cover_every_screen_defaults_included():
    for wall in ({"orientation": True}, {"redact": True}):
        rule, configured = rule_for({"wall": {**wall, "screens": SCREENS}})
        assert all(rule(plan) for plan in plans_for(4, configured))


def test_per_screen_redaction_tells_apart_screens_with_the_same_layout():
    rule, configured = rule_for({"wall": {"screens": SCREENS}})
    plans = plans_for(3, configured)
    assert plans[0] == plans[1]  # the same layout...
    assert [rule(p) for p in plans] == [True, False, False]  # ...but only the first is public


def test_nothing_is_redacted_unless_configured():
    rule, configured = rule_for({})
    assert not any(rule(plan) for plan in plans_for(3, configured))


def test_grid_size_is_configured_in_metres_and_checked():
    settings = settings_from_dict({"wall": {"redact_grid_metres": 300}}, source="wall.toml")
    assert settings.wall.redact_grid_metres == 300
    assert settings_from_dict({}, source="wall.toml").wall.redact_grid_metres == 500
    with pytest.raises(ConfigError, match=r"wall\.toml.*redact_grid_metres"):
        settings_from_dict({"wall": {"redact_grid_metres": 20}}, source="wall.toml")
