"""How long an answer sat in an HTTP cache before it reached us, from its headers.

Many walls poll one backend through a shared cache (docs/fanout.md): the answer a wall
gets may have been made by the origin up to a cache lifetime ago, and its
``X-Feed-Time`` says when. Read naively, ``X-Feed-Time - received`` would take that
cache age for the backend's clock running behind ours. The skew estimate therefore adds
the age back: ``X-Feed-Time + age`` is the backend's clock when we received the answer.

Which header says the age:

1. ``Age`` (RFC 9111 §5.1), when present: the cache's own count of seconds since the
   origin made (or revalidated) the answer, measured on one clock, so it is exact. Most
   caches send it (Squid, Varnish, Apache's mod_cache, CDNs); nginx 1.22 does not.
2. otherwise, for an answer that says it came through an intermediary (``Via``, RFC 9110
   §7.6.3, which the generated nginx configuration adds): ``Date - X-Feed-Time``. nginx
   stamps ``Date`` (RFC 9110 §6.6.1) with its own clock when it sends the answer, cached
   or not, while ``X-Feed-Time`` is the origin's clock when it made it. Their difference
   is the age when the cache and the backend keep the same time (the cache on the
   backend's host, or both on NTP, as docs/fanout.md asks). A difference below zero or
   above ``MAX_CACHE_AGE_S`` is no microcache age we can use, and the age is *unknown*
   (None): either the two clocks disagree, or nginx revalidated an unchanged answer
   with the origin (a 304) and kept the X-Feed-Time of when the body was first made,
   minutes ago perhaps (nginx 1.22 does not update stored headers from a 304). Such an
   answer gives the skew estimate only a rough sample, used while no exact one comes
   (a backend whose clock is far from the cache's never gives one: its skew is then
   known to within the age of the answers, good enough for a clock set days wrong).
3. a first-hand answer (no ``Age``, no ``Via``): age 0. An origin stamps ``Date`` and
   ``X-Feed-Time`` at the same moment, and both are whole seconds, so their difference
   is rounding, not age.

Freshness needs no correction: the wall judges it by its own clock since the last
successful poll, which a cached answer is.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from email.utils import parsedate_to_datetime

# A microcache answer is at most its lifetime (1 s by default) plus one origin fetch
# old (stale answers are served only while a fetch is under way): a longer gap between
# Date and X-Feed-Time says the two clocks differ, not that the answer is old.
MAX_CACHE_AGE_S = 10.0


def cache_age(headers: Mapping[str, str], feed_time: datetime | None) -> float | None:
    """Seconds the answer spent in caches on its way to us (0.0 when first-hand), or
    None when it came through a cache that does not let us tell."""
    age = headers.get("Age")
    if age is not None:
        age = age.strip()
        # a list (two caches in a row, headers merged) or junk: not a delta-seconds
        return float(min(int(age), 2**31)) if age.isdigit() else None
    if feed_time is None or headers.get("Via") is None:
        return 0.0
    date = _http_date(headers.get("Date"))
    if date is None:
        return None
    gap = (date - feed_time).total_seconds()
    return gap if 0.0 <= gap <= MAX_CACHE_AGE_S else None


def _http_date(value: str | None) -> datetime | None:
    if not value or len(value) > 64:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo is not None else None
