"""FakeCML against the real server: per-call time of the same SDK calls on each.

    python -m bench.fake_server [--quick] [--json PATH]

The sync client writes a memory and reads it back, round after round, once
on ``cml_ergonomic.testing.FakeCML`` (in process, no socket) and once on the
real server started by ``cml_ergonomic.server``. The point is the order of
magnitude a test suite gains by using the fake; the ratio is real ÷ fake.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from bench._common import ROOT, Table, fmt_num, main, result, summarize

FULL = {"rounds": 100, "warmup": 10}
QUICK = {"rounds": 5, "warmup": 2}


def _measure(client: Any, rounds: int, warmup: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"write": [], "read": [], "found": []}
    for n in range(warmup + rounds):
        text = f"Bench note {n}: user zqbench{n} waters the ferns on Tuesday"
        start = time.perf_counter()
        client.write(text)
        wrote = time.perf_counter()
        result = client.read(text, max_results=10)
        read = time.perf_counter()
        if n >= warmup:
            times["found"].append(1.0 if any(text == m.text for m in result.memories) else 0.0)
            times["write"].append((wrote - start) * 1000)
            times["read"].append((read - wrote) * 1000)
    return times


def run(quick: bool) -> dict[str, Any]:
    params = QUICK if quick else FULL
    sys.path.insert(0, str(ROOT))
    from cml_ergonomic import CognitiveMemoryLayer
    from cml_ergonomic.server import running_server
    from cml_ergonomic.testing import FakeCML

    with FakeCML().client() as fake_client:
        fake = _measure(fake_client, params["rounds"], params["warmup"])
    with (
        running_server() as (_stack, api),
        CognitiveMemoryLayer(api_key=api.api_key, base_url=api.base_url, timeout=30) as real_client,
    ):
        real = _measure(real_client, params["rounds"], params["warmup"])
    rows, data = [], {"params": params, "operations": {}}
    for operation in ("write", "read"):
        f, r = summarize(fake[operation]), summarize(real[operation])
        data["operations"][operation] = {"fake_ms": f, "real_ms": r, "ratio": r["median"] / f["median"]}
        rows.append([operation, fmt_num(f["median"], 3), fmt_num(r["median"], 2), f"{r['median'] / f['median']:.0f}×"])
    for name, times in (("fake", fake), ("real", real)):
        data[f"{name}_found"] = sum(times["found"]) / len(times["found"])
    table = Table("", ["operation", "FakeCML p50 ms", "real server p50 ms", "real ÷ fake"], rows)
    notes = [
        f"{params['rounds']} rounds after {params['warmup']} warm-up rounds of one write and one read "
        "(sync client); the real server is the harness's (PostgreSQL, Redis, uvicorn on 127.0.0.1, mock embeddings).",
        f"Reads that returned the memory just written: fake {data['fake_found']:.0%}, real {data['real_found']:.0%}.",
    ]
    return result("fake_server", "FakeCML against the real server", quick=quick, tables=[table], data=data, notes=notes)


if __name__ == "__main__":
    raise SystemExit(main(run))
