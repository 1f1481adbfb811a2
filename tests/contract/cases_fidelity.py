"""What FakeCML once answered differently from both real servers (issue 17, finding 6), now one contract.

Duplicate writes: both servers hash ``text.lower().strip()`` per tenant and
keep one active memory per hash; a repeat's type, tags and metadata are
dropped. 1.5.1 answers a repeat like a first write (the existing ``memory_id``,
``chunks_created: 1``; a repeated ``write_batch`` counts every turn again).
2.0.0 does the same for a quick repeat or an older memory, but its write gate
skips a repeat of one of the tenant's ten most recent memories once its 2-s
scan cache has expired (``memory_id`` None, no chunk). The cases assert what
holds whatever the timing. The operator routes (``client.admin``) answer from what was written, on
the fake as on the servers; only the routes that need Neo4j (``quality()``,
``graph.*``) are left out here, because the harness runs the servers without it.
"""

from __future__ import annotations

import datetime as dt
import inspect
from typing import Any
from uuid import uuid4

import pytest

from cml_ergonomic import NotFoundError, ValidationError
from tests.contract.backends import Backend
from tests.contract.suite import API, Driver, found, keys, token, write_stored

__all__ = [
    "test_a_forgotten_text_written_again_is_a_new_memory",
    "test_a_repeat_keeps_the_first_writes_type_tags_and_metadata",
    "test_a_repeat_of_an_older_memory_answers_its_id",
    "test_a_repeated_write_answers_with_the_existing_memory",
    "test_a_repeated_write_batch_counts_every_turn_and_stores_none_again",
    "test_consolidation_runs_are_listed_as_jobs",
    "test_forget_archive_and_silence_mark_the_memory_deleted",
    "test_forget_without_a_selector_is_refused_before_sending",
    "test_forget_without_a_selector_on_the_wire_affects_nothing",
    "test_forgetting_preview_and_dry_run_scan_the_tenant",
    "test_lineage_and_retrieval_test_name_the_written_memory",
    "test_overview_counts_a_fresh_tenant",
    "test_read_only_admin_routes_answer",
    "test_tenants_timeline_and_sessions_count_the_tenant",
    "test_the_flat_admin_calls_answer_as_the_servers_word_them",
    "test_the_same_text_in_another_tenant_is_stored_again",
    "test_unknown_fact_and_job_are_not_found",
    "test_write_simulate_shows_the_chunk_without_storing_it",
]


async def admin(driver: Driver, client: Any, dotted: str, *args: Any, **kwargs: Any) -> Any:
    """Call ``client.<dotted>`` (``"admin.memories.get"``) with either kind of client."""
    target = client
    for part in dotted.split("."):
        target = getattr(target, part)
    value = target(*args, **kwargs)
    assert inspect.isawaitable(value) is driver.is_async
    return await value if driver.is_async else value


async def _stats(driver: Driver, client: Any) -> Any:
    return await driver.call("stats", client=client)


# --------------------------------------------------------------------------- duplicate writes


def _repeat_answer(first: Any, again: Any) -> None:
    """What both servers guarantee for a repeat, whatever the timing.

    1.5.1, and 2.0.0 for a quick repeat, answer the existing memory and one chunk. 2.0.0's write gate
    compares a write with the tenant's ten most recent memories (scanned at most every 2 s) and skips
    an identical one: ``memory_id`` None and no chunk. Never a second memory.
    """
    assert again.success is True
    assert (again.memory_id, again.chunks_created) in {(first.memory_id, 1), (None, 0)}, again


@pytest.mark.anyio
async def test_a_repeated_write_answers_with_the_existing_memory(driver: Driver) -> None:
    tenant = driver.tenant_client()
    text = f"User {token()} keeps a red kite in the hallway"
    first = await write_stored(driver, text, client=tenant)
    again = await driver.call("write", text, client=tenant)
    shouted = await driver.call("write", f"  {text.upper()}  ", client=tenant)  # the servers hash lower().strip()
    _repeat_answer(first, again)
    _repeat_answer(first, shouted)
    stats = await _stats(driver, tenant)
    assert stats.total_memories == 1
    detail = await admin(driver, tenant, "admin.memories.get", first.memory_id)
    assert detail.text == text  # the first spelling stays


