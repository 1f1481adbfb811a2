"""``client.admin``: each method's request (path, query, body, headers, which key) and the parsing of its answer.

The bodies in ``admin_bodies.json`` were recorded from the real 1.5.1 server
(lists shortened); the untyped ones are written inline, as the server sends them.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from pytest_httpx import HTTPXMock

from cml_ergonomic import ConfigurationError, NotFoundError, ServerError, ValidationError
from cml_ergonomic._operations import OPERATIONS
from tests.unit.conftest import ADMIN_KEY, API, API_KEY, BASE_URL, Driver

BODIES: dict[str, Any] = json.loads((Path(__file__).parent / "admin_bodies.json").read_text(encoding="utf-8"))
MEMORY_ID = BODIES["memory_detail"]["id"]
FACT_ID = BODIES["facts"]["items"][0]["id"]
JOB_ID = BODIES["jobs"]["items"][0]["id"]
TENANT = "tenant-a"
pytestmark = pytest.mark.anyio


@dataclass(frozen=True)
class AdminCall:
    """An admin method called with realistic arguments, the request it must send, and the server's answer."""

    name: str  # dotted, from the client: "admin.memories.get"
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    key: str  # the operation
    path: str
    query: dict[str, str] = field(default_factory=dict)
    body: Any = None  # the JSON body sent (None: no body)
    answer: Any = None  # the server's JSON answer
    result: str = ""  # the class name of the parsed result ("" for dicts and lists)

    def __str__(self) -> str:
        return self.name


def _call(name: str, args: tuple[Any, ...], kwargs: dict[str, Any], key: str, path: str, **rest: Any) -> AdminCall:
    return AdminCall(name, args, kwargs, key, path if path.startswith("/api/") else "/api/v1/dashboard" + path, **rest)


