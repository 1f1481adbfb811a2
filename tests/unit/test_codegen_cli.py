"""``python -m codegen fetch --replace``, ``fetch`` against a server that answers with an error, and ``generate``.

``main()`` is the console entry point (``python -m codegen``); each test runs it with a temporary ``--out-dir`` or
``--output``, so the repository's ``openapi/`` and ``generated/`` are never touched.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpx import HTTPXMock

from codegen.cli import main
from codegen.schema import current_snapshot

URL = "http://cml.test"
DOCUMENT = {"openapi": "3.1.0", "info": {"title": "CML", "version": "1.0.0"}, "paths": {}}
COMMITTED = Path(__file__).resolve().parents[2] / "generated" / "cml_api_client"


def _snapshots(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.glob("cml-*.json"))


def _old_snapshots(directory: Path) -> None:
    # Made-up versions in a scratch folder: what fetch does to snapshots, not which server the SDK is built from.
    (directory / "cml-7.1.0.json").write_text('{"openapi": "3.1.0", "paths": {}}\n')
    (directory / "cml-2026-01-01.json").write_text('{"openapi": "3.1.0", "paths": {}}\n')
    (directory / "notes.txt").write_text("not a snapshot")


def test_fetch_replace_keeps_only_the_new_snapshot(httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    httpx_mock.add_response(url=f"{URL}/openapi.json", json=DOCUMENT)
    _old_snapshots(tmp_path)

    code = main(["fetch", "--url", URL, "--server-version", "7.2.0", "--replace", "--out-dir", str(tmp_path)])

    assert code == 0
    assert _snapshots(tmp_path) == ["cml-7.2.0.json"]
    assert json.loads((tmp_path / "cml-7.2.0.json").read_text()) == DOCUMENT
    assert (tmp_path / "notes.txt").read_text() == "not a snapshot"  # only snapshots go
    readme = (tmp_path / "README.md").read_text()
    assert "cml-7.2.0.json" in readme and "7.2.0" in readme


def test_fetch_without_replace_keeps_the_others(httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    httpx_mock.add_response(url=f"{URL}/openapi.json", json=DOCUMENT)
    _old_snapshots(tmp_path)

    assert main(["fetch", "--url", URL, "--server-version", "7.2.0", "--out-dir", str(tmp_path)]) == 0

    assert _snapshots(tmp_path) == ["cml-2026-01-01.json", "cml-7.1.0.json", "cml-7.2.0.json"]


def test_fetch_replace_of_the_same_version_rewrites_it(httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    httpx_mock.add_response(url=f"{URL}/openapi.json", json=DOCUMENT)
    _old_snapshots(tmp_path)

    assert main(["fetch", "--url", URL, "--server-version", "7.1.0", "--replace", "--out-dir", str(tmp_path)]) == 0

    assert _snapshots(tmp_path) == ["cml-7.1.0.json"]
    assert json.loads((tmp_path / "cml-7.1.0.json").read_text()) == DOCUMENT


@pytest.mark.parametrize("status", [301, 401, 404, 500, 503])
def test_fetch_from_a_server_that_answers_with_an_error_writes_nothing(
    httpx_mock: HTTPXMock, tmp_path: Path, capsys: pytest.CaptureFixture[str], status: int
) -> None:
    # A 3xx without a Location cannot be followed: it is an answer like any other that is not 200.
    httpx_mock.add_response(url=f"{URL}/openapi.json", status_code=status, json=DOCUMENT)
    _old_snapshots(tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    code = main(["fetch", "--url", URL, "--replace", "--out-dir", str(tmp_path)])

    assert code == 2
    assert str(status) in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # not even --replace removed anything


def test_generate_writes_the_committed_package(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "cml_api_client"
    output.mkdir()
    (output / "stale_module.py").write_text("# left by an older generation\n")

    assert main(["generate", "--output", str(output)]) == 0

    def files(root: Path) -> dict[str, bytes]:
        return {
            str(p.relative_to(root)): p.read_bytes()
            for p in root.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        }

    assert files(output) == files(COMMITTED)  # what `nox -s codegen_check` holds generated/ to; the stale file went
    operations = [p for p in (COMMITTED / "api").rglob("*.py") if p.name != "__init__.py"]
    printed = capsys.readouterr().out
    assert f"generated {len(operations)} operations from {current_snapshot().name}" in printed


def test_generate_from_a_snapshot_that_is_not_openapi_leaves_the_output_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "cml-9.9.9.json"
    bad.write_text('{"swagger": "2.0", "paths": {}}')
    output = tmp_path / "cml_api_client"
    output.mkdir()
    (output / "client.py").write_text("# the current package\n")

    assert main(["generate", "--snapshot", str(bad), "--output", str(output)]) == 2

    assert "not an OpenAPI 3 document" in capsys.readouterr().err
    assert [p.name for p in output.iterdir()] == ["client.py"]
