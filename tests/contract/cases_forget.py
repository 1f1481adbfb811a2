"""Forget plans (issue 17, finding 1): see exactly what a forget by query or age would take, then forget that.

The real server's forget-by-query took 7 of 7 memories of a tenant (mock
embeddings match everything); a plan lists ids without deleting anything,
and ``forget(plan)`` deletes those ids and no other.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cml_ergonomic import ForgetPlan, ValidationError
from tests.contract.suite import Driver, token, write_stored


async def _listed(driver: Driver, client: Any) -> set[Any]:
    pager = client.admin.memories.list(status="active", per_page=200)
    return {item.id for item in ([item async for item in pager] if driver.is_async else list(pager))}


@pytest.mark.anyio
async def test_a_plan_by_query_deletes_nothing_and_forget_plan_deletes_exactly_its_ids(driver: Driver) -> None:
    tenant = driver.tenant_client()
    word = token()
    written = [(await write_stored(driver, f"Chess note {n} of {word}", client=tenant)).memory_id for n in range(3)]
    other = (await write_stored(driver, f"Lisbon is home now {token()}", client=tenant)).memory_id
    before = await _listed(driver, tenant)
    assert before == {*written, other}

    plan = await driver.call("plan_forget", query=f"Chess {word}", limit=2, client=tenant)
    assert isinstance(plan, ForgetPlan) and len(plan.memory_ids) == 2
    assert not plan.complete and "INCOMPLETE" in str(plan)  # more matched than the plan holds, and it says so
    assert {m.id for m in plan.memories} == set(plan.memory_ids)
    assert all(str(memory_id) in str(plan) for memory_id in plan.memory_ids)
    assert await _listed(driver, tenant) == before  # planning deleted nothing

    result = await driver.call("forget", plan, client=tenant)
    assert result.affected_count == 2 and result.planned == plan.memory_ids
    assert await _listed(driver, tenant) == before - set(plan.memory_ids)  # those two, and nothing else


@pytest.mark.anyio
async def test_forget_by_query_or_age_unseen_is_refused_before_sending(driver: Driver) -> None:
    tenant = driver.tenant_client()
    written = (await write_stored(driver, f"Chess rating of {token()}", client=tenant)).memory_id
    for selector in ({"query": "chess"}, {"before": dt.datetime.now(dt.UTC) + dt.timedelta(days=1)}):
        with pytest.raises(ValidationError) as refused:
            await driver.call("forget", client=tenant, **selector)
        assert refused.value.field == "confirm" and "plan_forget" in refused.value.message
    assert await _listed(driver, tenant) == {written}
    confirmed = await driver.call("forget", query="chess", confirm=True, client=tenant)  # the explicit opt-in
    assert confirmed.affected_count >= 1


@pytest.mark.anyio
async def test_a_plan_by_age_holds_exactly_the_older_active_memories(driver: Driver) -> None:
    tenant = driver.tenant_client()
    cut = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)
    old = [
        (
            await write_stored(
                driver, f"Old note {n} {token()}", client=tenant, timestamp=cut - dt.timedelta(days=n + 1)
            )
        ).memory_id
        for n in range(3)
    ]
    new = await write_stored(driver, f"New note {token()}", client=tenant, timestamp=cut + dt.timedelta(days=1))
    plan = await driver.call("plan_forget", before=cut, client=tenant)
    assert plan.complete and set(plan.memory_ids) == set(old)
    assert list(plan.memory_ids) == old[::-1]  # oldest first
    await driver.call("forget", plan, client=tenant)
    assert await _listed(driver, tenant) == {new.memory_id}
