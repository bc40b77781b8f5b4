"""The lifetime of a feed served on loopback: start, address, stop, and its log lines.

The embedded simulator and the replay of a recording both answer the native feed v1
through a :class:`~wallboard.simulator.server.FeedHTTPServer` in a thread of their
own; what differs is only how each makes a body. This base holds the rest once.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from typing import Self

from wallboard.simulator.encoding import Body
from wallboard.simulator.server import FeedHTTPServer

log = logging.getLogger(__name__)

Respond = Callable[[str, dict[str, list[str]]], tuple[Body, str]]


class ServedFeed:
    """A feed served in its own thread until :meth:`stop`; use as a context manager."""

    url: str

    def _serve(
        self, host: str, port: int, respond: Respond, feed_time: Callable[[], str], name: str
    ) -> None:
        """Bind ``host:port`` (0 picks a free port) and answer with ``respond`` from now on.

        ``name`` says what is served in the thread's name and in the log lines.
        """
        self._name = name
        self._http = FeedHTTPServer((host, port), respond, feed_time)
        self._thread = self._http.start(f"feed-{name}")
        bound_host, bound_port = self._http.server_address[:2]
        self.url = f"http://{bound_host}:{bound_port}"

    @property
    def port(self) -> int:
        return self._http.server_address[1]

    def served(self, via: bool | None = None) -> Counter[str]:
        """Requests this feed has answered, by URL shape (``/api/v1/incidents?since``):
        what a cache in front of it lets through (docs/fanout.md). ``via=True``: only the
        requests that came through an intermediary (a cache says so with Via)."""
        return self._http.served(via)

    def stop(self) -> None:
        """Stop serving and release the port. Safe to call twice."""
        if self._thread.is_alive():
            self._http.shutdown()
            self._thread.join(timeout=5)
            log.info("%s stopped serving %s", self._name, self.url)
        self._http.close_connections()
        self._http.server_close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
