"""``read_safe`` with the server down (a closed port on 127.0.0.1): the first call, and with the circuit open.

    python -m bench.degraded [--quick] [--json PATH]

First call: a fresh client's ``read_safe`` meets a refused connection, retries
once after its backoff (``read_safe``'s budget: one retry, 2 s) and returns the
degraded result; timed over several fresh clients. Circuit open: after the
breaker's threshold of failures, each ``read_safe`` answers without touching
the network; timed call by call over 1,000 calls. For reference: one refused
connection through raw httpx, and py-cml's ``read_safe`` (no breaker, its
default retries), which every call pays.
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Callable
from typing import Any

import httpx

from bench._common import (
    FAKE_KEY,
    PYCML_MISSING_NOTE,
    Table,
    fmt_num,
    main,
    pycml_version,
    result,
    summarize,
)
from bench.contenders import QUERY

FULL = {"first": 8, "open": 1000, "refused": 200, "pycml": 1}
QUICK = {"first": 1, "open": 50, "refused": 10, "pycml": 0}
MAX_CALLS_TO_OPEN = 10  # the breaker opens after 5 consecutive failures; bound the loop anyway


def closed_port_url() -> str:
    """A base URL on 127.0.0.1 where nothing listens (the port was free a moment ago)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return (time.perf_counter() - start) * 1e6, value


def _require_degraded(value: Any) -> None:
    if not getattr(value, "degraded", False):
        raise AssertionError(f"read_safe did not degrade: {value!r}")


def sync_first_calls(base_url: str, count: int) -> list[float]:
    from cml_ergonomic import CognitiveMemoryLayer

    samples = []
    for _ in range(count):
        with CognitiveMemoryLayer(api_key=FAKE_KEY, base_url=base_url) as memory:
            us, value = _timed(lambda m=memory: m.read_safe(QUERY))
            _require_degraded(value)
            samples.append(us)
    return samples


def sync_open_calls(base_url: str, count: int) -> list[float]:
    from cml_ergonomic import CognitiveMemoryLayer
    from cml_ergonomic._breaker import CircuitState

    with CognitiveMemoryLayer(api_key=FAKE_KEY, base_url=base_url) as memory:
        for _ in range(MAX_CALLS_TO_OPEN):
            if memory.circuit_state is CircuitState.OPEN:
                break
            memory.read_safe(QUERY, max_retries=0)  # setup, not timed: fail fast to open the circuit
        if memory.circuit_state is not CircuitState.OPEN:
            raise AssertionError(f"the circuit did not open after {MAX_CALLS_TO_OPEN} failures")
        samples = []
        for _ in range(count):  # bounded
            us, value = _timed(lambda: memory.read_safe(QUERY))
            _require_degraded(value)
            samples.append(us)
    return samples


async def async_first_and_open(base_url: str, first: int, count: int) -> tuple[list[float], list[float]]:
    from cml_ergonomic import AsyncCognitiveMemoryLayer
    from cml_ergonomic._breaker import CircuitState

    firsts = []
    for _ in range(first):
        async with AsyncCognitiveMemoryLayer(api_key=FAKE_KEY, base_url=base_url) as memory:
            start = time.perf_counter()
            value = await memory.read_safe(QUERY)
            firsts.append((time.perf_counter() - start) * 1e6)
            _require_degraded(value)
    opened = []
    async with AsyncCognitiveMemoryLayer(api_key=FAKE_KEY, base_url=base_url) as memory:
        for _ in range(MAX_CALLS_TO_OPEN):
            if memory.circuit_state is CircuitState.OPEN:
                break
            await memory.read_safe(QUERY, max_retries=0)  # setup, not timed
        if memory.circuit_state is not CircuitState.OPEN:
            raise AssertionError(f"the circuit did not open after {MAX_CALLS_TO_OPEN} failures")
        for _ in range(count):  # bounded
            start = time.perf_counter()
            value = await memory.read_safe(QUERY)
            opened.append((time.perf_counter() - start) * 1e6)
            _require_degraded(value)
    return firsts, opened


