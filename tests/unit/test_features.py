"""Sessions, batches, compatibility checks, deprecation, serialisation, logging configuration (both clients)."""

from __future__ import annotations

import copy
import datetime as dt
import enum
import json
import logging
import subprocess
import sys
import uuid
import warnings
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

import cml_ergonomic
from cml_ergonomic import CognitiveMemoryLayer, ValidationError
from cml_ergonomic._batch import BatchWriteError, NotAttempted
from cml_ergonomic._compat import load_snapshot
from cml_ergonomic._deprecation import deprecated
from cml_ergonomic._serialize import APIJSONEncoder, dumps, serialize_for_api
from cml_ergonomic._session import AsyncSessionScope, SessionScope
from tests.unit.conftest import (
    API,
    BASE_URL,
    create_session_body,
    error_body,
    read_body,
    session_context_body,
    write_batch_body,
    write_body,
)

pytestmark = pytest.mark.anyio


def _sent(httpx_mock: HTTPXMock) -> list[tuple[str, Any]]:
    return [(r.url.path, json.loads(r.content) if r.content else None) for r in httpx_mock.get_requests()]


# --------------------------------------------------------------------------- sessions


async def test_session_scope_creates_once_and_tags_writes_and_turns(make_client: Any, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{API}/session/create", json=create_session_body())
    httpx_mock.add_response(url=f"{API}/memory/write", json=write_body())
    httpx_mock.add_response(
        url=f"{API}/memory/turn", json={"memory_context": "", "memories_retrieved": 0, "memories_stored": 1}
    )
    httpx_mock.add_response(url=f"{API}/memory/read", json=read_body())
    sid = create_session_body()["session_id"]
    httpx_mock.add_response(url=f"{API}/session/{sid}/context", json=session_context_body(sid))
    driver = make_client()
    opener = driver.client.session(name="onboarding", ttl_hours=2)
    if driver.is_async:
        async with opener as scope:
            assert isinstance(scope, AsyncSessionScope)
            await scope.write("User prefers dark mode", context_tags=["prefs"])
            await scope.turn("What do I prefer?")
            await scope.read("preferences")
            context = await scope.context()
    else:
        with opener as scope:
            assert isinstance(scope, SessionScope)
            scope.write("User prefers dark mode", context_tags=["prefs"])
            scope.turn("What do I prefer?")
            scope.read("preferences")
            context = scope.context()
    assert scope.session_id == sid and context.session_id == sid
    sent = _sent(httpx_mock)
    assert sent[0] == ("/api/v1/session/create", {"ttl_hours": 2, "name": "onboarding"})
    assert sent[1][1] == {"content": "User prefers dark mode", "context_tags": ["prefs"], "session_id": sid}
    assert sent[2][1] == {"user_message": "What do I prefer?", "session_id": sid}
    assert "session_id" not in sent[3][1]  # the server scopes reads by tenant
    assert len(sent) == 5  # nothing on exit


async def test_an_exception_inside_a_session_propagates_unchanged(make_client: Any, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{API}/session/create", json=create_session_body())
    driver = make_client()

    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        if driver.is_async:
            async with driver.client.session():
                raise Boom
        else:
            with driver.client.session():
                raise Boom
    assert len(httpx_mock.get_requests()) == 1


async def test_a_bad_session_argument_fails_before_the_block(make_client: Any, httpx_mock: HTTPXMock) -> None:
    driver = make_client()
    with pytest.raises(ValidationError, match="ttl_hours"):
        driver.client.session(ttl_hours=100_000_000)  # its expiry would pass the year 9999
    assert httpx_mock.get_requests() == []


# --------------------------------------------------------------------------- batches


async def test_read_many_keeps_input_order(make_client: Any, httpx_mock: HTTPXMock) -> None:
    queries = [f"q{i}" for i in range(12)]
    for q in queries:
        httpx_mock.add_response(
            url=f"{API}/memory/read", match_json={"query": q, "max_results": 3, "format": "packet"}, json=read_body(q)
        )
    driver = make_client()
    results = await driver.call("read_many", queries, max_results=3, max_concurrency=4)
    assert [r.query for r in results] == queries


async def test_read_many_reports_failures(make_client: Any, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        url=f"{API}/memory/read",
        match_json={"query": "ok", "max_results": 10, "format": "packet"},
        json=read_body("ok"),
    )
    httpx_mock.add_response(
        url=f"{API}/memory/read",
        match_json={"query": "bad", "max_results": 10, "format": "packet"},
        status_code=404,
        json=error_body("nope"),
        is_reusable=True,
    )
    driver = make_client()
    results = await driver.call("read_many", ["ok", "bad"], return_exceptions=True)
    assert results[0].query == "ok" and isinstance(results[1], cml_ergonomic.NotFoundError)
    with pytest.raises(cml_ergonomic.NotFoundError):
        await driver.call("read_many", ["bad"])


async def test_read_many_checks_every_query_before_sending(make_client: Any, httpx_mock: HTTPXMock) -> None:
    driver = make_client()
    with pytest.raises(ValidationError, match="max_concurrency"):
        await driver.call("read_many", ["a"], max_concurrency=0)
    with pytest.raises(ValidationError, match="query"):
        await driver.call("read_many", ["a", 3])
    assert httpx_mock.get_requests() == []


async def test_write_many_batches_what_it_can_and_keeps_order(make_client: Any, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{API}/memory/write_batch", json=write_batch_body(2), is_reusable=True)
    httpx_mock.add_response(url=f"{API}/memory/write", json=write_body(), is_reusable=True)
    items: list[Any] = ["a1", {"content": "a2", "turn_id": "t"}, {"content": "b", "context_tags": ["x"]}, "c1"]
    driver = make_client()
    result = await driver.call("write_many", items, max_concurrency=1)
    assert result.ok and len(result.results) == 4
    kinds = [type(r).__name__ for r in result.results]
    assert kinds == ["WriteBatchResult", "WriteBatchResult", "WriteResult", "WriteBatchResult"]
    sent = _sent(httpx_mock)
    assert sent[0] == ("/api/v1/memory/write_batch", {"turns": [{"content": "a1"}, {"content": "a2", "turn_id": "t"}]})
    assert sent[1] == ("/api/v1/memory/write", {"content": "b", "context_tags": ["x"]})
    assert sent[2] == ("/api/v1/memory/write_batch", {"turns": [{"content": "c1"}]})


async def test_write_many_chunks_at_500(make_client: Any, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{API}/memory/write_batch", json=write_batch_body(500), is_reusable=True)
    driver = make_client()
    result = await driver.call("write_many", [f"m{i}" for i in range(1001)])
    assert result.ok
    assert sorted(len(body["turns"]) for _, body in _sent(httpx_mock)) == [1, 500, 500]


async def test_write_many_never_drops_a_failure(make_client: Any, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        url=f"{API}/memory/write", match_json={"content": "good", "agent_id": "a"}, json=write_body()
    )
    httpx_mock.add_response(
        url=f"{API}/memory/write",
        match_json={"content": "bad", "agent_id": "a"},
        status_code=400,
        json=error_body("rejected"),
    )
    driver = make_client()
    items = [{"content": "good", "agent_id": "a"}, {"content": "bad", "agent_id": "a"}]
    with pytest.raises(BatchWriteError) as caught:
        await driver.call("write_many", items)
    outcome = caught.value.outcome
    assert [f.index for f in outcome.failures] == [1]
    assert isinstance(outcome.failures[0].error, cml_ergonomic.BadRequestError)
    assert outcome.results[0] is not None and outcome.results[1] is None
    assert "1 of 2 writes failed" in str(caught.value)


async def test_write_many_stop_on_first_error_sends_nothing_more(make_client: Any, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{API}/memory/write", status_code=400, json=error_body("rejected"))
    driver = make_client()
    items = [{"content": f"m{i}", "agent_id": "a"} for i in range(5)]
    with pytest.raises(BatchWriteError) as caught:
        await driver.call("write_many", items, max_concurrency=1, stop_on_first_error=True)
    failures = caught.value.outcome.failures
    assert len(httpx_mock.get_requests()) == 1
    assert [f.index for f in failures] == [0, 1, 2, 3, 4]
    assert all(isinstance(f.error, NotAttempted) for f in failures[1:])


async def test_write_many_validates_every_item_first(make_client: Any, httpx_mock: HTTPXMock) -> None:
    driver = make_client()
    with pytest.raises(ValidationError, match=r"items\[2\]"):
        await driver.call("write_many", ["ok", "fine", ""])
    with pytest.raises(ValidationError, match=r"items\[1\]"):
        await driver.call("write_many", ["ok", 42])
    assert httpx_mock.get_requests() == []


# --------------------------------------------------------------------------- compatibility


def _live_without_total_count() -> dict[str, Any]:
    live = copy.deepcopy(load_snapshot())
    schema = live["components"]["schemas"]["ReadMemoryResponse"]
    del schema["properties"]["total_count"]
    schema["required"].remove("total_count")
    return live


async def test_check_compatibility_names_the_affected_methods(make_client: Any, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{BASE_URL}/openapi.json", json=_live_without_total_count())
    driver = make_client()
    report = await driver.call("check_compatibility")
    assert not report.compatible
    assert {"read", "read_safe", "read_many", "SessionScope.read"} <= set(report.affected_methods)
    assert "total_count" in str(report)


async def test_check_compatibility_on_the_same_schema(make_client: Any, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{BASE_URL}/openapi.json", json=load_snapshot())
    report = await make_client().call("check_compatibility")
    assert report.compatible and report.issues == []


async def test_check_server_on_first_use_logs_one_warning(
    make_client: Any, httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture
) -> None:
    httpx_mock.add_response(url=f"{BASE_URL}/openapi.json", json=_live_without_total_count())
    httpx_mock.add_response(url=f"{API}/memory/read", json=read_body(), is_reusable=True)
    driver = make_client(check_server=True)
    with caplog.at_level(logging.WARNING, logger="cml_ergonomic"):
        await driver.call("read", "a")
        await driver.call("read", "b")
    warnings_logged = [r for r in caplog.records if "differs from the API" in r.getMessage()]
    assert len(warnings_logged) == 1 and "read" in warnings_logged[0].getMessage()
    assert [r.url.path for r in httpx_mock.get_requests()].count("/openapi.json") == 1


async def test_check_server_never_fails_the_users_call(make_client: Any, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{BASE_URL}/openapi.json", status_code=404, json=error_body("Not Found"))
    httpx_mock.add_response(url=f"{API}/memory/read", json=read_body())
    result = await make_client(check_server=True).call("read", "a")
    assert result.query == "preferences"


# --------------------------------------------------------------------------- namespaces, deprecation


async def test_with_namespace_fills_writes_and_shares_the_pool(make_client: Any, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{API}/memory/write", json=write_body(), is_reusable=True)
    driver = make_client()
    scoped = driver.client.with_namespace("billing")
    assert scoped._http is driver.client._http
    first = scoped.write("Invoice 42 was paid late")
    second = scoped.write("Invoice 43", namespace="other")
    if driver.is_async:
        await first
        await second
    bodies = [body for _, body in _sent(httpx_mock)]
    assert bodies[0]["namespace"] == "billing" and bodies[1]["namespace"] == "other"
    with pytest.raises(ValidationError, match="namespace"):
        driver.client.with_namespace("")


async def test_store_warns_at_the_callers_line(make_client: Any, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{API}/memory/write", json=write_body())
    driver = make_client()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pending = driver.client.store("User prefers dark mode")
        if driver.is_async:
            await pending
    deprecations = [w for w in caught if issubclass(w.category, DeprecationWarning)]
    assert len(deprecations) == 1
    assert "store() is deprecated" in str(deprecations[0].message) and "use write()" in str(deprecations[0].message)
    assert deprecations[0].filename == __file__


def test_deprecated_function_warns_at_the_callers_line() -> None:
    @deprecated("new_name", "2.0")
    def old_name(x: int) -> int:
        return x + 1

    with pytest.warns(DeprecationWarning, match=r"old_name\(\) is deprecated and will be removed in 2.0") as caught:
        assert old_name(1) == 2
    assert caught[0].filename == __file__
    assert old_name.__doc__ and "new_name" in old_name.__doc__


# --------------------------------------------------------------------------- serialisation, logging


class Colour(enum.Enum):
    RED = "red"


def test_serialize_for_api_handles_what_bodies_hold() -> None:
    ident = uuid.UUID("3f1c2a7e-9b1d-4c55-8e0a-2b6f4d9c1e77")
    when = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)
    value = {
        "id": ident,
        "at": when,
        "day": dt.date(2026, 1, 2),
        "c": Colour.RED,
        "t": (1, {"x": None, "y": 2}),
        "drop": None,
    }
    expected = {
        "id": str(ident),
        "at": "2026-11-21T12:00:00+00:00",
        "day": "2026-01-02",
        "c": "red",
        "t": [1, {"x": None, "y": 2}],
        "drop": None,
    }
    assert serialize_for_api(value) == expected
    assert json.loads(dumps(value)) == expected
    assert json.loads(json.dumps(value, cls=APIJSONEncoder))["at"] == "2026-11-21T12:00:00+00:00"
    with pytest.raises(TypeError, match="no JSON form"):
        serialize_for_api(object())


def test_configure_logging_installs_one_redacting_handler() -> None:
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    logger = cml_ergonomic.configure_logging("debug", Collect())
    cml_ergonomic.configure_logging("debug", Collect())  # replaces, not adds
    try:
        client = CognitiveMemoryLayer(api_key="sk-configure-logging-SECRET", base_url=BASE_URL)
        logging.getLogger("cml_ergonomic.test").debug("key is %s", "sk-configure-logging-SECRET")
        client.close()
        assert logger.level == logging.DEBUG
        assert sum(getattr(h, "_cml_installed", False) for h in logger.handlers) == 1
        assert records and all("sk-configure-logging-SECRET" not in r for r in records)
        assert any("***CRET" in r for r in records)
    finally:
        for handler in [h for h in logger.handlers if getattr(h, "_cml_installed", False)]:
            logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)
    with pytest.raises(ValueError, match="unknown log level"):
        cml_ergonomic.configure_logging("loud")


def test_cml_log_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    from cml_ergonomic import _logging

    monkeypatch.setenv("CML_LOG", "info")
    _logging.configure_from_env()
    logger = logging.getLogger("cml_ergonomic")
    try:
        assert logger.level == logging.INFO
    finally:
        for handler in [h for h in logger.handlers if getattr(h, "_cml_installed", False)]:
            logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)


def test_results_are_exported_lazily() -> None:
    assert cml_ergonomic.ReadResult.__name__ == "ReadResult"
    with pytest.raises(AttributeError):
        cml_ergonomic.NoSuchThing  # noqa: B018
    # The point of the laziness: importing the SDK does not import the generated models or asyncio.
    probe = (
        "import sys, cml_ergonomic; print(sorted(m for m in ('cml_api_client.models', 'asyncio') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


async def test_a_lone_surrogate_is_refused_before_sending(make_client: Any, httpx_mock: HTTPXMock) -> None:
    driver = make_client()
    with pytest.raises(ValidationError, match="lone surrogate") as caught:
        await driver.call("write", "User \ud800 prefers tea")
    assert caught.value.field == "content"
    with pytest.raises(ValidationError, match="query"):
        await driver.call("read", "tea \udfff")
    assert httpx_mock.get_requests() == []


def test_a_memory_listed_twice_is_parsed_once_and_faithfully() -> None:
    from cml_ergonomic._results import ReadResult
    from tests.unit.conftest import memory_item

    same = memory_item("User prefers dark mode")
    changed = {**memory_item("User prefers tea"), "id": same["id"], "relevance": 0.1}  # same id, other content
    body = read_body("q", memories=[same], episodes=[dict(same)], facts=[changed])
    result = ReadResult.from_dict(body)
    assert result.episodes[0] is result.memories[0]
    assert result.facts[0] is not result.memories[0] and result.facts[0].text == "User prefers tea"
    assert result.to_dict()["episodes"] == [result.memories[0].to_dict()]
    with pytest.raises(TypeError):
        ReadResult.from_dict(read_body("q", memories=[same], episodes=["not an item"]))
