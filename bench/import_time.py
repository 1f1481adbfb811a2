"""Import time: ``python -X importtime -c "import X"`` for cml_ergonomic, httpx and py-cml's ``cml``.

    python -m bench.import_time [--quick] [--json PATH]

Each import runs in a fresh interpreter with its bytecode already compiled
(every target is imported once, untimed, first). The figure is the
cumulative time ``-X importtime`` reports for the import statement: the sum
of the cumulative times of the top-level entries it prints that a bare
interpreter (``-c pass``) does not import anyway. Targets are interleaved
in a random order in each round.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from typing import Any

from bench._common import (
    PYCML_MISSING_NOTE,
    ROOT,
    Table,
    fmt_num,
    fmt_spread,
    main,
    pycml_version,
    result,
    summarize,
)

FULL = {"runs": 25}
QUICK = {"runs": 2}

# (key, label, statement)
TARGETS = [
    ("httpx", "import httpx", "import httpx"),
    ("cml_ergonomic", "import cml_ergonomic", "import cml_ergonomic"),
    (
        "cml_ergonomic_results",
        "import cml_ergonomic + the read models (loaded by the first read)",
        "import cml_ergonomic; from cml_ergonomic._results import ReadResult",
    ),
    ("cml", "import cml (py-cml)", "import cml"),
]


def _env() -> dict[str, str]:
    skip = ("PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME", "CML_LOG")
    return {k: v for k, v in os.environ.items() if k not in skip}


def importtime(statement: str) -> tuple[dict[str, int], float]:
    """Top-level ``-X importtime`` entries of ``python -c statement`` ({module: cumulative µs}), and its wall ms."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(),
        timeout=120,
    )
    wall_ms = (time.perf_counter() - start) * 1000
    if proc.returncode != 0:
        raise RuntimeError(f"`{statement}` failed:\n{proc.stderr[-2000:]}")
    entries: dict[str, int] = {}
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _self, cumulative, name = line[len("import time:") :].split("|", 2)
        if name.startswith("  "):  # nested: counted in its parent's cumulative time
            continue
        name = name.strip()
        if not cumulative.strip().isdigit():  # the header line
            continue
        entries[name] = entries.get(name, 0) + int(cumulative)
    return entries, wall_ms


def statement_ms(statement: str, baseline: set[str]) -> tuple[float, float]:
    """Cumulative ms of the modules ``statement`` imports beyond a bare interpreter's, and the process's wall ms."""
    entries, wall_ms = importtime(statement)
    return sum(us for name, us in entries.items() if name not in baseline) / 1000.0, wall_ms


def run(quick: bool) -> dict[str, Any]:
    params = QUICK if quick else FULL
    targets = [t for t in TARGETS if t[0] != "cml" or pycml_version() is not None]
    baseline = set(importtime("pass")[0])
    for _key, _label, statement in targets:  # compile bytecode and warm the page cache, untimed
        importtime(statement)
    rng = random.Random(20241121)
    samples: dict[str, list[float]] = {key: [] for key, _, _ in targets}
    walls: dict[str, list[float]] = {key: [] for key, _, _ in [*targets, ("pass", "", "pass")]}
    for _ in range(params["runs"]):
        order = [*targets, ("pass", "", "pass")]
        rng.shuffle(order)
        for key, _label, statement in order:
            cumulative, wall = statement_ms(statement, baseline)
            walls[key].append(wall)
            if key != "pass":
                samples[key].append(cumulative)
    httpx_ms = samples["httpx"]
    rows = []
    data: dict[str, Any] = {"params": params, "targets": {}}
    for key, label, statement in targets:
        summary = summarize(samples[key])
        deltas = summarize([a - b for a, b in zip(samples[key], httpx_ms, strict=True)])
        wall = summarize([w - b for w, b in zip(walls[key], walls["pass"], strict=True)])
        data["targets"][key] = {"ms": summary, "minus_httpx_ms": deltas, "wall_minus_bare_ms": wall}
        data["targets"][key]["statement"] = statement
        rows.append(
            [
                label,
                fmt_num(summary["median"], 1),
                fmt_spread(summary, 1),
                f"{summary['min']:.1f}–{summary['max']:.1f}",
                f"{deltas['median']:+.1f}",
                f"{summary['median'] / summarize(httpx_ms)['median']:.2f}×",
                fmt_num(wall["median"], 1),
            ]
        )
    notes = [
        f"{params['runs']} fresh interpreters per target (`{os.path.basename(sys.executable)} -X importtime -c ...`), "
        "targets interleaved in a random order, bytecode compiled beforehand; the time is the sum of the "
        "cumulative times of the top-level imports the statement adds to a bare interpreter.",
        "`− httpx` is taken within each round (each target's time minus httpx's in the same round). "
        "`process ms` is the wall time of the whole `python -X importtime -c ...` process minus that of "
        "`python -c pass` in the same round (start-up and shutdown included).",
    ]
    if pycml_version() is None:
        notes.append(PYCML_MISSING_NOTE)
    table = Table("", ["import", "median ms", "IQR ms", "min–max ms", "− httpx ms", "× httpx", "process ms"], rows)
    return result("import_time", "Import time", quick=quick, tables=[table], data=data, notes=notes)


if __name__ == "__main__":
    raise SystemExit(main(run))
