"""The schema diff on the real snapshot, and ``python -m codegen diff`` end to end."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from cml_ergonomic._compat import report_from_document
from cml_ergonomic._operations import OPERATIONS
from cml_ergonomic._schemadiff import Audience, Severity, _operations, compare, compatibility_issues, render_path
from codegen.cli import main
from codegen.schema import current_snapshot

SNAPSHOT = current_snapshot()  # the snapshot the SDK is built from, whatever its version
READ_LABEL = "POST /api/v1/memory/read"
RAW_ONLY_WRITE = "/api/v1/session/{session_id}/write"  # in RAW_ONLY: write(session_id=...) covers it
SESSION_READ_LABEL = "POST /api/v1/session/{session_id}/read"
READ_METHODS = OPERATIONS["read_memory"].methods
# The operations this snapshot's server version serves (the map also knows those of other versions).
SERVED = [op for op in OPERATIONS.values() if op.served_by(SNAPSHOT.stem.removeprefix("cml-"))]


@pytest.fixture(scope="module")
def snapshot() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    return document


def _without_total_count(document: dict[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    response = changed["components"]["schemas"]["ReadMemoryResponse"]
    del response["properties"]["total_count"]
    response["required"].remove("total_count")
    return changed


def test_the_snapshot_does_not_differ_from_itself(snapshot: dict[str, Any]) -> None:
    assert compare(snapshot, copy.deepcopy(snapshot)).changes == []


def test_removing_a_wrapped_operation_is_breaking_and_names_its_methods(snapshot: dict[str, Any]) -> None:
    for operation in SERVED:
        changed = copy.deepcopy(snapshot)
        del changed["paths"][operation.path][operation.method.lower()]

        assert [(c.operation, c.rule, c.methods) for c in compare(snapshot, changed).changes] == [
            (operation.label, "operation-removed", operation.methods)
        ]


def test_the_operation_maps_field_paths_are_in_the_diffs_notation(snapshot: dict[str, Any]) -> None:
    # A sends/reads entry the diff never produces would silently turn a breaking change into a compatible one.
    views = _operations(snapshot)
    for operation in SERVED:
        view = views[(operation.method, operation.path)]
        assert set(operation.sends) <= {render_path(path) for path in view.request}, operation.key
        assert set(operation.reads) <= {render_path(path) for path in view.response}, operation.key


def test_removing_a_response_field_the_wrapper_reads_is_breaking(snapshot: dict[str, Any]) -> None:
    diff = compare(snapshot, _without_total_count(snapshot))

    assert [(c.operation, c.location, c.severity, c.raw_severity, c.rule, c.methods) for c in diff.changes] == [
        (
            READ_LABEL,
            "response.total_count",
            Severity.BREAKING,
            Severity.BREAKING,
            "read-response-field-removed",
            READ_METHODS,
        ),
        # the same response model, on an operation the wrapper leaves to client.raw: raw callers read it there
        (
            SESSION_READ_LABEL,
            "response.total_count",
            Severity.COMPATIBLE,
            Severity.BREAKING,
            "unread-response-field-removed",
            (),
        ),
    ]
    assert "read" in diff.affected_methods
    assert set(READ_METHODS) <= set(diff.methods_affected_by(Severity.BREAKING))
    assert len(diff.of_severity(Severity.BREAKING, Audience.RAW)) == 2


def test_removing_a_field_of_a_shared_item_model_names_every_reader(snapshot: dict[str, Any]) -> None:
    changed = copy.deepcopy(snapshot)
    item = changed["components"]["schemas"]["MemoryItem"]
    del item["properties"]["text"]
    item["required"].remove("text")

    breaking = compare(snapshot, changed).breaking

    read_locations = {c.location for c in breaking if c.operation == READ_LABEL}
    assert read_locations == {
        f"response.{array}[].text" for array in ("memories", "facts", "preferences", "episodes", "constraints")
    }
    context_label = OPERATIONS["session_context"].label
    assert {c.location for c in breaking if c.operation == context_label} == {
        f"response.{array}[].text" for array in ("messages", "tool_results", "scratch_pad")
    }
    assert set(compare(snapshot, changed).methods_affected_by(Severity.BREAKING)) == {
        *READ_METHODS,
        *OPERATIONS["session_context"].methods,
    }


def test_compatibility_issues_on_the_snapshot(snapshot: dict[str, Any]) -> None:
    assert compatibility_issues(snapshot, copy.deepcopy(snapshot)) == []
    issues = compatibility_issues(snapshot, _without_total_count(snapshot))
    assert [(c.operation, c.location) for c in issues] == [(READ_LABEL, "response.total_count")]


def test_check_compatibility_speaks_of_wrapper_methods_only(snapshot: dict[str, Any]) -> None:
    """What the live server lacks that the SDK calls, and nothing else: not raw-only losses, not its extras."""
    live = copy.deepcopy(snapshot)
    del live["paths"][RAW_ONLY_WRITE]  # a raw-only operation the server lacks: breaking for raw callers only
    overview = live["components"]["schemas"]["DashboardOverview"]
    del overview["properties"][sorted(overview["properties"])[0]]  # a field only raw callers read
    live["paths"]["/api/v1/admin/extra"] = {"get": {"operationId": "extra", "responses": {}}}  # the server has more
    live["components"]["schemas"]["ReadMemoryResponse"]["properties"]["extra"] = {"type": "string"}
    assert compare(snapshot, live).of_severity(Severity.BREAKING, Audience.RAW)  # there is something for raw callers

    assert report_from_document(live).compatible

    stats = OPERATIONS["get_memory_stats"]
    del live["paths"][stats.path]  # an operation the wrapper calls
    report = report_from_document(live)
    assert [(c.operation, c.rule) for c in report.issues] == [(stats.label, "operation-removed")]
    assert report.affected_methods == stats.methods
    assert "session_id" not in str(report) and "extra" not in str(report)


# --------------------------------------------------------------------------- the command line


def _write(path: Path, document: object) -> str:
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


@pytest.fixture
def broken(snapshot: dict[str, Any], tmp_path: Path) -> str:
    return _write(tmp_path / "broken.json", _without_total_count(snapshot))


def test_cli_no_changes_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(SNAPSHOT), str(SNAPSHOT), "--fail-on-breaking"]) == 0
    out = capsys.readouterr().out
    assert "| breaking | 0 | 0 |" in out
    assert "**No changes.**" in out


def test_cli_breaking_exits_1_only_with_fail_on_breaking(broken: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(SNAPSHOT), broken]) == 0
    assert main(["diff", str(SNAPSHOT), broken, "--fail-on-breaking"]) == 1
    capsys.readouterr()


def test_cli_compatible_changes_exit_0_with_fail_on_breaking(snapshot: dict[str, Any], tmp_path: Path) -> None:
    changed = copy.deepcopy(snapshot)
    changed["components"]["schemas"]["ReadMemoryResponse"]["properties"]["cursor"] = {"type": "string"}
    assert main(["diff", str(SNAPSHOT), _write(tmp_path / "new.json", changed), "--fail-on-breaking"]) == 0


@pytest.fixture
def raw_only_break(snapshot: dict[str, Any], tmp_path: Path) -> str:
    """The snapshot without one raw-only route: nothing for the wrapper, breaking for raw callers."""
    changed = copy.deepcopy(snapshot)
    del changed["paths"][RAW_ONLY_WRITE]
    return _write(tmp_path / "raw-only.json", changed)


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ([], 0),
        (["--fail-on-breaking"], 1),  # either audience, by default
        (["--fail-on-breaking", "--breaking-for", "any"], 1),
        (["--fail-on-breaking", "--breaking-for", "raw"], 1),
        (["--fail-on-breaking", "--breaking-for", "wrapper"], 0),
    ],
)
def test_fail_on_breaking_names_its_audience(
    raw_only_break: str, options: list[str], code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", str(SNAPSHOT), raw_only_break, *options]) == code
    capsys.readouterr()


def test_a_wrapper_break_fails_for_the_wrapper_audience(broken: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(SNAPSHOT), broken, "--fail-on-breaking", "--breaking-for", "wrapper"]) == 1
    capsys.readouterr()


def test_cli_markdown_starts_with_the_summary_for_both_audiences(
    broken: str, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["diff", str(SNAPSHOT), broken])
    lines = capsys.readouterr().out.splitlines()

    sections = [line for line in lines if line.startswith("## ")]
    assert sections[0] == "## Summary"
    summary = lines.index("## Summary")
    assert lines[summary + 2 : summary + 7] == [
        "| Severity | Wrapper callers | Raw callers |",
        "|---|---:|---:|",
        "| breaking | 1 | 2 |",
        "| compatible | 1 | 0 |",
        "| informational | 0 | 0 |",
    ]
    assert lines[summary + 8].startswith(
        "- **Wrapper callers** (`cml_ergonomic`): 1 breaking change(s); callers of "
        + ", ".join(f"`{m}`" for m in sorted(READ_METHODS))
    )
    assert lines[summary + 9].startswith(
        "- **Raw callers** (`client.raw`, `cml_api_client`): 2 breaking change(s), in "
    )
    assert "`generated/cml_api_client/api/memory/read_memory.py`" in lines[summary + 9]
    assert "`generated/cml_api_client/models/read_memory_response.py`" in lines[summary + 9]
    assert sections[1:] == ["## Breaking for wrapper callers (1)", "## Breaking for raw callers only (1)", "## Rules"]
    assert (
        "| `response.total_count` | removed (was integer) | **breaking** | **breaking** | "
        "`read-response-field-removed` | `generated/cml_api_client/models/read_memory_response.py` |" in lines
    )
    assert (
        "| `response.total_count` | removed (was integer) | compatible | **breaking** | "
        "`unread-response-field-removed` | `generated/cml_api_client/models/read_memory_response.py` |" in lines
    )
    assert (
        "Wrapper methods: none (raw only). Generated module: `generated/cml_api_client/api/memory/session_read.py`."
        in lines
    )
    assert any(line.startswith("- `unread-response-field-removed`: wrapper compatible: ") for line in lines)


def test_cli_json_format(broken: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(SNAPSHOT), broken, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)

    assert report["old"] == str(SNAPSHOT)
    assert {audience: report["summary"][audience]["breaking"] for audience in ("wrapper", "raw")} == {
        "wrapper": 1,
        "raw": 2,
    }
    assert report["summary"]["wrapper"]["compatible"] == 1
    first = report["changes"][0]
    assert first["rule"] == "read-response-field-removed"
    assert first["wrapper"]["severity"] == "breaking"
    assert first["wrapper"]["methods"] == list(READ_METHODS)
    assert first["raw"]["severity"] == "breaking"
    assert first["raw"]["module"] == "generated/cml_api_client/api/memory/read_memory.py"
    assert first["raw"]["models"] == ["generated/cml_api_client/models/read_memory_response.py"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read"),
        ("{not json", "not valid JSON"),
        (json.dumps({"swagger": "2.0", "paths": {}}), "not an OpenAPI 3 document"),
        (json.dumps([1, 2]), "expected a JSON object"),
        (
            json.dumps({"openapi": "3.1.0", "paths": {"/x": {"get": {"requestBody": {"$ref": "#/nowhere"}}}}}),
            "does not resolve",
        ),
    ],
    ids=["missing-file", "not-json", "swagger-2", "not-an-object", "broken-ref"],
)
def test_cli_bad_input_exits_2(
    content: str | None, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    if content is not None:
        bad.write_text(content, encoding="utf-8")

    assert main(["diff", str(SNAPSHOT), str(bad), "--fail-on-breaking"]) == 2
    error = capsys.readouterr().err
    assert message in error
    assert str(bad) in error
