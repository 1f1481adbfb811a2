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
def operator(fake: FakeCML) -> Any:
    """A client with the admin key in the fake's tenant: the dashboard's tenant_id defaults to it."""
    client = fake.client(api_key=fake.admin_api_key, tenant_id=fake.tenant_id)
    yield client
    client.close()


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
    assert status_path in current["paths"]  # the snapshot is 2.0.0's, which added the route
    with httpx.Client(transport=FakeCML(), base_url=BASE) as http:
        status = http.get(status_path, headers={"X-API-Key": ADMIN})
    assert status.status_code == 200
    assert status.json() == {
        "running": False,
        "sweeps_run": 0,
        "tasks_enqueued": 0,
        "consolidations_run": 0,
        "pending_tasks": 0,
    }
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


def _model_of(schema: dict[str, Any]) -> Any:
    """The generated model the SDK parses this answer with (None for an untyped one)."""
    import importlib
    import re

    name = schema.get("$ref", "").rsplit("/", 1)[-1]
    if not name:
        return None
    module = re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower().replace("neo4j", "neo_4j")
    generated = importlib.import_module(f"cml_api_client.models.{module}")
    return next(getattr(generated, attr) for attr in dir(generated) if attr.lower() == name.lower())


def test_every_typed_answer_matches_its_schema_in_the_snapshot(fake: FakeCML, operator: Any) -> None:
    # Two graders: the fake's Validator (proven on wrong values in test_fake_schema.py) and the generated
    # models' own parsers, which share no code with the fake.
    from cml_ergonomic.testing._schema import Validator

    validator = Validator(load_snapshot())
    written = operator.write("User prefers window seats", session_id="s-1", context_tags=["travel"])
    session = operator.create_session(name="shapes")
    operator.turn("Where do I like to sit?", session_id=session.session_id)
    operator.update(written.memory_id, text="User prefers aisle seats")
    operator.write_batch([{"content": "Batch note"}])
    operator.read("seats", format="llm_context")
    operator.get_session_context("s-1")
    operator.stats()
    operator.forget(memory_ids=[operator.write("User forgets this").memory_id])
    operator.admin.overview()
    operator.admin.tenants()
    operator.admin.sessions()
    operator.admin.timeline()
    operator.admin.memories.lineage(written.memory_id)
    operator.admin.retrieval.explain("aisle seats")
    operator.admin.forgetting.preview()
    operator.admin.write_simulate("User likes tea")
    with httpx.Client(transport=fake, base_url=fake.base_url) as http:
        admin = {"X-API-Key": fake.admin_api_key}
        listed = http.get(f"{API}/dashboard/memories", headers=admin).json()
        http.get(f"{API}/dashboard/memories/{listed['items'][0]['id']}", headers=admin)
    checked: set[str] = set()
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
            response = http.request(
                recorded.method,
                recorded.path,
                params=recorded.params,
                json=recorded.json,
                headers={"X-API-Key": fake.admin_api_key if recorded.key == "admin" else fake.api_key},
            )
            assert response.status_code == 200, (template, response.text)
            answer = response.json()
            resolved = validator.resolve(schema)
            assert not validator.check(answer, resolved, ["response"]), (template, answer)
            assert set(answer) <= set(resolved.get("properties", {})), (
                template,
                set(answer) - set(resolved["properties"]),
            )
            model = _model_of(schema)
            assert model is not None and model.from_dict(answer).to_dict().keys() >= set(resolved.get("required", []))
            checked.add(template)
    assert {f"{API}/memory/write", f"{API}/dashboard/overview", f"{API}/dashboard/retrieval/explain"} <= checked
    assert len(checked) >= 18, sorted(checked)


