"""Forget plans on FakeCML: the paths the contract cases (tests/contract/cases_forget.py) do not take."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

import httpx
import pytest

from cml_ergonomic import APIStatusError, CognitiveMemoryLayer, ConfigurationError, ForgetPlan, ValidationError
from cml_ergonomic.testing import FakeCML

FORGET = "/api/v1/memory/forget"


def test_a_plan_sends_no_forget_and_forget_plan_sends_only_its_ids() -> None:
    fake = FakeCML()
    with fake.client() as client:
        ids = [client.write(f"chess note {n}").memory_id for n in range(3)]
        plan = client.plan_forget(query="chess", limit=50)
        assert FORGET not in [r.path for r in fake.requests]
        assert set(plan.memory_ids) == set(ids) and plan.complete
        client.forget(plan)
    (sent,) = [r for r in fake.requests if r.path == FORGET]
    assert sent.json == {"action": "delete", "memory_ids": [str(i) for i in plan.memory_ids]}


def test_a_read_that_comes_back_full_makes_an_incomplete_plan() -> None:
    fake = FakeCML()
    with fake.client() as client:
        client.write_batch([{"content": f"chess game number {n}"} for n in range(60)])
        plan = client.plan_forget(query="chess", limit=50)
    assert len(plan) == 50 and not plan.complete and "INCOMPLETE" in str(plan)


def test_ids_and_a_query_give_their_union_and_ids_show_as_ids() -> None:
    fake = FakeCML()
    given = UUID("00000000-0000-0000-0000-00000000abcd")
    with fake.client() as client:
        found = client.write("Lisbon is home").memory_id
        plan = client.plan_forget(query="Lisbon", memory_ids=[given])
    assert plan.memory_ids == (given, found)
    assert f"  {given}\n" in str(plan) and "Lisbon is home" in str(plan)


def test_a_plan_by_age_in_the_keys_own_tenant_asks_the_server_which_it_is() -> None:
    fake = FakeCML()
    with fake.client(tenant_id=None) as client:  # the key's own tenant, as the server's configuration names it
        old = client.write("old one", timestamp=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)).memory_id
        client.write("new one")
        plan = client.plan_forget(before=dt.datetime(2021, 1, 1, tzinfo=dt.UTC))
    assert plan.memory_ids == (old,) and "/api/v1/dashboard/config" in [r.path for r in fake.requests]
    assert "(before 2021-01-01T00:00:00+00:00)" in str(plan) and "old one" in str(plan)


def test_a_plan_by_age_needs_the_admin_key() -> None:
    fake = FakeCML()
    with fake.client(admin_api_key=None) as client, pytest.raises(ConfigurationError, match="admin key"):
        client.plan_forget(before=dt.datetime(2021, 1, 1, tzinfo=dt.UTC))
    assert fake.requests == []


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({}, "query"),
        ({"query": "  "}, "query"),
        ({"query": "x", "limit": 0}, "limit"),
        ({"before": dt.datetime(2020, 1, 1)}, "before"),
    ],
)
def test_a_bad_selector_is_refused_before_sending(kwargs: dict[str, object], field: str) -> None:
    fake = FakeCML()
    with fake.client() as client, pytest.raises(ValidationError) as refused:
        client.plan_forget(**kwargs)
    assert refused.value.field == field and fake.requests == []


def test_forget_takes_a_plan_alone() -> None:
    fake = FakeCML()
    plan = ForgetPlan(memory_ids=(UUID(int=1),))
    with fake.client() as client:
        with pytest.raises(ValidationError, match="plan's ids only"):
            client.forget(plan, query="chess")
        with pytest.raises(ValidationError, match="ForgetPlan"):
            client.forget(["not", "a", "plan"])  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="needs a plan"):
            client.forget()
    assert fake.requests == []


def test_a_failed_read_fails_the_plan_with_the_servers_error() -> None:
    fake = FakeCML()
    fake.fail_next(status=500, path="/api/v1/memory/read")
    with fake.client(max_retries=0) as client, pytest.raises(APIStatusError):
        client.plan_forget(query="chess")


@pytest.mark.anyio
async def test_the_async_client_plans_and_forgets_the_same_way() -> None:
    fake = FakeCML()
    async with fake.async_client() as client:
        written = (await client.write("chess on Sundays")).memory_id
        plan = await client.plan_forget(query="chess")
        result = await client.forget(plan)
    assert plan.memory_ids == (written,) and result.planned == (written,) and result.affected_count == 1
    assert "1 affected of the 1 planned" in str(result)


def test_a_union_longer_than_the_limit_is_cut_and_says_so() -> None:
    fake = FakeCML()
    given = [UUID(int=n) for n in range(1, 3)]
    with fake.client() as client:
        client.write("chess one")
        plan = client.plan_forget(memory_ids=given, query="chess", limit=2)
    assert plan.memory_ids == tuple(given) and not plan.complete
    assert any("matched 3 memories" in note for note in plan.notes)


def test_a_failed_listing_page_fails_a_plan_by_age() -> None:
    fake = FakeCML()
    fake.fail_next(status=500, path="/api/v1/dashboard/memories")
    with fake.client(tenant_id=fake.tenant_id, max_retries=0) as client, pytest.raises(APIStatusError) as failed:
        client.plan_forget(before=dt.datetime(2021, 1, 1, tzinfo=dt.UTC))
    assert failed.value.page == 1


@pytest.mark.anyio
async def test_a_failed_read_fails_an_async_plan() -> None:
    fake = FakeCML()
    fake.fail_next(status=500, path="/api/v1/memory/read")
    async with fake.async_client(max_retries=0) as client:
        with pytest.raises(APIStatusError):
            await client.plan_forget(query="chess")


def test_a_server_that_names_no_default_tenant_is_refused_for_a_plan_by_age() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/api/v1/dashboard/config"
        return httpx.Response(200, json={"sections": [{"name": "Auth", "items": [{"key": "other", "value": "x"}]}]})

    pool = httpx.Client(transport=httpx.MockTransport(answer), base_url="http://cml.test")
    with (
        CognitiveMemoryLayer(
            api_key="key-0123456789abcdef",
            admin_api_key="adm-0123456789abcdef",
            base_url="http://cml.test",
            http_client=pool,
        ) as client,
        pytest.raises(ConfigurationError, match="did not say which tenant"),
    ):
        client.plan_forget(before=dt.datetime(2021, 1, 1, tzinfo=dt.UTC))


def test_aware_timestamps_from_the_listing_compare_as_they_are() -> None:
    from cml_ergonomic._forget_plan import _aware

    stamp = dt.datetime(2020, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert _aware(stamp) is stamp
    assert _aware(dt.datetime(2020, 1, 1)) == dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
