"""Resgrid's access token: the OAuth2 password grant at ``/api/v4/connect/token``.

As Resgrid documents it (Resgrid/docs, docs/api/authentication.md): POST a form with
``grant_type=password``, ``username``, ``password`` and ``scope=openid profile
offline_access``; the answer holds ``access_token``, ``token_type`` ("Bearer"),
``expires_in`` (seconds) and, for ``offline_access``, a ``refresh_token`` that a
``grant_type=refresh_token`` request trades for a new token. The keeper refreshes a
little before expiry, logs in again when a refresh is refused, and forgets the token
when the API answers 401. No token, password or refresh token ever enters a message.

Login is by user NAME: Resgrid's token endpoint finds the user with ``FindByNameAsync``
(Resgrid/Core ``Web/Resgrid.Web.Services/Controllers/v4/ConnectController.cs``), so an
e-mail address is refused. It checks the password with ``lockoutOnFailure: true``, and
Identity locks the account for 15 minutes after 5 failed logins (``Startup.cs``,
``config.Lockout``) -- the department's own account, for every user of it. So a refused
password (400 ``invalid_grant``) stops every login of this backend: no poll of any kind
tries again until the configuration changes (a new keeper) or ``LOGIN_PAUSE_S`` has
passed, and then only once. At one attempt an hour, a wrong password locks the account
for at most 15 minutes in every 5 hours, instead of keeping it locked.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import msgspec
import requests

from wallboard.poller.fetch import FetchError, exchange, public_url

TOKEN_PATH = "/api/v4/connect/token"
SCOPE = "openid profile offline_access"
# Refresh when less than this share of the token's life is left (at most 5 minutes).
_REFRESH_SHARE = 0.1
_REFRESH_MAX_S = 300.0
_MAX_TOKEN_BODY = 64 * 1024
# After a refused password: how long before the one next try (documented in docs/resgrid.md).
LOGIN_PAUSE_S = 3600.0
# The words the wall shows (the header translates them: views/header_panel.py).
LOGIN_REFUSED = "Resgrid: login refused — check the password"


class _TokenAnswer(msgspec.Struct):
    access_token: str
    expires_in: float
    token_type: str = "Bearer"
    refresh_token: str | None = None


@dataclass
class _Held:
    access: str
    refresh: str | None
    refresh_at: float


class TokenKeeper:
    """Holds one backend's access token and gets a new one when it is due.

    ``clock`` is monotonic seconds (injectable for tests). Thread-safe: the poller may
    fetch several kinds of one backend from its executor.
    """

    def __init__(
        self,
        base_url: str,
        username: str,
        password: str,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = base_url.rstrip("/") + TOKEN_PATH
        self._username = username
        self._password = password
        self._clock = clock
        self._held: _Held | None = None
        self._lock = threading.Lock()
        self.logins = 0  # password grants made (for status and tests)
        self.refreshes = 0  # refresh-token grants made
        # Set when Resgrid refused the password: (clock time of the refusal, its problem).
        self.refused: tuple[float, str] | None = None

    def token(
        self,
        session: requests.Session,
        lock: threading.Lock,
        abort: threading.Event,
        timeout: float,
    ) -> str:
        """A usable access token: the held one, a refreshed one, or a fresh login."""
        with self._lock:
            held = self._held
            if held is not None and self._clock() < held.refresh_at:
                return held.access
            if held is not None and held.refresh:
                try:
                    form = {"grant_type": "refresh_token", "refresh_token": held.refresh}
                    self._held = self._grant(session, lock, abort, timeout, form)
                    self.refreshes += 1
                    return self._held.access
                except FetchError as exc:
                    if exc.status is None:
                        raise  # no answer at all: a login would fail the same way
                    self._held = None  # refresh refused: log in again below
            self._check_pause()
            form = {
                "grant_type": "password",
                "username": self._username,
                "password": self._password,
                "scope": SCOPE,
            }
            try:
                self._held = self._grant(session, lock, abort, timeout, form)
            except FetchError as exc:
                if exc.status == 400 and "invalid_grant" in exc.problem:
                    self.refused = (self._clock(), exc.problem)
                raise
            self.logins += 1
            self.refused = None
            return self._held.access

    def _check_pause(self) -> None:
        """FetchError, without asking Resgrid, while a refused password's pause lasts."""
        if self.refused is None:
            return
        at, problem = self.refused
        left = LOGIN_PAUSE_S - (self._clock() - at)
        if left > 0:
            raise FetchError(
                f"{LOGIN_REFUSED} ({problem}); no new login for {left / 60:.0f} min, "
                "or until the configuration changes, so that Resgrid does not lock the account",
                status=400,
                retry_after=left,
            )

    def forget(self) -> None:
        """Drop the held token (the API refused it); the next call logs in again."""
        with self._lock:
            self._held = None

    def _grant(
        self,
        session: requests.Session,
        lock: threading.Lock,
        abort: threading.Event,
        timeout: float,
        form: dict[str, str],
    ) -> _Held:
        grant = form["grant_type"]
        status, _headers, body = exchange(
            session,
            lock,
            abort,
            self.url,
            timeout=timeout,
            max_bytes=_MAX_TOKEN_BODY,
            form=form,
        )
        shown = public_url(self.url)
        if status != 200:
            code = _oauth_error(body)
            if grant == "password" and status == 400 and code == ", invalid_grant":
                raise FetchError(
                    f"{LOGIN_REFUSED} (HTTP 400, invalid_grant at {shown}; the user NAME, "
                    "not the e-mail address)",
                    status=status,
                )
            what = "login" if grant == "password" else "token refresh"
            raise FetchError(
                f"Resgrid {what} refused (HTTP {status}{code}) at {shown}", status=status
            )
        try:
            answer = msgspec.json.decode(body, type=_TokenAnswer)
        except msgspec.MsgspecError as exc:
            raise FetchError(
                f"unusable token answer from {shown}: {str(exc)[:120]}", status=200
            ) from None
        if not answer.access_token.isascii() or not answer.access_token.isprintable():
            raise FetchError(f"unusable access token from {shown}", status=200)
        life = max(0.0, answer.expires_in)
        margin = min(_REFRESH_MAX_S, life * _REFRESH_SHARE)
        return _Held(answer.access_token, answer.refresh_token, self._clock() + life - margin)


def _oauth_error(body: bytes) -> str:
    """``, invalid_grant`` from an OAuth2 error answer; nothing else of it is quoted."""
    try:
        raw = msgspec.json.decode(body)
    except msgspec.DecodeError:
        return ""
    code = raw.get("error") if isinstance(raw, dict) else None
    if isinstance(code, str) and code.replace("_", "").isalnum() and len(code) <= 40:
        return f", {code}"
    return ""


__all__ = ["LOGIN_PAUSE_S", "LOGIN_REFUSED", "SCOPE", "TOKEN_PATH", "TokenKeeper"]
