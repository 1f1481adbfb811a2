"""Where cml_ergonomic's per-call overhead goes: cProfile over the overhead benchmark's work.

    python -m bench.profile [--calls N] [--top K] [--output PATH]

For each operation (write, read-10, read-50, stats, the 422), the sync
cml_ergonomic client and raw httpx run the same calls on the mock transport
(as in ``bench/overhead.py``) under cProfile. Reported per call:

* self time by package (cml_ergonomic, the generated models, httpx, dateutil,
  attrs, tenacity, C builtins, ...), for cml_ergonomic and for raw httpx, so
  the difference is the overhead and where it lives;
* the top functions of cml_ergonomic and of the generated client by
  cumulative time (µs per call, calls per call).

cProfile inflates code made of many small calls, so read the shares, not the
absolute µs (the overhead benchmark gives those).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx

from bench._common import MOCK_BASE_URL, load_recordings, markdown_table
from bench.contenders import OPERATION_LABELS, OPERATIONS, build_ergonomic_sync, build_raw_sync
from bench.overhead import Canned

PACKAGES = (
    ("/cml_ergonomic/", "cml_ergonomic"),
    ("/cml_api_client/", "generated (cml_api_client)"),
    ("/httpx/", "httpx"),
    ("/httpcore/", "httpcore"),
    ("/dateutil/", "dateutil"),
    ("/tenacity/", "tenacity"),
    ("/attr/", "attrs"),
    ("/attrs/", "attrs"),
    ("/json/", "json"),
    ("/typing.py", "typing"),
    ("/logging/", "logging"),
    ("/bench/", "bench harness (mock handler)"),
)
OURS = ("/cml_ergonomic/", "/cml_api_client/")


def package(filename: str) -> str:
    if filename == "~":
        return "C builtins"
    for marker, name in PACKAGES:
        if marker in filename:
            return name
    return "other stdlib"


def where(key: tuple[str, int, str]) -> str:
    filename, line, func = key
    if filename == "~":
        return func
    path = Path(filename)
    short = "/".join(path.parts[-2:]) if "cml_api_client" in path.parts else path.name
    return f"{func} ({short}:{line})"


def profile(fn: Any, calls: int) -> pstats.Stats:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):  # bounded
        fn()
    profiler.disable()
    return pstats.Stats(profiler)


def by_package(stats: pstats.Stats, calls: int) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    for key, (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        totals[package(key[0])] += tottime / calls * 1e6
    return dict(totals)


def top_functions(stats: pstats.Stats, calls: int, top: int) -> list[list[str]]:
    rows = []
    for key, (_cc, ncalls, tottime, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if any(marker in key[0] for marker in OURS):
            rows.append((cumtime, key, ncalls, tottime))
    rows.sort(key=lambda r: r[0], reverse=True)
    return [
        [where(key), f"{cum / calls * 1e6:.1f}", f"{tot / calls * 1e6:.1f}", f"{n / calls:g}"]
        for cum, key, n, tot in rows[:top]
    ]


def import_breakdown(runs: int = 7) -> list[list[str]]:
    """Self import time of what ``import cml_ergonomic`` adds once httpx is imported, by top-level package."""
    totals: dict[str, list[float]] = defaultdict(list)
    for _ in range(runs):  # bounded
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import httpx; import cml_ergonomic"],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        inside, per_run = False, defaultdict(float)
        for line in proc.stderr.splitlines():
            if not line.startswith("import time:") or "|" not in line:
                continue
            self_us, _cumulative, name = line[len("import time:") :].split("|", 2)
            if not self_us.strip().isdigit():
                continue
            top_level = not name.startswith("  ")
            if top_level and name.strip() == "cml_ergonomic":
                per_run[name.strip().split(".")[0]] += int(self_us)
                break
            if top_level and name.strip() == "httpx":
                inside = True  # what follows, up to the cml_ergonomic entry, is cml_ergonomic's
                continue
            if inside:
                per_run[name.strip().split(".")[0]] += int(self_us)
        for package_name, us in per_run.items():
            totals[package_name].append(us / 1000)
    rows = sorted(((statistics.median(v + [0.0] * (runs - len(v))), k) for k, v in totals.items()), reverse=True)
    return [[name, f"{ms:.1f}"] for ms, name in rows if ms >= 0.3]


def top_self(stats: pstats.Stats, calls: int, top: int) -> list[list[str]]:
    """The functions with the most self time, in any package."""
    rows = sorted(
        ((tot, key, n) for key, (_cc, n, tot, _ct, _callers) in stats.stats.items()),  # type: ignore[attr-defined]
        key=lambda r: r[0],
        reverse=True,
    )
    return [[where(key), package(key[0]), f"{tot / calls * 1e6:.1f}", f"{n / calls:g}"] for tot, key, n in rows[:top]]


def run(calls: int, top: int) -> str:
    recordings = load_recordings()
    canned = Canned()
    transport = httpx.MockTransport(canned)
    ours = build_ergonomic_sync(MOCK_BASE_URL, transport)
    raw = build_raw_sync(MOCK_BASE_URL, transport)
    from bench.run import sdk_revision

    parts = [
        "# Profile of the per-call overhead (cProfile)",
        "",
        f"`python -m bench.profile --calls {calls}` at {sdk_revision()}: {calls} calls per operation on the mock "
        "transport; µs per call under the profiler (inflated; compare shares).",
        "",
    ]
    try:
        for operation in OPERATIONS:
            canned.use(recordings[operation])
            for contender in (ours, raw):  # warm up
                for _ in range(20):
                    contender.ops[operation]()
            stats_ours = profile(ours.ops[operation], calls)
            stats_raw = profile(raw.ops[operation], calls)
            mine, floor = by_package(stats_ours, calls), by_package(stats_raw, calls)
            names = sorted(set(mine) | set(floor), key=lambda n: -(mine.get(n, 0) - floor.get(n, 0)))
            rows = [
                [
                    name,
                    f"{mine.get(name, 0):.1f}",
                    f"{floor.get(name, 0):.1f}",
                    f"{mine.get(name, 0) - floor.get(name, 0):+.1f}",
                ]
                for name in names
            ]
            rows.append(
                [
                    "**total**",
                    f"{sum(mine.values()):.1f}",
                    f"{sum(floor.values()):.1f}",
                    f"{sum(mine.values()) - sum(floor.values()):+.1f}",
                ]
            )
            parts += [
                f"## {OPERATION_LABELS[operation]}",
                "",
                "Self time by package, µs per call:",
                "",
                markdown_table(["package", "cml_ergonomic", "raw httpx", "Δ"], rows),
                "",
                f"Top {top} functions of cml_ergonomic and the generated client by cumulative time:",
                "",
                markdown_table(
                    ["function", "cumulative µs/call", "self µs/call", "calls/call"],
                    top_functions(stats_ours, calls, top),
                ),
                "",
                f"Top {top} functions of the whole cml_ergonomic call by self time, any package:",
                "",
                markdown_table(
                    ["function", "package", "self µs/call", "calls/call"],
                    top_self(stats_ours, calls, top),
                ),
                "",
            ]
    finally:
        ours.close()
        raw.close()
    parts += [
        "## import cml_ergonomic, beyond httpx",
        "",
        "Self import time (`-X importtime`, median of 7 fresh interpreters) of the modules `import cml_ergonomic` "
        "loads after `import httpx`, by top-level package (≥ 0.3 ms):",
        "",
        markdown_table(["package", "ms"], import_breakdown()),
        "",
    ]
    return "\n".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.profile", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--calls", type=int, default=2000, help="calls per operation (default 2000)")
    parser.add_argument("--top", type=int, default=15, help="functions listed per operation (default 15)")
    parser.add_argument("--output", type=Path, help="also write the report here")
    args = parser.parse_args()
    text = run(args.calls, args.top)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
