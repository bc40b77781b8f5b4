"""Average handling time: talk time of answered, ended calls offered in the period."""

from datetime import datetime, timedelta

import records
from records import WITA

from wallboard.kpi import average_handling_s

START = datetime(2026, 11, 28, 8, 0, tzinfo=WITA)
END = START + timedelta(hours=1)


def call(cid, offered=0, answered=None, ended=None, abandoned=None):
    def t(s):
        return records.seconds_after(START, s)

    return records.call(
        cid,
        offered=t(offered),
        answered_at=t(answered),
        ended_at=t(ended),
        abandoned_at=t(abandoned),
    )


def test_hand_computed_average():
    calls = [
        call("a", answered=10, ended=70),  # 60 s
        call("b", answered=0, ended=120),  # 120 s
        call("c", answered=50, ended=40),  # skew: ended "before" answered -> 0 s
        call("d", answered=5),  # still talking: length unknown, left out
        call("e", abandoned=3, ended=3),  # never answered: no handling
        call("f", offered=-10, answered=0, ended=1000),  # offered before the period
    ]
    assert average_handling_s(calls, START, END) == 60.0


def test_no_qualifying_call_gives_none():
    assert average_handling_s([call("d", answered=5)], START, END) is None
    assert average_handling_s([], START, END) is None
