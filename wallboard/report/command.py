"""``wallboard report``: the shift report as a one-shot command.

    python main.py report --backend URL --from ISO --to ISO --out DIR [--format png|pdf]
        [--proxy http://host:port|env] [--ca-file PEM]
    python main.py report --calls FILE --from ISO --to ISO --out DIR

Writes DIR/report.json, DIR/report.csv and DIR/report.png (or .pdf). Exit 0 when
written, 1 when the records could not be had or a file not written, 2 for bad arguments
or configuration.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from wallboard.config import ConfigError, backend_token, load_settings
from wallboard.config.network import NetworkSettingError, ca_path, check_ca_file, check_proxy
from wallboard.feed.pages import MAX_CALL_RANGE
from wallboard.kpi.targets import target_set_from_dict
from wallboard.report.records import ReportSourceError, fetch_records, read_calls_file
from wallboard.report.shift import ShiftReport, build_report
from wallboard.report.writing import write_csv, write_json

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wallboard report",
        description="Shift report: every KPI of a period against the targets, as JSON, "
        "CSV and a one-page PNG or PDF.",
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--backend", metavar="URL", help="fetch the records from this feed")
    source.add_argument(
        "--calls",
        type=Path,
        metavar="FILE",
        help="call records in the feed's JSON format (a /calls page or a list)",
    )
    parser.add_argument("--from", dest="start", required=True, metavar="ISO", help="period start")
    parser.add_argument("--to", dest="end", required=True, metavar="ISO", help="period end")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    parser.add_argument("--format", choices=("png", "pdf"), default="png", help="the page")
    parser.add_argument("--config", type=Path, help="TOML configuration ([targets], [region])")
    parser.add_argument(
        "--token-env", metavar="NAME", help="environment variable holding the backend's token"
    )
    parser.add_argument("--lang", choices=("id", "en"), help="language of the page")
    parser.add_argument("--timeout", type=float, default=30.0, help="HTTP timeout, seconds")
    parser.add_argument(
        "--proxy",
        metavar="URL",
        help="reach the backend through this HTTP proxy (http://host:port), or 'env' for "
        "the one HTTPS_PROXY / HTTP_PROXY name; by default directly, whatever they say",
    )
    parser.add_argument(
        "--ca-file",
        metavar="PEM",
        help="the CA certificate(s) that sign the backend's certificate (an internal CA)",
    )
    return parser


def _moment(text: str, name: str, zone: ZoneInfo) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"--{name} {text!r}: expected an ISO 8601 time such as 2026-11-30T07:00+08:00"
        ) from None
    # a time without offset is the region's local time, as a duty manager writes it
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)


PageRenderer = Callable[[ShiftReport, Path, str, str], None]


def run_report(argv: Sequence[str], render_page: PageRenderer) -> int:
    """Run the command; ``render_page(report, path, format, language)`` draws the page
    (views/report_page.py: this module stays free of Qt)."""
    args = build_parser().parse_args(list(argv))
    try:
        settings = load_settings(args.config)
        targets = target_set_from_dict(settings.targets, str(args.config or "defaults"))
    except ConfigError as exc:
        print(f"wallboard report: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.proxy is not None:
            check_proxy(args.proxy)
        if args.ca_file is not None:
            check_ca_file(args.ca_file)
    except NetworkSettingError as exc:
        shown = "" if exc.secret else f" {getattr(args, exc.key)!r}"
        print(f"wallboard report: --{exc.key.replace('_', '-')}{shown}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    zone = ZoneInfo(settings.region.timezone)
    try:
        start, end = _moment(args.start, "from", zone), _moment(args.end, "to", zone)
        if end <= start:
            raise ValueError(f"--to {args.end} is not after --from {args.start}")
        if end - start > MAX_CALL_RANGE:
            raise ValueError(f"a report covers at most {MAX_CALL_RANGE.days} days")
    except ValueError as exc:
        print(f"wallboard report: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.calls is not None:
            # a file may be read before or after its period: "future" is past both
            records = read_calls_file(args.calls, max(end, datetime.now(UTC)), (start, end))
        else:
            token = backend_token(args.token_env)
            records = fetch_records(
                args.backend,
                start,
                end,
                token=token,
                timeout=args.timeout,
                proxy=args.proxy,
                ca_file=str(ca_path(args.ca_file)) if args.ca_file else None,
            )
    except ReportSourceError as exc:
        print(f"wallboard report: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    report = build_report(
        records,
        start,
        end,
        targets,
        wall_now=datetime.now(UTC),
        region_name=settings.region.name,
        timezone=settings.region.timezone,
    )
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        write_json(report, args.out / "report.json")
        write_csv(report, args.out / "report.csv")
        page = args.out / f"report.{args.format}"
        render_page(report, page, args.format, args.lang or settings.wall.language)
    except OSError as exc:
        print(f"wallboard report: cannot write the report: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    print(f"{args.out / 'report.json'}\n{args.out / 'report.csv'}\n{page}")
    return EXIT_OK


__all__ = ["run_report"]
