"""Run every benchmark and write ``bench/results.md``.

    python -m bench.run [--quick] [--skip-real] [--only NAME,...] [--output PATH]

Each benchmark runs in its own interpreter (``python -m bench.<name> --json``)
so that one's imports, threads and garbage do not weigh on the next; their
output goes to a log, and the JSON results are rendered into one Markdown
file: the machine, the date, the targets and whether they are met, then one
table per benchmark. ``--quick`` runs everything with tiny iteration counts
(seconds; CI's smoke test) and, unless ``--output`` is given, prints the
report instead of overwriting ``bench/results.md``. ``--skip-real`` leaves out
the real-server benchmark (which starts the server with the test harness).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench._common import BENCH_DIR, ROOT, machine_info, markdown_table, pycml_version, render

# Order: the cheapest and most noise-sensitive first; the real server (PostgreSQL, Redis, uvicorn) near the end.
BENCHMARKS = (
    "import_time",
    "client_build",
    "first_result",
    "overhead",
    "hooks",
    "admin_listing",
    "throughput",
    "agents",
    "degraded",
    "real_server",
    "codegen_time",
)
TIMEOUT = {"quick": 300, "full": 900}  # seconds per benchmark process


def run_one(name: str, quick: bool, workdir: Path) -> tuple[dict[str, Any] | None, float, str]:
    """Run ``bench.<name>``; its result document (None on failure), the seconds it took, its log's tail."""
    out = workdir / f"{name}.json"
    log = workdir / f"{name}.log"
    cmd = [sys.executable, "-m", f"bench.{name}", "--json", str(out)] + (["--quick"] if quick else [])
    start = time.perf_counter()
    with log.open("w", encoding="utf-8") as sink:
        try:
            code = subprocess.run(
                cmd, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT, timeout=TIMEOUT["quick" if quick else "full"]
            ).returncode
        except subprocess.TimeoutExpired:
            code = -1
    elapsed = time.perf_counter() - start
    tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-40:])
    if code != 0 or not out.exists():
        return None, elapsed, tail
    return json.loads(out.read_text(encoding="utf-8")), elapsed, tail


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def sdk_revision() -> str:
    """The commit the tree is at, and whether the SDK's code differs from it (read-only git queries)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "cml_ergonomic", "generated"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown (not a git checkout)"
    return f"{head} (cml_ergonomic/ and generated/ {'modified' if dirty else 'as committed'})"


def _get(doc: dict[str, Any] | None, *path: str) -> Any:
    value: Any = doc["data"] if doc else None
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def targets(docs: dict[str, dict[str, Any] | None]) -> list[list[str]]:
    """The targets for cml_ergonomic (issue 12), each with what was measured and whether it is met."""
    rows: list[list[str]] = []

    def add(target: str, measured: str, met: bool | None) -> None:
        rows.append([target, measured, "n/a" if met is None else ("met" if met else "**missed**")])

    agents = _get(docs.get("agents"), "dispatcher", "ratio", "median")
    add(
        "a memory tool call through MemoryTools ≤ 1.10× the SDK call it makes",
        "not measured" if agents is None else f"{agents:.2f}×",
        None if agents is None else agents <= 1.10,
    )

    first = docs.get("first_result")
    for kind, key, floor_label in (
        ("sync", "ergonomic", "raw httpx + json.loads"),
        ("async", "ergonomic_async", "raw httpx.AsyncClient"),
    ):
        ratio = _get(first, "contenders", key, "ratio", "median")
        to_pycml = _get(first, "contenders", key, "ratio_to_pycml", "median")
        peak = _get(first, "contenders", key, "peak_minus_floor_mib", "median")
        label = f"time to first result, {kind}"
        add(
            f"{label} ≤ 1.25× {floor_label}",
            "not measured" if ratio is None else f"{ratio:.2f}×",
            None if ratio is None else ratio <= 1.25,
        )
        add(
            f"{label} at least 35% below py-cml's",
            "not measured" if to_pycml is None else f"{to_pycml:.2f}× py-cml's ({(1 - to_pycml) * 100:.0f}% below)",
            None if to_pycml is None else to_pycml <= 0.65,
        )
        add(
            f"peak memory of that process ≤ raw + 5 MiB ({kind})",
            "not measured" if peak is None else f"raw {peak:+.1f} MiB",
            None if peak is None else peak <= 5,
        )

    imports = docs.get("import_time")
    extra = _get(imports, "targets", "cml_ergonomic", "minus_httpx_ms", "median")
    ours_ms = _get(imports, "targets", "cml_ergonomic", "ms", "median")
    cml_ms = _get(imports, "targets", "cml", "ms", "median")
    add(
        "import cml_ergonomic ≤ import httpx + 25 ms",
        "not measured" if extra is None else f"httpx {extra:+.1f} ms",
        None if extra is None else extra <= 25,
    )
    if ours_ms is None or cml_ms is None:
        add("import cml_ergonomic below import cml (py-cml)", "not measured", None)
    else:
        add("import cml_ergonomic below import cml (py-cml)", f"{ours_ms:.1f} ms vs {cml_ms:.1f} ms", ours_ms < cml_ms)

    build = docs.get("client_build")
    for key, label, reference in (
        ("ergonomic", "CognitiveMemoryLayer", "httpx.Client()"),
        ("ergonomic_async", "AsyncCognitiveMemoryLayer", "httpx.AsyncClient()"),
    ):
        minus = _get(build, "contenders", key, "first_minus_httpx_ms", "median")
        second = _get(build, "contenders", key, "second_ms", "median")
        add(
            f"building a {label} ≤ {reference} + 5 ms",
            "not measured" if minus is None else f"{reference} {minus:+.1f} ms",
            None if minus is None else minus <= 5,
        )
        add(
            f"a second {label} in the process ≤ 5 ms",
            "not measured" if second is None else f"{second:.2f} ms",
            None if second is None else second <= 5,
        )

    overhead = docs.get("overhead")
    for group, ours_key, peer_key in (("sync", "ergonomic", "pycml"), ("async", "ergonomic_async", "pycml_async")):
        for op, label, limit in (
            ("read_10", "read-10", 1.10),
            ("read_50", "read-50", 1.15),
            ("write", "write", 1.0),
            ("stats", "stats", 1.0),
            ("error_422", "422 error", None),
        ):
            ours = _get(overhead, "groups", group, "operations", op, ours_key, "ratio", "median")
            peer = _get(overhead, "groups", group, "operations", op, peer_key, "ratio", "median")
            if limit is not None:
                add(
                    f"{group} overhead {label} ≤ {limit:.2f}× raw httpx",
                    "not measured" if ours is None else f"{ours:.2f}×",
                    None if ours is None else ours <= limit,
                )
            if ours is None or peer is None:
                add(f"{group} overhead {label} below py-cml's", "not measured", None)
            else:
                add(f"{group} overhead {label} below py-cml's", f"{ours:.2f}× vs py-cml {peer:.2f}×", ours < peer)

    ratio64 = _get(docs.get("throughput"), "contenders", "ergonomic_async", "64", "ratio", "median")
    add(
        "async throughput at concurrency 64 ≥ 0.9× raw",
        "not measured" if ratio64 is None else f"{ratio64:.2f}×",
        None if ratio64 is None else ratio64 >= 0.9,
    )

    admin = docs.get("admin_listing")
    for key, label in (("ergonomic", "sync"), ("ergonomic_async", "async")):
        ratio = _get(admin, "contenders", key, "ratio", "median")
        reason = _get(admin, "not_measured")
        add(
            f"admin listing of 1,000 memories in pages ≤ 1.15× raw httpx ({label})",
            (f"not measured: {reason}" if reason else "not measured") if ratio is None else f"{ratio:.2f}×",
            None if ratio is None else ratio <= 1.15,
        )
    return rows


def report(
    docs: dict[str, dict[str, Any] | None],
    failures: dict[str, str],
    *,
    quick: bool,
    started: datetime,
    elapsed: dict[str, float],
    machine_before: dict[str, str],
    machine_after: dict[str, str],
    revisions: tuple[str, str] = ("unknown", "unknown"),
) -> str:
    start_rev, end_rev = revisions
    revision = (
        start_rev if start_rev == end_rev else f"{start_rev} at the start, {end_rev} at the end (changed mid-run)"
    )
    mode = "quick (smoke test: tiny iteration counts, numbers not meaningful)" if quick else "full"
    lines = [
        "# cml-ergonomic benchmarks",
        "",
        f"Generated by `python -m bench.run{' --quick' if quick else ''}` on {started:%Y-%m-%d %H:%M} UTC "
        f"({mode}); total {sum(elapsed.values()):.0f} s. Ratios are measured within the same run; "
        "medians over repetitions, spreads are interquartile ranges unless a column says otherwise. "
        "Nothing here is a pass/fail timing assertion.",
        "",
        "## Machine",
        "",
        markdown_table(
            ["", ""],
            [
                ["cores", machine_before["cores"]],
                ["CPU", machine_before["cpu"]],
                ["Python", machine_before["python"]],
                ["OS", machine_before["os"]],
                ["load average (1, 5, 15 min) before / after", f"{machine_before['load']} / {machine_after['load']}"],
                ["cml-ergonomic", f"{_version('cml-ergonomic')} at {revision}"],
                ["httpx", _version("httpx")],
                ["py-cml (cognitive-memory-layer)", pycml_version() or "not installed"],
                ["pydantic (py-cml's models)", _version("pydantic")],
                ["attrs (the generated models)", _version("attrs")],
            ],
        ),
        "",
        "The machine is shared and noisy: read the spreads before the medians.",
        "",
        "## Targets",
        "",
        markdown_table(["target (cml_ergonomic)", "measured (median)", ""], targets(docs)),
        "",
    ]
    for name in BENCHMARKS:
        if name in docs and docs[name] is not None:
            lines.append(render(docs[name]))  # type: ignore[arg-type]
            lines.append(f"_{elapsed[name]:.0f} s_")
            lines.append("")
        elif name in failures:
            lines += [f"## {name}: FAILED", "", "```", failures[name], "```", ""]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="tiny iteration counts: a smoke test of seconds")
    parser.add_argument("--skip-real", action="store_true", help="leave out the real-server benchmark")
    parser.add_argument("--only", help=f"comma-separated subset of: {', '.join(BENCHMARKS)}")
    parser.add_argument(
        "--output", type=Path, help="where to write the report (default: bench/results.md; with --quick: print it only)"
    )
    args = parser.parse_args(argv)

    names = list(BENCHMARKS)
    if args.only:
        wanted = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = sorted(set(wanted) - set(BENCHMARKS))
        if unknown:
            parser.error(f"unknown benchmark(s): {', '.join(unknown)}")
        names = [n for n in names if n in wanted]
    if args.skip_real:
        names = [n for n in names if n != "real_server"]
    if pycml_version() is None:
        print(
            "warning: py-cml (cognitive-memory-layer) is not installed: it is left out of every comparison "
            "(`nox -s bench` installs it)",
            file=sys.stderr,
        )

    started = datetime.now(UTC)
    machine_before = machine_info()
    start_revision = sdk_revision()
    docs: dict[str, dict[str, Any] | None] = {}
    failures: dict[str, str] = {}
    elapsed: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="cml-bench-") as tmp:
        for name in names:
            print(f"bench: {name} ...", file=sys.stderr, flush=True)
            doc, seconds, tail = run_one(name, args.quick, Path(tmp))
            elapsed[name] = seconds
            if doc is None:
                failures[name] = tail
                print(f"bench: {name} FAILED after {seconds:.0f}s:\n{tail}", file=sys.stderr, flush=True)
            else:
                docs[name] = doc
                print(f"bench: {name} done in {seconds:.0f}s", file=sys.stderr, flush=True)
    text = report(
        docs,
        failures,
        quick=args.quick,
        started=started,
        elapsed=elapsed,
        machine_before=machine_before,
        machine_after=machine_info(),
        revisions=(start_revision, sdk_revision()),
    )
    output = args.output or (None if args.quick else BENCH_DIR / "results.md")
    if output is None:
        print(text)
    else:
        output.write_text(text, encoding="utf-8")
        print(f"bench: wrote {output}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
