"""The regeneration workflow end to end against the real server, without touching the tree.

Against the server version the SDK is built from: fetch from the running
server → the snapshot is byte-identical to openapi/ → the diff is empty →
generating from it gives exactly generated/. That is "fetch then generate
leaves git status clean", proven in temporary folders.

Against another version of the matrix, the fetched document is the one
recorded for that version in ``tests/data/openapi/``, and
``check_compatibility()`` names exactly what that server lacks of what the
wrapper calls.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cml_ergonomic._operations import OPERATIONS
from cml_ergonomic.server.sources import built_for_version
from codegen import generate as gen
from codegen.cli import main
from codegen.patches import operations
from codegen.schema import current_snapshot, load_document
from tests.conftest import ServerInfo

RECORDED = Path(__file__).resolve().parents[1] / "data" / "openapi"


def _is_built_for(server: ServerInfo) -> bool:
    if server.version is None:
        pytest.fail("this test depends on the server's version: pass --server-version (or CML_SERVER_VERSION)")
    return server.version == built_for_version()


def _expected_document(server: ServerInfo) -> Path:
    if _is_built_for(server):
        return current_snapshot()
    recorded = RECORDED / f"cml-{server.version}.json"
    if not recorded.exists():
        pytest.fail(f"no snapshot of server {server.version} is recorded in {RECORDED}: fetch one and add it")
    return recorded


@pytest.fixture(scope="module")
def fetched(cml_server: ServerInfo, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out_dir = tmp_path_factory.mktemp("openapi")
    assert main(["fetch", "--url", cml_server.base_url, "--server-version", "live", "--out-dir", str(out_dir)]) == 0
    return out_dir / "cml-live.json"


def test_fetch_reproduces_the_recorded_snapshot_of_this_version(cml_server: ServerInfo, fetched: Path) -> None:
    assert fetched.read_bytes() == _expected_document(cml_server).read_bytes()
    provenance = (fetched.parent / "README.md").read_text()
    assert "sha256" in provenance and "python -m codegen fetch" in provenance


def test_diff_against_the_live_server(cml_server: ServerInfo, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["diff", str(current_snapshot()), cml_server.base_url, "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    if _is_built_for(cml_server):
        assert report["changes"] == []
    else:
        assert report["changes"], f"server {cml_server.version} serves exactly the schema of {built_for_version()}"


def test_generate_from_the_fetched_snapshot(cml_server: ServerInfo, fetched: Path, tmp_path: Path) -> None:
    output = tmp_path / "cml_api_client"
    count = gen.generate(fetched, output)
    api_operations = [path for path, _, _ in operations(load_document(fetched)) if path.startswith("/api/v1/")]
    assert count == gen.count_operations(output) == len(api_operations)
    drift = gen.check(fetched, gen.GENERATED_DIR)
    if _is_built_for(cml_server):
        assert not drift, "generated/ differs from what the live schema produces"
    else:
        assert drift, f"server {cml_server.version}'s schema generates exactly generated/"


def _wrapped_operations_missing_from(document: dict[str, Any]) -> set[str]:
    live = {f"{method.upper()} {path}" for path, method, _ in operations(document)}
    return {op.label for op in OPERATIONS.values()} - live


def test_check_compatibility_with_the_live_server(cml_server: ServerInfo, fetched: Path) -> None:
    from cml_ergonomic import CognitiveMemoryLayer

    with CognitiveMemoryLayer(base_url=cml_server.base_url, api_key=cml_server.api_key) as client:
        report = client.check_compatibility()
    if _is_built_for(cml_server):
        assert report.compatible, str(report)
        assert report.issues == [] and report.affected_methods == ()
        return
    # An older server: the report names what it lacks of what the wrapper calls, and nothing it has extra.
    missing = _wrapped_operations_missing_from(load_document(fetched))
    removed_operations = {issue.operation for issue in report.issues if issue.kind == "operation-removed"}
    assert removed_operations == missing, str(report)
    lacks = {"operation-removed", "read-response-field-removed", "parameter-removed", "sent-request-field-removed"}
    assert {issue.rule for issue in report.issues} <= lacks, str(report)
    assert report.compatible is (not report.issues)