T = {"tenant_id": TENANT}  # the client's tenant: the default of every tenant_id
CALLS: tuple[AdminCall, ...] = (
    _call("admin.overview", (), {}, "dashboard_overview", "/overview", query=T, answer=BODIES["overview"],
          result="Overview"),
    _call("admin.tenants", (), {}, "dashboard_tenants", "/tenants", answer=BODIES["tenants"], result="Tenants"),
    _call("admin.sessions", (), {}, "dashboard_sessions", "/sessions", query=T, answer=BODIES["sessions"],
          result="DashboardSessionsResponse"),
    _call("admin.timeline", (), {"days": 7}, "dashboard_timeline", "/timeline", query={"days": "7", **T},
          answer=BODIES["timeline"], result="DashboardTimelineResponse"),
    _call("admin.components", (), {}, "dashboard_components", "/components", answer=BODIES["components"],
          result="DashboardComponentsResponse"),
    _call("admin.labile", (), {}, "dashboard_labile", "/labile", query=T, answer=BODIES["labile"],
          result="DashboardLabileResponse"),
    _call("admin.quality", (), {"tenant_id": "other"}, "dashboard_quality_overview", "/quality/overview",
          query={"tenant_id": "other"}, answer={"generated_at": "2026-12-01T00:45:19"},
          result="DashboardQualityResponse"),
    _call("admin.request_stats", (), {"hours": 6}, "dashboard_request_stats", "/request-stats",
          query={"hours": "6"}, answer=BODIES["request_stats"], result="RequestStatsResponse"),
    _call("admin.rate_limits", (), {}, "dashboard_ratelimits", "/ratelimits", answer=BODIES["rate_limits"],
          result="DashboardRateLimitsResponse"),
    _call("admin.ops_metrics", (), {}, "dashboard_ops_metrics", "/ops/metrics", answer=BODIES["ops"],
          result="DashboardOpsResponse"),
    _call("admin.evaluation_summary", (), {}, "dashboard_evaluation_summary", "/evaluation/summary",
          answer=BODIES["evaluation"], result="DashboardEvaluationSummary"),
    _call("admin.write_simulate", ("I love tea",), {"memory_type": "preference"}, "dashboard_write_simulate",
          "/write/simulate", body={"tenant_id": TENANT, "content": "I love tea", "compare_extractors": False,
                                   "memory_type": "preference"},
          answer=BODIES["simulate"], result="DashboardWriteSimulationResponse"),
    _call("admin.memories.get", (MEMORY_ID,), {}, "dashboard_memory_detail", f"/memories/{MEMORY_ID}",
          answer=BODIES["memory_detail"], result="MemoryDetail"),
    _call("admin.memories.lineage", (MEMORY_ID,), {}, "dashboard_memory_lineage", f"/memories/{MEMORY_ID}/lineage",
          answer=BODIES["lineage"], result="DashboardMemoryLineageResponse"),
    _call("admin.memories.bulk_action", ([MEMORY_ID], "archive"), {}, "dashboard_bulk_action",
          "/memories/bulk-action", body={"memory_ids": [MEMORY_ID], "action": "archive"},
          answer={"success": True, "affected": 1, "action": "archive"}),
    _call("admin.memories.export", (), {}, "dashboard_export_memories", "/export/memories", query=T,
          answer=BODIES["export"]),
    _call("admin.facts.get", (FACT_ID,), {}, "dashboard_fact_detail", f"/facts/{FACT_ID}",
          answer={"id": FACT_ID, "tenant_id": TENANT, "category": "preference", "key": "k", "subject": "user",
                  "predicate": "likes", "value_type": "str", "value": "v", "confidence": 0.8, "evidence_count": 1,
                  "is_current": True, "version": 1},
          result="DashboardFactDetail"),
    _call("admin.facts.evidence", (FACT_ID,), {}, "dashboard_fact_evidence", f"/facts/{FACT_ID}/evidence",
          answer={"fact_id": FACT_ID, "items": []}, result="DashboardFactEvidenceResponse"),
    _call("admin.facts.invalidate", (FACT_ID,), {}, "dashboard_invalidate_fact", f"/facts/{FACT_ID}/invalidate",
          answer={"success": True, "message": f"Fact {FACT_ID} invalidated"}),
    _call("admin.facts.export", (), {}, "dashboard_export_facts", "/facts/export", query=T,
          answer=BODIES["facts"]["items"]),
    _call("admin.events.export", (), {"tenant_id": "other"}, "dashboard_export_events", "/events/export",
          query={"tenant_id": "other"}, answer=[]),
    _call("admin.jobs.list", (), {"job_type": "consolidate", "limit": 5}, "dashboard_jobs", "/jobs",
          query={**T, "job_type": "consolidate", "limit": "5"}, answer=BODIES["jobs"],
          result="DashboardJobsResponse"),
    _call("admin.jobs.get", (JOB_ID,), {}, "dashboard_job_detail", f"/jobs/{JOB_ID}",
          answer=BODIES["jobs"]["items"][0], result="DashboardJobItem"),
    _call("admin.consolidation.run", (), {"user_id": "u1"}, "dashboard_consolidate", "/consolidate",
          body={"tenant_id": TENANT, "user_id": "u1"},
          answer={"status": "completed", "tenant_id": TENANT, "user_id": "u1", "episodes_sampled": 0}),
    _call("admin.consolidation.runs", (), {"limit": 3}, "dashboard_consolidation_runs", "/consolidation/runs",
          query={**T, "limit": "3"}, answer=BODIES["jobs"], result="DashboardJobsResponse"),
    _call("admin.consolidation.get_run", (JOB_ID,), {}, "dashboard_consolidation_run_detail",
          f"/consolidation/runs/{JOB_ID}", answer=BODIES["jobs"]["items"][0], result="DashboardJobItem"),
    _call("admin.consolidation.status", (), {}, "consolidation_status", "/api/v1/admin/consolidation/status",
          answer={"running": True, "sweeps_run": 2, "tasks_enqueued": 3, "consolidations_run": 1,
                  "pending_tasks": 0}),
    _call("admin.reconsolidation.run", (), {}, "dashboard_reconsolidate", "/reconsolidate",
          body={"tenant_id": TENANT}, answer={"status": "completed", "tenant_id": TENANT, "sessions_released": 0}),
    _call("admin.reconsolidation.runs", (), {}, "dashboard_reconsolidation_runs", "/reconsolidation/runs",
          query={**T, "limit": "50"}, answer=BODIES["jobs"], result="DashboardJobsResponse"),
    _call("admin.reconsolidation.get_run", (JOB_ID,), {}, "dashboard_reconsolidation_run_detail",
          f"/reconsolidation/runs/{JOB_ID}", answer=BODIES["jobs"]["items"][0], result="DashboardJobItem"),
    _call("admin.reconsolidation.sessions", (), {}, "dashboard_reconsolidation_sessions",
          "/reconsolidation/sessions", query=T, answer=BODIES["recon_sessions"],
          result="DashboardReconsolidationSessionsResponse"),
    _call("admin.retrieval.explain", ("mango smoothies",), {"max_results": 5}, "dashboard_retrieval_explain",
          "/retrieval/explain", body={"tenant_id": TENANT, "query": "mango smoothies", "max_results": 5,
                                      "format": "list"},
          answer=BODIES["explain"], result="Explanation"),
    _call("admin.retrieval.test", ("mango",), {"memory_types": ["preference"]}, "dashboard_retrieval",
          "/retrieval", body={"tenant_id": TENANT, "query": "mango", "max_results": 10, "format": "list",
                              "memory_types": ["preference"]},
          answer=BODIES["retrieval"], result="DashboardRetrievalResponse"),
    _call("admin.forgetting.preview", (), {"max_memories": 10}, "dashboard_forgetting_preview",
          "/forgetting/preview", body={"tenant_id": TENANT, "max_memories": 10}, answer=BODIES["preview"],
          result="DashboardForgettingPreviewResponse"),
    _call("admin.forgetting.run", (), {}, "dashboard_forget", "/forget",
          body={"tenant_id": TENANT, "dry_run": True, "max_memories": 5000},
          answer={"status": "completed", "tenant_id": TENANT, "dry_run": True, "memories_scanned": 3}),
    _call("admin.graph.stats", (), {}, "dashboard_graph_stats", "/graph/stats",
          answer={"total_nodes": 0, "total_edges": 0}, result="GraphStatsResponse"),
    _call("admin.graph.overview", (), {}, "dashboard_graph_overview", "/graph/overview", query=T,
          answer={"nodes": [], "edges": []}, result="GraphExploreResponse"),
    _call("admin.graph.explore", ("Bob",), {"depth": 3}, "dashboard_graph_explore", "/graph/explore",
          query={**T, "entity": "Bob", "depth": "3"}, answer={"nodes": [], "edges": []},
          result="GraphExploreResponse"),
    _call("admin.graph.search", ("Bo",), {}, "dashboard_graph_search", "/graph/search",
          query={"query": "Bo", **T, "limit": "25"}, answer={"results": []}, result="GraphSearchResponse"),
    _call("admin.graph.neo4j_config", (), {}, "dashboard_graph_neo4j_config", "/graph/neo4j-config",
          answer=BODIES["neo4j"], result="GraphNeo4JConfigResponse"),
    _call("admin.models.status", (), {}, "dashboard_models_status", "/models/status",
          answer={"available": False, "families": [], "task_models": [], "load_errors": [], "models_dir": ""}),
    _call("admin.config.get", (), {}, "dashboard_config", "/config", answer=BODIES["config"],
          result="DashboardConfigResponse"),
    _call("admin.config.update", ({"auth__rate_limit_requests_per_minute": 60},), {"confirm": True},
          "dashboard_config_update", "/config", body={"updates": {"auth__rate_limit_requests_per_minute": 60}},
          answer={"success": True, "message": "Settings saved to .env. Restart the server to apply them."}),
    _call("admin.database.reset", (), {"confirm": True}, "dashboard_database_reset", "/database/reset",
          answer={"success": True, "message": "Database reset and recreated."}),
)  # fmt: skip
PAGED = ("admin.memories.list", "admin.facts.list", "admin.events.list")


