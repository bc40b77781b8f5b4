"""Properties of the decoder's repairs on random call records (hypothesis).

Whatever a backend stamps, a call record is kept exactly as sent when every step is at
most the skew bound before the one it follows, and dropped (as beyond the bound) when one
is more; a kept record is flagged with exactly the reasons its timestamps show; and the
KPI engine never sees a negative duration from it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import msgspec
import records
from hypothesis import given, settings
from hypothesis import strategies as st

from wallboard.feed.decode import decode_body
from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import CallPage
from wallboard.feed.quality import SKEW_BOUND
from wallboard.kpi import TargetSet, summarize
from wallboard.model import CallRecord

WITA = ZoneInfo("Asia/Makassar")
OFFER = datetime(2026, 11, 28, 10, 0, 0, tzinfo=WITA)
BOUND_S = int(SKEW_BOUND.total_seconds())
# offsets in seconds from the step a time follows: mostly small, some across the bound
offsets = st.one_of(
    st.none(),
    st.integers(-8, 60),
    st.integers(-BOUND_S - 30, -BOUND_S + 30),
    st.integers(-BOUND_S * 3, 3600),
)


@st.composite
def calls(draw) -> CallRecord:
    answer, abandon, end = draw(offsets), draw(offsets), draw(offsets)
    answered = None if answer is None else OFFER + timedelta(seconds=answer)
    abandoned = None if abandon is None else OFFER + timedelta(seconds=abandon)
    ref = answered or abandoned or OFFER
    ended = None if end is None else ref + timedelta(seconds=end)
    return records.call(
        "C-1", offered=OFFER, answered_at=answered, abandoned_at=abandoned, ended_at=ended
    )


def expected_reasons(c: CallRecord) -> tuple[str, ...] | None:
    """The reasons by the rules of docs/kpi.md, written out plainly; None: unusable."""
    reasons = []
    early = [t for t in (c.answered_at, c.abandoned_at) if t is not None and t < c.offered_at]
    if any(c.offered_at - t > SKEW_BOUND for t in early):
        return None
    if early:
        reasons.append("step_before_offer")
    if c.answered_at is not None and c.abandoned_at is not None:
        reasons.append("answered_and_abandoned")
    ref = c.answered_at or c.abandoned_at or c.offered_at
    if c.ended_at is not None and c.ended_at < ref:
        if ref - c.ended_at > SKEW_BOUND:
            return None
        reasons.append("end_before_answer")
    return tuple(reasons)


@settings(max_examples=400, deadline=None)
@given(calls())
def test_a_call_is_kept_as_sent_with_its_reasons_or_dropped_beyond_the_bound(call):
    body = msgspec.json.encode(CallPage(items=[call], cursor="1", full=True))
    now = OFFER + timedelta(hours=2)
    got = decode_body(FeedKind.CALLS, body, source="s/calls", feed_now=now)
    want = expected_reasons(call)
    if want is None:
        assert got.page.items == []
        assert [r.reason for r in got.rejected] == ["beyond_skew_bound"]
        return
    assert got.page.items == [call] and got.rejected == ()
    assert tuple(r for rep in got.repaired for r in rep.reasons) == want
    day = summarize(
        got.page.items, [], OFFER.replace(hour=0), OFFER.replace(hour=23), TargetSet(), now
    )
    answering = day.answering
    assert answering.offered == 1
    assert answering.asa_s is None or answering.asa_s >= 0
    assert day.average_handling_s is None or day.average_handling_s >= 0
    assert answering.answered == (call.answered_at is not None)  # answered wins
