"""The regeneration workflow end to end against the real server, without touching the tree.

fetch from the running server → the snapshot is byte-identical to openapi/ →
the diff is empty → generating from it gives exactly generated/. That is
"fetch then generate leaves git status clean", proven in temporary folders.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codegen import generate as gen
from codegen.cli import main
from codegen.schema import current_snapshot
from tests.conftest import ServerInfo


@pytest.fixture(scope="module")
def fetched(cml_server: ServerInfo, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out_dir = tmp_path_factory.mktemp("openapi")
    assert main(["fetch", "--url", cml_server.base_url, "--server-version", "live", "--out-dir", str(out_dir)]) == 0
    return out_dir / "cml-live.json"


def test_fetch_reproduces_the_committed_snapshot(fetched: Path) -> None:
    assert fetched.read_bytes() == current_snapshot().read_bytes()
    provenance = (fetched.parent / "README.md").read_text()
    assert "sha256" in provenance and "python -m codegen fetch" in provenance


def test_diff_against_the_live_server_is_empty(cml_server: ServerInfo, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["diff", str(current_snapshot()), cml_server.base_url, "--format", "json", "--fail-on-breaking"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert report["changes"] == []


def test_generate_from_the_fetched_snapshot_matches_generated(fetched: Path, tmp_path: Path) -> None:
    output = tmp_path / "cml_api_client"
    count = gen.generate(fetched, output)
    assert count == gen.count_operations(gen.GENERATED_DIR) == 62  # 61 API paths, /dashboard/config has GET and PUT
    assert not gen.check(fetched, gen.GENERATED_DIR), "generated/ differs from what the live schema produces"


def test_check_compatibility_with_the_live_server(cml_server: ServerInfo) -> None:
    from cml_ergonomic import CognitiveMemoryLayer

    with CognitiveMemoryLayer(base_url=cml_server.base_url, api_key=cml_server.api_key) as client:
        report = client.check_compatibility()
    assert report.compatible, str(report)
    assert report.issues == [] and report.affected_methods == ()
