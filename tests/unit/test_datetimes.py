"""Every datetime the SDK returns is aware and in UTC; the server sends them naive, meaning UTC.

The real servers' forms (measured on 1.5.1 and 2.0.0): ``2026-11-21T21:54:44.498721``
in JSON bodies, ``2026-11-21 21:54:44.498721`` in the read stream, ``...Z`` for a
session's times. Each must come back as the same instant, with ``tzinfo=UTC``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import httpx
import pytest
from cml_api_client.models.create_session_response import CreateSessionResponse
from cml_api_client.models.memory_stats import MemoryStats
from cml_api_client.types import parse_datetime
from pytest_httpx import HTTPXMock

from cml_ergonomic import MemoryItem, ReadResult
from cml_ergonomic._stream import interpret_read_event
from cml_ergonomic.admin._results import parse_list, parse_page
from tests.unit.conftest import API, memory_item, read_body, stats_body
from tests.unit.test_cli import cml

INSTANT = dt.datetime(2026, 11, 21, 21, 54, 44, 498721, tzinfo=dt.UTC)
GENERATED = Path(__file__).resolve().parents[2] / "generated" / "cml_api_client"


@pytest.mark.parametrize(
    "sent",
    [
        "2026-11-21T21:54:44.498721",  # JSON bodies
        "2026-11-21 21:54:44.498721",  # the read stream
        "2026-11-21T21:54:44.498721Z",  # sessions
        "2026-11-21T21:54:44.498721+00:00",
        "2026-11-21T23:54:44.498721+02:00",  # another zone: the same instant, given in UTC
    ],
)
def test_each_form_the_server_sends_is_the_same_aware_utc_instant(sent: str) -> None:
    parsed = parse_datetime(sent)
    assert parsed == INSTANT
    assert parsed.tzinfo is dt.UTC
    assert parsed.isoformat() == "2026-11-21T21:54:44.498721+00:00"


@pytest.mark.parametrize(
    ("sent", "instant"),
    [
        ("2026-11-21", dt.datetime(2026, 11, 21, tzinfo=dt.UTC)),  # a date alone takes no offset in its text
        ("2026-11-21T21:54", dt.datetime(2026, 11, 21, 21, 54, tzinfo=dt.UTC)),
        ("2026-11-21T21:54:44", dt.datetime(2026, 11, 21, 21, 54, 44, tzinfo=dt.UTC)),
    ],
)
def test_shorter_forms_are_read_as_utc_too(sent: str, instant: dt.datetime) -> None:
    parsed = parse_datetime(sent)
    assert parsed == instant and parsed.tzinfo is dt.UTC


def test_a_value_that_is_no_date_time_is_refused() -> None:
    with pytest.raises(ValueError, match="Invalid isoformat"):
        parse_datetime("yesterday")


def test_every_generated_datetime_is_parsed_aware() -> None:
    # the generator's own construct is datetime.fromisoformat: no model may fall back to it
    offenders = [
        p.name for p in (GENERATED / "models").glob("*.py") if "datetime.datetime.fromisoformat" in p.read_text()
    ]
    assert offenders == []
    users = [p for p in (GENERATED / "models").glob("*.py") if "parse_datetime(" in p.read_text()]
    assert len(users) >= 20  # every model with a date-time field


def test_results_and_models_hold_aware_utc() -> None:
    item = MemoryItem.from_dict(memory_item(timestamp="2026-11-21T21:54:44.498721"))
    assert item.timestamp == INSTANT and item.timestamp.tzinfo is dt.UTC
    assert item.timestamp < dt.datetime.now(dt.UTC)  # a naive value would raise TypeError here
    result = ReadResult.from_dict(read_body())
    assert all(m.timestamp.tzinfo is dt.UTC for m in result.memories)
    stats = MemoryStats.from_dict(stats_body(newest_memory="2026-11-21T21:54:44.498721", oldest_memory=None))
    assert stats.newest_memory == INSTANT
    session = CreateSessionResponse.from_dict(
        {"session_id": "s", "created_at": "2026-11-21T21:54:44.498721Z", "expires_at": "2026-11-22T21:54:44.498721Z"}
    )
    assert session.expires_at - session.created_at == dt.timedelta(days=1)
    assert session.created_at.tzinfo is dt.UTC


def test_a_stream_item_s_time_with_a_space_is_aware_utc() -> None:
    data = json.dumps(memory_item(timestamp="2026-11-21 21:54:44.498721"))
    item = interpret_read_event("message", data)
    assert item.timestamp == INSTANT and item.timestamp.tzinfo is dt.UTC


def test_untyped_admin_answers_carry_their_offset() -> None:
    exported = parse_list([{"text": "a", "timestamp": "2026-11-21T21:54:44.498721", "key": None}])
    assert exported[0]["timestamp"] == "2026-11-21T21:54:44.498721+00:00"
    facts = parse_list([{"created_at": "2026-11-21T21:54:44.498721", "updated_at": None, "value": "x"}])
    assert facts[0]["created_at"].endswith("+00:00") and facts[0]["updated_at"] is None
    page = parse_page(
        {"items": [{"created_at": "2026-11-21 21:54:44"}], "total": 1, "page": 1, "per_page": 1, "total_pages": 1}
    )
    assert page["items"][0]["created_at"] == "2026-11-21T21:54:44+00:00"
    odd = parse_list([{"timestamp": "not a time"}])
    assert odd[0]["timestamp"] == "not a time"


def test_a_returned_time_goes_back_in_unchanged(httpx_mock: HTTPXMock) -> None:
    from cml_ergonomic import CognitiveMemoryLayer

    httpx_mock.add_response(url=f"{API}/memory/read", json=read_body(), is_reusable=True)
    with CognitiveMemoryLayer(api_key="k" * 20, base_url=API.removesuffix("/api/v1"), max_retries=0) as client:
        item = client.read("q").memories[0]
        client.read("q", since=item.timestamp, until=item.timestamp)
    body = json.loads(httpx_mock.get_requests()[-1].content)
    assert body["since"] == body["until"] == "2026-11-21T21:54:44.498721+00:00"


def test_cli_json_times_have_an_offset(httpx_mock: HTTPXMock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CML_BASE_URL", API.removesuffix("/api/v1"))
    monkeypatch.setenv("CML_API_KEY", "k" * 20)
    monkeypatch.setenv("CML_MAX_RETRIES", "0")
    httpx_mock.add_response(url=f"{API}/memory/read", json=read_body())
    result = cml("--json", "read", "q")
    assert result.code == 0, result.err
    out = json.loads(result.out)
    assert out["memories"][0]["timestamp"] == "2026-11-21T21:54:44.498721+00:00"


def test_the_naive_refusal_never_suggests_astimezone() -> None:
    from cml_ergonomic import _validation as check
    from cml_ergonomic.errors import ValidationError

    with pytest.raises(ValidationError) as info:
        check.aware(dt.datetime(2026, 1, 1), "since")
    assert "astimezone" not in str(info.value)
    assert "replace(tzinfo=datetime.UTC)" in info.value.suggestion


def test_the_fake_answers_like_the_server_and_its_helpers_return_aware_times() -> None:
    from cml_ergonomic.testing import FakeCML

    fake = FakeCML()
    with fake.client() as client:
        client.write("The user hangs the washing out on Fridays")
    (record,) = fake.memories()
    assert record.timestamp.tzinfo is not None and record.timestamp.utcoffset() == dt.timedelta(0)
    with httpx.Client(transport=fake, base_url=fake.base_url) as http:
        headers = {"X-API-Key": fake.api_key}
        body = http.post("/api/v1/memory/read", json={"query": "washing Fridays"}, headers=headers).json()
        stream = http.post("/api/v1/memory/read/stream", json={"query": "washing Fridays"}, headers=headers).text
    sent = body["memories"][0]["timestamp"]
    assert dt.datetime.fromisoformat(sent).tzinfo is None  # naive on the wire, as the real servers send it
    assert dt.datetime.fromisoformat(sent).replace(tzinfo=dt.UTC) == record.timestamp
    assert f'"timestamp": "{sent.replace("T", " ")}"' in stream  # the stream's space, as on the real servers
