"""Admin listing: iterating 1,000 memories in pages, against raw httpx fetching the same pages.

    python -m bench.admin_listing [--quick] [--json PATH]

``client.admin.memories.list(per_page=100)`` walks ``GET
/api/v1/dashboard/memories`` page by page; raw httpx fetches the same ten
pages and ``json.loads`` each. ``httpx.MockTransport`` answers in process
with pages serialised once per distinct request (so the handler costs both the same), items
shaped as the schema's ``DashboardMemoryListItem``. Contenders take turns in
a random order in every repetition; ratios are taken within a repetition.
Without ``client.admin`` (an SDK from before the admin resource) it reports
itself as not measured.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import json
import random
import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx

from bench._common import (
    FAKE_KEY,
    MOCK_BASE_URL,
    Table,
    fmt_num,
    fmt_ratio,
    fmt_ratio_spread,
    fmt_spread,
    main,
    summarize,
)
from bench._common import result as make_result

TOTAL = 1000
PER_PAGE = 100
PATH = "/api/v1/dashboard/memories"
FULL = {"reps": 25, "warmup": 3}
QUICK = {"reps": 2, "warmup": 1}


def _item(rng: random.Random, n: int) -> dict[str, Any]:
    when = dt.datetime(2026, 11, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=n)
    return {
        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "tenant_id": "bench",
        "agent_id": None,
        "type": rng.choice(["episodic_event", "semantic_fact", "preference"]),
        "status": "active",
        "text": f"Memory {n}: the user mentioned a preference for tea over coffee in the morning.",
        "key": None,
        "namespace": None,
        "context_tags": ["bench", "tea"],
        "confidence": 0.8,
        "importance": 0.5,
        "access_count": n % 7,
        "decay_rate": 0.01,
        "labile": False,
        "version": 1,
        "timestamp": when.isoformat(),
        "written_at": when.isoformat(),
    }


def pages() -> Callable[[int, int], bytes]:
    """The listing's answer for ``(page, per_page)``, serialised once per distinct request and then reused."""
    rng = random.Random(20241121)
    items = [_item(rng, n) for n in range(TOTAL)]  # in the order written: what the pager's walk asks for
    bodies: dict[tuple[int, int], bytes] = {}

    def body(page: int, per_page: int) -> bytes:
        if (page, per_page) not in bodies:
            bodies[page, per_page] = json.dumps(
                {
                    "items": items[(page - 1) * per_page : page * per_page],
                    "total": TOTAL,
                    "page": page,
                    "per_page": per_page,
                    "total_pages": -(-TOTAL // per_page),
                }
            ).encode()
        return bodies[page, per_page]

    return body


def handler(body: Callable[[int, int], bytes]) -> Callable[[httpx.Request], httpx.Response]:
    headers = [("content-type", "application/json")]

    def answer(request: httpx.Request) -> httpx.Response:
        params = request.url.params
        return httpx.Response(200, headers=headers, content=body(int(params["page"]), int(params["per_page"])))

    return answer


def _raw_sync(http: httpx.Client) -> int:
    seen, page = 0, 1
    while True:
        response = http.get(PATH, params={"page": page, "per_page": PER_PAGE})
        response.raise_for_status()
        data = json.loads(response.content)
        seen += sum(1 for _ in data["items"])
        if page >= data["total_pages"]:
            return seen
        page += 1


async def _raw_async(http: httpx.AsyncClient) -> int:
    seen, page = 0, 1
    while True:
        response = await http.get(PATH, params={"page": page, "per_page": PER_PAGE})
        response.raise_for_status()
        data = json.loads(response.content)
        seen += sum(1 for _ in data["items"])
        if page >= data["total_pages"]:
            return seen
        page += 1


def not_measured(quick: bool, reason: str) -> dict[str, Any]:
    return make_result(
        "admin_listing",
        "Admin listing (1,000 memories in pages)",
        quick=quick,
        tables=[],
        data={"not_measured": reason},
        notes=[f"Not measured: {reason}."],
    )


def run(quick: bool) -> dict[str, Any]:
    from cml_ergonomic import AsyncCognitiveMemoryLayer, CognitiveMemoryLayer

    if not hasattr(CognitiveMemoryLayer, "admin"):
        return not_measured(quick, "this cml_ergonomic has no client.admin resource (issue 10) yet")
    params = QUICK if quick else FULL
    transport = httpx.MockTransport(handler(pages()))
    raw = httpx.Client(base_url=MOCK_BASE_URL, transport=transport, headers={"X-API-Key": FAKE_KEY})
    raw_async = httpx.AsyncClient(base_url=MOCK_BASE_URL, transport=transport, headers={"X-API-Key": FAKE_KEY})
    ours = CognitiveMemoryLayer(
        api_key=FAKE_KEY,
        admin_api_key=FAKE_KEY,
        base_url=MOCK_BASE_URL,
        http_client=httpx.Client(base_url=MOCK_BASE_URL, transport=transport),
    )
    ours_async = AsyncCognitiveMemoryLayer(
        api_key=FAKE_KEY,
        admin_api_key=FAKE_KEY,
        base_url=MOCK_BASE_URL,
        async_http_client=httpx.AsyncClient(base_url=MOCK_BASE_URL, transport=transport),
    )

    def ours_sync_list() -> int:
        return sum(1 for _ in ours.admin.memories.list(per_page=PER_PAGE))

    async def ours_async_list() -> int:
        return sum([1 async for _ in ours_async.admin.memories.list(per_page=PER_PAGE)])

    sync_ops: dict[str, Callable[[], int]] = {"raw": lambda: _raw_sync(raw), "ergonomic": ours_sync_list}
    async_ops: dict[str, Callable[[], Any]] = {
        "raw_async": lambda: _raw_async(raw_async),
        "ergonomic_async": ours_async_list,
    }
    rng = random.Random(20241121)
    ms: dict[str, list[float]] = {key: [] for key in [*sync_ops, *async_ops]}

    async def measure_async() -> None:
        for _ in range(params["warmup"]):
            for op in async_ops.values():
                if await op() != TOTAL:
                    raise AssertionError("an async contender did not list every memory")
        for _ in range(params["reps"]):
            order = list(async_ops)
            rng.shuffle(order)
            for key in order:
                gc.collect()
                start = time.process_time()
                await async_ops[key]()
                ms[key].append((time.process_time() - start) * 1000)

    for _ in range(params["warmup"]):
        for op in sync_ops.values():
            if op() != TOTAL:
                raise AssertionError("a sync contender did not list every memory")
    for _ in range(params["reps"]):
        order = list(sync_ops)
        rng.shuffle(order)
        for key in order:
            gc.collect()
            start = time.process_time()
            sync_ops[key]()
            ms[key].append((time.process_time() - start) * 1000)
    asyncio.run(measure_async())

    labels = {
        "raw": ("raw httpx + json.loads", "raw"),
        "ergonomic": ("cml_ergonomic admin.memories.list()", "raw"),
        "raw_async": ("raw httpx.AsyncClient + json.loads", "raw_async"),
        "ergonomic_async": ("cml_ergonomic async admin.memories.list()", "raw_async"),
    }
    data: dict[str, Any] = {"params": {**params, "total": TOTAL, "per_page": PER_PAGE}, "contenders": {}}
    rows = []
    for key, (label, floor) in labels.items():
        ratio = summarize([a / b for a, b in zip(ms[key], ms[floor], strict=True)])
        entry = {"ms": summarize(ms[key]), "ratio": ratio}
        data["contenders"][key] = entry
        rows.append(
            [
                label,
                fmt_num(entry["ms"]["median"], 2),
                fmt_spread(entry["ms"], 2),
                fmt_ratio(ratio),
                fmt_ratio_spread(ratio),
            ]
        )
    notes = [
        f"{params['reps']} repetitions of a whole listing ({TOTAL:,} memories, {PER_PAGE} per page) per contender, "
        "in a random order per repetition, after a warm-up; ratios to raw (of the same kind) within a repetition; "
        "CPU time of the process (`time.process_time`), as in the per-call benchmark.",
        "Each contender sends its own requests through `httpx.MockTransport`; each distinct page is serialised "
        "once (in the warm-up) and reused. cml_ergonomic parses each page into typed items (and checks their "
        "types); raw httpx stops at `json.loads`. cml_ergonomic's listing is exact under ties and concurrent "
        "writes, which raw offset paging is not: it walks by `written_at`, checks after each page that the memory "
        "where the previous one ended is still there (one small extra request per page), and orders on the client.",
    ]
    table = Table("", ["listing", "ms", "IQR ms", "× raw", "IQR ×"], rows)
    return make_result(
        "admin_listing",
        "Admin listing (1,000 memories in pages)",
        quick=quick,
        tables=[table],
        data=data,
        notes=notes,
    )


if __name__ == "__main__":
    raise SystemExit(main(run))