@pytest.mark.anyio
async def test_a_repeat_of_an_older_memory_answers_its_id(driver: Driver) -> None:
    # Ten newer memories put it out of 2.0.0's write-gate window: both servers then answer the stored memory,
    # whatever the timing, and count the repeat as an access of it.
    tenant = driver.tenant_client()
    word = token()
    text = f"User {word} keeps a brass telescope by the window"
    first = await write_stored(driver, text, client=tenant)
    for n in range(10):
        await write_stored(driver, f"Newer note {n}: user {word} waters plant number {n + 1}", client=tenant)
    again = await driver.call("write", text, client=tenant)
    assert (again.memory_id, again.chunks_created, again.success) == (first.memory_id, 1, True)
    assert (await _stats(driver, tenant)).total_memories == 11
    detail = await admin(driver, tenant, "admin.memories.get", first.memory_id)
    assert detail.access_count == 1


@pytest.mark.anyio
async def test_a_repeat_keeps_the_first_writes_type_tags_and_metadata(driver: Driver) -> None:
    tenant = driver.tenant_client()
    text = f"User {token()} collects brass door knockers"
    first = await write_stored(driver, text, client=tenant, memory_type="preference", context_tags=["home"])
    again = await driver.call(
        "write", text, client=tenant, memory_type="constraint", context_tags=["work"], metadata={"repeat": True}
    )
    _repeat_answer(first, again)
    assert (await _stats(driver, tenant)).total_memories == 1
    detail = await admin(driver, tenant, "admin.memories.get", first.memory_id)
    assert detail.type_ == "preference"
    assert list(detail.context_tags) == ["home"]
    assert "repeat" not in detail.metadata


@pytest.mark.anyio
async def test_the_same_text_in_another_tenant_is_stored_again(driver: Driver) -> None:
    text = f"User {token()} waters the fern on Fridays"
    one, other = driver.tenant_client(), driver.tenant_client()
    first = await write_stored(driver, text, client=one)
    second = await write_stored(driver, text, client=other)
    assert second.memory_id != first.memory_id
    assert (await _stats(driver, other)).total_memories == 1


@pytest.mark.anyio
async def test_a_forgotten_text_written_again_is_a_new_memory(driver: Driver) -> None:
    tenant = driver.tenant_client()
    text = f"User {token()} rents a canoe every August"
    first = await write_stored(driver, text, client=tenant)
    forgotten = await driver.call("forget", memory_ids=[first.memory_id], client=tenant)
    assert forgotten.affected_count == 1
    again = await write_stored(driver, text, client=tenant)
    assert again.memory_id != first.memory_id


@pytest.mark.anyio
async def test_a_repeated_write_batch_counts_every_turn_and_stores_none_again(driver: Driver) -> None:
    tenant = driver.tenant_client()
    word = token()
    turns = [{"content": f"Batch turn {n}: user {word} owns {n + 2} vintage typewriters"} for n in range(3)]
    first = await driver.call("write_batch", turns, client=tenant)
    again = await driver.call("write_batch", turns, client=tenant)
    assert (first.turns_processed, first.chunks_created) == (3, 3)
    # Counted again (1.5.1; 2.0.0 for a quick repeat) or skipped by 2.0.0's write gate: stored once either way.
    assert again.turns_processed == 3
    assert again.chunks_created in (3, 0)
    assert (await _stats(driver, tenant)).total_memories == 3
    single = await driver.call("write", turns[0]["content"], client=tenant)
    assert single.chunks_created in (1, 0)
    assert (await _stats(driver, tenant)).total_memories == 3


# --------------------------------------------------------------------------- forget without a selector


def test_forget_without_a_selector_on_the_wire_affects_nothing(backend: Backend, http: Any) -> None:
    response = http.post(f"{API}/memory/forget", json={}, headers=keys(backend, "api"))
    assert response.status_code == 200, response.text
    assert response.json()["affected_count"] == 0


@pytest.mark.anyio
async def test_forget_without_a_selector_is_refused_before_sending(driver: Driver) -> None:
    with pytest.raises(ValidationError, match="memory_ids"):
        await driver.call("forget")


# --------------------------------------------------------------------------- the operator routes


async def _tenant_with_two(driver: Driver) -> tuple[Any, str, list[Any]]:
    tenant = driver.tenant_client()
    word = token()
    written = [
        await write_stored(driver, f"User {word} likes green tea at dawn", client=tenant, memory_type="preference"),
        await write_stored(driver, f"User {word} visited Oslo last June", client=tenant),
    ]
    return tenant, tenant.config.tenant_id, written


