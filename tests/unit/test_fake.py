"""FakeCML's own tests: what it records, its fault injection, and the rules it keeps.

What the fake shares with the real server is proven by the contract suite
(tests/contract); these tests cover what only the fake has, and how the
SDK's resilience reacts to the faults it injects.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid
from typing import Any

import httpx
import pytest

from cml_ergonomic import (
    AsyncCognitiveMemoryLayer,
    CMLConnectionError,
    CMLTimeoutError,
    CognitiveMemoryLayer,
    RateLimitError,
    ServerError,
)
from cml_ergonomic._compat import load_snapshot
from cml_ergonomic.testing import FakeCML
from cml_ergonomic.testing._fake import _match_path
from tests.unit.conftest import FakeClock

API = "/api/v1"
BASE, KEY, ADMIN = "http://fake-cml.test", "fake-api-key", "fake-admin-key"


@pytest.fixture
def fake() -> FakeCML:
    return FakeCML()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def memory(fake: FakeCML, clock: FakeClock) -> Any:
    client = fake.client(max_retries=2)
    client.clock = clock.clock()  # retries sleep on a fake clock; the fake answers at once
    yield client
    client.close()


def test_importing_the_testing_package_imports_no_test_framework() -> None:
    code = "import sys, cml_ergonomic.testing; print(sorted(m for m in ('pytest', 'pytest_httpx') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_it_records_every_request_without_the_key(fake: FakeCML, memory: Any) -> None:
    memory.write("User prefers dark mode")
    memory.read("dark mode", max_results=3)
    assert [(r.method, r.path, r.status) for r in fake.requests] == [
        ("POST", f"{API}/memory/write", 200),
        ("POST", f"{API}/memory/read", 200),
    ]
    assert fake.requests[1].json["query"] == "dark mode"
    assert fake.requests[1].json["max_results"] == 3
    assert fake.requests[0].key == "api"
    for recorded in fake.requests:
        assert fake.api_key not in json.dumps(recorded.headers)
        assert recorded.headers["x-api-key"] == "***"


def test_admin_operations_carry_the_admin_key(fake: FakeCML, memory: Any) -> None:
    memory.delete_all(confirm=True)
    assert fake.requests[-1].key == "admin"


def test_retrieval_is_lexical_and_deterministic(fake: FakeCML, memory: Any) -> None:
    memory.write("User likes green tea")
    memory.write("User likes green tea and black coffee")
    memory.write("Completely unrelated sentence")
    first = [item.text for item in memory.read("green tea coffee").memories]
    assert first == ["User likes green tea and black coffee", "User likes green tea"]
    assert [item.text for item in memory.read("green tea coffee").memories] == first
    relevances = [item.relevance for item in memory.read("green tea coffee").memories]
    assert relevances == sorted(relevances, reverse=True)


def test_tenant_header_counts_only_with_the_admin_key(fake: FakeCML) -> None:
    with httpx.Client(transport=fake, base_url=fake.base_url) as http:
        for key, text in (
            (fake.api_key, "Written with the normal key"),
            (fake.admin_api_key, "Written with the admin"),
        ):
            sent = http.post(
                f"{API}/memory/write", json={"content": text}, headers={"X-API-Key": key, "X-Tenant-Id": "other"}
            )
            assert sent.status_code == 200
    assert [r.text for r in fake.memories()] == ["Written with the normal key"]
    assert [r.text for r in fake.memories("other")] == ["Written with the admin"]


def test_every_answer_has_a_request_id(fake: FakeCML) -> None:
    with httpx.Client(transport=fake, base_url=fake.base_url) as http:
        for response in (
            http.get(f"{API}/health"),
            http.post(f"{API}/memory/read", json={"query": "q"}),
            http.get(f"{API}/nowhere"),
            http.get(f"{API}/memory/write"),
        ):
            assert response.headers["x-request-id"], response
    assert [r.status for r in fake.requests] == [200, 401, 404, 405]


def test_field_limits_come_from_the_snapshot(fake: FakeCML) -> None:
    limit = load_snapshot()["components"]["schemas"]["ReadMemoryRequest"]["properties"]["max_results"]["maximum"]
    headers = {"X-API-Key": fake.api_key}
    with httpx.Client(transport=fake, base_url=fake.base_url) as http:
        ok = http.post(f"{API}/memory/read", json={"query": "q", "max_results": int(limit)}, headers=headers)
        over = http.post(f"{API}/memory/read", json={"query": "q", "max_results": int(limit) + 1}, headers=headers)
    assert ok.status_code == 200
    assert over.status_code == 422
    (error,) = over.json()["detail"]
    assert error["loc"] == ["body", "max_results"]
    assert error["type"] == "less_than_equal"
    assert str(int(limit)) in error["msg"]


def test_invalid_json_is_a_422(fake: FakeCML) -> None:
    with httpx.Client(transport=fake, base_url=fake.base_url) as http:
        response = http.post(
            f"{API}/memory/write",
            content=b"{not json",
            headers={"X-API-Key": fake.api_key, "content-type": "application/json"},
        )
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "json_invalid"


# --------------------------------------------------------------------------- fault injection


def test_503s_are_retried_and_then_succeed(fake: FakeCML, memory: Any) -> None:
    fake.fail_next(2, status=503)
    result = memory.read("anything")
    assert result.meta.retries == 2
    assert [r.status for r in fake.requests] == [503, 503, 200]


def test_429_with_retry_after_sleeps_what_it_asks(fake: FakeCML, memory: Any, clock: FakeClock) -> None:
    fake.fail_next(1, status=429, retry_after=1.5)
    memory.read("anything")
    assert clock.sleeps == [1.5]


def test_a_fault_runs_out(fake: FakeCML, memory: Any) -> None:
    fake.fail_next(5, status=500)
    with pytest.raises(ServerError) as caught:
        memory.read("anything")
    assert caught.value.retries == 2
    assert fake.faults[0].remaining == 2
    fake.clear_faults()
    memory.read("anything")


def test_a_write_is_not_retried_after_a_500(fake: FakeCML, memory: Any) -> None:
    fake.fail_next(3, status=500)
    with pytest.raises(ServerError):
        memory.write("maybe applied")
    assert len(fake.requests) == 1


def test_faults_can_target_one_path(fake: FakeCML, memory: Any) -> None:
    fake.fail_next(1, status=429, path=f"{API}/memory/write")
    memory.read("not hit")
    with pytest.raises(RateLimitError):
        memory.with_options(max_retries=0).write("hit")
    assert [r.status for r in fake.requests] == [200, 429]


def test_reset_connection_degrades_read_safe(fake: FakeCML, memory: Any) -> None:
    fake.reset_next(5)
    result = memory.read_safe("anything")
    assert result.degraded is True
    assert len(fake.requests) >= 2  # retried, then degraded
    assert {r.status for r in fake.requests} == {None}


def test_refused_connection_lets_a_write_be_retried(fake: FakeCML, memory: Any) -> None:
    fake.refuse_next(1)
    written = memory.write("sent once the server is back")
    assert written.chunks_created == 1
    assert [r.status for r in fake.requests] == [None, 200]


def test_a_reset_write_is_not_retried(fake: FakeCML, memory: Any) -> None:
    fake.reset_next(1)
    with pytest.raises(CMLConnectionError) as caught:
        memory.write("may have been applied")
    assert caught.value.may_have_been_applied is True
    assert not fake.memories()


def test_hang_past_the_timeout_is_a_timeout(fake: FakeCML) -> None:
    fake.hang_next(1)
    with fake.client(timeout=0.05, max_retries=0) as client:
        started = time.monotonic()
        with pytest.raises(CMLTimeoutError):
            client.read("anything")
    assert 0.05 <= time.monotonic() - started < 2


def test_a_short_hang_is_just_a_slow_answer(fake: FakeCML) -> None:
    fake.hang_next(1, seconds=0.05)
    with fake.client(timeout=5) as client:
        result = client.read("anything")
    assert result.meta.elapsed_ms >= 50


def test_the_deadline_cuts_a_hang(fake: FakeCML) -> None:
    fake.hang_next(5)
    with fake.client(timeout=0.2, deadline=0.3, max_retries=5) as client, pytest.raises(CMLTimeoutError):
        client.read("anything")
    assert len(fake.requests) <= 2


@pytest.mark.anyio
async def test_async_client_and_faults(fake: FakeCML) -> None:
    fake.fail_next(1, status=503, retry_after=0)
    async with fake.async_client() as client:
        assert isinstance(client, AsyncCognitiveMemoryLayer)
        await client.write("Async note about otters")
        result = await client.read("otters")
        assert [m.text for m in result.memories] == ["Async note about otters"]
    assert [r.status for r in fake.requests] == [503, 200, 200]


@pytest.mark.anyio
async def test_async_hang_is_cut_by_the_timeout(fake: FakeCML) -> None:
    fake.hang_next(1)
    async with fake.async_client(timeout=0.05, max_retries=0) as client:
        with pytest.raises(CMLTimeoutError):
            await client.read("anything")


def test_fault_count_must_be_positive(fake: FakeCML) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        fake.fail_next(0)


def test_reset_forgets_everything(fake: FakeCML, memory: Any) -> None:
    memory.write("to be forgotten")
    fake.fail_next(1)
    fake.reset()
    assert not fake.memories()
    assert not fake.requests
    assert not fake.faults


def test_the_fake_plugs_in_through_http_client(fake: FakeCML) -> None:
    http = httpx.Client(transport=fake, base_url=fake.base_url)
    with CognitiveMemoryLayer(api_key=fake.api_key, base_url=fake.base_url, http_client=http) as client:
        client.write("Injected by hand")
    assert fake.requests[0].path == f"{API}/memory/write"


def test_it_follows_the_snapshot_it_is_given() -> None:
    current = load_snapshot()
    status_path = f"{API}/admin/consolidation/status"
    older = json.loads(json.dumps(current))
    older["paths"].pop(status_path, None)
    older["components"]["schemas"]["ReadMemoryResponse"]["properties"].pop("warnings", None)
    with httpx.Client(transport=FakeCML(openapi=older), base_url=BASE) as http:
        assert http.get(status_path, headers={"X-API-Key": ADMIN}).status_code == 404
        read = http.post(f"{API}/memory/read", json={"query": "q"}, headers={"X-API-Key": KEY}).json()
        assert "warnings" not in read
    if status_path in current["paths"]:
        with httpx.Client(transport=FakeCML(), base_url=BASE) as http:
            assert http.get(status_path, headers={"X-API-Key": ADMIN}).status_code == 200
    read_fields = set(current["components"]["schemas"]["ReadMemoryResponse"]["properties"])
    with httpx.Client(transport=FakeCML(), base_url=BASE) as http:
        read = http.post(f"{API}/memory/read", json={"query": "q"}, headers={"X-API-Key": KEY}).json()
    assert set(read) == read_fields


def test_dashboard_memory_detail(fake: FakeCML, memory: Any) -> None:
    written = memory.write("User prefers window seats")
    with httpx.Client(transport=fake, base_url=fake.base_url) as http:
        detail = http.get(f"{API}/dashboard/memories/{written.memory_id}", headers={"X-API-Key": fake.admin_api_key})
        missing = http.get(f"{API}/dashboard/memories/{uuid.uuid4()}", headers={"X-API-Key": fake.admin_api_key})
    required = set(load_snapshot()["components"]["schemas"]["DashboardMemoryDetail"]["required"])
    assert required <= set(detail.json())
    assert detail.json()["text"] == "User prefers window seats"
    assert missing.status_code == 404


def test_an_endless_hang_without_a_timeout_is_refused(fake: FakeCML) -> None:
    fake.hang_next(1)
    with httpx.Client(transport=fake, base_url=fake.base_url, timeout=None) as http, pytest.raises(RuntimeError):
        http.get(f"{API}/health")


def _response_schema(method: str, path: str) -> dict[str, Any] | None:
    operation = load_snapshot()["paths"][path][method.lower()]
    schema = operation["responses"]["200"].get("content", {}).get("application/json", {}).get("schema", {})
    return schema or None  # an empty schema: the server declares nothing for this answer


def test_every_typed_answer_matches_its_schema_in_the_snapshot(fake: FakeCML, memory: Any) -> None:
    from cml_ergonomic.testing._schema import Validator

    validator = Validator(load_snapshot())
    written = memory.write("User prefers window seats", session_id="s-1", context_tags=["travel"])
    session = memory.create_session(name="shapes")
    memory.turn("Where do I like to sit?", session_id=session.session_id)
    memory.update(written.memory_id, text="User prefers aisle seats")
    memory.write_batch([{"content": "Batch note"}])
    memory.read("seats", format="llm_context")
    memory.get_session_context("s-1")
    memory.stats()
    memory.forget(memory_ids=[written.memory_id], action="archive")
    with httpx.Client(transport=fake, base_url=fake.base_url) as http:
        admin = {"X-API-Key": fake.admin_api_key}
        listed = http.get(f"{API}/dashboard/memories", headers=admin).json()
        http.get(f"{API}/dashboard/memories/{listed['items'][0]['id']}", headers=admin)
    checked = 0
    with httpx.Client(transport=fake, base_url=fake.base_url) as http:
        for recorded in list(fake.requests):
            template = next(
                (t for (m, t) in fake._routes if m == recorded.method and _match_path(t, recorded.path) is not None),
                None,
            )
            assert template is not None, recorded.path
            schema = _response_schema(recorded.method, template)
            if schema is None:
                continue
            answer = http.request(
                recorded.method,
                recorded.path,
                params=recorded.params,
                json=recorded.json,
                headers={"X-API-Key": fake.admin_api_key if recorded.key == "admin" else fake.api_key},
            ).json()
            resolved = validator.resolve(schema)
            assert not validator.check(answer, resolved, ["response"]), (template, answer)
            assert set(answer) <= set(resolved.get("properties", {})), (
                template,
                set(answer) - set(resolved["properties"]),
            )
            checked += 1
    assert checked >= 10


def test_recording_keeps_the_requests_of_the_block(fake: FakeCML, memory: Any) -> None:
    memory.write("before")
    with fake.recording() as seen:
        memory.read("inside")
    assert [r.path for r in seen] == [f"{API}/memory/read"]
