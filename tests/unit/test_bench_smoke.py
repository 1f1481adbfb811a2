"""The in-process benchmarks run and report well-formed numbers (``--quick``): no timing is asserted.

Each benchmark runs once per module in its own interpreter
(``python -m bench.<name> --quick --json ...``), as ``bench.run`` runs it.
py-cml (``cognitive-memory-layer``) comes with the ``bench`` dependency group,
which the tests and bench sessions install, so its checks run in CI. Without it
the benchmarks leave it out and the py-cml checks fail under ``CI=true``, or
are skipped with the way to get it elsewhere.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench._common import PYCML_DIST, PYCML_VERSION, RECORDING_NAMES, RECORDINGS_DIR, pycml_version, render
from bench.contenders import OPERATIONS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def pycml() -> str:
    """py-cml's version. The tests and bench sessions install it (dependency group ``bench``), so CI checks it;
    a missing py-cml fails under ``CI=true`` and is skipped, saying how to get it, elsewhere."""
    version = pycml_version()
    if version is None:
        message = (
            f"py-cml ({PYCML_DIST}=={PYCML_VERSION}) is not installed here: `nox -s tests` installs it "
            "(the `bench` dependency group), or `uv pip install --group bench`"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return version


def test_the_bench_group_pins_the_py_cml_the_benchmarks_name() -> None:
    import tomllib

    groups = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["dependency-groups"]
    assert groups["bench"] == [f"{PYCML_DIST}=={PYCML_VERSION}"]

_cache: dict[str, dict[str, Any]] = {}


def quick(name: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The result document of ``python -m bench.<name> --quick`` (run once per test session)."""
    if name not in _cache:
        out = tmp_path_factory.mktemp("bench") / f"{name}.json"
        proc = subprocess.run(
            [sys.executable, "-m", f"bench.{name}", "--quick", "--json", str(out)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=240,
        )
        assert proc.returncode == 0, f"bench.{name} --quick failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        _cache[name] = json.loads(out.read_text(encoding="utf-8"))
    return _cache[name]


def positive(value: Any) -> bool:
    return isinstance(value, float) and math.isfinite(value) and value > 0


def assert_summary(summary: dict[str, Any], where: str) -> None:
    for key in ("median", "q1", "q3", "min", "max"):
        assert positive(summary[key]), f"{where}: {key}={summary[key]!r} is not a positive float"
    assert summary["min"] <= summary["median"] <= summary["max"], f"{where}: {summary}"
    assert isinstance(summary["n"], int) and summary["n"] >= 1, f"{where}: {summary}"


def assert_renders(doc: dict[str, Any]) -> None:
    text = render(doc)
    assert text.startswith(f"## {doc['title']}")
    for table in doc["tables"]:
        for row in table["rows"]:
            assert len(row) == len(table["columns"]), (table["title"], row)


def test_recordings_are_present_and_json() -> None:
    for name in RECORDING_NAMES:
        doc = json.loads((RECORDINGS_DIR / f"{name}.json").read_text(encoding="utf-8"))
        json.loads(doc["body"])  # the recorded body is itself JSON
        assert doc["status"] == (422 if name == "error_422" else 200), name


@pytest.fixture(scope="module")
def overhead(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return quick("overhead", tmp_path_factory)


@pytest.fixture(scope="module")
def degraded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return quick("degraded", tmp_path_factory)


@pytest.fixture(scope="module")
def import_time(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return quick("import_time", tmp_path_factory)


@pytest.mark.parametrize(
    ("group", "expected"),
    [("sync", {"raw", "generated", "ergonomic"}), ("async", {"raw_async", "generated_async", "ergonomic_async"})],
)
def test_overhead_reports_every_contender_and_operation(
    overhead: dict[str, Any], group: str, expected: set[str]
) -> None:
    data = overhead["data"]["groups"][group]
    assert expected <= set(data["contenders"]), data["contenders"]
    assert set(data["operations"]) == set(OPERATIONS)
    for operation, by_contender in data["operations"].items():
        assert set(data["contenders"]) == set(by_contender), operation
        for contender, numbers in by_contender.items():
            assert_summary(numbers["us"], f"{group}/{operation}/{contender} µs")
            assert_summary(numbers["ratio"], f"{group}/{operation}/{contender} ratio")
        floor = by_contender[data["floor"]]["ratio"]
        assert floor["median"] == pytest.approx(1.0), f"{operation}: the floor's ratio to itself"
    assert_renders(overhead)


def test_overhead_includes_pycml(overhead: dict[str, Any], pycml: str) -> None:
    assert "pycml" in overhead["data"]["groups"]["sync"]["contenders"]
    assert "pycml_async" in overhead["data"]["groups"]["async"]["contenders"]


def test_degraded_reports_first_call_open_circuit_and_reference(degraded: dict[str, Any]) -> None:
    scenarios = degraded["data"]["scenarios"]
    assert set(scenarios["first"]) == {"cml_ergonomic", "cml_ergonomic async"}
    assert set(scenarios["open"]) == {"cml_ergonomic", "cml_ergonomic async"}
    assert set(scenarios["refused"]) == {"raw httpx"}
    for scenario, clients in scenarios.items():
        for client, numbers in clients.items():
            assert_summary(numbers["us"], f"{scenario}/{client}")
    assert scenarios["open"]["cml_ergonomic"]["us"]["n"] == degraded["data"]["params"]["open"]
    assert_renders(degraded)


def test_import_time_reports_every_target(import_time: dict[str, Any]) -> None:
    targets = import_time["data"]["targets"]
    assert {"httpx", "cml_ergonomic", "cml_ergonomic_results"} <= set(targets)
    for key, numbers in targets.items():
        assert_summary(numbers["ms"], key)
        assert math.isfinite(numbers["minus_httpx_ms"]["median"]), key
    assert_renders(import_time)


def test_import_time_includes_pycml(import_time: dict[str, Any], pycml: str) -> None:
    assert "cml" in import_time["data"]["targets"]


def test_the_report_renders_targets_from_the_quick_results(
    overhead: dict[str, Any], degraded: dict[str, Any], import_time: dict[str, Any]
) -> None:
    from bench.run import report, targets

    docs = {"overhead": overhead, "degraded": degraded, "import_time": import_time}
    rows = targets(docs)
    assert rows and all(len(row) == 3 for row in rows)
    measured = {row[0]: row[2] for row in rows}
    assert measured["sync overhead read-10 ≤ 1.10× raw httpx"] in {"met", "**missed**"}
    assert measured["async throughput at concurrency 64 ≥ 0.9× raw"] == "n/a"  # throughput was not run
    machine = {"cores": "2", "cpu": "x", "python": "3.11", "os": "linux", "load": "0"}
    text = report(
        docs,
        {},
        quick=True,
        started=dt.datetime.now(dt.UTC),
        elapsed=dict.fromkeys(docs, 1.0),
        machine_before=machine,
        machine_after=machine,
    )
    for doc in docs.values():
        assert f"## {doc['title']}" in text


def test_hooks_bench_reports_both_ratios_for_both_clients(tmp_path_factory: pytest.TempPathFactory) -> None:
    doc = quick("hooks", tmp_path_factory)
    assert set(doc["data"]["groups"]) == {"sync", "async"}
    for kind, operations in doc["data"]["groups"].items():
        assert operations, kind
        for operation, numbers in operations.items():
            for key in ("raw", "none", "noop"):
                assert_summary(numbers["us"][key], f"hooks {kind}/{operation}/{key} µs")
            for ratio in ("none_vs_raw", "noop_vs_raw", "noop_vs_none"):
                assert_summary(numbers["ratio"][ratio], f"hooks {kind}/{operation}/{ratio}")


def test_first_result_reports_every_contender_with_its_parts(tmp_path_factory: pytest.TempPathFactory) -> None:
    doc = quick("first_result", tmp_path_factory)
    contenders = doc["data"]["contenders"]
    assert {"raw", "ergonomic", "raw_async", "ergonomic_async"} <= set(contenders)
    for key, numbers in contenders.items():
        for part in ("wall_ms", "ratio", "peak_mib", "import_ms", "client_ms", "read_ms"):
            assert_summary(numbers[part], f"{key} {part}")
        assert (numbers["peak_minus_floor_mib"] is None) == key.startswith("raw"), key
    assert contenders["raw"]["ratio"]["median"] == pytest.approx(1.0)
    assert_renders(doc)


def test_client_build_reports_first_and_second_builds(tmp_path_factory: pytest.TempPathFactory) -> None:
    doc = quick("client_build", tmp_path_factory)
    contenders = doc["data"]["contenders"]
    assert {"httpx", "httpx_async", "ergonomic", "ergonomic_async", "ergonomic_https"} == set(contenders)
    for key, numbers in contenders.items():
        assert_summary(numbers["first_ms"], key)
        assert_summary(numbers["second_ms"], key)
    assert contenders["ergonomic"]["h2_imported"] is False  # an http:// pool never loads h2
    assert_renders(doc)


def test_admin_listing_is_measured_or_says_why_not(tmp_path_factory: pytest.TempPathFactory) -> None:
    doc = quick("admin_listing", tmp_path_factory)
    data = doc["data"]
    if "not_measured" in data:
        import cml_ergonomic

        assert not hasattr(cml_ergonomic.CognitiveMemoryLayer, "admin"), data["not_measured"]
        return
    for key in ("raw", "ergonomic", "raw_async", "ergonomic_async"):
        assert_summary(data["contenders"][key]["ms"], key)
    assert_renders(doc)


def test_the_dispatcher_target_reads_the_agents_ratio() -> None:
    from bench.run import targets

    ratio = {"median": 0.97, "q1": 0.95, "q3": 0.99, "min": 0.9, "max": 1.0, "p95": 1.0, "n": 5}
    rows = targets({"agents": {"title": "agents", "data": {"dispatcher": {"ratio": ratio}}}})
    (row,) = [row for row in rows if "MemoryTools" in row[0]]
    assert row[1:] == ["0.97×", "met"]