def raw_refused(base_url: str, count: int) -> list[float]:
    samples = []
    with httpx.Client(base_url=base_url, headers={"X-API-Key": FAKE_KEY}) as http:
        for _ in range(count):  # bounded
            start = time.perf_counter()
            try:
                http.post("/api/v1/memory/read", json={"query": QUERY, "max_results": 10})
            except httpx.ConnectError:
                samples.append((time.perf_counter() - start) * 1e6)
            else:
                raise AssertionError("the closed port answered")
    return samples


def pycml_calls(base_url: str, count: int) -> list[float]:
    import cml

    samples = []
    with cml.CognitiveMemoryLayer(api_key=FAKE_KEY, base_url=base_url) as memory:
        for _ in range(count):  # bounded; each call pays py-cml's retries and sleeps
            us, value = _timed(lambda: memory.read_safe(QUERY))
            if value.memories:
                raise AssertionError("py-cml read_safe returned memories from a closed port")
            samples.append(us)
    return samples


def run(quick: bool) -> dict[str, Any]:
    params = QUICK if quick else FULL
    base_url = closed_port_url()
    rows_data: list[tuple[str, str, str, list[float]]] = [
        ("first", "first call (fresh client)", "cml_ergonomic", sync_first_calls(base_url, params["first"])),
    ]
    async_first, async_open = asyncio.run(async_first_and_open(base_url, params["first"], params["open"]))
    rows_data.append(("first", "first call (fresh client)", "cml_ergonomic async", async_first))
    rows_data.append(("open", "circuit open", "cml_ergonomic", sync_open_calls(base_url, params["open"])))
    rows_data.append(("open", "circuit open", "cml_ergonomic async", async_open))
    rows_data.append(
        ("refused", "reference: one refused connection", "raw httpx", raw_refused(base_url, params["refused"]))
    )
    notes = [
        f"Closed port on 127.0.0.1 (connection refused at once). First call: {params['first']} fresh clients; "
        f"circuit open: {params['open']:,} calls timed one by one; spread = IQR.",
        "The first call's time is mostly read_safe's one retry: its backoff sleeps 0.25–0.5 s (half-jitter), "
        "then the degraded result is returned; the circuit opens after 5 consecutive failures.",
    ]
    version = pycml_version()
    if version is None:
        notes.append(PYCML_MISSING_NOTE)
    elif params["pycml"]:
        rows_data.append(
            (
                "pycml",
                "every call (no circuit breaker)",
                f"py-cml {version} read_safe, defaults",
                pycml_calls(base_url, params["pycml"]),
            )
        )
        notes.append(
            "py-cml's read_safe retries a refused connection max_retries=3 times with its default "
            "retry_delay=1 s exponential backoff before returning an empty result, on every call."
        )
    else:
        notes.append("py-cml's read_safe (seconds per call, no breaker) is left out of --quick.")

    rows = []
    data: dict[str, Any] = {"params": params, "scenarios": {}}
    for key, scenario, client, samples in rows_data:
        summary = summarize(samples)
        data["scenarios"].setdefault(key, {})[client] = {"us": summary}
        scale, unit = (1e-3, "ms") if summary["median"] >= 1000 else (1.0, "µs")
        rows.append(
            [
                scenario,
                client,
                f"{fmt_num(summary['median'] * scale, 1)} {unit}",
                f"{fmt_num(summary['p95'] * scale, 1)} {unit}",
                f"{fmt_num(summary['q1'] * scale, 1)}–{fmt_num(summary['q3'] * scale, 1)} {unit}",
                summary["n"],
            ]
        )
    table = Table("", ["scenario", "client", "median", "p95", "IQR", "n"], rows)
    return result("degraded", "read_safe with the server down", quick=quick, tables=[table], data=data, notes=notes)


if __name__ == "__main__":
    raise SystemExit(main(run))
