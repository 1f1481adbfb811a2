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
from cml_ergonomic.admin import InexactListingError, ListingChangedError
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


def unstable(rows: list[dict[str, Any]]) -> Callable[[], list[dict[str, Any]]]:
    """The rows with equal ``written_at`` in a different order at every request, as PostgreSQL may give them."""
    turn = [0]

    def held() -> list[dict[str, Any]]:
        turn[0] += 1
        ordered_rows = sorted(rows, key=lambda r: r["written_at"])
        groups: dict[str, list[dict[str, Any]]] = {}
        for row in ordered_rows:
            groups.setdefault(row["written_at"], []).append(row)
        out: list[dict[str, Any]] = []
        for group in groups.values():
            shift = turn[0] % len(group)
            out += group[shift:] + group[:shift]
        return out

    return held


def test_equal_written_at_across_a_boundary_is_walked_again_with_wider_pages() -> None:
    rows = [item(n) for n in range(8)]
    for n in (3, 4, 5):
        rows[n]["written_at"] = "2026-01-01T00:01:03"  # three stored at the same instant, across pages of 4
    asked: list[tuple[int, int]] = []
    with serving(unstable(rows), asked) as client:
        listed = [str(m.id) for m in client.admin.memories.list(sort_by="confidence", per_page=4)]
    assert sorted(listed) == sorted(r["id"] for r in rows) and len(listed) == len(rows)
    assert (1, 200) in asked  # it started over with the widest pages


def test_equal_written_at_across_a_boundary_of_200_is_refused() -> None:
    rows = [item(n % 60, id=f"00000000-0000-0000-0001-{n:012d}") for n in range(203)]
    for n, row in enumerate(rows):
        row["written_at"] = f"2026-01-01T{n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d}"
    for n in (198, 199, 200, 201):
        rows[n]["written_at"] = "2026-01-01T00:03:18"
    with serving(unstable(rows), []) as client, pytest.raises(InexactListingError, match="same instant"):
        list(client.admin.memories.list(sort_by="written_at", order="asc", per_page=200))


def test_a_check_past_the_end_of_a_shrunken_listing_starts_over() -> None:
    rows = [item(n) for n in range(6)]
    asked: list[tuple[int, int]] = []

    def held() -> list[dict[str, Any]]:
        if len(asked) == 3:  # just before the check after page 2: two memories already listed are deleted
            del rows[:2]
        return rows

    with serving(held, asked) as client:
        listed = [str(m.id) for m in client.admin.memories.list(sort_by="written_at", order="asc", per_page=5)]
    assert listed == [item(n)["id"] for n in range(6)]
    assert asked.count((1, 5)) == 2


def test_a_failed_page_of_a_plain_listing_says_which() -> None:
    from cml_ergonomic import ServerError

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.params["offset"] == "0":
            fact = {"id": "f1", "tenant_id": "t", "category": "preference", "key": "k", "value": "tea"}
            fact |= {"confidence": 0.8, "evidence_count": 1, "is_current": True, "version": 1}
            return httpx.Response(200, json={"items": [{**fact, "created_at": "2026-01-01T00:00:00"}], "total": 2})
        return httpx.Response(500, json={"detail": "boom"})

    pool = httpx.Client(transport=httpx.MockTransport(answer), base_url="http://cml.test")
    client = CognitiveMemoryLayer(
        api_key=KEY, admin_api_key=ADMIN, base_url="http://cml.test", http_client=pool, max_retries=0
    )
    with client, pytest.raises(ServerError) as failed:
        list(client.admin.facts.list(per_page=1))
    assert failed.value.page == 2 and "the 1 item(s) before it are valid" in str(failed.value)
