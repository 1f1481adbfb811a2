"""What the benchmark scripts share: statistics, recordings, py-cml detection, tables, the command line.

Only the standard library (and httpx, for the mock transport) is used here, so
every script runs in any environment that has the project installed; py-cml is
optional and reported as missing when it is not installed.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import json
import math
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
RECORDINGS_DIR = BENCH_DIR / "recordings"

PYCML_DIST = "cognitive-memory-layer"
PYCML_VERSION = "1.5.1"
FAKE_KEY = "bench-key"
MOCK_BASE_URL = "http://cml.bench"  # never resolved: the mock transport answers in process

RECORDING_NAMES = ("write", "read_10", "read_50", "stats", "error_422")


# --------------------------------------------------------------------------- statistics


def percentile(values: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (0-100) with linear interpolation between closest ranks."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    if len(ordered) == 1:
        return float(ordered[0])
    rank = (len(ordered) - 1) * p / 100.0
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (rank - low))


def summarize(values: Sequence[float]) -> dict[str, float]:
    """Median, quartiles, extremes and count of ``values`` (e.g. the per-repetition results)."""
    return {
        "median": float(statistics.median(values)),
        "q1": percentile(values, 25),
        "q3": percentile(values, 75),
        "min": float(min(values)),
        "max": float(max(values)),
        "p95": percentile(values, 95),
        "n": len(values),
    }


# --------------------------------------------------------------------------- formatting


def fmt_num(value: float, digits: int = 1) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def fmt_spread(summary: dict[str, float], digits: int = 1, scale: float = 1.0) -> str:
    """``q1–q3`` of a summary (the IQR), scaled."""
    return f"{fmt_num(summary['q1'] * scale, digits)}–{fmt_num(summary['q3'] * scale, digits)}"


def fmt_ratio(summary: dict[str, float]) -> str:
    return f"{summary['median']:.2f}×"


def fmt_ratio_spread(summary: dict[str, float]) -> str:
    return f"{summary['q1']:.2f}–{summary['q3']:.2f}"


def markdown_table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(str(cell) for cell in row) + " |")
    return "\n".join(lines)


# --------------------------------------------------------------------------- results


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[Any]]

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "columns": self.columns, "rows": self.rows}


def result(
    name: str, title: str, *, quick: bool, tables: list[Table], data: dict[str, Any], notes: list[str]
) -> dict[str, Any]:
    """The JSON document every script produces (``--json``) and ``bench.run`` renders."""
    return {
        "name": name,
        "title": title,
        "quick": quick,
        "tables": [t.to_json() for t in tables],
        "data": data,
        "notes": notes,
    }


def render(doc: dict[str, Any]) -> str:
    """One benchmark's section of results.md."""
    parts = [f"## {doc['title']}", ""]
    for table in doc["tables"]:
        if table["title"]:
            parts += [f"**{table['title']}**", ""]
        parts += [markdown_table(table["columns"], table["rows"]), ""]
    for note in doc["notes"]:
        parts.append(f"- {note}")
    if doc["notes"]:
        parts.append("")
    return "\n".join(parts)


def main(run: Callable[[bool], dict[str, Any]], argv: Sequence[str] | None = None) -> int:
    """The command line of every script: ``[--quick] [--json PATH]``; prints its tables."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="tiny iteration counts (a smoke test, seconds)")
    parser.add_argument("--json", type=Path, help="also write the result document here")
    args = parser.parse_args(argv)
    doc = run(args.quick)
    if args.json:
        args.json.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    print(render(doc))
    return 0


# --------------------------------------------------------------------------- contenders and recordings


def pycml_version() -> str | None:
    """py-cml's installed version, or None when the ``cognitive-memory-layer`` wheel is not installed."""
    try:
        version = importlib.metadata.version(PYCML_DIST)
    except importlib.metadata.PackageNotFoundError:
        return None
    return version if importlib.util.find_spec("cml") is not None else None


PYCML_MISSING_NOTE = (
    f"py-cml (`{PYCML_DIST}=={PYCML_VERSION}`) is not installed here, so it is left out; `nox -s bench` installs it."
)


@dataclass(frozen=True)
class Recording:
    """A response recorded from the real server."""

    name: str
    status: int
    content_type: str
    body: bytes
    meta: dict[str, Any]


def load_recording(name: str) -> Recording:
    path = RECORDINGS_DIR / f"{name}.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        sys.exit(f"{path} is missing: record it with `python -m bench.record` (starts the real server)")
    return Recording(
        name=name,
        status=int(doc["status"]),
        content_type=doc["headers"].get("content-type", "application/json"),
        body=doc["body"].encode("utf-8"),
        meta={k: v for k, v in doc.items() if k not in {"body"}},
    )


def load_recordings() -> dict[str, Recording]:
    return {name: load_recording(name) for name in RECORDING_NAMES}


def machine_info() -> dict[str, str]:
    """Cores, CPU model, Python and OS of this machine."""
    import os
    import platform

    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "n/a"
    return {
        "cores": str(os.cpu_count()),
        "cpu": model,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "os": platform.platform(),
        "load": load,
    }
