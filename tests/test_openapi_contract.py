"""The OpenAPI document and the simulator agree: real responses validate against it."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from importlib.resources import files

import jsonschema
import pytest
import requests
from openapi_spec_validator import validate as validate_spec

from wallboard.feed.openapi import build_document, document_text
from wallboard.simulator import start_simulator

ENDPOINTS = ["info", "incidents", "calls", "units", "agencies", "queue"]


def committed_document_text() -> str:
    return files("resources.openapi").joinpath("feed-v1.json").read_text(encoding="utf-8")


def test_committed_document_is_current():
    assert committed_document_text() == document_text(), (
        "resources/openapi/feed-v1.json is out of date: regenerate it with "
        "`python -m wallboard.feed.openapi > resources/openapi/feed-v1.json`"
    )


def test_document_is_valid_openapi_3_1():
    validate_spec(build_document())


FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _is_offset_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"{value!r} has no UTC offset")
    return True


def response_validator(document: dict, path: str, status: str) -> jsonschema.Validator:
    response = document["paths"][path]["get"]["responses"][status]
    schema = dict(response["content"]["application/json"]["schema"])
    schema["components"] = document["components"]
    return jsonschema.Draft202012Validator(schema, format_checker=FORMATS)


@pytest.fixture(scope="module")
def sim():
    with start_simulator(seed=7, speed=1.0, manual_clock=True) as server:
        server.advance(timedelta(minutes=30))
        yield server


@pytest.fixture(scope="module")
def served_document(sim) -> dict:
    response = requests.get(f"{sim.url}/api/v1/openapi.json", timeout=5)
    assert response.status_code == 200
    return response.json()


def test_simulator_serves_the_committed_document(served_document):
    assert served_document == json.loads(committed_document_text())


@pytest.mark.parametrize("name", ENDPOINTS)
def test_every_endpoint_answers_as_documented(sim, served_document, name):
    path = f"/api/v1/{name}"
    response = requests.get(f"{sim.url}{path}", timeout=5)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.headers["ETag"].startswith('"')
    assert response.headers["Cache-Control"] == "no-cache"
    assert datetime.fromisoformat(response.headers["X-Feed-Time"]).tzinfo is not None
    body = response.json()
    errors = list(response_validator(served_document, path, "200").iter_errors(body))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]

    again = requests.get(
        f"{sim.url}{path}", headers={"If-None-Match": response.headers["ETag"]}, timeout=5
    )
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize("name", ["incidents", "calls"])
def test_deltas_and_errors_answer_as_documented(served_document, name):
    path = f"/api/v1/{name}"
    # a simulator that remembers few removals, so an old cursor expires for sure
    with start_simulator(seed=3, manual_clock=True, tombstone_limit=5) as sim:
        first = requests.get(f"{sim.url}{path}", timeout=5).json()
        assert first["full"] is True and first["items"]
        sim.advance(timedelta(minutes=10))
        delta = requests.get(f"{sim.url}{path}", params={"since": first["cursor"]}, timeout=5)
        assert delta.status_code == 200
        body = delta.json()
        assert body["full"] is False
        assert not list(response_validator(served_document, path, "200").iter_errors(body))

        sim.advance(timedelta(hours=50))  # everything from the first page has left the window
        for status, cursor in (("400", "not-a-cursor"), ("410", first["cursor"])):
            answer = requests.get(f"{sim.url}{path}", params={"since": cursor}, timeout=5)
            assert answer.status_code == int(status)
            validator = response_validator(served_document, path, status)
            assert not list(validator.iter_errors(answer.json()))


def test_unknown_path_is_a_json_error(sim):
    answer = requests.get(f"{sim.url}/api/v1/nothing-here", timeout=5)
    assert answer.status_code == 404
    assert answer.json()["error"] == "not_found"