def _method(client: Any, dotted: str) -> Any:
    target = client
    for part in dotted.split("."):
        target = getattr(target, part)
    return target


async def _run(driver: Driver, dotted: str, *args: Any, **kwargs: Any) -> Any:
    result = _method(driver.client, dotted)(*args, **kwargs)
    return await result if driver.is_async else result


async def _collect(pager: Any, *, pages: bool = False) -> list[Any]:
    source = pager.pages() if pages else pager
    if hasattr(source, "__aiter__"):
        return [item async for item in source]
    return list(source)


@pytest.fixture
def admin_client(make_client: Any) -> Driver:
    driver: Driver = make_client(admin_api_key=ADMIN_KEY, tenant_id=TENANT)
    return driver


def test_every_admin_operation_has_a_request_test() -> None:
    tested = {call.key for call in CALLS} | {"dashboard_memories", "dashboard_facts", "dashboard_events"}
    admin = {key for key, op in OPERATIONS.items() if any(m.startswith("admin.") for m in op.methods)}
    assert admin - tested == set()


@pytest.mark.parametrize("call", CALLS, ids=str)
async def test_each_method_sends_its_request_with_the_admin_key(
    call: AdminCall, admin_client: Driver, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(json=call.answer)

    result = await _run(admin_client, call.name, *call.args, **call.kwargs)

    request = httpx_mock.get_request()
    assert request is not None
    op = OPERATIONS[call.key]
    assert (request.method, urlsplit(str(request.url)).path) == (op.method, call.path)
    assert {k: v[0] for k, v in parse_qs(request.url.query.decode()).items()} == call.query
    assert request.headers["X-API-Key"] == ADMIN_KEY
    assert request.headers.get("X-Requested-With") == ("XMLHttpRequest" if op.method != "GET" and op.csrf else None)
    assert (json.loads(request.content) if request.content else None) == call.body
    if call.result:
        assert type(result).__name__ == call.result
        assert result.meta.request_id is None or isinstance(result.meta.request_id, str)
        # Every field the server sent, parsed to its value: read back through the model, it is the answer again.
        assert _comparable(result.to_dict()) == _comparable(call.answer)
    else:
        assert result == _with_offsets(call.answer)


def _with_offsets(answer: Any) -> Any:
    """The untyped answers' naive times as the SDK returns them: with ``+00:00`` (the server means UTC)."""
    if isinstance(answer, list):
        return [_with_offsets(item) for item in answer]
    if not isinstance(answer, dict):
        return answer
    times = {"timestamp", "created_at", "updated_at", "written_at", "valid_from", "valid_to"}
    return {
        k: v.replace(" ", "T") + "+00:00" if k in times and isinstance(v, str) and v[-6] not in "+-" else v
        for k, v in answer.items()
    }


def _comparable(value: Any) -> Any:
    """``value`` with each timestamp as an aware UTC datetime (the server sends them naive; the SDK makes them UTC)."""
    import datetime as dt

    if isinstance(value, dict):
        return {key: _comparable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_comparable(item) for item in value]
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] in "T ":
        try:
            parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
        return _comparable(parsed)
    return value


