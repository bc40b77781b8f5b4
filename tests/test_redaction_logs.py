"""Logs hold ids and field names, never what a caller said or who they are.

A real poller against a real (misbehaving) server on loopback: records carrying personal
data, some of it in the wrong fields so that they are rejected, logged at DEBUG by every
logger. This holds whether or not any screen is redacted.
"""

from __future__ import annotations

import asyncio
import logging

import pytest
from feed_server import FEED_TIME, FeedServer, Reply, incident, incident_page
from record_support import by_id

from wallboard.feed.kinds import FeedKind
from wallboard.poller import BackendSpec, Poller
from wallboard.store import Store

NAME, PHONE = "Rahmawati Kusuma", "081298765432"
STREET, TEXT = "Jl. Kadrie Oening No. 88", "Rumah Bu Rahmawati terbakar, anak terjebak"
PERSONAL = (NAME, PHONE, STREET, TEXT, "Rahmawati", "81298765432")


def personal(iid: str, **changes: object) -> dict:
    fields = {
        "location": {"lat": -0.48, "lon": 117.13, "address": STREET, "kelurahan": "Air Hitam"},
        "description": TEXT,
        "caller": {"name": NAME, "phone": PHONE},
    }
    return incident(iid, **{**fields, **changes})


@pytest.fixture
def server():
    with FeedServer() as srv:
        yield srv


def test_rejected_records_are_logged_by_id_and_field_without_their_values(server, caplog):
    caplog.set_level(logging.DEBUG)
    page = incident_page(
        [
            personal("good"),
            personal("bad-caller", caller={"name": 5, "phone": PHONE}),
            personal("name-as-category", category=NAME),  # a backend's field mix-up
            personal("phone-as-priority", priority=int(PHONE)),
            personal("text-as-status", status=TEXT),
            personal("number-as-channel", channel=PHONE),
            personal("name-as-status-key", status_times={NAME: "2026-11-28T08:00:00+08:00"}),
        ],
        cursor="1",
        full=True,
    )
    server.set(FeedKind.INCIDENTS.path, Reply(body=page, headers=FEED_TIME))
    store = Store()
    poller = Poller([BackendSpec("samarinda", server.url, timeout=2.0)], store)
    try:
        asyncio.run(poller.poll_once("samarinda", FeedKind.INCIDENTS))
    finally:
        poller.close(wait=True)

    assert set(by_id(store.incidents)) == {"good"}  # the good record is kept, with its data
    assert by_id(store.incidents)["good"].caller.name == NAME
    logged = "\n".join(r.getMessage() for r in caplog.records)
    # the first five rejections are named, by id and field: what to look for at the backend
    for rid in ("bad-caller", "name-as-category", "phone-as-priority", "text-as-status"):
        assert f"(id '{rid}')" in logged, logged
    assert "`$.caller.name`" in logged and "`$.category`" in logged
    assert "6 record(s) rejected" in logged
    for value in PERSONAL:
        assert value not in logged, f"{value!r} reached the log"
        for fresh in store.freshness.values():
            assert value not in (fresh.last_error or "")


def test_a_new_vocabulary_word_is_still_named_so_the_mismatch_can_be_fixed(server, caplog):
    caplog.set_level(logging.DEBUG)
    page = incident_page([personal("new-kind", category="tsunami")], cursor="1", full=True)
    server.set(FeedKind.INCIDENTS.path, Reply(body=page, headers=FEED_TIME))
    poller = Poller([BackendSpec("samarinda", server.url, timeout=2.0)], Store())
    try:
        asyncio.run(poller.poll_once("samarinda", FeedKind.INCIDENTS))
    finally:
        poller.close(wait=True)
    assert "(id 'new-kind'): Invalid enum value 'tsunami' - at `$.category`" in caplog.text
