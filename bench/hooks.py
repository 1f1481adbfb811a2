"""What hooks cost per call: no hooks, one no-op hook, each against raw httpx (in process, mock transport).

    python -m bench.hooks [--quick] [--json PATH]

The same set-up as ``bench/overhead.py`` (recorded bodies replayed by
``httpx.MockTransport``, contenders in a random order per repetition, ratios
taken within a repetition), with three contenders per client kind: raw httpx
+ ``json.loads`` (the floor), ``cml_ergonomic`` without hooks, and
``cml_ergonomic`` with one ``Hooks()`` that does nothing (every event is still
built and dispatched). The no-hooks row is what every user pays for hooks
existing at all; the no-op row is the price of the event machinery.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import random
from typing import Any

import httpx

from bench._common import MOCK_BASE_URL, Table, fmt_num, fmt_ratio, fmt_ratio_spread, load_recordings, main, result
from bench._common import summarize as summary_of
from bench.contenders import (
    OPERATION_LABELS,
    Contender,
    build_ergonomic_async,
    build_ergonomic_sync,
    build_raw_async,
    build_raw_sync,
    check_result,
)
from bench.overhead import EXPECTED_MEMORIES, Canned, _async_batch, _sync_batch, close_all

OPERATIONS = ("write", "read_10", "stats")
FULL = {"reps": 40, "calls": 50, "warmup": 100}
QUICK = {"reps": 3, "calls": 5, "warmup": 2}
LABELS = {"raw": "raw httpx + json.loads", "none": "cml_ergonomic, no hooks", "noop": "cml_ergonomic, one no-op hook"}


def build(canned: Canned) -> dict[str, dict[str, Contender]]:
    from cml_ergonomic.hooks import Hooks

    transport = httpx.MockTransport(canned)
    return {
        "sync": {
            "raw": build_raw_sync(MOCK_BASE_URL, transport),
            "none": build_ergonomic_sync(MOCK_BASE_URL, transport),
            "noop": functools.partial(build_ergonomic_sync, hooks=Hooks())(MOCK_BASE_URL, transport),
        },
        "async": {
            "raw": build_raw_async(MOCK_BASE_URL, transport),
            "none": build_ergonomic_async(MOCK_BASE_URL, transport),
            "noop": functools.partial(build_ergonomic_async, hooks=Hooks())(MOCK_BASE_URL, transport),
        },
    }


def measure(quick: bool, *, seed: int = 20261201) -> dict[str, dict[str, dict[str, list[float]]]]:
    """µs per call, per client kind, contender and operation: one value per repetition."""
    params = QUICK if quick else FULL
    recordings = load_recordings()
    canned = Canned()
    kinds = build(canned)
    loop = asyncio.new_event_loop()
    rng = random.Random(seed)

    def batch(contender: Contender, operation: str, calls: int) -> float:
        fn = contender.ops[operation]
        return loop.run_until_complete(_async_batch(fn, calls)) if contender.is_async else _sync_batch(fn, calls)

    samples = {kind: {key: {op: [] for op in OPERATIONS} for key in LABELS} for kind in kinds}
    try:
        for operation in OPERATIONS:
            canned.use(recordings[operation])
            for contenders in kinds.values():
                for key, contender in contenders.items():
                    fn = contender.ops[operation]
                    value = loop.run_until_complete(fn()) if contender.is_async else fn()
                    check_result(key, operation, value, EXPECTED_MEMORIES.get(operation))
                    batch(contender, operation, params["warmup"])
        gc.collect()
        gc.freeze()
        for _ in range(params["reps"]):
            for operation in OPERATIONS:
                canned.use(recordings[operation])
                for kind, contenders in kinds.items():
                    order = list(contenders)
                    rng.shuffle(order)
                    for key in order:
                        gc.collect()
                        elapsed = batch(contenders[key], operation, params["calls"])
                        samples[kind][key][operation].append(elapsed / params["calls"] * 1e6)
    finally:
        gc.unfreeze()
        close_all([c for contenders in kinds.values() for c in contenders.values()], loop)
    return samples


def run(quick: bool) -> dict[str, Any]:
    params = QUICK if quick else FULL
    samples = measure(quick)
    data: dict[str, Any] = {"params": params, "groups": {}}
    tables = []
    for kind, by_key in samples.items():
        rows = []
        group: dict[str, Any] = {}
        for operation in OPERATIONS:
            raw, none, noop = (by_key[key][operation] for key in ("raw", "none", "noop"))
            ratios = {
                "none_vs_raw": summary_of([n / r for n, r in zip(none, raw, strict=True)]),
                "noop_vs_raw": summary_of([h / r for h, r in zip(noop, raw, strict=True)]),
                "noop_vs_none": summary_of([h / n for h, n in zip(noop, none, strict=True)]),
            }
            us = {key: summary_of(by_key[key][operation]) for key in LABELS}
            group[operation] = {"us": us, "ratio": ratios}
            rows.append(
                [
                    OPERATION_LABELS[operation],
                    fmt_num(us["raw"]["median"]),
                    fmt_num(us["none"]["median"]),
                    fmt_num(us["noop"]["median"]),
                    fmt_ratio(ratios["none_vs_raw"]),
                    fmt_ratio(ratios["noop_vs_raw"]),
                    fmt_ratio(ratios["noop_vs_none"]),
                    fmt_ratio_spread(ratios["noop_vs_none"]),
                ]
            )
        data["groups"][kind] = group
        tables.append(
            Table(
                f"{kind} client — hooks",
                [
                    "operation",
                    "raw µs",
                    "no hooks µs",
                    "no-op hook µs",
                    "no hooks × raw",
                    "no-op hook × raw",
                    "no-op hook × no hooks",
                    "IQR ×",
                ],
                rows,
            )
        )
    notes = [
        f"{params['reps']} repetitions × {params['calls']} calls per (operation, contender); medians, "
        "ratios taken within a repetition (see bench/overhead.py for the method).",
        "The no-op hook is a plain cml_ergonomic.hooks.Hooks(): every event object is built and every "
        "method is called, and nothing is done with them.",
    ]
    return result(
        "hooks", "Hooks: per-call cost (in process, mock transport)", quick=quick, tables=tables, data=data, notes=notes
    )


if __name__ == "__main__":
    raise SystemExit(main(run))
