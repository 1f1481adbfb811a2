"""The codegen tool's own pieces: patches, fetch errors, snapshot naming, and check's drift report."""

from __future__ import annotations

import copy
import json
import socket
from pathlib import Path

import httpx
import pytest
from pytest_httpx import HTTPXMock

from codegen import generate as gen
from codegen.cli import main
from codegen.patches import ERROR_STATUSES, PATCHES, apply_patches, operations
from codegen.schema import SchemaError, current_snapshot, fetch_document, load_document, normalise

SNAPSHOT = load_document(current_snapshot())


def test_patches_leave_the_snapshot_untouched() -> None:
    before = copy.deepcopy(SNAPSHOT)
    apply_patches(SNAPSHOT)
    assert before == SNAPSHOT


def test_every_patch_is_a_named_function_with_a_one_line_reason() -> None:
    for patch in PATCHES:
        assert patch.__doc__ and "\n" not in patch.__doc__.strip(), patch.__name__


def test_non_api_routes_are_dropped() -> None:
    patched = apply_patches(SNAPSHOT)
    assert "/dashboard/{rest_of_path}" in SNAPSHOT["paths"]
    assert all(path.startswith("/api/v1/") for path in patched["paths"])


def test_operation_ids_are_short_and_unique() -> None:
    patched = apply_patches(SNAPSHOT)
    ids = [op["operationId"] for _, _, op in operations(patched)]
    api_operations = [path for path, _, _ in operations(SNAPSHOT) if path.startswith("/api/v1/")]
    assert len(ids) == len(set(ids)) == len(api_operations)
    assert patched["paths"]["/api/v1/memory/write"]["post"]["operationId"] == "write_memory"
    assert patched["paths"]["/api/v1/session/{session_id}/context"]["get"]["operationId"] == "session_context"
    assert not any("_api_v1_" in i for i in ids)


def test_every_route_but_health_requires_the_api_key_header() -> None:
    patched = apply_patches(SNAPSHOT)
    assert patched["components"]["securitySchemes"]["APIKeyHeader"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
    }
    for path, _, op in operations(patched):
        assert ("security" in op) == (path != "/api/v1/health"), path


def test_error_bodies_are_declared_for_every_operation() -> None:
    patched = apply_patches(SNAPSHOT)
    assert patched["components"]["schemas"]["ErrorDetail"]["required"] == ["detail"]
    for path, method, op in operations(patched):
        for status in ERROR_STATUSES:
            schema = op["responses"][status]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorDetail"}, (method, path, status)
        assert "422" in op["responses"] or path == "/api/v1/health"


def test_the_stream_is_declared_as_server_sent_events() -> None:
    patched = apply_patches(SNAPSHOT)
    content = patched["paths"]["/api/v1/memory/read/stream"]["post"]["responses"]["200"]["content"]
    assert list(content) == ["text/event-stream"]


def test_normalise_is_sorted_indented_and_ends_with_a_newline() -> None:
    text = normalise({"b": 1, "a": {"d": 2, "c": 3}})
    assert text == '{\n  "a": {\n    "c": 3,\n    "d": 2\n  },\n  "b": 1\n}\n'
    assert current_snapshot().read_text() == normalise(SNAPSHOT)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_fetch_from_an_unreachable_url_fails_clearly(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["fetch", "--url", f"http://127.0.0.1:{_closed_port()}", "--timeout", "2"])
    err = capsys.readouterr().err
    assert code == 2
    assert "unreachable" in err and "nox -s server" in err


def test_fetch_of_a_document_that_is_not_openapi3_fails_clearly(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url="http://cml.test/openapi.json", json={"swagger": "2.0", "paths": {}})
    with pytest.raises(SchemaError, match="not an OpenAPI 3 document"):
        fetch_document("http://cml.test")


def test_fetch_of_a_body_that_is_not_json_fails_clearly(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url="http://cml.test/openapi.json", text="<html>login</html>")
    with pytest.raises(SchemaError, match="not JSON"):
        fetch_document("http://cml.test")


def test_fetch_timeout_fails_clearly(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_exception(httpx.ReadTimeout("slow"))
    with pytest.raises(SchemaError, match="no answer within"):
        fetch_document("http://cml.test", timeout=1)


def test_fetch_writes_a_normalised_snapshot_named_after_the_version(httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    httpx_mock.add_response(url="http://cml.test/openapi.json", json={"paths": {}, "openapi": "3.1.0"})
    assert main(["fetch", "--url", "http://cml.test", "--server-version", "9.9.9", "--out-dir", str(tmp_path)]) == 0
    written = tmp_path / "cml-9.9.9.json"
    assert written.read_text() == '{\n  "openapi": "3.1.0",\n  "paths": {}\n}\n'
    assert "9.9.9" in (tmp_path / "README.md").read_text()


def test_check_reports_drift_and_the_command_to_fix_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "cml_api_client"
    gen.generate(current_snapshot(), output)
    assert main(["check", "--output", str(output)]) == 0
    (output / "client.py").write_text((output / "client.py").read_text() + "# hand edit\n")
    (output / "stray.py").write_text("")
    (output / "types.py").unlink()
    assert main(["check", "--output", str(output)]) == 1
    err = capsys.readouterr().err
    assert "differs: client.py" in err and "# hand edit" in err
    assert "not produced by the generator: stray.py" in err
    assert "missing from generated/: types.py" in err
    assert "nox -s codegen" in err


def test_generation_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    gen.generate(current_snapshot(), first)
    gen.generate(current_snapshot(), second)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    assert (first / "py.typed").exists()


def test_snapshot_diff_cli_on_a_file_that_is_not_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert main(["diff", str(bad), str(current_snapshot())]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    assert json.loads(current_snapshot().read_text())["openapi"].startswith("3.")


def test_refetching_the_same_document_keeps_its_provenance(httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    httpx_mock.add_response(
        url="http://cml.test/openapi.json", json={"paths": {}, "openapi": "3.1.0"}, is_reusable=True
    )
    args = ["fetch", "--url", "http://cml.test", "--server-version", "9.9.9", "--out-dir", str(tmp_path)]
    assert main(args) == 0
    readme = tmp_path / "README.md"
    readme.write_text(readme.read_text().replace("fetched on | 20", "fetched on | 19"))  # as if fetched long ago
    before = readme.read_text()
    assert main(args) == 0
    assert readme.read_text() == before
