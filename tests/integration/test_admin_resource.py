"""``client.admin`` against the real CML server, on every server version of the matrix.

Memories are written through ``write`` and then looked up through the
operator API. Where server versions differ (a route added or removed, a
server bug), the live server's version decides what is expected: a route the
version lacks must fail with a ``NotFoundError`` that names the version.
"""

from __future__ import annotations

import secrets
from typing import Any
from uuid import UUID

import pytest

from cml_ergonomic import ConfigurationError, NotFoundError, ServerError
from cml_ergonomic._operations import OPERATIONS
from tests.conftest import ServerInfo
from tests.integration.test_client_sync_async import Runner, runner, token, write_stored

__all__ = ["runner"]  # the fixture, shared with the client tests

pytestmark = pytest.mark.anyio


async def _items(runner: Runner, pager: Any, *, pages: bool = False) -> list[Any]:
    source = pager.pages() if pages else pager
    if runner.is_async:
        return [item async for item in source]
    return list(source)


def _admin_client(runner: Runner, tenant: str | None = None) -> Any:
    """A client whose tenant is the one ``write`` stores into (the server's default tenant, for the normal key)."""
    return runner.new(tenant_id=tenant or runner.server.tenant_id)


async def _admin(runner: Runner, client: Any, dotted: str, *args: Any, **kwargs: Any) -> Any:
    target = client
    for part in dotted.split("."):
        target = getattr(target, part)
    return await runner.resolve(target(*args, **kwargs))


async def test_a_written_memory_is_listed_with_its_type_lineage_and_export(runner: Runner) -> None:
    phrase = f"The operator {token()} prefers oolong tea at dawn"
    written = await write_stored(runner, phrase, memory_type="preference")
    client = _admin_client(runner)

    listed = await _items(runner, client.admin.memories.list(search=phrase.split()[2]))
    mine = [m for m in listed if m.text == phrase]
    assert [m.id for m in mine] == [written.memory_id]
    assert mine[0].type_ == "preference"
    assert mine[0].tenant_id == runner.server.tenant_id

    detail = await _admin(runner, client, "admin.memories.get", written.memory_id)
    assert (detail.id, detail.text, detail.type_) == (written.memory_id, phrase, "preference")
    assert phrase in str(detail)
    assert detail.meta is not None and detail.meta.request_id

    lineage = await _admin(runner, client, "admin.memories.lineage", written.memory_id)
    assert lineage.memory.id == written.memory_id

    exported = await _admin(runner, client, "admin.memories.export")
    assert [row["type"] for row in exported if row["id"] == str(written.memory_id)] == ["preference"]


async def test_the_test_tenant_is_among_the_tenants(runner: Runner) -> None:
    await write_stored(runner, f"Tenant census {token()} counts this memory")
    tenants = await _admin(runner, _admin_client(runner), "admin.tenants")
    mine = [t for t in tenants if t.tenant_id == runner.server.tenant_id]
    assert len(mine) == 1 and mine[0].memory_count >= 1
    assert runner.server.tenant_id in str(tenants)


async def test_pagination_over_more_than_one_page_yields_each_memory_once(runner: Runner) -> None:
    tenant = f"pages-{secrets.token_hex(5)}"
    writer = runner.new(api_key=runner.server.admin_api_key, tenant_id=tenant)  # X-Tenant-Id needs the admin key
    for i in range(5):
        await write_stored(runner, f"Page walk item {i}: {token()} likes the number {i}", client=writer)
    client = _admin_client(runner, tenant)

    pages = await _items(runner, client.admin.memories.list(per_page=2), pages=True)
    memories = await _items(runner, client.admin.memories.list(per_page=2))

    total = pages[0].total
    assert total >= 5 and pages[0].total_pages == len(pages) >= 3
    ids = [m.id for m in memories]
    assert len(ids) == len(set(ids)) == total
    assert {m.tenant_id for m in memories} == {tenant}
    exported = await _admin(runner, client, "admin.memories.export")
    assert {UUID(row["id"]) for row in exported} == set(ids)


async def test_explain_names_the_memory_its_phrase_recalls(runner: Runner) -> None:
    phrase = f"The lighthouse keeper {token()} collects blue glass floats"
    written = await write_stored(runner, phrase)
    client = _admin_client(runner)
    if runner.server.at_least("2.0.0"):
        explanation = await _admin(runner, client, "admin.retrieval.explain", phrase)
        assert written.memory_id in {item.id for item in explanation.results}
        assert phrase in str(explanation)
    else:
        # 1.5.1's own response model rejects its rerank rows (no 'id', 'source_type') whenever anything is found.
        # The SDK names that known bug of 1.5.1 and does not retry it; the server's own words stay in the body.
        with pytest.raises(ServerError, match=r"a known bug of CML server 1\.5\.1") as raised:
            await _admin(runner, client, "admin.retrieval.explain", phrase)
        assert raised.value.retries == 0 and raised.value.known_bug is not None
        assert "DashboardRetrievalExplainResponse" in raised.value.response_body["detail"]
        tested = await _admin(runner, client, "admin.retrieval.test", phrase)
        assert written.memory_id in {item.id for item in tested.results}


