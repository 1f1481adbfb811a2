"""The exact admin memory walk (cml_ergonomic/admin/_memory_walk.py) on scripted listings.

The contract cases (tests/contract/cases_listing.py) prove it on FakeCML and both real servers; these cover
what a real server rarely does on cue: a listing that keeps shrinking, NULL values, the pages it hands out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from cml_api_client.models.dashboard_memory_list_item import DashboardMemoryListItem

from cml_ergonomic import CognitiveMemoryLayer
from cml_ergonomic.admin import ListingChangedError
from cml_ergonomic.admin._memory_walk import MAX_RESTARTS, ordered

KEY, ADMIN = "key-0123456789abcdef", "admin-0123456789abcdef"


def item(n: int, **changes: Any) -> dict[str, Any]:
    return {
        "id": f"00000000-0000-0000-0000-{n:012d}",
        "tenant_id": "t",
        "type": "episodic_event",
        "status": "active",
        "text": f"memory {n}",
        "confidence": 0.5,
        "importance": 0.5,
        "access_count": 0,
        "timestamp": f"2026-01-01T00:00:{n:02d}",
        "written_at": f"2026-01-01T00:01:{n:02d}",
        **changes,
    }


def serving(held: Callable[[], list[dict[str, Any]]], asked: list[tuple[int, int]]) -> CognitiveMemoryLayer:
    def answer(request: httpx.Request) -> httpx.Response:
        number, size = int(request.url.params["page"]), int(request.url.params["per_page"])
        asked.append((number, size))
        rows = held()
        body = {"items": rows[(number - 1) * size : number * size], "total": len(rows), "page": number}
        return httpx.Response(200, json={**body, "per_page": size, "total_pages": max(1, -(-len(rows) // size))})

    pool = httpx.Client(transport=httpx.MockTransport(answer), base_url="http://cml.test")
    return CognitiveMemoryLayer(api_key=KEY, admin_api_key=ADMIN, base_url="http://cml.test", http_client=pool)


def test_a_listing_that_keeps_shrinking_under_the_walk_is_refused_not_cut_short() -> None:
    rows = [item(n) for n in range(40)]
    asked: list[tuple[int, int]] = []

    def shrinking() -> list[dict[str, Any]]:
        if len(asked) % 2 == 0 and len(rows) > 2:  # before every check: the oldest memory goes
            rows.pop(0)
        return rows

    with serving(shrinking, asked) as client, pytest.raises(ListingChangedError) as refused:
        list(client.admin.memories.list(sort_by="written_at", order="asc", per_page=5))
    assert f"{MAX_RESTARTS + 1} times" in refused.value.message and refused.value.suggestion


def test_one_deletion_behind_the_walk_restarts_it_and_repeats_nothing() -> None:
    rows = [item(n) for n in range(12)]
    asked: list[tuple[int, int]] = []

    def held() -> list[dict[str, Any]]:
        if len(asked) == 2:  # between page 1 and page 2: a memory already listed is deleted
            del rows[1]
        return rows

    with serving(held, asked) as client:
        listed = [str(m.id) for m in client.admin.memories.list(sort_by="written_at", order="asc", per_page=5)]
    assert listed == [item(n)["id"] for n in range(12)]  # the deleted one was listed before it went; no repeat
    assert asked.count((1, 5)) == 2  # it started over once


def test_sorted_pages_carry_the_totals_of_the_ordered_listing() -> None:
    rows = [item(n, confidence=[0.9, 0.1, 0.5][n % 3]) for n in range(7)]
    with serving(lambda: rows, []) as client:
        pages = list(client.admin.memories.list(sort_by="confidence", per_page=3).pages())
    assert [(p.page, p.total, p.total_pages, len(p.items)) for p in pages] == [(1, 7, 3, 3), (2, 7, 3, 3), (3, 7, 3, 1)]
    values = [m.confidence for p in pages for m in p.items]
    assert values == sorted(values, reverse=True)
    tied = [str(m.id) for p in pages for m in p.items if m.confidence == 0.9]
    assert tied == [item(n)["id"] for n in (0, 3, 6)]  # equal values in the order they were written


def test_null_values_sort_as_postgresql_does() -> None:
    stamps = [dt.datetime(2026, 1, 2), None, dt.datetime(2026, 1, 1)]
    items = [DashboardMemoryListItem.from_dict(item(n, timestamp=None)) for n in range(3)]
    for listed, stamp in zip(items, stamps, strict=True):
        listed.timestamp = stamp
    assert [i.timestamp for i in ordered(items, "timestamp", "desc")] == [None, stamps[0], stamps[2]]
    assert [i.timestamp for i in ordered(items, "timestamp", "asc")] == [stamps[2], stamps[0], None]
    assert ordered(items, "written_at", "asc") == items  # the walk's own order is kept as is
