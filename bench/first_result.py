"""Time to first result: a new process imports, builds a client, makes one read of 10 memories, and closes.

    python -m bench.first_result [--quick] [--json PATH]

What a CLI, a serverless function or a test suite pays on every start. Each
contender is ``bench/_first_call.py CONTENDER URL`` in a fresh interpreter
(bytecode compiled beforehand, by one untimed run of each), against
``_stubserver.py`` answering with the recorded 10-memory read. The figure is
the wall time of the whole process, interpreter start-up and shutdown
included; contenders take turns in a random order in every round, and each
ratio is taken within its round: the sync contenders against raw
``httpx.Client`` + ``json.loads``, the async ones against raw
``httpx.AsyncClient``. The process also reports where its time went (import,
client, the read with closing) and its peak resident memory.
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import time
from typing import Any

from bench._common import (
    BENCH_DIR,
    PYCML_MISSING_NOTE,
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
from bench.import_time import _env
from bench.throughput import stub_server

FULL = {"rounds": 15}
QUICK = {"rounds": 2}
SCRIPT = BENCH_DIR / "_first_call.py"

# (key, label, its floor)
SYNC = [
    ("raw", "raw httpx + json.loads", "raw"),
    ("ergonomic", "cml_ergonomic", "raw"),
    ("pycml", "py-cml", "raw"),
]
ASYNC = [
    ("raw_async", "raw httpx.AsyncClient + json.loads", "raw_async"),
    ("ergonomic_async", "cml_ergonomic async", "raw_async"),
    ("pycml_async", "py-cml async", "raw_async"),
]


def one(key: str, url: str) -> dict[str, float]:
    """Run one contender's program once: its wall ms and what it reported."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), key, url], capture_output=True, text=True, cwd=ROOT, env=_env(), timeout=120
    )
    wall_ms = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the stub is not reaped yet: this is the program alone
    cpu_ms = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000
    if proc.returncode != 0:
        raise RuntimeError(f"{key} failed:\n{proc.stdout[-1500:]}\n{proc.stderr[-3000:]}")
    import json

    report: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    if report["memories"] != 10:
        raise RuntimeError(f"{key} parsed {report['memories']} memories, expected 10")
    return {**report, "wall_ms": wall_ms, "cpu_ms": cpu_ms}


def run(quick: bool) -> dict[str, Any]:
    params = QUICK if quick else FULL
    have_pycml = pycml_version() is not None
    contenders = [c for c in SYNC + ASYNC if have_pycml or not c[0].startswith("pycml")]
    rng = random.Random(20241121)
    samples: dict[str, list[dict[str, float]]] = {key: [] for key, _, _ in contenders}
    with stub_server(lifetime=300 if quick else 900) as url:
        for key, _, _ in contenders:  # compile bytecode, warm the page cache; untimed
            one(key, url)
        for _ in range(params["rounds"]):
            order = list(contenders)
            rng.shuffle(order)
            for key, _, _ in order:
                samples[key].append(one(key, url))
    data: dict[str, Any] = {"params": params, "contenders": {}}
    rows = []
    for key, label, floor in contenders:
        walls = [s["wall_ms"] for s in samples[key]]
        ratios = [s["wall_ms"] / f["wall_ms"] for s, f in zip(samples[key], samples[floor], strict=True)]
        peak_delta = [(s["peak_kib"] - f["peak_kib"]) / 1024 for s, f in zip(samples[key], samples[floor], strict=True)]
        cpu_ratios = [s["cpu_ms"] / f["cpu_ms"] for s, f in zip(samples[key], samples[floor], strict=True)]
        entry = {
            "wall_ms": summarize(walls),
            "ratio": summarize(ratios),
            "cpu_ms": summarize([s["cpu_ms"] for s in samples[key]]),
            "cpu_ratio": summarize(cpu_ratios),
            "peak_mib": summarize([s["peak_kib"] / 1024 for s in samples[key]]),
            "peak_minus_floor_mib": summarize(peak_delta) if key != floor else None,
            **{part: summarize([s[part] for s in samples[key]]) for part in ("import_ms", "client_ms", "read_ms")},
        }
        pycml_key = "pycml" if floor == "raw" else "pycml_async"
        if key.startswith("ergonomic") and pycml_key in samples:
            entry["ratio_to_pycml"] = summarize(
                [s["wall_ms"] / p["wall_ms"] for s, p in zip(samples[key], samples[pycml_key], strict=True)]
            )
        data["contenders"][key] = entry
        rows.append(
            [
                label,
                fmt_num(entry["wall_ms"]["median"], 0),
                fmt_spread(entry["wall_ms"], 0),
                fmt_ratio(entry["ratio"]),
                fmt_ratio_spread(entry["ratio"]),
                fmt_num(entry["cpu_ms"]["median"], 0),
                fmt_ratio(entry["cpu_ratio"]),
                fmt_num(entry["import_ms"]["median"], 1),
                fmt_num(entry["client_ms"]["median"], 1),
                fmt_num(entry["read_ms"]["median"], 1),
                f"{entry['peak_mib']['median']:.1f}",
                "" if entry["peak_minus_floor_mib"] is None else f"{entry['peak_minus_floor_mib']['median']:+.1f}",
            ]
        )
    notes = [
        f"{params['rounds']} rounds; in each, every contender runs once as a new process "
        f"(`python bench/_first_call.py <contender> <url>`), in a random order; bytecode compiled beforehand. "
        "`process ms` is the wall time of the whole process (start-up and shutdown included); `× raw` is taken "
        "within each round against the raw contender of the same kind (sync or async). `CPU ms` is the "
        "process's user + system CPU time (`getrusage`), which leaves out time spent waiting for a core on this "
        "shared machine; its ratio is taken the same way.",
        "`import`, `client` and `read + close` are measured inside the process (from the script's first line); "
        "`peak MiB` is its maximum resident set size (`ru_maxrss`); `Δ peak` is taken within each round against "
        "the raw contender of the same kind.",
        "The stub (bench/_stubserver.py, its own process on 127.0.0.1) answers every request at once with the "
        "recorded 10-memory read; all contenders use http://, so none needs TLS.",
    ]
    if not have_pycml:
        notes.append(PYCML_MISSING_NOTE)
    columns = [
        "program",
        "process ms",
        "IQR ms",
        "× raw",
        "IQR ×",
        "CPU ms",
        "CPU × raw",
        "import ms",
        "client ms",
        "read + close ms",
        "peak MiB",
        "Δ peak MiB",
    ]
    table = Table("", columns, rows)
    return result(
        "first_result", "Time to first result (new process)", quick=quick, tables=[table], data=data, notes=notes
    )


if __name__ == "__main__":
    raise SystemExit(main(run))
