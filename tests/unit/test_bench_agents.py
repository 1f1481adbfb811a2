"""``bench.agents --quick`` runs and reports well-formed numbers; no timing is asserted."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.timeout(300)
def test_the_agents_benchmark_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "agents.json"
    run = subprocess.run(
        [sys.executable, "-m", "bench.agents", "--quick", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=280,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["name"] == "agents" and doc["quick"] is True
    figures = [
        doc["data"]["dispatcher"]["sdk"],
        doc["data"]["dispatcher"]["dispatcher"],
        doc["data"]["dispatcher"]["ratio"],
        doc["data"]["mcp"]["sdk"],
        doc["data"]["mcp"]["mcp"],
        doc["data"]["mcp"]["start"],
    ]
    for figure in figures:
        assert math.isfinite(figure["median"]) and figure["median"] > 0, figure
    assert math.isfinite(doc["data"]["mcp"]["round_trip"]["median"])
    assert "Target: the dispatcher costs at most 1.10x" in run.stdout
