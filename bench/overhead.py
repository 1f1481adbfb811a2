"""Per-call overhead in process: each client against ``httpx.MockTransport`` replaying recorded bodies.

    python -m bench.overhead [--quick] [--json PATH]

No socket is opened: the mock transport answers every request with a body
recorded from the real server (``bench/recordings``, see ``bench/record.py``),
so what is timed is the client's own work — building the request, httpx,
parsing, error mapping — and raw ``httpx`` + ``json.loads`` is the floor.

Each repetition runs every (operation, contender) batch once, the contenders
in a fresh random order per operation, so slow drift of a noisy machine hits
all contenders alike; ratios are taken within a repetition, then the median
and the interquartile range of the per-repetition values are reported.
"""

from __future__ import annotations

import asyncio
import gc
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from bench._common import (
    MOCK_BASE_URL,
    PYCML_MISSING_NOTE,
    Recording,
    Table,
    fmt_num,
    fmt_ratio,
    fmt_ratio_spread,
    fmt_spread,
    load_recordings,
    main,
    pycml_version,
    result,
    summarize,
)
from bench.contenders import (
    ASYNC_SPECS,
    OPERATION_LABELS,
    OPERATIONS,
    SYNC_SPECS,
    Contender,
    available,
    check_result,
)

EXPECTED_MEMORIES = {"read_10": 10, "read_50": 50}
# The process's CPU time, not the wall clock: everything timed runs on this one thread (the mock transport
# does no I/O), so the two agree on a quiet machine, and on a shared one the time spent descheduled,
# which is nobody's overhead, stays out of the figures.
CLOCK = time.process_time
FULL = {"reps": 40, "calls": 50, "warmup": 100}
QUICK = {"reps": 3, "calls": 5, "warmup": 2}