@pytest.mark.parametrize("name", [call.name for call in CALLS] + list(PAGED))
async def test_without_an_admin_key_nothing_is_sent(name: str, make_client: Any, httpx_mock: HTTPXMock) -> None:
    driver = make_client(tenant_id=TENANT)
    call = next((c for c in CALLS if c.name == name), None)
    args, kwargs = (call.args, call.kwargs) if call else ((), {})
    with pytest.raises(ConfigurationError, match="CML_ADMIN_API_KEY") as raised:
        result = await _run(driver, name, *args, **kwargs)
        await _collect(result)
    assert name in raised.value.message
    assert httpx_mock.get_requests() == []


def _memories(count: int) -> list[dict[str, Any]]:
    """``count`` listing items in the order they were written (the listing's ``written_at`` ascending)."""
    template = BODIES["memories"]["items"][0]
    return [
        {**template, "id": f"00000000-0000-0000-0000-{i:012d}", "written_at": f"2026-11-21T10:00:{i:02d}.000001"}
        for i in range(count)
    ]


def _serve(httpx_mock: HTTPXMock, held: list[dict[str, Any]], *, fail_page: int | None = None) -> None:
    """The listing as the server answers it: OFFSET/LIMIT over ``held`` (sorted by ``written_at``)."""

    def answer(request: httpx.Request) -> httpx.Response:
        params = request.url.params
        number, size = int(params["page"]), int(params["per_page"])
        if number == fail_page and size > 1:
            return httpx.Response(404, json={"detail": "Tenant gone"})
        assert (params["sort_by"], params["order"]) == ("written_at", "asc")
        window = held[(number - 1) * size : number * size]
        pages = max(1, -(-len(held) // size))
        return httpx.Response(
            200, json={"items": window, "total": len(held), "page": number, "per_page": size, "total_pages": pages}
        )

    httpx_mock.add_callback(answer, url=re.compile(re.escape(f"{API}/dashboard/memories?") + ".*"), is_reusable=True)


def _pages_asked(httpx_mock: HTTPXMock) -> list[tuple[str, str]]:
    return [(r.url.params["page"], r.url.params["per_page"]) for r in httpx_mock.get_requests()]


async def test_memories_list_fetches_each_page_once_and_stops_at_the_last(
    admin_client: Driver, httpx_mock: HTTPXMock
) -> None:
    held = _memories(6)
    _serve(httpx_mock, held)
    pager = admin_client.client.admin.memories.list(
        type="preference", status="active", sort_by="written_at", order="asc", per_page=2
    )
    assert httpx_mock.get_requests() == []  # lazy: nothing is sent until the loop starts
    items = await _collect(pager)

    assert [str(item.id) for item in items] == [m["id"] for m in held]
    assert type(items[0]).__name__ == "DashboardMemoryListItem"
    # each page once, and after each page but the first the check of the memory where the one before ended
    assert _pages_asked(httpx_mock) == [("1", "2"), ("2", "2"), ("2", "1"), ("3", "2"), ("4", "1")]
    params = httpx_mock.get_requests()[0].url.params
    assert (params["tenant_id"], params["type"], params["status"]) == (TENANT, "preference", "active")


async def test_breaking_out_of_the_loop_fetches_no_further_page(admin_client: Driver, httpx_mock: HTTPXMock) -> None:
    _serve(httpx_mock, _memories(5))
    pager = admin_client.client.admin.memories.list(sort_by="written_at", order="asc", per_page=2)
    if admin_client.is_async:
        async for _ in pager:
            break
    else:
        for _ in pager:
            break
    assert len(httpx_mock.get_requests()) == 1


async def test_pages_give_the_totals(admin_client: Driver, httpx_mock: HTTPXMock) -> None:
    _serve(httpx_mock, _memories(4))
    pages = await _collect(admin_client.client.admin.memories.list(per_page=2), pages=True)
    assert [(p.page, p.total, p.total_pages, len(p.items)) for p in pages] == [(1, 4, 2, 2), (2, 4, 2, 2)]


async def test_an_empty_listing_is_one_request(admin_client: Driver, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json={"items": [], "total": 0, "page": 1, "per_page": 100, "total_pages": 0})
    assert await _collect(admin_client.client.admin.memories.list()) == []
    assert len(httpx_mock.get_requests()) == 1


async def test_an_error_mid_listing_says_which_page_and_keeps_what_was_yielded(
    admin_client: Driver, httpx_mock: HTTPXMock
) -> None:
    held = _memories(6)
    _serve(httpx_mock, held, fail_page=2)
    seen: list[Any] = []
    pager = admin_client.client.admin.memories.list(sort_by="written_at", order="asc", per_page=2)
    with pytest.raises(NotFoundError) as raised:
        if admin_client.is_async:
            async for item in pager:
                seen.append(item)
        else:
            seen.extend(pager)
    assert [str(item.id) for item in seen] == [m["id"] for m in held[:2]]
    assert raised.value.page == 2
    assert "stopped at page 2; the 2 item(s) before it are valid" in str(raised.value)


async def test_facts_list_walks_by_offset_until_the_total(admin_client: Driver, httpx_mock: HTTPXMock) -> None:
    fact = BODIES["facts"]["items"][0]
    httpx_mock.add_response(json={"items": [fact, {**fact, "id": "f2"}], "total": 3})
    httpx_mock.add_response(json={"items": [{**fact, "id": "f3"}], "total": 3})

    facts = await _collect(admin_client.client.admin.facts.list(category="preference", current_only=False, per_page=2))

    assert [f.id for f in facts] == [fact["id"], "f2", "f3"]
    queries = [{k: v[0] for k, v in parse_qs(r.url.query.decode()).items()} for r in httpx_mock.get_requests()]
    assert queries == [
        {"tenant_id": TENANT, "category": "preference", "current_only": "false", "limit": "2", "offset": "0"},
        {"tenant_id": TENANT, "category": "preference", "current_only": "false", "limit": "2", "offset": "2"},
    ]


async def test_events_list_pages_through_the_event_log(admin_client: Driver, httpx_mock: HTTPXMock) -> None:
    event = {"id": "e1", "tenant_id": TENANT, "event_type": "memory_op", "operation": "write", "payload": {}}
    httpx_mock.add_response(json={"items": [event], "total": 2, "page": 1, "per_page": 1, "total_pages": 2})
    httpx_mock.add_response(json={"items": [{**event, "id": "e2"}], "total": 2, "page": 2, "per_page": 1,
                                  "total_pages": 2})  # fmt: skip
    events = await _collect(admin_client.client.admin.events.list(event_type="memory_op", per_page=1))
    assert [e["id"] for e in events] == ["e1", "e2"]
    assert all(r.headers["X-API-Key"] == ADMIN_KEY for r in httpx_mock.get_requests())


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"type": "not-a-type"}, "type"),
        ({"status": "gone"}, "status"),
        ({"sort_by": "size"}, "sort_by"),
        ({"order": "up"}, "order"),
        ({"per_page": 0}, "per_page"),
        ({"per_page": 201}, "per_page"),
        ({"search": 42}, "search"),
        ({"source_session_id": ""}, "source_session_id"),
        ({"tenant_id": ""}, "tenant_id"),
    ],
)
async def test_memory_filters_are_checked_before_sending(
    kwargs: dict[str, Any], field: str, admin_client: Driver, httpx_mock: HTTPXMock
) -> None:
    with pytest.raises(ValidationError) as raised:
        admin_client.client.admin.memories.list(**kwargs)
    assert raised.value.field == field
    assert httpx_mock.get_requests() == []


