"""How long code generation takes: ``python -m codegen generate`` (into a temporary directory) and ``check``.

    python -m bench.codegen_time [--quick] [--json PATH]

``generate`` writes to ``--output <tmpdir>/cml_api_client`` so the tree is
never touched; ``check`` only reads ``generated/``. Both need the pinned
generator (the ``codegen`` dependency group); without it the benchmark says
so instead of timing a failure.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench._common import ROOT, Table, main, result, summarize

FULL = {"runs": 3}
QUICK = {"runs": 1}


def _timed(args: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "codegen", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"python -m codegen {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}{proc.stderr}")
    return elapsed


def run(quick: bool) -> dict[str, Any]:
    params = QUICK if quick else FULL
    if importlib.util.find_spec("openapi_python_client") is None:
        note = "openapi-python-client is not installed (the `codegen` dependency group): nothing was timed."
        return result(
            "codegen_time", "Code generation time", quick=quick, tables=[], data={"skipped": note}, notes=[note]
        )
    samples: dict[str, list[float]] = {"generate": [], "check": []}
    with tempfile.TemporaryDirectory(prefix="cml-bench-codegen-") as tmp:
        output = Path(tmp) / "cml_api_client"
        for _ in range(params["runs"]):  # alternate, so drift hits both alike
            samples["generate"].append(_timed(["generate", "--output", str(output)]))
            samples["check"].append(_timed(["check"]))
    rows = []
    data: dict[str, Any] = {"params": params, "commands": {}}
    labels = {
        "generate": "`python -m codegen generate --output <tmp>/cml_api_client`",
        "check": "`python -m codegen check`",
    }
    for key, values in samples.items():
        summary = summarize(values)
        data["commands"][key] = {"s": summary}
        rows.append(
            [labels[key], f"{summary['median']:.2f}", f"{summary['min']:.2f}–{summary['max']:.2f}", summary["n"]]
        )
    notes = [
        f"{params['runs']} runs of each, alternating; wall time of the whole process (interpreter start, "
        "the pinned openapi-python-client in a subprocess, its ruff post-hooks, and for check the comparison).",
    ]
    table = Table("", ["command", "median s", "min–max s", "n"], rows)
    return result("codegen_time", "Code generation time", quick=quick, tables=[table], data=data, notes=notes)


if __name__ == "__main__":
    raise SystemExit(main(run))
