"""The public hazard sources (BMKG quakes, CAP lists) as the poller's adapters, politely.

Politeness holds here, per URL, whatever the poller's schedule: no two requests to
the same URL less than ``MIN_INTERVAL_S`` apart (nor before a 429/503's Retry-After);
conditional requests (If-None-Match / If-Modified-Since); a CAP document already fetched
is not fetched again while the list shows it with the same date. The clock is the
``fallback_now`` the poller passes (the store's), so tests drive it by hand.

A body that cannot be used (or an HTTP error) fails the poll: the store keeps the last
good alerts and the source goes stale. A single bad CAP document, or BMKG's list of
recent or felt quakes failing, is a rejected record (logged): its last good version (if
any) stays and the rest is updated, so a new quake still shows. A CAP list whose every
document fails is a failure of the source (it must not look healthy showing nothing).

What is shown is then narrowed to the wall's region (``hazard_relevance``, from the
spec's ``hazard`` rules); the alerts left off are counted in ``AlertList.left_off``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import requests

from wallboard.feed.decode import Decoded, RecordRejection
from wallboard.feed.kinds import HazardKind
from wallboard.model.alert import AlertList, clean_text
from wallboard.poller.backend import BackendSpec
from wallboard.poller.fetch import Fetched, FetchError, exchange, http_error, public_url
from wallboard.sources import bmkg, cap
from wallboard.sources.hazard_relevance import HazardRules, relevant_areas, relevant_quakes

MIN_INTERVAL_S = 60.0
HAZARD_KINDS = (HazardKind.ALERTS,)
MAX_BODY = 4 * 1024 * 1024  # a quake list or CAP document is a few KiB
_ACCEPT = {
    "bmkg": "application/json",
    "cap": "application/cap+xml, application/rss+xml, application/atom+xml, "
    "application/xml;q=0.9, */*;q=0.1",
}


@dataclass
class _Resource:
    """What we remember of one URL: validators, the last good result, when we may ask."""

    etag: str | None = None
    last_modified: str | None = None
    result: Any = None
    ok: bool = False
    not_before: datetime | None = None
    error: FetchError | None = None


class _Politeness:
    """Conditional GETs through the poller's session, never faster than the minimum."""

    def __init__(self, accept: str, min_interval_s: float) -> None:
        self._accept = accept
        self._min = timedelta(seconds=min_interval_s)
        self.resources: dict[str, _Resource] = {}
        self.requests = 0

    def get(self, url: str, now: datetime, parse: Callable[[bytes], Any], net: tuple) -> Any:
        """``parse(body)`` of ``url``'s latest body, from memory while it is too soon to ask.

        Raises FetchError for a failed request or an unusable body (re-raised, with the
        seconds left to wait, until we may ask again).
        """
        res = self.resources.setdefault(url, _Resource())
        if res.not_before is not None and now < res.not_before:
            if res.error is not None:
                left = (res.not_before - now).total_seconds()
                raise FetchError(res.error.problem, status=res.error.status, retry_after=left)
            return res.result
        res.not_before = now + self._min
        session, lock, abort, timeout, max_bytes = net
        headers = {"Accept": self._accept}
        if res.ok and res.etag:
            headers["If-None-Match"] = res.etag
        if res.ok and res.last_modified:
            headers["If-Modified-Since"] = res.last_modified
        self.requests += 1
        try:
            status, answer, body = exchange(
                session, lock, abort, url, timeout=timeout, max_bytes=min(max_bytes, MAX_BODY),
                headers=headers,
            )  # fmt: skip
            if status == 304 and res.ok:
                res.error = None
                return res.result
            if status != 200:
                error = http_error(status, answer, body, url)
                if error.retry_after is not None:
                    res.not_before = max(res.not_before, now + timedelta(seconds=error.retry_after))
                raise error
            try:
                result = parse(body)
            except ValueError as exc:
                raise FetchError(f"unusable body from {public_url(url)}: {exc}") from None
        except FetchError as exc:
            res.error = exc
            raise
        res.result, res.ok, res.error = result, True, None
        res.etag = answer.get("ETag")
        res.last_modified = answer.get("Last-Modified")
        return result

    def forget_except(self, keep: set[str]) -> None:
        for url in list(self.resources):
            if url not in keep:
                del self.resources[url]


