"""The OpenAPI 3.1 document of the native feed v1, built from the records themselves.

The schemas come from the msgspec Structs that the simulator encodes and the poller
decodes, so the document cannot drift from the code; the committed copy in
resources/openapi/feed-v1.json is checked against this builder by a test. Regenerate:
``python -m wallboard.feed.openapi > resources/openapi/feed-v1.json``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import msgspec

from wallboard.feed.pages import (
    API_PREFIX,
    FEED_TIME_HEADER,
    AgencyList,
    CallPage,
    FeedError,
    IncidentPage,
    RegionInfo,
    UnitList,
)
from wallboard.model import QueueSnapshot

REF = "#/components/schemas/{name}"

_ENDPOINTS: tuple[tuple[str, type, bool, str], ...] = (
    ("/info", RegionInfo, False, "The region this backend serves: names, time zone, extent."),
    (
        "/incidents",
        IncidentPage,
        True,
        "Open incidents and those closed in the last 24 h, or (with from and to) the "
        "incidents created in a past period.",
    ),
    (
        "/calls",
        CallPage,
        True,
        "Call records offered in the last 48 h, or (with from and to) in a past period.",
    ),
    ("/units", UnitList, False, "Every unit with its status and last position."),
    ("/agencies", AgencyList, False, "Every agency with the state of its link."),
    ("/queue", QueueSnapshot, False, "Calls waiting now and what each call-taker is doing."),
)

_DESCRIPTION = """\
The contract a dispatch backend implements to feed Wallboard 112.

* Every record carries `version`, the backend's global change sequence number at the
  record's last change; a client ignores a record whose version is not newer than the
  one it holds.
* `/incidents` and `/calls` answer in full without `since` (`full: true`), and with
  `since=<cursor>` only the records changed after that cursor plus the ids that left the
  window (`removed`). The returned `cursor` is the next `since`. A cursor the backend no
  longer remembers is answered 410 `cursor_expired`: fetch in full again.
* `/calls?from=<ISO>&to=<ISO>` answers the call records offered in [from, to) (at most
  8 days; times with a UTC offset), however old: how a client gets "the same weekday
  last week" or a shift's calls for a report. It is a snapshot (`full: true`, empty
  `cursor`) and cannot be combined with `since`; a bad range is answered 400 `bad_range`.
* `/incidents?from=<ISO>&to=<ISO>` likewise answers the incidents created in [from, to),
  however old, each as it stands now (its assignments with their dispatch, en route and
  on scene times): last week's dispatch and response figures, or a past shift's.
* Every 200 carries a strong `ETag` that depends only on the body; `If-None-Match`
  with it gives 304 and no body. Bodies hold no wall-clock fields, so an unchanged
  backend costs a 304. `Cache-Control: no-cache` lets a shared HTTP cache fan many walls
  out from one backend.
* Every response carries `X-Feed-Time`, the backend's clock (ISO 8601 with offset).
* Timestamps are ISO 8601 with a UTC offset; naive timestamps are rejected.
* An agency MAY carry `personnel`: how many of its people are available, responding,
  on scene or unavailable (counts only, never names). Leave it out when not known.
"""


def _error_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "headers": {FEED_TIME_HEADER: {"$ref": "#/components/headers/FeedTime"}},
        "content": {"application/json": {"schema": {"$ref": REF.format(name="FeedError")}}},
    }


_RANGE = (
    ("from", "Start of a past period (inclusive), ISO 8601 with offset; needs `to`."),
    ("to", "End of the period (exclusive), ISO 8601 with offset; at most 8 days after `from`."),
)


def _range_parameter(name: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": {"type": "string", "format": "date-time"},
        "description": description,
    }


def _operation(path: str, schema_ref: dict[str, Any], delta: bool, summary: str) -> dict:
    parameters: list[dict[str, Any]] = [
        {
            "name": "If-None-Match",
            "in": "header",
            "required": False,
            "schema": {"type": "string"},
            "description": "The ETag of the copy the client holds.",
        }
    ]
    responses: dict[str, Any] = {
        "200": {
            "description": "The current data.",
            "headers": {
                "ETag": {"$ref": "#/components/headers/ETag"},
                FEED_TIME_HEADER: {"$ref": "#/components/headers/FeedTime"},
                "Cache-Control": {"schema": {"type": "string", "const": "no-cache"}},
            },
            "content": {"application/json": {"schema": schema_ref}},
        },
        "304": {
            "description": "Unchanged since the ETag in If-None-Match; no body.",
            "headers": {
                "ETag": {"$ref": "#/components/headers/ETag"},
                FEED_TIME_HEADER: {"$ref": "#/components/headers/FeedTime"},
            },
        },
        "401": _error_response("A token is required or was refused."),
        "500": _error_response("The backend failed."),
    }
    if delta:
        parameters.append(
            {
                "name": "since",
                "in": "query",
                "required": False,
                "schema": {"type": "string"},
                "description": "A cursor from an earlier page: answer only what changed since.",
            }
        )
        responses["400"] = _error_response("Malformed cursor (`bad_cursor`).")
        responses["410"] = _error_response(
            "The cursor is too old (`cursor_expired`): fetch again without `since`."
        )
    if path in ("/calls", "/incidents"):
        parameters.extend(_range_parameter(name, text) for name, text in _RANGE)
        responses["400"] = _error_response(
            "Malformed cursor (`bad_cursor`) or range (`bad_range`)."
        )
    name = path.strip("/")
    return {
        "get": {
            "operationId": f"get_{name}",
            "summary": summary,
            "parameters": parameters,
            "responses": responses,
        }
    }


def _constrain_status_keys(components: dict[str, Any]) -> None:
    # msgspec describes dict[IncidentStatus, ...] values but not its keys
    times = components["Incident"]["properties"]["status_times"]
    times["propertyNames"] = {"$ref": REF.format(name="IncidentStatus")}


def build_document() -> dict[str, Any]:
    """The whole OpenAPI 3.1 document as a JSON-ready dict."""
    types = [body for _, body, _, _ in _ENDPOINTS] + [FeedError]
    refs, components = msgspec.json.schema_components(types, ref_template=REF)
    _constrain_status_keys(components)
    paths = {
        f"{API_PREFIX}{path}": _operation(path, ref, delta, summary)
        for (path, _, delta, summary), ref in zip(_ENDPOINTS, refs, strict=False)
    }
    paths[f"{API_PREFIX}/openapi.json"] = {
        "get": {
            "operationId": "get_openapi",
            "summary": "This document.",
            "responses": {
                "200": {
                    "description": "The OpenAPI document.",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                }
            },
        }
    }
    document = {
        "openapi": "3.1.0",
        "info": {
            "title": "Wallboard 112 native feed",
            "version": "1.0.0",
            "description": _DESCRIPTION,
        },
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "paths": paths,
        "components": {
            "schemas": dict(sorted(components.items())),
            "headers": {
                "ETag": {
                    "description": "Strong validator of the body.",
                    "schema": {"type": "string", "pattern": '^"[^"]+"$'},
                },
                "FeedTime": {
                    "description": "The backend's clock when it answered.",
                    "schema": {"type": "string", "format": "date-time"},
                },
            },
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{}, {"bearer": []}],
    }
    return json.loads(json.dumps(document))  # plain JSON types (msgspec gives tuples)


def document_text() -> str:
    return json.dumps(build_document(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    sys.stdout.write(document_text())