@pytest.mark.parametrize(
    ("kwargs", "field"), [({"current_only": "yes"}, "current_only"), ({"per_page": 500}, "per_page")]
)
async def test_fact_filters_are_checked_before_sending(
    kwargs: dict[str, Any], field: str, admin_client: Driver, httpx_mock: HTTPXMock
) -> None:
    with pytest.raises(ValidationError) as raised:
        admin_client.client.admin.facts.list(**kwargs)
    assert raised.value.field == field


@pytest.mark.parametrize(
    ("name", "args", "kwargs"),
    [
        ("admin.database.reset", (), {}),
        ("admin.database.reset", (), {"confirm": "yes"}),
        ("admin.memories.bulk_action", ([MEMORY_ID], "delete"), {}),
        ("admin.config.update", ({"a": 1},), {}),
    ],
)
async def test_destructive_calls_refuse_without_confirm(
    name: str, args: tuple[Any, ...], kwargs: dict[str, Any], admin_client: Driver, httpx_mock: HTTPXMock
) -> None:
    with pytest.raises(ValidationError) as raised:
        await _run(admin_client, name, *args, **kwargs)
    assert raised.value.field == "confirm"
    assert httpx_mock.get_requests() == []


async def test_a_bulk_delete_with_confirm_is_sent(admin_client: Driver, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json={"success": True, "affected": 1, "action": "delete"})
    result = await _run(admin_client, "admin.memories.bulk_action", [MEMORY_ID], "delete", confirm=True)
    assert result == {"success": True, "affected": 1, "action": "delete"}
    request = httpx_mock.get_request()
    assert request is not None
    assert (request.method, str(request.url)) == ("POST", f"{API}/dashboard/memories/bulk-action")
    assert json.loads(request.content) == {"memory_ids": [MEMORY_ID], "action": "delete"}
    assert request.headers["X-Requested-With"] == "XMLHttpRequest"
    assert request.headers["X-API-Key"] == ADMIN_KEY