class HazardAdapter:
    """One BMKG or CAP backend for the poller: its only kind is ``alerts``."""

    kinds = HAZARD_KINDS

    def __init__(
        self, spec: BackendSpec, *, language: str = "id", min_interval_s: float = MIN_INTERVAL_S
    ) -> None:
        if spec.type not in _ACCEPT:
            raise ValueError(f"backend {spec.name}: not a hazard source type: {spec.type!r}")
        self._type = spec.type
        self._url = spec.url
        self._name = spec.name
        self._language = language
        self._rules = spec.hazard or HazardRules()
        self.polite = _Politeness(_ACCEPT[spec.type], min_interval_s)
        # CAP: the parsed document of each link, by (link, updated) as the list said
        self._documents: dict[str, tuple[str, cap.CapDocument]] = {}

    def fetch(
        self,
        session: requests.Session,
        lock: threading.Lock,
        abort: threading.Event,
        kind: HazardKind,
        timeout: float,
        max_bytes: int,
        source: str,
        fallback_now: datetime,
    ) -> Fetched:
        """Every current alert of this source (from memory where it is too soon to ask)."""
        net = (session, lock, abort, timeout, max_bytes)
        before = self.polite.requests
        if self._type == "bmkg":
            alerts, rejected = self._quakes(fallback_now, net)
        else:
            alerts, rejected = self._cap(fallback_now, net)
        left_off = 0
        rule = self._rules.relevance
        if rule is not None:
            choose = relevant_quakes if self._type == "bmkg" else relevant_areas
            alerts, left_off = choose(alerts, rule)
        status = 200 if self.polite.requests > before else 304
        page = AlertList(tuple(alerts), left_off)
        return Fetched(status, self._url, 0, None, None, Decoded(page, tuple(rejected)))

    # -- BMKG -----------------------------------------------------------------------

    def bmkg_urls(self) -> list[str]:
        """The configured file, or BMKG's three quake files under the configured folder."""
        if self._url.lower().endswith(".json"):
            return [self._url]
        return [f"{self._url.rstrip('/')}/{name}" for name in bmkg.FEEDS]

    def _quakes(self, now: datetime, net: tuple) -> tuple[list, list[RecordRejection]]:
        def parse(body: bytes) -> tuple:
            try:
                return bmkg.parse_quakes(body, source=self._name)
            except bmkg.HazardFeedError as exc:
                raise ValueError(str(exc)) from None

        groups, rejected = [], []
        for index, url in enumerate(self.bmkg_urls()):
            try:
                alerts, dropped = self.polite.get(url, now, parse, net)
            except FetchError as exc:
                if index == 0:
                    raise  # the latest quake's file: the source fails, and goes stale
                # the lists of recent and felt quakes: their last good version (if any) stays
                rejected.append(RecordRejection(index, None, exc.problem))
                held = self.polite.resources[url]
                alerts, dropped = held.result if held.ok else ([], ())
            groups.append(alerts)
            rejected.extend(dropped)
        return bmkg.current_quakes(bmkg.merge_quakes(groups), now), rejected

    # -- CAP ------------------------------------------------------------------------

    def _cap(self, now: datetime, net: tuple) -> tuple[list, list[RecordRejection]]:
        listed = self.polite.get(self._url, now, self._parse_list, net)
        entries, inline = listed
        rejected: list[RecordRejection] = []
        documents: dict[str, tuple[str, cap.CapDocument]] = {}
        failed = 0
        for index, entry in enumerate(entries):
            if entry.link in inline:
                parsed = inline[entry.link]
                if isinstance(parsed, str):
                    failed += 1
                    rejected.append(RecordRejection(index, None, parsed))
                else:
                    documents[entry.link] = (entry.updated, parsed[0])
                    rejected.extend(parsed[1])
                continue
            held = self._documents.get(entry.link)
            if held is not None and held[0] == entry.updated:
                documents[entry.link] = held  # already fetched: not asked again
                continue
            asked = self.polite.requests
            try:
                doc, dropped = self.polite.get(entry.link, now, self._parse_document, net)
            except FetchError as exc:
                # one bad document: its last good version (if any) stays, the rest go on
                failed += 1
                rejected.append(RecordRejection(index, None, exc.problem))
                if held is not None:
                    documents[entry.link] = held
                continue
            rejected.extend(dropped)
            # served from memory (too soon to ask again): fetch the new version later
            stamp = entry.updated if self.polite.requests > asked else (held[0] if held else "")
            documents[entry.link] = (stamp, doc)
        if entries and failed == len(entries):
            # a list whose every document fails is a broken source, not a quiet one
            raise FetchError(
                f"{public_url(self._url)}: none of its {len(entries)} CAP documents is usable"
                f" ({clean_text(rejected[0].problem, 120)})"
            )
        self._documents = {k: v for k, v in documents.items() if k not in inline}
        self.polite.forget_except({self._url, *documents, *(e.link for e in entries)})
        docs = (d for _u, d in documents.values())
        return cap.current_alerts(docs, now, self._rules.no_expiry), rejected

    def _parse_list(self, body: bytes) -> tuple[list[cap.FeedEntry], dict[str, object]]:
        """The list's entries, and each inline document parsed (or why it cannot be)."""
        entries = cap.parse_list(body, self._url)
        inline: dict[str, object] = {}
        for entry in entries:
            if entry.inline is None:
                continue
            try:
                inline[entry.link] = cap.parse_alert(
                    entry.inline, source=self._name, language=self._language, credit="CAP"
                )
            except ValueError as exc:
                inline[entry.link] = f"inline CAP document: {exc}"
        return entries, inline

    def _parse_document(self, body: bytes) -> tuple:
        return cap.parse_document(body, source=self._name, language=self._language, credit="CAP")


__all__ = ["HAZARD_KINDS", "MIN_INTERVAL_S", "HazardAdapter"]
