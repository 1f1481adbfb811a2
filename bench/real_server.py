"""Latency against the real CML server (started on 127.0.0.1 by the test harness): p50/p95 of write and read.

    python -m bench.real_server [--quick] [--json PATH]

The same requests go through raw httpx (``httpx.Client`` + ``json.loads``),
cml_ergonomic and, when installed, py-cml, interleaved: in each round every
client writes one memory and reads once, in a fresh random order, so the
server's state and the machine's load change alike for all. Each write has
its own content (same length for all clients); reads ask the same query for
10 memories.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable
from typing import Any

import httpx

from bench._common import (
    PYCML_MISSING_NOTE,
    ROOT,
    Table,
    fmt_num,
    main,
    percentile,
    pycml_version,
    result,
    summarize,
)
from bench.contenders import QUERY

FULL = {"rounds": 100, "warmup": 5}
QUICK = {"rounds": 3, "warmup": 1}
CONTENT = "The user mentioned round {i:04d} of the benchmark and prefers {who} for it; keep this for later."


def _clients(base_url: str, api_key: str) -> list[tuple[str, str, Callable[[str], Any], Callable[[], Any], Any]]:
    """(key, label, write(content), read(), close) for each client."""
    from cml_ergonomic import CognitiveMemoryLayer

    raw = httpx.Client(base_url=base_url, headers={"X-API-Key": api_key}, timeout=60)

    def raw_write(content: str) -> Any:
        response = raw.post("/api/v1/memory/write", json={"content": content})
        response.raise_for_status()
        return json.loads(response.content)

    def raw_read() -> Any:
        response = raw.post("/api/v1/memory/read", json={"query": QUERY, "max_results": 10})
        response.raise_for_status()
        return json.loads(response.content)

    memory = CognitiveMemoryLayer(api_key=api_key, base_url=base_url, timeout=60)
    clients = [
        ("raw", "raw httpx + json.loads", raw_write, raw_read, raw.close),
        (
            "ergonomic",
            "cml_ergonomic",
            lambda content: memory.write(content),
            lambda: memory.read(QUERY, max_results=10),
            memory.close,
        ),
    ]
    if pycml_version() is not None:
        import cml

        peer = cml.CognitiveMemoryLayer(api_key=api_key, base_url=base_url, timeout=60)
        clients.append(
            (
                "pycml",
                "py-cml",
                lambda content: peer.write(content),
                lambda: peer.read(QUERY, max_results=10),
                peer.close,
            )
        )
    return clients


def measure(base_url: str, api_key: str, quick: bool, seed: int = 20241121) -> dict[str, dict[str, list[float]]]:
    params = QUICK if quick else FULL
    clients = _clients(base_url, api_key)
    rng = random.Random(seed)
    latencies: dict[str, dict[str, list[float]]] = {key: {"write": [], "read": []} for key, *_ in clients}
    try:
        for i in range(params["warmup"]):
            for key, _label, write, read, _close in clients:
                write(CONTENT.format(i=9000 + i, who=key.ljust(9)))
                read()
        for i in range(params["rounds"]):  # bounded: rounds × clients × 2 requests
            order = list(clients)
            rng.shuffle(order)
            for key, _label, write, read, _close in order:
                content = CONTENT.format(i=i, who=key.ljust(9))
                start = time.perf_counter()
                write(content)
                latencies[key]["write"].append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                read()
                latencies[key]["read"].append((time.perf_counter() - start) * 1000)
    finally:
        for *_, close in clients:
            close()
    return latencies


def run(quick: bool) -> dict[str, Any]:
    params = QUICK if quick else FULL
    sys.path.insert(0, str(ROOT))
    from cml_ergonomic.server import running_server

    with running_server() as (stack, api):
        latencies = measure(api.base_url, api.api_key, quick)
        server_version = stack.version
    labels = {"raw": "raw httpx + json.loads", "ergonomic": "cml_ergonomic", "pycml": "py-cml"}
    rows = []
    data: dict[str, Any] = {"params": params, "server": server_version, "contenders": {}}
    for operation in ("write", "read"):
        base = latencies["raw"][operation]
        for key, ops in latencies.items():
            values = ops[operation]
            summary = summarize(values)
            p50, p95 = summary["median"], percentile(values, 95)
            ratio50, ratio95 = p50 / percentile(base, 50), p95 / percentile(base, 95)
            data["contenders"].setdefault(key, {})[operation] = {
                "ms": summary,
                "p95": p95,
                "p50_ratio": ratio50,
                "p95_ratio": ratio95,
            }
            rows.append(
                [
                    operation,
                    labels[key],
                    fmt_num(p50, 2),
                    fmt_num(p95, 2),
                    f"{fmt_num(summary['q1'], 2)}–{fmt_num(summary['q3'], 2)}",
                    f"{ratio50:.2f}×",
                    f"{ratio95:.2f}×",
                ]
            )
    notes = [
        f"CML server {data['server']} started by cml_ergonomic.server on 127.0.0.1 (mock embeddings, no LLM); "
        f"{params['rounds']} rounds after {params['warmup']} warm-up rounds, each round one write and one read per "
        "client in a random order; latencies are per request, the ratios compare each client's p50 (p95) with "
        "raw httpx's.",
    ]
    if pycml_version() is None:
        notes.append(PYCML_MISSING_NOTE)
    table = Table("", ["operation", "client", "p50 ms", "p95 ms", "IQR ms", "p50 × raw", "p95 × raw"], rows)
    return result("real_server", "Latency against the real server", quick=quick, tables=[table], data=data, notes=notes)


if __name__ == "__main__":
    raise SystemExit(main(run))
