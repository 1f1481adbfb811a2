"""The schema diff on the real 1.5.1 snapshot, and ``python -m codegen diff`` end to end."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from cml_ergonomic._operations import OPERATIONS
from cml_ergonomic._schemadiff import Severity, _operations, compare, compatibility_issues, render_path
from codegen.cli import main
from codegen.schema import current_snapshot

SNAPSHOT = current_snapshot()  # the snapshot the SDK is built from, whatever its version
READ_LABEL = "POST /api/v1/memory/read"
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

    assert [(c.operation, c.location, c.severity, c.rule, c.methods) for c in diff.changes] == [
        (READ_LABEL, "response.total_count", Severity.BREAKING, "read-response-field-removed", READ_METHODS),
        # the same response model, on an operation the wrapper leaves to client.raw
        (SESSION_READ_LABEL, "response.total_count", Severity.COMPATIBLE, "unread-response-field-removed", ()),
    ]
    assert "read" in diff.affected_methods
    assert set(READ_METHODS) <= set(diff.methods_affected_by(Severity.BREAKING))


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
    assert "| breaking | 0 |" in out
    assert "**No changes.**" in out


def test_cli_breaking_exits_1_only_with_fail_on_breaking(broken: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(SNAPSHOT), broken]) == 0
    assert main(["diff", str(SNAPSHOT), broken, "--fail-on-breaking"]) == 1
    capsys.readouterr()


def test_cli_compatible_changes_exit_0_with_fail_on_breaking(snapshot: dict[str, Any], tmp_path: Path) -> None:
    changed = copy.deepcopy(snapshot)
    changed["components"]["schemas"]["ReadMemoryResponse"]["properties"]["cursor"] = {"type": "string"}
    assert main(["diff", str(SNAPSHOT), _write(tmp_path / "new.json", changed), "--fail-on-breaking"]) == 0


def test_cli_markdown_starts_with_the_summary(broken: str, capsys: pytest.CaptureFixture[str]) -> None:
    main(["diff", str(SNAPSHOT), broken])
    lines = capsys.readouterr().out.splitlines()

    sections = [line for line in lines if line.startswith("## ")]
    assert sections[0] == "## Summary"
    summary = lines.index("## Summary")
    assert lines[summary + 2 : summary + 7] == [
        "| Severity | Changes | Affected wrapper methods |",
        "|---|---:|---|",
        "| breaking | 1 | " + ", ".join(f"`{m}`" for m in sorted(READ_METHODS)) + " |",
        "| compatible | 1 | — |",
        "| informational | 0 | — |",
    ]
    assert sections[1:] == ["## Breaking changes (1)", "## Compatible changes (1)"]
    assert (
        "- `response.total_count`: removed (was integer). Rule `read-response-field-removed`: "
        "The wrapper reads this field and will not find it." in lines
    )


def test_cli_json_format(broken: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(SNAPSHOT), broken, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)

    assert report["summary"]["breaking"] == 1
    assert report["summary"]["compatible"] == 1
    assert report["old"] == str(SNAPSHOT)
    assert report["changes"][0]["rule"] == "read-response-field-removed"
    assert report["changes"][0]["methods"] == list(READ_METHODS)


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
