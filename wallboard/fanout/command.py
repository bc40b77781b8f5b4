"""``wallboard probe`` and ``wallboard nginx-config``: the fan-out's two commands.

``probe`` runs K headless walls against a backend and prints one JSON line;
``nginx-config`` writes the microcache's configuration (docs/fanout.md).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from wallboard.fanout.nginx_config import (
    DEFAULT_LIFETIME_S,
    CacheSpec,
    NginxConfigError,
    parse_listen,
    write_config,
)
from wallboard.fanout.probe import probe

EXIT_OK = 0
EXIT_USAGE = 2


def run_probe(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="wallboard probe",
        description="Poll a backend like K walls (no window) for N seconds; print one "
        "JSON line: requests, ok (200), not_modified (304), bytes, errors, records "
        "(per client: the store's counts per kind) and data_age_s.",
    )
    parser.add_argument("--backend", required=True, metavar="URL", help="the feed's base URL")
    parser.add_argument("--seconds", type=float, required=True, metavar="N")
    parser.add_argument("--clients", type=int, default=1, metavar="K")
    parser.add_argument(
        "--no-reference-day",
        action="store_true",
        help="skip the wall's fetch of last week's calls (once per wall per day)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log the pollers' lines")
    args = parser.parse_args(argv)
    if not args.seconds > 0 or args.clients < 1:
        parser.error("--seconds must be > 0 and --clients >= 1")
    if not args.backend.startswith(("http://", "https://")):
        parser.error(f"--backend must be an http(s):// URL, got {args.backend!r}")
    # K pollers log the same outage K times: only errors unless asked
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.ERROR,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    result = probe(
        args.backend, args.seconds, args.clients, reference_day=not args.no_reference_day
    )
    print(json.dumps(result, separators=(",", ":")), flush=True)
    return EXIT_OK


def run_nginx_config(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="wallboard nginx-config",
        description="Write DIR/nginx.conf: an nginx microcache in front of one backend, "
        "run unprivileged with: nginx -p DIR -c DIR/nginx.conf (docs/fanout.md).",
    )
    parser.add_argument("--upstream", required=True, metavar="URL", help="the backend's URL")
    parser.add_argument("--listen", required=True, metavar="HOST:PORT", help="where walls poll")
    parser.add_argument("--dir", required=True, type=Path, metavar="DIR")
    parser.add_argument(
        "--lifetime",
        type=int,
        default=DEFAULT_LIFETIME_S,
        metavar="SECONDS",
        help=f"whole seconds an answer is served without asking the backend (default "
        f"{DEFAULT_LIFETIME_S})",
    )
    parser.add_argument(
        "--shared-token-file",
        type=Path,
        metavar="FILE",
        help="the one token every wall sends: the cache checks it and shares answers "
        "across walls (without it, answers are shared only between walls sending the "
        "same Authorization header)",
    )
    args = parser.parse_args(argv)
    try:
        host, port = parse_listen(args.listen)
        token = None
        if args.shared_token_file is not None:
            token = args.shared_token_file.read_text(encoding="utf-8").strip()
        spec = CacheSpec(args.upstream, host, port, args.lifetime, token)
        path = write_config(spec, args.dir)
    except (NginxConfigError, OSError) as exc:
        print(f"wallboard nginx-config: {exc}", file=sys.stderr)
        return EXIT_USAGE
    root = path.parent.resolve()
    print(f"wrote {path}; run: nginx -p {root}/ -c {root}/nginx.conf")
    return EXIT_OK