def test_every_admin_operation_the_snapshot_serves_is_answered(fake: FakeCML, operator: Any) -> None:
    from cml_ergonomic._admin_operations import ADMIN_OPERATIONS

    written = operator.write("User keeps bees")
    run = operator.admin.consolidation.run()
    job_id = operator.admin.jobs.list().items[0].id
    calls: dict[str, Any] = {
        "admin.overview": lambda: operator.admin.overview(),
        "admin.tenants": lambda: operator.admin.tenants(),
        "admin.sessions": lambda: operator.admin.sessions(),
        "admin.timeline": lambda: operator.admin.timeline(),
        "admin.components": lambda: operator.admin.components(),
        "admin.labile": lambda: operator.admin.labile(),
        "admin.quality": lambda: operator.admin.quality(),
        "admin.request_stats": lambda: operator.admin.request_stats(hours=3),
        "admin.rate_limits": lambda: operator.admin.rate_limits(),
        "admin.ops_metrics": lambda: operator.admin.ops_metrics(),
        "admin.evaluation_summary": lambda: operator.admin.evaluation_summary(),
        "admin.write_simulate": lambda: operator.admin.write_simulate("User keeps wasps"),
        "admin.memories.list": lambda: list(operator.admin.memories.list(tenant_id=fake.tenant_id)),
        "admin.memories.get": lambda: operator.admin.memories.get(written.memory_id),
        "admin.memories.lineage": lambda: operator.admin.memories.lineage(written.memory_id),
        "admin.memories.bulk_action": lambda: operator.admin.memories.bulk_action(
            [written.memory_id], "silence", confirm=True
        ),
        "admin.memories.export": lambda: operator.admin.memories.export(tenant_id=fake.tenant_id),
        "admin.facts.list": lambda: list(operator.admin.facts.list()),
        "admin.facts.get": lambda: _not_found(lambda: operator.admin.facts.get(uuid.uuid4()), "Fact"),
        "admin.facts.evidence": lambda: _not_found(lambda: operator.admin.facts.evidence(uuid.uuid4()), "Fact"),
        "admin.facts.invalidate": lambda: _not_found(lambda: operator.admin.facts.invalidate(uuid.uuid4()), "Fact"),
        "admin.facts.export": lambda: operator.admin.facts.export(),
        "admin.jobs.list": lambda: operator.admin.jobs.list(),
        "admin.jobs.get": lambda: operator.admin.jobs.get(job_id),
        "admin.consolidation.run": lambda: run,
        "admin.consolidation.runs": lambda: operator.admin.consolidation.runs(),
        "admin.consolidation.status": lambda: operator.admin.consolidation.status(),
        "admin.reconsolidation.run": lambda: operator.admin.reconsolidation.run(),
        "admin.reconsolidation.runs": lambda: operator.admin.reconsolidation.runs(),
        "admin.reconsolidation.sessions": lambda: operator.admin.reconsolidation.sessions(),
        "admin.retrieval.test": lambda: operator.admin.retrieval.test("bees"),
        "admin.retrieval.explain": lambda: operator.admin.retrieval.explain("bees"),
        "admin.forgetting.preview": lambda: operator.admin.forgetting.preview(),
        "admin.forgetting.run": lambda: operator.admin.forgetting.run(),
        "admin.graph.stats": lambda: operator.admin.graph.stats(),
        "admin.graph.overview": lambda: operator.admin.graph.overview(),
        "admin.graph.explore": lambda: operator.admin.graph.explore("bees"),
        "admin.graph.search": lambda: operator.admin.graph.search("bees"),
        "admin.graph.neo4j_config": lambda: operator.admin.graph.neo4j_config(),
        "admin.config.get": lambda: operator.admin.config.get(),
        "admin.config.update": lambda: _bad_request(
            lambda: operator.admin.config.update({"debug": True}, confirm=True), "Setting 'debug' is not editable"
        ),
        "admin.database.reset": lambda: operator.admin.database.reset(confirm=True),
    }
    served = {
        method
        for op in ADMIN_OPERATIONS.values()
        if op.method.lower() in load_snapshot()["paths"].get(op.path, {})
        for method in op.methods
    }
    assert set(calls) == served  # a new operation must be answered by the fake (and listed here)
    with fake.recording() as seen:
        for dotted in [*sorted(served - {"admin.database.reset"}), "admin.database.reset"]:
            assert calls[dotted]() is not None, dotted
    refused = sorted((r.status, r.method, r.path.split("/")[-1]) for r in seen if r.status != 200)
    assert refused[0] == (400, "PUT", "config")
    assert [(status, method) for status, method, _ in refused[1:]] == [(404, "GET"), (404, "GET"), (404, "POST")]
    assert {tail for *_, tail in refused[1:]} >= {"evidence", "invalidate"}  # only the unknown facts are not found
    assert fake.memories() == []  # database.reset emptied it


