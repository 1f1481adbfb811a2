"""Async throughput: reads per second against a local stub server, at concurrency 1, 16 and 64.

    python -m bench.throughput [--quick] [--json PATH]

The stub (``bench/_stubserver.py``) is a separate process on 127.0.0.1 that
answers every request at once with the recorded read body (10 memories), so
the client is the bottleneck. Each contender is built the way a user builds
it (its own httpx pool and defaults, pointed at the stub), warmed up, then
sends a fixed number of reads with N workers on one event loop. Contenders
run in a random order within each repetition; ratios to raw
``httpx.AsyncClient`` are taken within a repetition.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import random
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from bench._common import (
    PYCML_MISSING_NOTE,
    RECORDINGS_DIR,
    ROOT,
    Table,
    fmt_num,
    fmt_ratio,
    fmt_ratio_spread,
    fmt_spread,
    main,
    pycml_version,
    result,
    summarize,
)
from bench.contenders import (
    build_ergonomic_async,
    build_pycml_async,
    build_raw_async,
    check_result,
)

CONCURRENCY = (1, 16, 64)
FULL = {"reps": 5, "requests": 2000, "chunks": 8}
QUICK = {"reps": 1, "requests": 40, "chunks": 2}


def _builders() -> list[tuple[str, str, Callable[..., Any]]]:
    builders = [
        ("raw_async", "raw httpx.AsyncClient + json.loads", build_raw_async),
        ("ergonomic_async", "cml_ergonomic async", build_ergonomic_async),
    ]
    if pycml_version() is not None:
        builders.append(("pycml_async", "py-cml async", build_pycml_async))
    return builders


@contextlib.contextmanager
def stub_server(lifetime: float) -> Iterator[str]:
    """Start the stub in its own process; yields its base URL; stops it on exit."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench._stubserver", str(RECORDINGS_DIR / "read_10.json"), "--lifetime", str(lifetime)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line.startswith("PORT "):
            raise RuntimeError(f"the stub server did not start: {line!r}")
        yield f"http://127.0.0.1:{int(line.split()[1])}"
    finally:
        assert proc.stdin is not None
        proc.stdin.close()  # the stub stops at EOF on its stdin
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


async def drive(op: Callable[[], Awaitable[Any]], requests: int, concurrency: int) -> float:
    """Send ``requests`` reads with ``concurrency`` workers; the seconds it took."""
    remaining = requests

    async def worker() -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            await op()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - start


async def measure_async(base_url: str, params: dict[str, int], seed: int) -> dict[str, dict[int, list[float]]]:
    """Reads per second of each contender at each concurrency, one value per repetition.

    Within a repetition all contenders are open at once and take turns, chunk by chunk
    (``CHUNKS`` chunks of ``requests / CHUNKS`` reads, in a fresh random order per chunk),
    so a burst of load on this shared machine falls on all of them alike.
    """
    builders = _builders()
    rng = random.Random(seed)
    rps: dict[str, dict[int, list[float]]] = {key: {c: [] for c in CONCURRENCY} for key, _, _ in builders}
    chunk = max(1, params["requests"] // params["chunks"])
    for _ in range(params["reps"]):
        for concurrency in CONCURRENCY:
            contenders = {key: build(base_url, None) for key, _label, build in builders}
            try:
                for key, contender in contenders.items():
                    op = contender.ops["read_10"]
                    check_result(key, "read_10", await op(), 10)
                    await drive(op, max(2 * concurrency, 20), concurrency)  # open the pool's connections
                elapsed = dict.fromkeys(contenders, 0.0)
                gc.collect()
                for _chunk in range(params["chunks"]):
                    order = list(contenders)
                    rng.shuffle(order)
                    for key in order:
                        elapsed[key] += await drive(contenders[key].ops["read_10"], chunk, concurrency)
            finally:
                for contender in contenders.values():
                    await contender.close()
            for key, seconds in elapsed.items():
                rps[key][concurrency].append(chunk * params["chunks"] / seconds)
    return rps


def run(quick: bool) -> dict[str, Any]:
    params = QUICK if quick else FULL
    with stub_server(lifetime=120 if quick else 900) as base_url:
        rps = asyncio.run(measure_async(base_url, params, seed=20241121))
    builders = _builders()
    rows = []
    data: dict[str, Any] = {"params": params, "concurrency": list(CONCURRENCY), "contenders": {}}
    for concurrency in CONCURRENCY:
        base = rps["raw_async"][concurrency]
        for key, label, _ in builders:
            values = rps[key][concurrency]
            ratios = [v / b for v, b in zip(values, base, strict=True)]
            summary, ratio = summarize(values), summarize(ratios)
            data["contenders"].setdefault(key, {})[str(concurrency)] = {"rps": summary, "ratio": ratio}
            rows.append(
                [
                    concurrency,
                    label,
                    fmt_num(summary["median"], 0),
                    fmt_spread(summary, 0),
                    fmt_ratio(ratio),
                    fmt_ratio_spread(ratio),
                ]
            )
    notes = [
        f"{params['reps']} repetitions × {params['requests']:,} reads per (concurrency, client), after a warm-up, "
        f"sent in {params['chunks']} chunks with the clients taking turns in a random order per chunk; "
        "medians and interquartile ranges of the per-repetition values; ratios to raw within a repetition.",
        "Stub: a separate asyncio process on 127.0.0.1 answering every request at once with the recorded "
        "10-memory read body; clients use their own default pools (HTTP/1.1 on http://, at most 20 idle "
        "connections kept for all three).",
        "All three send through httpx's async connection pool (httpcore), whose cost per request grows with the "
        "connections it holds: raw httpx is itself slower at 16 and 64 in flight than at 1 on this machine.",
    ]
    if pycml_version() is None:
        notes.append(PYCML_MISSING_NOTE)
    table = Table("", ["concurrency", "client", "reads/s", "IQR reads/s", "× raw", "IQR ×"], rows)
    return result(
        "throughput", "Async throughput (local stub server)", quick=quick, tables=[table], data=data, notes=notes
    )


if __name__ == "__main__":
    raise SystemExit(main(run))