async def test_jobs_list_and_get_parse_a_consolidation_run(runner: Runner) -> None:
    tenant = f"jobs-{secrets.token_hex(5)}"
    client = _admin_client(runner, tenant)
    run = await _admin(runner, client, "admin.consolidation.run")
    assert run["status"] and run["tenant_id"] == tenant

    jobs = await _admin(runner, client, "admin.jobs.list", job_type="consolidate")
    assert [job.tenant_id for job in jobs.items] == [tenant]
    job = await _admin(runner, client, "admin.jobs.get", jobs.items[0].id)
    assert (job.id, job.job_type) == (jobs.items[0].id, "consolidate")
    runs = await _admin(runner, client, "admin.consolidation.runs")
    assert jobs.items[0].id in {item.id for item in runs.items}


@pytest.mark.parametrize("dotted", ["admin.consolidation.status", "admin.models.status", "admin.events.export"])
async def test_a_version_specific_route_works_or_names_the_version(runner: Runner, dotted: str) -> None:
    op = next(op for op in OPERATIONS.values() if dotted in op.methods)
    version = runner.server.version
    assert version is not None
    client = _admin_client(runner)
    if op.served_by(version):
        result = await _admin(runner, client, dotted)
        if dotted == "admin.consolidation.status":
            assert set(result) == {"running", "sweeps_run", "tasks_enqueued", "consolidations_run", "pending_tasks"}
            assert isinstance(result["running"], bool) and isinstance(result["pending_tasks"], int)
        elif dotted == "admin.models.status":
            assert {"available", "families", "task_models", "load_errors"} <= set(result)
            assert result["available"] is False  # the harness runs the server without its local models
            assert result["load_errors"] and all(isinstance(error, str) for error in result["load_errors"])
        else:  # admin.events.export: the same events the paged listing yields
            listed = await _items(runner, client.admin.events.list())
            assert isinstance(result, list)
            assert sorted(str(row["id"]) for row in result) == sorted(str(event.id) for event in listed)
    else:
        with pytest.raises(NotFoundError) as raised:
            await _admin(runner, client, dotted)
        assert f"This server version has no {dotted}()" in raised.value.suggestion
        assert (op.added or op.removed or "") in raised.value.suggestion


async def test_read_only_dashboard_routes_parse(runner: Runner) -> None:
    await write_stored(runner, f"Dashboard census {token()} counts this memory")
    named_only = f"named-only-{token()}"  # a session no create_session made: only a memory names it
    await write_stored(runner, f"Session census {token()} counts this memory", session_id=named_only)
    client = _admin_client(runner)
    overview = await _admin(runner, client, "admin.overview")
    assert overview.total_memories >= 1 and overview.active_memories >= 1
    assert str(overview).startswith(f"{overview.total_memories} memories ({overview.active_memories} active")
    sessions = await _admin(runner, client, "admin.sessions")
    # total_active counts the sessions held in Redis (created and not expired; each has a TTL); the list adds the
    # sessions that only memories name (source_session_id), with ttl_seconds -1 (both servers' dashboard route).
    in_redis = [s for s in sessions.sessions if s.ttl_seconds != -1]
    assert sessions.total_active == len(in_redis)
    assert all(s.tenant_id == runner.server.tenant_id for s in in_redis)
    assert all(s.memory_count >= 1 for s in sessions.sessions if s.ttl_seconds == -1)
    assert {s.session_id: (s.ttl_seconds, s.memory_count) for s in sessions.sessions}[named_only] == (-1, 1)
    timeline = await _admin(runner, client, "admin.timeline", days=1)
    assert timeline.total == sum(point.count for point in timeline.points) >= 1
    components = await _admin(runner, client, "admin.components")
    assert ("PostgreSQL", "ok") in {(c.name, c.status) for c in components.components}
    limits = await _admin(runner, client, "admin.rate_limits")
    assert limits.configured_rpm == 0  # the harness's main server runs without a rate limit
    jobs = await _admin(runner, client, "admin.jobs.list")
    assert jobs.total >= len(jobs.items)
    assert all(job.status and job.job_type for job in jobs.items)
    preview = await _admin(runner, client, "admin.forgetting.preview", max_memories=5)
    assert preview.tenant_id == runner.server.tenant_id
    dry = await _admin(runner, client, "admin.forgetting.run")
    assert dry["dry_run"] is True


async def test_without_the_admin_key_the_client_refuses_before_sending(runner: Runner) -> None:
    client = runner.new(admin_api_key=None)
    with pytest.raises(ConfigurationError, match="CML_ADMIN_API_KEY"):
        await _admin(runner, client, "admin.tenants")


async def test_raw_dashboard_calls_carry_the_admin_key(runner: Runner, cml_server: ServerInfo) -> None:
    from cml_api_client.api.dashboard import dashboard_tenants

    await write_stored(runner, f"Raw census {token()} counts this memory")
    response = await runner.raw(dashboard_tenants, detailed=True)
    assert response.status_code == 200
    assert cml_server.tenant_id in {t.tenant_id for t in response.parsed.tenants}
