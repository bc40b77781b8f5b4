"""Dispositions: counts per kind, unclassified calls, shares of all calls offered."""

from datetime import datetime, timedelta

import pytest
import records
from records import WITA

from wallboard.kpi import disposition_kpis
from wallboard.model import Disposition

START = datetime(2026, 11, 28, 8, 0, tzinfo=WITA)
END = START + timedelta(hours=1)


def call(cid, disposition, offered_s=0):
    return records.call(cid, offered=START + timedelta(seconds=offered_s), disposition=disposition)


def test_hand_computed_dispositions():
    calls = [
        call("1", Disposition.EMERGENCY),
        call("2", Disposition.EMERGENCY),
        call("3", Disposition.PRANK),
        call("4", Disposition.SILENT),
        call("5", Disposition.INFORMATION),
        call("6", None),  # not classified yet
        call("7", Disposition.TEST, offered_s=3600),  # next period
    ]
    k = disposition_kpis(calls, START, END)
    assert (k.total, k.unclassified, k.non_emergency) == (6, 1, 3)
    assert set(k.counts) == set(Disposition)
    assert k.counts[Disposition.EMERGENCY] == 2
    assert k.counts[Disposition.MENU_DROP] == 0
    assert k.share(Disposition.EMERGENCY) == pytest.approx(2 / 6)
    assert k.share(Disposition.TEST) == 0.0


def test_every_non_emergency_kind_counts_and_emergency_does_not():
    kinds = [d for d in Disposition if d is not Disposition.EMERGENCY]
    calls = [call(str(i), d) for i, d in enumerate(kinds)] + [call("e", Disposition.EMERGENCY)]
    assert disposition_kpis(calls, START, END).non_emergency == 6


def test_empty_period_has_no_shares():
    k = disposition_kpis([], START, END)
    assert (k.total, k.unclassified, k.non_emergency) == (0, 0, 0)
    assert k.share(Disposition.PRANK) is None