@pytest.mark.parametrize(
    ("name", "args", "field"),
    [
        ("admin.memories.get", ("not-a-uuid",), "memory_id"),
        ("admin.facts.invalidate", ("x",), "fact_id"),
        ("admin.jobs.get", ("42",), "job_id"),
        ("admin.timeline", (), "days"),
        ("admin.memories.bulk_action", (MEMORY_ID, "archive"), "memory_ids"),
        ("admin.retrieval.explain", ("a\x00b",), "query"),
        ("admin.write_simulate", ("",), "content"),
    ],
)
async def test_bad_arguments_name_their_field(
    name: str, args: tuple[Any, ...], field: str, admin_client: Driver, httpx_mock: HTTPXMock
) -> None:
    kwargs = {"days": 400} if field == "days" else {}
    with pytest.raises(ValidationError) as raised:
        await _run(admin_client, name, *args, **kwargs)
    assert raised.value.field == field
    assert httpx_mock.get_requests() == []


async def test_a_required_tenant_needs_the_client_tenant_or_an_argument(
    make_client: Any, httpx_mock: HTTPXMock
) -> None:
    driver = make_client(admin_api_key=ADMIN_KEY)  # no tenant
    with pytest.raises(ValidationError) as raised:
        await _run(driver, "admin.retrieval.explain", "mango")
    assert raised.value.field == "tenant_id"
    httpx_mock.add_response(json=BODIES["overview"])
    await _run(driver, "admin.overview")  # optional there: the server's overview of every tenant
    request = httpx_mock.get_request()
    assert request is not None and "tenant_id" not in request.url.params


