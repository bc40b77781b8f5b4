"""RecordKey: a record's backend and id, as text for the map page and back, losslessly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wallboard.model import RecordKey

# what the configuration accepts as a backend's name (BackendSettings.name), and the
# history owner the poller files last week's calls under
backends = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,31}", fullmatch=True) | st.sampled_from(
    ["samarinda~history"]
)
# any printable id the feed allows (1..64 characters), slashes and quotes included (an
# unprintable one is refused on the way back: test_malformed_text_is_refused)
ids = st.text(min_size=1, max_size=64).filter(str.isprintable)


@given(backends, ids)
def test_text_reads_back_as_the_same_key(backend, rid):
    key = RecordKey(backend, rid)
    assert RecordKey.parse(key.text) == key
    assert key.sibling("other") == RecordKey(backend, "other")


def test_malformed_text_is_refused():
    for bad in (None, 7, "", "smd", "smd/", "/A", "smd/" + "x" * 65, "s" * 65 + "/A", "smd/a\nb"):
        assert RecordKey.parse(bad) is None
    assert RecordKey.parse("smd/a/b") == RecordKey("smd", "a/b")  # ids may hold slashes


def test_two_backends_keys_of_one_id_differ_and_order_by_backend_then_id():
    a, b = RecordKey("paser", "1"), RecordKey("samarinda", "1")
    assert a != b and len({a, b}) == 2
    assert sorted([b, RecordKey("paser", "2"), a]) == [a, RecordKey("paser", "2"), b]
