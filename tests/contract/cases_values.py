"""Contract cases for values: aware UTC datetimes that round-trip, and NUL refused before sending.

The servers send every time without a zone and mean UTC; the SDK returns
them aware, in UTC, so any of them can be compared with ``datetime.now(UTC)``
and passed back as an argument. A NUL character can never be stored or
searched (PostgreSQL text has no room for it): the SDK refuses it before
sending, so no request goes out, and nothing is retried as an outage.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cml_ergonomic import ValidationError
from cml_ergonomic.hooks import Hooks, RequestSent
from tests.contract.suite import Driver, _scoped, found, token, write_stored

__all__ = [
    "test_every_returned_datetime_is_aware_utc_and_goes_back_in",
    "test_nul_in_an_admin_filter_is_refused_before_sending",
    "test_nul_input_is_refused_before_sending",
    "test_stream_and_admin_times_are_aware_utc",
]

UTC = dt.UTC
SLACK = dt.timedelta(minutes=5)  # the servers' clocks are this machine's; only the zone is in question


def aware_utc(value: Any, what: str) -> dt.datetime:
    assert isinstance(value, dt.datetime), f"{what} is {type(value).__name__}"
    assert value.tzinfo is not None, f"{what} is naive: {value!r}"
    assert value.utcoffset() == dt.timedelta(0), f"{what} is not in UTC: {value!r}"
    now = dt.datetime.now(UTC)  # comparing with an aware now raises TypeError for a naive value
    assert now - dt.timedelta(days=400) < value < now + dt.timedelta(days=400), f"{what} is {value} (now {now})"
    return value


@pytest.mark.anyio
async def test_every_returned_datetime_is_aware_utc_and_goes_back_in(driver: Driver) -> None:
    tenant = driver.tenant_client()
    before = dt.datetime.now(UTC) - SLACK
    text = f"User {token()} waters the fern on the landing every Tuesday"
    await write_stored(driver, text, client=tenant)

    result = await driver.call("read", text, client=tenant)
    (item,) = [item for item in result.memories if text in item.text]
    stamp = aware_utc(item.timestamp, "read item timestamp")
    assert before <= stamp <= dt.datetime.now(UTC) + SLACK

    # a returned value goes back in unchanged, and means the same instant
    assert item.id in await found(driver, text, client=tenant, since=stamp)
    later = f"User {token()} repotted the fern into terracotta"
    await write_stored(driver, later, client=tenant, timestamp=stamp)
    again = await driver.call("read", later, client=tenant)
    (moved,) = [entry for entry in again.memories if later in entry.text]
    assert aware_utc(moved.timestamp, "timestamp written back") == stamp

    stats = await driver.call("stats", client=tenant)
    assert aware_utc(stats.newest_memory, "stats.newest_memory") >= aware_utc(stats.oldest_memory, "oldest")

    session = await driver.call("create_session", client=tenant, ttl_hours=2)
    created = aware_utc(session.created_at, "session.created_at")
    assert aware_utc(session.expires_at, "session.expires_at") - created == dt.timedelta(hours=2)


@pytest.mark.anyio
async def test_stream_and_admin_times_are_aware_utc(driver: Driver) -> None:
    tenant = driver.tenant_client()
    text = f"User {token()} streams the shipping forecast at dawn"
    written = await write_stored(driver, text, client=tenant)

    iterator = tenant.read_stream(text)
    items = [entry async for entry in iterator] if driver.is_async else list(iterator)
    (item,) = [entry for entry in items[:-1] if text in entry.text]  # the server sends "YYYY-MM-DD HH:MM:SS"
    streamed = aware_utc(item.timestamp, "stream item timestamp")

    detail = await _scoped(driver, tenant.admin.memories.get(written.memory_id))
    assert aware_utc(detail.timestamp, "admin detail timestamp") == streamed
    # the detail's time goes back in as a write's timestamp
    copy = f"User {token()} also hums the shipping forecast"
    await write_stored(driver, copy, client=tenant, timestamp=detail.timestamp)

    exported = await _scoped(driver, tenant.admin.memories.export(tenant_id=tenant.config.tenant_id))
    (entry,) = [entry for entry in exported if entry["text"] == text]
    assert entry["timestamp"].endswith("+00:00"), entry["timestamp"]
    assert dt.datetime.fromisoformat(entry["timestamp"]) == streamed


class _Sent(Hooks):
    def __init__(self) -> None:
        self.requests: list[str] = []

    def on_request(self, event: RequestSent) -> None:
        self.requests.append(f"{event.method} {event.path}")


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("call", "field"),
    [
        (("write", ("a\x00b",), {}), "content"),
        (("write", ("plain text",), {"context_tags": ["a\x00b"]}), "context_tags[0]"),
        (("read", ("a\x00b",), {}), "query"),
        (("turn", ("a\x00b",), {}), "user_message"),
        (("get_session_context", ("a\x00b",), {}), "session_id"),
    ],
    ids=["write", "tag", "read", "turn", "session"],
)
async def test_nul_input_is_refused_before_sending(driver: Driver, call: Any, field: str) -> None:
    # measured on 1.5.1 and 2.0.0: these answer 200 storing or finding nothing, or 500 (then retried)
    seen = _Sent()
    client = driver.new(hooks=seen, max_retries=2)
    name, args, kwargs = call
    with pytest.raises(ValidationError) as info:
        await driver.call(name, *args, client=client, **kwargs)
    assert field in info.value.message
    assert "NUL" in info.value.message
    assert info.value.status_code is None
    assert seen.requests == []
    # the same client still works: nothing was wrong but the argument
    health = await driver.call("health", client=client)
    assert health["status"] == "healthy"
    assert seen.requests, "the hook saw nothing at all: it would not have seen the refused call either"


@pytest.mark.anyio
async def test_nul_in_an_admin_filter_is_refused_before_sending(driver: Driver) -> None:
    # measured on 1.5.1 and 2.0.0: search, tenant_id and job_type with a NUL answer 500, which was retried twice
    seen = _Sent()
    client = driver.new(hooks=seen, max_retries=2)
    with pytest.raises(ValidationError, match="search"):
        pager = client.admin.memories.list(search="a\x00b")
        if driver.is_async:
            [entry async for entry in pager]
        else:
            list(pager)
    with pytest.raises(ValidationError, match="tenant_id"):
        await _scoped(driver, client.admin.memories.export(tenant_id="a\x00b"))
    with pytest.raises(ValidationError, match="job_type"):
        await _scoped(driver, client.admin.jobs.list(job_type="a\x00b"))
    assert seen.requests == []