async def test_the_tenant_default_follows_set_tenant(admin_client: Driver, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=BODIES["export"])
    admin_client.client.set_tenant("tenant-b")
    await _run(admin_client, "admin.memories.export")
    request = httpx_mock.get_request()
    assert request is not None and request.url.params["tenant_id"] == "tenant-b"


async def test_a_mutating_call_is_not_retried_once_it_may_have_been_applied(
    admin_client: Driver, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(status_code=500, json={"detail": "boom"})
    with pytest.raises(ServerError):
        await _run(admin_client, "admin.consolidation.run")
    assert len(httpx_mock.get_requests()) == 1


async def test_a_read_only_post_is_retried_like_a_read(admin_client: Driver, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(status_code=503, json={"detail": "busy"})
    httpx_mock.add_response(json=BODIES["explain"])
    result = await _run(admin_client, "admin.retrieval.explain", "mango")
    assert result.query == BODIES["explain"]["query"]
    assert len(httpx_mock.get_requests()) == 2


@pytest.mark.parametrize(
    ("name", "args", "version_word"),
    [("admin.consolidation.status", (), "added in server"), ("admin.models.status", (), "removed in server")],
)
async def test_a_route_the_server_version_lacks_says_so(
    name: str, args: tuple[Any, ...], version_word: str, admin_client: Driver, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(status_code=404, json={"detail": "Not Found"})
    with pytest.raises(NotFoundError) as raised:
        await _run(admin_client, name, *args)
    op = next(op for op in OPERATIONS.values() if name in op.methods)
    version = op.added or op.removed
    assert f"This server version has no {name}()" in raised.value.suggestion
    assert f"{version_word} {version}" in raised.value.suggestion


async def test_a_missing_record_on_a_versioned_route_keeps_the_usual_suggestion(
    admin_client: Driver, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(status_code=404, json={"detail": "Job not found"})
    with pytest.raises(NotFoundError) as raised:
        await _run(admin_client, "admin.consolidation.get_run", JOB_ID)
    assert "server version" not in raised.value.suggestion


def test_readable_strings() -> None:
    from cml_ergonomic.admin import Explanation, MemoryDetail, Overview, Tenants

    overview = str(Overview.from_dict(BODIES["overview"]))
    assert f"{BODIES['overview']['total_memories']} memories" in overview
    # servers before 2.0.0 also count events; the line shows them when the server sends them
    assert ("events" in overview) == ("total_events" in BODIES["overview"])
    assert "events" not in str(Overview.from_dict({k: v for k, v in BODIES["overview"].items() if "event" not in k}))
    tenants = str(Tenants.from_dict(BODIES["tenants"]))
    assert all(t["tenant_id"] in tenants for t in BODIES["tenants"]["tenants"])
    detail = str(MemoryDetail.from_dict(BODIES["memory_detail"]))
    assert BODIES["memory_detail"]["text"] in detail and BODIES["memory_detail"]["id"] in detail
    explanation = str(Explanation.from_dict(BODIES["explain"]))
    assert BODIES["explain"]["results"][0]["text"] in explanation
    assert f"intent {BODIES['explain']['analysis']['intent']}" in explanation


@pytest.mark.parametrize(
    ("method", "path", "key", "csrf"),
    [
        ("GET", "/api/v1/dashboard/overview", ADMIN_KEY, False),
        ("POST", "/api/v1/dashboard/consolidate", ADMIN_KEY, True),
        ("POST", "/api/v1/admin/consolidate/u1", ADMIN_KEY, False),
        ("GET", "/api/v1/memory/stats", API_KEY, False),
    ],
)
def test_raw_calls_to_operator_routes_carry_the_admin_key(
    method: str, path: str, key: str, csrf: bool, httpx_mock: HTTPXMock
) -> None:
    from cml_ergonomic import CognitiveMemoryLayer

    httpx_mock.add_response(json={})
    with CognitiveMemoryLayer(api_key=API_KEY, admin_api_key=ADMIN_KEY, base_url=BASE_URL) as client:
        client.raw.get_httpx_client().request(method, path)
    request = httpx_mock.get_request()
    assert request is not None
    assert request.headers["X-API-Key"] == key
    assert ("X-Requested-With" in request.headers) is csrf


def test_raw_without_an_admin_key_sends_the_normal_one(httpx_mock: HTTPXMock) -> None:
    from cml_ergonomic import CognitiveMemoryLayer

    httpx_mock.add_response(status_code=403, json={"detail": "Admin permission required"})
    with CognitiveMemoryLayer(api_key=API_KEY, base_url=BASE_URL) as client:
        response = client.raw.get_httpx_client().get("/api/v1/dashboard/overview")
    assert response.status_code == 403
    request = httpx_mock.get_request()
    assert request is not None and request.headers["X-API-Key"] == API_KEY


def test_the_admin_resource_is_built_once_and_not_shared_with_copies() -> None:
    from cml_ergonomic import CognitiveMemoryLayer

    with CognitiveMemoryLayer(api_key=API_KEY, admin_api_key=ADMIN_KEY, base_url=BASE_URL) as client:
        assert client.admin is client.admin
        assert client.admin.memories is client.admin.memories
        copy = client.with_options(timeout=3)
        assert copy.admin is not client.admin
        assert copy.admin._client is copy


def test_importing_the_sdk_does_not_import_the_admin_resource() -> None:
    probe = (
        "import sys, cml_ergonomic; "
        "print(sorted(m for m in ('cml_ergonomic.admin', 'cml_ergonomic._admin_operations') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


def test_admin_methods_show_their_real_signature() -> None:
    import inspect

    from cml_ergonomic import CognitiveMemoryLayer

    with CognitiveMemoryLayer(api_key=API_KEY, admin_api_key=ADMIN_KEY, base_url=BASE_URL) as client:
        params = inspect.signature(client.admin.memories.list).parameters
        assert {"type", "status", "search", "per_page", "tenant_id"} <= set(params)
        assert client.admin.memories.list.__doc__
        assert "memory_id" in inspect.signature(client.admin.memories.get).parameters


def test_a_transport_error_on_a_page_is_typed_too(httpx_mock: HTTPXMock) -> None:
    from cml_ergonomic import CMLConnectionError, CognitiveMemoryLayer

    page = {"items": _memories(2), "total": 4, "page": 1, "per_page": 2, "total_pages": 2}
    httpx_mock.add_response(json=page)
    httpx_mock.add_exception(httpx.ConnectError("refused"))
    with CognitiveMemoryLayer(api_key=API_KEY, admin_api_key=ADMIN_KEY, base_url=BASE_URL, max_retries=0) as client:
        pager = client.admin.memories.list(per_page=2)
        with pytest.raises(CMLConnectionError) as raised:
            list(pager)
    assert raised.value.page == 2
