"""The admin memory listing under ties and concurrent writes (issue 17, finding 3).

The server sorts ``/dashboard/memories`` by one column with OFFSET/LIMIT and
no tiebreaker; 60 memories that share ``confidence``, ``importance``,
``access_count``, ``status`` (and, here, three types) are the data. The
SDK's pager must list each exactly once, in the order asked for, at page
sizes 1, 7 and 200, and while memories are written and deleted.
"""

from __future__ import annotations

import secrets
from collections import Counter
from typing import Any

import pytest

from cml_ergonomic.hooks import CallEnded, Hooks
from tests.contract.backends import Backend
from tests.contract.suite import API, Driver, keys, token

_SORTS = ("timestamp", "confidence", "importance", "access_count", "written_at", "type", "status")
_TYPES = ("episodic_event", "preference", "semantic_fact")
_COUNT = 60


def _seed(backend: Backend, http: Any, count: int = _COUNT) -> tuple[str, list[str]]:
    """A fresh tenant holding ``count`` memories with many equal values; their ids in the order written."""
    tenant = f"ties-{secrets.token_hex(5)}"
    headers = {**keys(backend, "admin"), "X-Tenant-Id": tenant}
    word = token()
    ids = []
    for n in range(count):
        body = {"content": f"Tied memory {n} of {word}: item {secrets.token_hex(3)}", "memory_type": _TYPES[n % 3]}
        answer = http.post(f"{API}/memory/write", json=body, headers=headers)
        assert answer.status_code == 200, answer.text
        ids.append(answer.json()["memory_id"])
    assert len(set(ids)) == count
    return tenant, ids


def _value(item: Any, column: str) -> Any:
    return getattr(item, "type_" if column == "type" else column)


def _assert_exact(listed: list[Any], expected: set[str], column: str, order: str) -> None:
    ids = [str(item.id) for item in listed]
    repeated = {i: n for i, n in Counter(ids).items() if n > 1}
    assert not repeated, f"{column}: listed more than once: {repeated}"
    assert set(ids) == expected, f"{column}: missing {expected - set(ids)}, unexpected {set(ids) - expected}"
    values = [_value(item, column) for item in listed]
    assert values == sorted(values, reverse=order == "desc"), f"{column} {order}: not in order"


def test_naive_offset_paging_by_a_tied_column_repeats_and_drops(backend: Backend, http: Any) -> None:
    """What the pager must work around: the server itself, paged by offset over ties, is not exact."""
    tenant, _ids = _seed(backend, http)
    seen: list[str] = []
    for page in range(1, _COUNT + 1):
        params = {"tenant_id": tenant, "sort_by": "confidence", "per_page": 1, "page": page}
        answer = http.get(f"{API}/dashboard/memories", params=params, headers=keys(backend, "admin"))
        seen += [item["id"] for item in answer.json()["items"]]
    assert len(seen) == _COUNT
    assert len(set(seen)) < _COUNT, "every memory came once: the backend breaks ties stably, unlike the server"


def test_the_pager_lists_every_memory_once_for_every_sort_and_page_size(backend: Backend, http: Any) -> None:
    tenant, ids = _seed(backend, http)
    expected = set(ids)
    with backend.client(is_async=False, api_key=backend.admin_api_key, tenant_id=tenant) as client:
        for column in _SORTS:
            for size in (1, 7, 200):
                listed = list(client.admin.memories.list(sort_by=column, per_page=size))
                _assert_exact(listed, expected, column, "desc")
            listed = list(client.admin.memories.list(sort_by=column, order="asc", per_page=7))
            _assert_exact(listed, expected, column, "asc")
        by_write = [str(m.id) for m in client.admin.memories.list(sort_by="written_at", order="asc", per_page=7)]
        assert by_write == ids  # the order they were written in


@pytest.mark.anyio
async def test_the_async_pager_is_exact_under_ties_too(driver: Driver, backend: Backend, http: Any) -> None:
    tenant, ids = _seed(backend, http, count=30)
    client = driver.new(api_key=backend.admin_api_key, tenant_id=tenant)
    for column in ("confidence", "type"):
        pager = client.admin.memories.list(sort_by=column, per_page=7)
        listed = [item async for item in pager] if driver.is_async else list(pager)
        _assert_exact(listed, set(ids), column, "desc")


class _MidWalk(Hooks):
    """After the listing's second request, write new memories and delete some already listed."""

    def __init__(self, mutate: Any) -> None:
        self.calls = 0
        self.mutate = mutate

    def on_call_end(self, event: CallEnded) -> None:
        self.calls += 1
        if self.calls == 2:
            self.mutate()


@pytest.mark.parametrize("column", ["written_at", "confidence"])
def test_writes_and_deletes_during_the_walk_lose_and_repeat_nothing(backend: Backend, http: Any, column: str) -> None:
    tenant, ids = _seed(backend, http, count=40)
    headers = {**keys(backend, "admin"), "X-Tenant-Id": tenant}
    deleted = ids[2:5]  # written first: behind the walk's position once it is past page 1, so offsets move back
    added: list[str] = []

    def mutate() -> None:
        for n in range(5):
            body = {"content": f"Written mid-walk {n} {token()}"}
            added.append(http.post(f"{API}/memory/write", json=body, headers=headers).json()["memory_id"])
        forgot = http.post(f"{API}/memory/forget", json={"memory_ids": deleted, "action": "delete"}, headers=headers)
        assert forgot.json()["affected_count"] == len(deleted)

    hook = _MidWalk(mutate)
    order = "asc" if column == "written_at" else "desc"
    with backend.client(is_async=False, api_key=backend.admin_api_key, tenant_id=tenant, hooks=hook) as client:
        listed = list(client.admin.memories.list(sort_by=column, order=order, per_page=7))
    assert hook.calls > 2 and added  # the walk went on after the writes and deletes
    listed_ids = [str(item.id) for item in listed]
    assert len(listed_ids) == len(set(listed_ids)), "a memory was listed twice"
    survivors = set(ids) - set(deleted)
    assert survivors <= set(listed_ids), f"missing: {survivors - set(listed_ids)}"
    assert set(listed_ids) <= set(ids) | set(added)