def _not_found(call: Any, what: str) -> str:
    from cml_ergonomic import NotFoundError

    with pytest.raises(NotFoundError, match=f"{what} .* not found"):
        call()
    return what


def _bad_request(call: Any, text: str) -> str:
    from cml_ergonomic import APIStatusError

    with pytest.raises(APIStatusError, match=text) as raised:
        call()
    assert raised.value.status_code == 400
    return text


def test_recording_keeps_the_requests_of_the_block(fake: FakeCML, memory: Any) -> None:
    memory.write("before")
    with fake.recording() as seen:
        memory.read("inside")
    assert [r.path for r in seen] == [f"{API}/memory/read"]


def test_a_repeat_answers_the_stored_memory_by_default(fake: FakeCML, memory: Any) -> None:
    first = memory.write("User keeps a red kite")
    again = memory.write("  USER KEEPS A RED KITE ", memory_type="preference", metadata={"k": 1})
    assert (again.memory_id, again.chunks_created, again.message) == (first.memory_id, 1, "Stored 1 memory chunks")
    (stored,) = fake.memories()
    assert (stored.text, stored.type, stored.metadata, stored.access_count) == (
        "User keeps a red kite",
        "episodic_event",
        {},
        1,
    )
    batch = memory.write_batch([{"content": "User keeps a red kite"}, {"content": "User keeps a blue kite"}])
    assert (batch.turns_processed, batch.chunks_created) == (2, 2)
    assert [m.text for m in fake.memories()] == ["User keeps a red kite", "User keeps a blue kite"]


def test_with_the_write_gate_a_recent_repeat_is_skipped_as_server_2_0_0_skips_it() -> None:
    fake = FakeCML(write_gate=True)
    with fake.client() as memory:
        first = memory.write("User keeps a red kite")
        skipped = memory.write("User keeps a red kite")
        assert (skipped.memory_id, skipped.chunks_created, skipped.message) == (None, 0, "Stored 0 memory chunks")
        batch = memory.write_batch([{"content": "user keeps a red kite"}, {"content": "User keeps a blue kite"}])
        assert batch.chunks_created == 1  # the repeat is skipped, the new text stored
        for n in range(10):
            memory.write(f"Newer note {n}")
        older = memory.write("User keeps a red kite")  # out of the ten most recent: the stored memory answers
        assert (older.memory_id, older.chunks_created) == (first.memory_id, 1)
    assert [m.text for m in fake.memories()].count("User keeps a red kite") == 1


def test_a_fake_client_keeps_to_the_fakes_tenant_and_sends_no_tenant_probe(monkeypatch: pytest.MonkeyPatch) -> None:
    # A shell's CML_TENANT_ID is not the fake's tenant, and a probe of the tenant would take the injected fault.
    monkeypatch.setenv("CML_TENANT_ID", "a-tenant-of-the-developers-shell")
    fake = FakeCML(virtual_time=True)
    with fake.client() as memory:
        fake.fail_next(1, status=503)
        result = memory.read("anything")
    assert memory.config.tenant_id == fake.tenant_id
    assert result.meta.retries == 1
    assert [r.path for r in fake.requests] == ["/api/v1/memory/read", "/api/v1/memory/read"]
