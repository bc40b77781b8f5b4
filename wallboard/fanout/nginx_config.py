"""The nginx microcache that fans many walls out over one backend: its configuration.

``render_config`` writes the text of a complete nginx.conf for one backend; every path
it names (pid, logs, temp files, cache) lies under one folder, so that
``nginx -p DIR -c DIR/nginx.conf`` runs it without root and without touching /etc.
Each directive is explained in place, because a centre's IT will read this file before
they run it; docs/fanout.md explains the design.

Directives are those of nginx's own reference (the ngx_http_proxy_module,
ngx_http_upstream_module, ngx_http_gzip_module and ngx_core_module pages), for nginx
1.18 and later (Debian 12 ships 1.22).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

# proxy_cache_valid counts whole seconds (nginx reads no "ms" there)
DEFAULT_LIFETIME_S = 1
# the folders nginx needs under DIR: logs, the request/response temp files, the cache
SUBDIRS = ("logs", "temp/client_body", "temp/proxy", "temp/fastcgi", "temp/uwsgi",
           "temp/scgi", "cache")  # fmt: skip


class NginxConfigError(ValueError):
    """An option the configuration cannot be made from; the text says which and why."""


@dataclass(frozen=True)
class CacheSpec:
    """What the generated cache serves: ``upstream`` (the backend's base URL), where it
    listens, how long an answer stays fresh, and the one token all walls share (if any)."""

    upstream: str
    listen_host: str
    listen_port: int
    lifetime_s: int = DEFAULT_LIFETIME_S
    shared_token: str | None = None


def parse_listen(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:8080`` for IPv6) as (host, port)."""
    host, sep, port = text.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise NginxConfigError(f"--listen must be HOST:PORT (e.g. 127.0.0.1:8080), got {text!r}")
    return host.strip("[]"), int(port)


def _upstream_parts(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path) of the backend URL, checked."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise NginxConfigError(f"--upstream must be http(s)://host[:port][/path], got {url!r}")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise NginxConfigError("--upstream takes no user, password, query or fragment")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise NginxConfigError(f"--upstream has a bad port: {url!r}") from None
    path = parts.path.rstrip("/")
    if any(c in path for c in " ;{}\"'\\$"):
        raise NginxConfigError(f"--upstream path must be plain: {parts.path!r}")
    return parts.scheme, parts.hostname, port, path


def _is_token_safe(token: str) -> bool:
    # printable ASCII without quotes, backslashes, '$' (an nginx variable) or spaces:
    # the token goes into a quoted nginx string
    return bool(token) and all(
        c.isascii() and c.isprintable() and c not in " \"'\\$" for c in token
    )


def _host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def render_config(spec: CacheSpec, root: Path, *, as_root: bool | None = None) -> str:
    """The text of ``root/nginx.conf`` for ``spec``; ``as_root``: whether nginx's master
    will run as root (default: whether we do), which needs a ``user`` line."""
    scheme, host, port, path = _upstream_parts(spec.upstream)
    if not isinstance(spec.lifetime_s, int) or not 1 <= spec.lifetime_s <= 3600:
        raise NginxConfigError(f"--lifetime must be whole seconds, 1..3600, got {spec.lifetime_s}")
    if spec.shared_token is not None and not _is_token_safe(spec.shared_token):
        raise NginxConfigError("the shared token must be printable ASCII without spaces or quotes")
    if as_root is None:
        as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    d = str(root.resolve())
    if any(c in d for c in " ;{}\"'\\$"):
        raise NginxConfigError(f"--dir must be a plain path (no spaces or quotes): {d!r}")
    default_port = 443 if scheme == "https" else 80
    host_header = _host(host) + ("" if port == default_port else f":{port}")
    lifetime = f"{spec.lifetime_s}s"
    lines = [
        "# Wallboard 112: a microcache in front of one dispatch backend (docs/fanout.md).",
        "# Made by `wallboard nginx-config`; run it unprivileged, everything under this folder:",
        f"#   nginx -p {d}/ -c {d}/nginx.conf            (start, in the background)",
        f"#   nginx -p {d}/ -c {d}/nginx.conf -s quit    (stop)",
        "# Under a supervisor (systemd): add -g 'daemon off;' to the start command.",
        "",
        "worker_processes 1;  # one worker serves thousands of polls a second",
        f"pid {d}/nginx.pid;",
        f"error_log {d}/logs/error.log warn;",
    ]
    if as_root:
        lines += [
            "# Made by root: the workers keep root's identity so that they can reach this",
            "# folder. In production, make the file as the user that runs nginx instead.",
            "user root;",
        ]
    lines += [
        "",
        "events {",
        "    worker_connections 1024;",
        "}",
        "",
        "http {",
        "    default_type application/octet-stream;",
        "    # $upstream_cache_status: HIT, MISS, EXPIRED, UPDATING, REVALIDATED ...;",
        "    # upstream=- means the origin was not asked",
        "    log_format wallboard '$remote_addr [$time_iso8601] \"$request\" $status '",
        "                         '$body_bytes_sent cache=$upstream_cache_status '",
        "                         'upstream=$upstream_status $upstream_response_time';",
        f"    access_log {d}/logs/access.log wallboard;",
        f"    client_body_temp_path {d}/temp/client_body;",
        f"    proxy_temp_path {d}/temp/proxy;",
        f"    fastcgi_temp_path {d}/temp/fastcgi;",
        f"    uwsgi_temp_path {d}/temp/uwsgi;",
        f"    scgi_temp_path {d}/temp/scgi;",
        "",
        "    # The cache: keys in 10 MB of shared memory (about 80,000 keys), answers on",
        "    # disk; an entry unused for 10 minutes (a forgotten cursor) is removed.",
        f"    proxy_cache_path {d}/cache levels=1:2 keys_zone=wallboard:10m",
        "                     max_size=256m inactive=10m use_temp_path=off;",
        "",
        "    upstream wallboard_backend {",
        f"        server {_host(host)}:{port};",
        "        keepalive 8;  # reuse connections to the origin",
        "    }",
        "",
        "    # gzip toward the walls: JSON pages shrink about tenfold. A strong ETag",
        "    # becomes weak (W/) on a compressed answer; If-None-Match compares weakly,",
        "    # so a wall's conditional poll still gets its 304.",
        "    gzip on;",
        "    gzip_types application/json;",
        "    gzip_proxied any;",
        "    gzip_min_length 1024;",
        "    gzip_vary on;",
        "",
        "    server {",
        f"        listen {_host(spec.listen_host)}:{spec.listen_port};",
        "",
    ]
    if spec.shared_token is not None:
        lines += [
            "        # All walls send the same read-only token, so every answer is the same",
            "        # for all of them and the cache key leaves Authorization out. The cache",
            "        # checks the token itself: without it a cached answer would go to anyone.",
            f'        if ($http_authorization != "Bearer {spec.shared_token}") {{',
            "            return 401;",
            "        }",
            "",
        ]
    lines += [
        "        location / {",
        # with no path the walls' URIs go through unchanged
        f"            proxy_pass {scheme}://wallboard_backend{path + '/' if path else ''};",
        "            proxy_http_version 1.1;",
        '            proxy_set_header Connection "";',
        f"            proxy_set_header Host {host_header};",
        "            # the origin's logs can tell the cache's requests (RFC 9110 §7.6.3)",
        '            proxy_set_header Via "1.1 wallboard-cache";',
        "            # the cache holds plain bodies and compresses them itself",
        '            proxy_set_header Accept-Encoding "";',
        "            proxy_connect_timeout 2s;",
        "            proxy_read_timeout 10s;",
    ]
    if scheme == "https":
        lines += [
            "            # the backend's certificate is checked, against the system's CAs",
            "            proxy_ssl_server_name on;",
            f"            proxy_ssl_name {host};",
            "            proxy_ssl_verify on;",
            "            proxy_ssl_trusted_certificate /etc/ssl/certs/ca-certificates.crt;",
        ]
    if spec.shared_token is not None:
        key = "$scheme$proxy_host$request_uri"
        key_note = "the shared token is checked above, so it need not be in the key"
    else:
        key = "$scheme$proxy_host$request_uri $http_authorization"
        key_note = (
            "Authorization is part of the key: walls with different tokens never get each\n"
            "            # other's answers, walls with the same token (or none) share them"
        )
    lines += [
        "",
        "            proxy_cache wallboard;",
        f"            # {key_note}",
        f'            proxy_cache_key "{key}";',
        "            # The microcache: an answer is served for this long without asking the",
        "            # origin. The feed says Cache-Control: no-cache (no cache may reuse an",
        "            # answer unasked); this cache, the centre's own, deliberately may.",
        f"            proxy_cache_valid 200 {lifetime};",
        "            proxy_ignore_headers Cache-Control Expires;",
        "            # one request per key to the origin at a time; the others wait for it",
        "            proxy_cache_lock on;",
        "            proxy_cache_lock_timeout 5s;",
        "            # ... or, when an older answer is held, get it while one request",
        "            # updates it. Only while updating: when the origin is down the walls",
        "            # must get the error and show their data as stale, not an old answer.",
        "            proxy_cache_use_stale updating;",
        "            # an expired answer is revalidated with the origin's ETag: a 304 from",
        "            # the origin renews it without sending the body again",
        "            proxy_cache_revalidate on;",
        "",
        "            # X-Feed-Time (the backend's clock when it made the answer) passes",
        "            # through untouched, as do ETag and Cache-Control. Date is this",
        "            # cache's clock when it sends the answer, and Via says the answer",
        "            # came through a cache: the wall reads the answer's age as",
        "            # Date - X-Feed-Time (wallboard/poller/cache_age.py), since nginx",
        "            # sends no Age header.",
        '            add_header Via "1.1 wallboard-cache" always;',
        "            add_header X-Cache-Status $upstream_cache_status always;",
        "        }",
        "    }",
        "}",
        "",
    ]
    return "\n".join(lines)


def write_config(spec: CacheSpec, root: Path) -> Path:
    """Write ``root/nginx.conf`` and make the folders it names; returns the file's path.

    The file is readable by its owner only when it holds the shared token.
    """
    text = render_config(spec, root)
    for sub in SUBDIRS:
        (root / sub).mkdir(parents=True, exist_ok=True)
    path = root / "nginx.conf"
    path.write_text(text, encoding="utf-8")
    if spec.shared_token is not None:
        path.chmod(0o600)
    return path