@pytest.mark.anyio
async def test_overview_counts_a_fresh_tenant(driver: Driver) -> None:
    tenant, _, written = await _tenant_with_two(driver)
    overview = await admin(driver, tenant, "admin.overview")
    assert (overview.total_memories, overview.active_memories, overview.archived_memories) == (2, 2, 0)
    assert overview.by_type.to_dict() == {"preference": 1, "episodic_event": 1}
    assert overview.by_status.to_dict() == {"active": 2}
    assert overview.oldest_memory is not None and overview.newest_memory is not None
    assert str(overview).startswith("2 memories (2 active, 0 silent, 0 archived")

    await driver.call("forget", memory_ids=[written[1].memory_id], client=tenant)
    after = await admin(driver, tenant, "admin.overview")
    assert (after.total_memories, after.active_memories) == (1, 1)
    assert after.by_type.to_dict() == {"preference": 1}


@pytest.mark.anyio
@pytest.mark.parametrize("action", ["archive", "silence"])
async def test_forget_archive_and_silence_mark_the_memory_deleted(driver: Driver, action: str) -> None:
    # Both servers answer "1 memories archived" (or "silenced") and set the status to "deleted":
    # the memory stays in the counts, as deleted, and no read finds it.
    tenant, tenant_id, written = await _tenant_with_two(driver)
    # The SDK refuses to send it (the server would not do what the call names), so it goes over plain HTTP.
    with pytest.raises(ValidationError) as refused:
        await driver.call("forget", memory_ids=[written[1].memory_id], action=action, client=tenant)
    assert refused.value.field == "action" and "bulk_action" in str(refused.value)
    with driver.backend.http() as http:
        answer = http.post(
            f"{API}/memory/forget",
            json={"memory_ids": [str(written[1].memory_id)], "action": action},
            headers={"X-API-Key": driver.backend.admin_api_key, "X-Tenant-Id": tenant_id},
        )
    assert answer.status_code == 200 and answer.json()["affected_count"] == 1
    detail = await admin(driver, tenant, "admin.memories.get", written[1].memory_id)
    assert detail.status == "deleted"
    overview = await admin(driver, tenant, "admin.overview")
    assert (overview.total_memories, overview.active_memories, overview.archived_memories) == (2, 1, 0)
    assert (overview.silent_memories, overview.deleted_memories) == (0, 1)
    assert overview.by_status.to_dict() == {"active": 1, "deleted": 1}
    stats = await _stats(driver, tenant)
    assert (stats.total_memories, stats.active_memories, stats.archived_memories, stats.silent_memories) == (2, 1, 0, 0)
    assert stats.by_type.to_dict() == {"preference": 1, "episodic_event": 1}
    assert not await found(driver, detail.text, client=tenant)


@pytest.mark.anyio
async def test_tenants_timeline_and_sessions_count_the_tenant(driver: Driver) -> None:
    tenant, tenant_id, _ = await _tenant_with_two(driver)
    session = await driver.call("create_session", name="fidelity", client=tenant)
    text = f"In session {token()}: user plans a picnic"
    await write_stored(driver, text, client=tenant, session_id=session.session_id)

    tenants = await admin(driver, tenant, "admin.tenants")
    mine = [row for row in tenants if row.tenant_id == tenant_id]
    assert [(row.memory_count, row.active_memory_count) for row in mine] == [(3, 3)]
    assert tenant_id in str(tenants)

    timeline = await admin(driver, tenant, "admin.timeline", days=2)
    assert timeline.total == 3
    assert [point.count for point in timeline.points] == [3]
    assert timeline.points[0].date == dt.datetime.now(dt.UTC).date().isoformat()

    sessions = await admin(driver, tenant, "admin.sessions")
    assert [(s.session_id, s.memory_count) for s in sessions.sessions] == [(session.session_id, 1)]
    assert (sessions.total_active, sessions.total_memories_with_session) == (1, 1)


@pytest.mark.anyio
async def test_lineage_and_retrieval_test_name_the_written_memory(driver: Driver) -> None:
    tenant, _, written = await _tenant_with_two(driver)
    lineage = await admin(driver, tenant, "admin.memories.lineage", written[0].memory_id)
    assert lineage.memory.id == written[0].memory_id
    assert lineage.memory.type_ == "preference"
    tested = await admin(driver, tenant, "admin.retrieval.test", "green tea at dawn")
    assert written[0].memory_id in {item.id for item in tested.results}
    assert tested.total_count == len(tested.results)


