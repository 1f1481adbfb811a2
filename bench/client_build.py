"""Building a client, without a server call: the first in a process, and the next ones.

    python -m bench.client_build [--quick] [--json PATH]

Each round runs every contender in its own fresh interpreter, in a random
order. The interpreter imports httpx and cml_ergonomic first (untimed: the
import is ``import_time.py``'s business), then builds the contender's client
twice, timing each, and closes them. The first build pays for what a process
does once (importing httpcore, the SSL context); the second shows what
every further client costs. ``− httpx`` compares each first build with the
first ``httpx.Client()`` (``httpx.AsyncClient()`` for the async client)
built in another process of the same round.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from typing import Any

from bench._common import ROOT, Table, fmt_num, fmt_spread, main, result, summarize
from bench.import_time import _env

FULL = {"rounds": 15}
QUICK = {"rounds": 2}

PROGRAM = r"""
import json, sys, time
import httpx
import cml_ergonomic

kind = sys.argv[1]
build = {
    "httpx": lambda: httpx.Client(),
    "httpx_async": lambda: httpx.AsyncClient(),
    "ergonomic": lambda: cml_ergonomic.CognitiveMemoryLayer(api_key="k", base_url="http://127.0.0.1:8000"),
    "ergonomic_async": lambda: cml_ergonomic.AsyncCognitiveMemoryLayer(api_key="k", base_url="http://127.0.0.1:8000"),
    "ergonomic_https": lambda: cml_ergonomic.CognitiveMemoryLayer(api_key="k", base_url="https://cml.example"),
}[kind]
times, clients = [], []
for _ in range(2):
    start = time.perf_counter()
    clients.append(build())
    times.append((time.perf_counter() - start) * 1000)
for client in clients:
    getattr(client, "close", None) and not kind.endswith("async") and client.close()
print(json.dumps({"ms": times, "h2": "h2" in sys.modules}))
"""

# (key, label, the httpx client it is compared with)
CONTENDERS = [
    ("httpx", "httpx.Client()", "httpx"),
    ("ergonomic", "CognitiveMemoryLayer (http://)", "httpx"),
    ("ergonomic_https", "CognitiveMemoryLayer (https://, http2=True)", "httpx"),
    ("httpx_async", "httpx.AsyncClient()", "httpx_async"),
    ("ergonomic_async", "AsyncCognitiveMemoryLayer (http://)", "httpx_async"),
]


def one(kind: str) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-c", PROGRAM, kind], capture_output=True, text=True, cwd=ROOT, env=_env(), timeout=120
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{kind} failed:\n{proc.stderr[-3000:]}")
    report: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return report


def run(quick: bool) -> dict[str, Any]:
    params = QUICK if quick else FULL
    rng = random.Random(20241121)
    samples: dict[str, list[dict[str, Any]]] = {key: [] for key, _, _ in CONTENDERS}
    for key, _, _ in CONTENDERS:  # compile bytecode, warm the page cache; untimed
        one(key)
    for _ in range(params["rounds"]):
        order = list(CONTENDERS)
        rng.shuffle(order)
        for key, _, _ in order:
            samples[key].append(one(key))
    data: dict[str, Any] = {"params": params, "contenders": {}}
    rows = []
    for key, label, reference in CONTENDERS:
        first = [s["ms"][0] for s in samples[key]]
        second = [s["ms"][1] for s in samples[key]]
        minus = [s["ms"][0] - r["ms"][0] for s, r in zip(samples[key], samples[reference], strict=True)]
        entry = {
            "first_ms": summarize(first),
            "second_ms": summarize(second),
            "first_minus_httpx_ms": summarize(minus) if key != reference else None,
            "h2_imported": any(s["h2"] for s in samples[key]),
        }
        data["contenders"][key] = entry
        rows.append(
            [
                label,
                fmt_num(entry["first_ms"]["median"], 1),
                fmt_spread(entry["first_ms"], 1),
                "" if entry["first_minus_httpx_ms"] is None else f"{entry['first_minus_httpx_ms']['median']:+.1f}",
                fmt_num(entry["second_ms"]["median"], 2),
                fmt_spread(entry["second_ms"], 2),
                "yes" if entry["h2_imported"] else "no",
            ]
        )
    notes = [
        f"{params['rounds']} rounds; in each, every contender runs in its own fresh interpreter, in a random order. "
        "httpx and cml_ergonomic are imported before the clock starts; the client is built twice in the process.",
        "`− httpx` is the first build minus the first `httpx.Client()` (`httpx.AsyncClient()` for the async "
        "client) of the same round. `h2 loaded` says whether `h2` was imported by the end of the process "
        "(httpcore imports it whenever it is installed; cml_ergonomic keeps it out of http:// pools).",
    ]
    columns = ["client", "first ms", "IQR ms", "− httpx ms", "second ms", "IQR ms", "h2 loaded"]
    return result(
        "client_build",
        "Building a client",
        quick=quick,
        tables=[Table("", columns, rows)],
        data=data,
        notes=notes,
    )


if __name__ == "__main__":
    raise SystemExit(main(run))