class Canned:
    """The mock transport's handler: answers every request with the current recording."""

    def __init__(self) -> None:
        self.status = 200
        self.headers: list[tuple[str, str]] = []
        self.body = b""

    def use(self, recording: Recording) -> None:
        self.status = recording.status
        self.headers = [("content-type", recording.content_type)]
        request_id = recording.meta.get("headers", {}).get("x-request-id")
        if request_id:
            self.headers.append(("x-request-id", request_id))
        self.body = recording.body

    def __call__(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(self.status, headers=self.headers, content=self.body)


def _sync_batch(fn: Callable[[], Any], calls: int) -> float:
    start = CLOCK()
    for _ in range(calls):
        fn()
    return CLOCK() - start


async def _async_batch(fn: Callable[[], Awaitable[Any]], calls: int) -> float:
    start = CLOCK()
    for _ in range(calls):
        await fn()
    return CLOCK() - start


def build_contenders(canned: Canned) -> tuple[list[Contender], list[Contender]]:
    transport = httpx.MockTransport(canned)
    sync = [spec.build(MOCK_BASE_URL, transport) for spec in available(SYNC_SPECS)]
    async_ = [spec.build(MOCK_BASE_URL, transport) for spec in available(ASYNC_SPECS)]
    return sync, async_


def measure(quick: bool, *, seed: int = 20241121) -> dict[str, dict[str, list[float]]]:
    """µs per call of each contender and operation, one value per repetition."""
    params = QUICK if quick else FULL
    recordings = load_recordings()
    canned = Canned()
    sync, async_ = build_contenders(canned)
    everyone = sync + async_
    loop = asyncio.new_event_loop()
    rng = random.Random(seed)

    def run_batch(contender: Contender, operation: str, calls: int) -> float:
        fn = contender.ops[operation]
        if contender.is_async:
            return loop.run_until_complete(_async_batch(fn, calls))
        return _sync_batch(fn, calls)

    try:
        # Check that every contender parses what it is given, then warm every code path up.
        for operation in OPERATIONS:
            canned.use(recordings[operation])
            for contender in everyone:
                fn = contender.ops[operation]
                value = loop.run_until_complete(fn()) if contender.is_async else fn()
                check_result(contender.key, operation, value, EXPECTED_MEMORIES.get(operation))
                run_batch(contender, operation, params["warmup"])

        # Everything alive now (modules, clients) goes to the permanent generation: the gc.collect()
        # before each batch then costs little, and each batch starts with the same young generations.
        gc.collect()
        gc.freeze()
        samples: dict[str, dict[str, list[float]]] = {c.key: {op: [] for op in OPERATIONS} for c in everyone}
        for _ in range(params["reps"]):
            for operation in OPERATIONS:
                canned.use(recordings[operation])
                order = list(everyone)
                rng.shuffle(order)
                for contender in order:
                    gc.collect()
                    elapsed = run_batch(contender, operation, params["calls"])
                    samples[contender.key][operation].append(elapsed / params["calls"] * 1e6)
    finally:
        gc.unfreeze()
        close_all(everyone, loop)
    return samples


def close_all(contenders: list[Contender], loop: asyncio.AbstractEventLoop) -> None:
    """Close every contender (the async ones on ``loop``), then the loop."""
    for contender in contenders:
        closed = contender.close()
        if asyncio.iscoroutine(closed):
            loop.run_until_complete(closed)
    loop.close()


def run(quick: bool) -> dict[str, Any]:
    params = QUICK if quick else FULL
    samples = measure(quick)
    groups = (("sync", "raw", available(SYNC_SPECS)), ("async", "raw_async", available(ASYNC_SPECS)))
    data: dict[str, Any] = {"params": params, "groups": {}}
    tables = []
    for group, floor, specs in groups:
        group_data: dict[str, Any] = {}
        rows = []
        for operation in OPERATIONS:
            base = samples[floor][operation]
            op_data: dict[str, Any] = {}
            for spec in specs:
                values = samples[spec.key][operation]
                ratios = [v / b for v, b in zip(values, base, strict=True)]
                deltas = [v - b for v, b in zip(values, base, strict=True)]
                us, ratio, delta = summarize(values), summarize(ratios), summarize(deltas)
                op_data[spec.key] = {"us": us, "ratio": ratio, "delta_us": delta}
                rows.append(
                    [
                        OPERATION_LABELS[operation],
                        spec.label,
                        fmt_num(us["median"]),
                        fmt_spread(us),
                        fmt_num(delta["median"]),
                        fmt_ratio(ratio),
                        fmt_ratio_spread(ratio),
                    ]
                )
            group_data[operation] = op_data
        data["groups"][group] = {"floor": floor, "contenders": [s.key for s in specs], "operations": group_data}
        tables.append(
            Table(
                f"{group} clients — ratio to {dict((s.key, s.label) for s in specs)[floor]}",
                ["operation", "client", "µs/call", "IQR µs", "Δ vs raw µs", "× raw", "IQR ×"],
                rows,
            )
        )
    notes = [
        f"{params['reps']} repetitions × {params['calls']} calls per (operation, client), "
        "contenders in a random order per operation within each repetition; medians and interquartile ranges "
        "of the per-repetition values; ratios are taken within a repetition. Times are the process's CPU time "
        "(`time.process_time`): the work is single-threaded and does no I/O, so time spent descheduled by "
        "other programs on the shared machine is left out.",
        "The mock transport replays bodies recorded from the real 1.5.1 server (bench/recordings); "
        "the 422 row sends a valid write and gets the recorded 422 (each client handles it its own way: "
        "raw catches httpx.HTTPStatusError, the generated client returns HTTPValidationError, "
        "cml_ergonomic and py-cml raise their ValidationError).",
    ]
    version = pycml_version()
    if version is None:
        notes.append(PYCML_MISSING_NOTE)
    else:
        notes.append(
            f"py-cml {version} has no transport parameter: its lazily built httpx client is replaced "
            "by one built the same way on the mock transport."
        )
    return result(
        "overhead", "Per-call overhead (in process, mock transport)", quick=quick, tables=tables, data=data, notes=notes
    )


if __name__ == "__main__":
    raise SystemExit(main(run))