@pytest.mark.anyio
async def test_consolidation_runs_are_listed_as_jobs(driver: Driver) -> None:
    tenant, tenant_id, _ = await _tenant_with_two(driver)
    run = await admin(driver, tenant, "admin.consolidation.run")
    assert (run["status"], run["tenant_id"], run["episodes_sampled"]) == ("completed", tenant_id, 2)
    jobs = await admin(driver, tenant, "admin.jobs.list", job_type="consolidate")
    listed = [(job.tenant_id, job.job_type, job.status) for job in jobs.items]
    assert listed == [(tenant_id, "consolidate", "completed")]
    job = await admin(driver, tenant, "admin.jobs.get", jobs.items[0].id)
    assert job.id == jobs.items[0].id
    runs = await admin(driver, tenant, "admin.consolidation.runs")
    assert [item.id for item in runs.items] == [job.id]


@pytest.mark.anyio
async def test_forgetting_preview_and_dry_run_scan_the_tenant(driver: Driver) -> None:
    tenant, tenant_id, _ = await _tenant_with_two(driver)
    preview = await admin(driver, tenant, "admin.forgetting.preview")
    assert (preview.tenant_id, preview.scanned_count) == (tenant_id, 2)
    dry = await admin(driver, tenant, "admin.forgetting.run")
    assert (dry["dry_run"], dry["memories_scanned"], dry["tenant_id"]) == (True, 2, tenant_id)
    assert (await _stats(driver, tenant)).total_memories == 2


@pytest.mark.anyio
async def test_write_simulate_shows_the_chunk_without_storing_it(driver: Driver) -> None:
    tenant = driver.tenant_client()
    text = f"User {token()} plays the oboe on Sundays"
    simulated = await admin(driver, tenant, "admin.write_simulate", text)
    assert [(chunk.text, chunk.would_store) for chunk in simulated.chunks] == [(text, True)]
    assert simulated.tenant_id == tenant.config.tenant_id
    assert (await _stats(driver, tenant)).total_memories == 0


@pytest.mark.anyio
async def test_unknown_fact_and_job_are_not_found(driver: Driver) -> None:
    tenant = driver.tenant_client()
    for dotted in ("admin.facts.get", "admin.facts.evidence", "admin.jobs.get"):
        with pytest.raises(NotFoundError) as raised:
            await admin(driver, tenant, dotted, uuid4())
        assert raised.value.status_code == 404, dotted
        assert "check the id you passed" in raised.value.suggestion, dotted


_READ_ONLY = [
    "admin.overview",
    "admin.tenants",
    "admin.sessions",
    "admin.timeline",
    "admin.components",
    "admin.labile",
    "admin.request_stats",
    "admin.rate_limits",
    "admin.ops_metrics",
    "admin.evaluation_summary",
    "admin.jobs.list",
    "admin.consolidation.runs",
    "admin.reconsolidation.runs",
    "admin.reconsolidation.sessions",
    "admin.graph.neo4j_config",
    "admin.config.get",
]


@pytest.mark.anyio
async def test_read_only_admin_routes_answer(driver: Driver) -> None:
    tenant = driver.tenant_client()
    for dotted in _READ_ONLY:
        result = await admin(driver, tenant, dotted)
        assert result.meta is not None and result.meta.status_code == 200, dotted
    facts = [fact async for fact in tenant.admin.facts.list()] if driver.is_async else list(tenant.admin.facts.list())
    assert facts == []  # a fresh tenant has none (and the fake reads current_only=true as the servers do)
    assert await admin(driver, tenant, "admin.facts.export") == []
    components = await admin(driver, tenant, "admin.components")
    assert components.components and all(c.name and c.status for c in components.components)


@pytest.mark.anyio
async def test_the_flat_admin_calls_answer_as_the_servers_word_them(driver: Driver) -> None:
    tenant = driver.tenant_client()
    await write_stored(driver, f"User {token()} rows on the lake at dawn", client=tenant)
    user_id = tenant.config.tenant_id
    consolidated = await driver.call("consolidate", user_id, client=tenant)
    assert (consolidated["status"], consolidated["user_id"]) == ("consolidation_completed", user_id)
    assert {"episodes_sampled", "clusters_formed", "gists_extracted"} <= set(consolidated)
    forgetting = await driver.call("run_forgetting", user_id, client=tenant)
    assert (forgetting["status"], forgetting["user_id"], forgetting["dry_run"]) == (
        "forgetting_completed",
        user_id,
        True,
    )
    assert {"memories_scanned", "operations_applied"} <= set(forgetting)
