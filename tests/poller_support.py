"""What the poller tests share: polling one backend by hand, the warnings it logged, a
poller over a loopback feed server, and a spy on the real decoder.

Fixtures are defined in each test file as one line over the helpers here, so that a
test file still says which fixtures it has.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator

import wallboard.poller.fetch as fetch_module
from wallboard.feed.kinds import FeedKind
from wallboard.poller import BackendSpec, Poller
from wallboard.store import Store

LOGGER = "wallboard.poller"


def poll_kind(poller: Poller, kind: FeedKind, times: int = 1, backend: str = "samarinda") -> None:
    """Poll ``kind`` of ``backend`` ``times`` times in a row, as the schedule would."""

    async def polls() -> None:
        for _ in range(times):
            await poller.poll_once(backend, kind)

    asyncio.run(polls())


def warnings_of(caplog) -> list[str]:
    """What the poller logged at WARNING or above, in order."""
    return [
        r.getMessage() for r in caplog.records if r.name == LOGGER and r.levelno >= logging.WARNING
    ]


def poller_and_store(url: str, caplog) -> Iterator[tuple[Poller, Store]]:
    """A poller of backend "samarinda" at ``url`` (0.3 s timeout) into a fresh store,
    logging at DEBUG; closed when the test is done."""
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    store = Store()
    poller = Poller([BackendSpec("samarinda", url, timeout=0.3)], store)
    yield poller, store
    poller.close(wait=True)


def counting_decoder(monkeypatch) -> list[FeedKind]:
    """Spy on the real decoder: the kinds of the bodies the poller actually parses."""
    calls: list[FeedKind] = []
    real = fetch_module.decode_body

    def counting(kind, body, **kw):
        calls.append(kind)
        return real(kind, body, **kw)

    monkeypatch.setattr(fetch_module, "decode_body", counting)
    return calls
