"""The command line as a new user meets it: failing fast, advice in its own terms, JSON errors, stdin, Ctrl-C."""

from __future__ import annotations

import json
import signal
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

from cml_ergonomic.cli import EXIT_API_ERROR, EXIT_OK, EXIT_UNREACHABLE, EXIT_USAGE
from cml_ergonomic.server.sources import built_for_version
from tests.unit.conftest import ADMIN_KEY, API, API_KEY, BASE_URL, error_body, write_batch_body, write_body
from tests.unit.test_cli import LISTING, TENANT, Result, cml, export_file, sent_json, server_config, stats_body
from tests.unit.test_schemadiff_recorded import OLD

EXIT_INTERRUPTED = 130  # the shell's code for SIGINT (128 + 2), written out: the test must not take it from the code
# Words of the SDK's Python API that mean nothing in a shell.
PYTHON_SPEAK = ("api_key=", "admin_api_key=", "to the client", "base_url", "client.", "docstring")
EXPLAIN_BUG_BODY = {  # what server 1.5.1 answers to retrieval/explain whenever the query finds anything (recorded)
    "detail": "2 validation errors for DashboardRetrievalExplainResponse\nrerank.0.id\n  Field required "
    "[type=missing, input_value={'rank': 1, 'memory_id': ...rieval_score_fallback']}, input_type=dict]\n    "
    "For further information visit https://errors.pydantic.dev/2.12/v/missing\nrerank.0.source_type\n  Field "
    "required [type=missing, input_value={'rank': 1, 'memory_id': ...rieval_score_fallback']}, input_type=dict]\n"
    "    For further information visit https://errors.pydantic.dev/2.12/v/missing"
}


@pytest.fixture(autouse=True)
def _server_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CML_BASE_URL", BASE_URL)
    monkeypatch.setenv("CML_API_KEY", API_KEY)
    monkeypatch.setenv("CML_MAX_RETRIES", "0")


def lines_file(tmp_path: Path, count: int) -> Path:
    return export_file(tmp_path / "in.jsonl", [{"text": f"memory {n}", "type": "plan"} for n in range(count)])


# --------------------------------------------------------------------------- B1: a wrong key fails fast


@pytest.mark.parametrize("status", [401, 403])
def test_a_refused_key_stops_the_import_at_the_first_refusal(
    httpx_mock: HTTPXMock, tmp_path: Path, status: int
) -> None:
    httpx_mock.add_response(url=f"{API}/memory/write", status_code=status, json=error_body("Invalid API key"))
    source = lines_file(tmp_path, 152)
    result = cml("import", str(source), "--concurrency", "1")
    assert result.code == EXIT_API_ERROR
    assert len(httpx_mock.get_requests()) == 1  # not 152 requests, each refused the same way
    assert result.out.count("Invalid API key") == 0 and result.err.count("Invalid API key") == 1
    assert result.out.splitlines() == [result.out.splitlines()[0]]  # one summary line, no line per memory
    assert "read 152, written 0, skipped 0, failed 0, not sent 152" in result.out
    assert "stopped at the first refusal" in result.err


def test_a_refused_key_with_concurrency_still_prints_one_error(httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    httpx_mock.add_response(
        url=f"{API}/memory/write", status_code=401, json=error_body("Invalid API key"), is_reusable=True
    )
    source = lines_file(tmp_path, 60)
    result = cml("--json", "import", str(source), "--concurrency", "4")
    summary = json.loads(result.out)
    assert result.code == EXIT_API_ERROR
    assert len(httpx_mock.get_requests()) <= 4  # at most the requests already in flight
    assert (summary["written"], summary["failed"], summary["not_sent"]) == (0, 0, 60)
    (error_line,) = result.err.strip().splitlines()
    assert json.loads(error_line)["error"]["exit_code"] == EXIT_API_ERROR


# --------------------------------------------------------------------------- B2: advice in the CLI's own terms


def test_a_missing_key_is_advised_as_a_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CML_API_KEY")
    result = cml("stats")
    assert result.code == EXIT_USAGE
    assert "Suggestion: Pass --api-key, or set CML_API_KEY." in result.err
    assert not [word for word in PYTHON_SPEAK if word in result.err]


def test_a_wrong_api_key_is_advised_as_the_api_key_flag(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{API}/memory/stats", status_code=401, json=error_body("Invalid API key"))
    result = cml("stats")
    assert "--api-key or set CML_API_KEY" in result.err
    assert "admin" not in result.err.lower()
    assert not [word for word in PYTHON_SPEAK if word in result.err]


def test_a_wrong_admin_key_is_advised_as_the_admin_key(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{API}/dashboard/tenants", status_code=401, json=error_body("Invalid API key"))
    result = cml("--admin-api-key", "wrong-admin-key", "admin", "tenants")
    assert result.code == EXIT_API_ERROR
    assert "Check the admin key: pass --admin-api-key or set CML_ADMIN_API_KEY" in result.err
    assert "CML_API_KEY" not in result.err.replace("CML_ADMIN_API_KEY", "")
    assert not [word for word in PYTHON_SPEAK if word in result.err]


def test_the_normal_key_used_as_admin_key_is_advised_as_the_admin_key(httpx_mock: HTTPXMock) -> None:
    refused = error_body("Admin permission required")
    httpx_mock.add_response(url=f"{API}/dashboard/tenants", status_code=403, json=refused)
    result = cml("--admin-api-key", API_KEY, "admin", "tenants")
    assert "--admin-api-key or set CML_ADMIN_API_KEY" in result.err
    assert not [word for word in PYTHON_SPEAK if word in result.err]


@pytest.mark.parametrize(
    ("sdk", "cli"),
    [
        ("Pass api_key='...' to the client, or set the CML_API_KEY variable.", "Pass --api-key, or set CML_API_KEY."),
        (
            "pass admin_api_key=... to the client or set CML_ADMIN_API_KEY",
            "pass --admin-api-key or set CML_ADMIN_API_KEY",
        ),
        ("Check base_url / CML_BASE_URL.", "Check --base-url / CML_BASE_URL."),
        ("e.g. base_url='http://localhost:8000'", "e.g. --base-url http://localhost:8000"),
        ("e.g. timeout=10.0", "e.g. --timeout 10.0"),
        ("run client.check_compatibility(), or upgrade", "run cml-ergonomic check, or upgrade"),
        ("Check the arguments against the method's docstring.", "Check the arguments against the command's --help."),
    ],
)
def test_cli_terms_translate_the_sdk_s_advice(sdk: str, cli: str) -> None:
    from cml_ergonomic.cli._errors import cli_terms

    assert cli_terms(sdk) == cli


def test_a_bad_base_url_is_advised_as_the_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CML_BASE_URL", "localhost:8000")
    result = cml("stats")
    assert result.code == EXIT_USAGE
    assert "Error: --base-url 'localhost:8000' needs a scheme and a host" in result.err
    assert not [word for word in PYTHON_SPEAK if word in result.err]


def test_no_pager_wording_in_an_export_error(httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    httpx_mock.add_response(url=LISTING, status_code=500, json=error_body("database is down"))
    result = cml("--admin-api-key", ADMIN_KEY, "--tenant", TENANT, "export", "-o", str(tmp_path / "out.jsonl"))
    assert result.code == EXIT_API_ERROR
    assert "database is down" in result.err
    assert "listing stopped" not in result.err and "item(s) before it" not in result.err


def test_no_pager_wording_in_an_import_error(httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    httpx_mock.add_response(url=f"{API}/dashboard/config", json=server_config(TENANT))  # the key's own tenant
    httpx_mock.add_response(url=f"{API}/memory/stats", json=stats_body())  # the import's tenant check
    httpx_mock.add_response(url=LISTING, status_code=500, json=error_body("database is down"))
    source = lines_file(tmp_path, 2)
    result = cml("--admin-api-key", ADMIN_KEY, "--tenant", TENANT, "import", str(source))
    assert result.code == EXIT_API_ERROR
    assert "database is down" in result.err
    assert "listing stopped" not in result.err and "item(s) before it" not in result.err


def test_a_control_character_in_a_line_is_reported_without_a_doubled_word(tmp_path: Path) -> None:
    source = export_file(tmp_path / "in.jsonl", ['{"text": "a\tb"}'])
    result = cml("import", str(source), "--dry-run")
    assert "line 2: not JSON (Invalid control character at column 12)" in result.out
    assert "at at" not in result.out


# --------------------------------------------------------------------------- B3: --json covers errors


def _json_error(result: Result) -> dict[str, Any]:
    (line,) = result.err.strip().splitlines()  # one JSON object, nothing else on stderr
    error: dict[str, Any] = json.loads(line)["error"]
    assert error["exit_code"] == result.code
    return error


def test_json_errors_have_the_same_exit_codes(httpx_mock: HTTPXMock, monkeypatch: pytest.MonkeyPatch) -> None:
    httpx_mock.add_response(
        url=f"{API}/memory/stats", status_code=404, json=error_body("Tenant not found"), is_reusable=True
    )
    httpx_mock.add_exception(httpx.ConnectError("Connection refused"), url=f"{API}/memory/read")
    api = cml("--json", "stats")
    assert api.code == cml("stats").code == EXIT_API_ERROR
    error = _json_error(api)
    assert "Tenant not found" in error["message"]
    assert (error["type"], error["status_code"]) == ("NotFoundError", 404)
    assert error["suggestion"]

    unreachable = cml("read", "q", "--json")
    assert unreachable.code == EXIT_UNREACHABLE
    assert _json_error(unreachable)["type"] == "CMLConnectionError"

    usage = cml("--json", "read", "q", "--max-results", "99")
    assert usage.code == EXIT_USAGE
    assert "max-results" in _json_error(usage)["message"]

    monkeypatch.delenv("CML_API_KEY")
    config = cml("stats", "--json")
    assert config.code == EXIT_USAGE
    assert _json_error(config)["type"] == "ConfigurationError"


def test_a_json_error_never_holds_a_key(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(status_code=401, json={"detail": f"Invalid API key {API_KEY} / {ADMIN_KEY}"})
    result = cml("--json", "--api-key", API_KEY, "--admin-api-key", ADMIN_KEY, "stats")
    assert result.code == EXIT_API_ERROR
    error = _json_error(result)
    assert "Invalid API key" in error["message"]
    assert API_KEY not in result.err and ADMIN_KEY not in result.err


def test_without_json_errors_stay_text(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{API}/memory/stats", status_code=404, json=error_body("Tenant not found"))
    result = cml("stats")
    assert result.err.startswith("Error: ") and "{" not in result.err


# --------------------------------------------------------------------------- B4: import - reads standard input


def test_import_dash_reads_standard_input(
    httpx_mock: HTTPXMock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    httpx_mock.add_response(url=f"{API}/memory/write", json=write_body(), is_reusable=True)
    httpx_mock.add_response(url=f"{API}/memory/write_batch", json=write_batch_body(1))
    text = export_file(tmp_path / "piped.jsonl", [{"text": "typed", "type": "plan"}, {"text": "plain"}]).read_text()
    result = cml("--json", "import", "-", "--concurrency", "1", stdin=text, monkeypatch=monkeypatch)
    assert result.code == EXIT_OK, result.err
    summary = json.loads(result.out)
    assert (summary["read"], summary["written"], summary["journal"]) == (2, 2, None)
    sent = {r.url.path: sent_json(r) for r in httpx_mock.get_requests()}
    assert sent["/api/v1/memory/write"]["content"] == "typed"
    assert sent["/api/v1/memory/write_batch"] == {"turns": [{"content": "plain"}]}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["piped.jsonl"]  # no journal left without --journal


def test_import_dash_keeps_the_journal_it_is_given(
    httpx_mock: HTTPXMock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    httpx_mock.add_response(url=f"{API}/memory/write", json=write_body())
    text = export_file(tmp_path / "piped.jsonl", [{"text": "typed", "type": "plan"}]).read_text()
    journal = tmp_path / "j.journal"
    first = cml("import", "-", "--journal", str(journal), stdin=text, monkeypatch=monkeypatch)
    assert first.code == EXIT_OK, first.err
    again = cml("--json", "import", "-", "--journal", str(journal), stdin=text, monkeypatch=monkeypatch)
    assert json.loads(again.out)["skipped"] == 1
    assert len(httpx_mock.get_requests()) == 1


def test_import_dash_dry_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    text = export_file(tmp_path / "p.jsonl", [{"text": "a", "type": "plan"}, "{bad"]).read_text()
    result = cml("--json", "import", "-", "--dry-run", stdin=text, monkeypatch=monkeypatch)
    summary = json.loads(result.out)
    assert (summary["read"], summary["failed"]) == (2, 1)


# --------------------------------------------------------------------------- B5: Ctrl-C


def _sigint_on_request(number: int) -> Any:
    """A response callback that sends SIGINT to the main thread, as Ctrl-C does, when request ``number`` arrives."""
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if len(seen) == number:
            signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)
            # Hold this answer a moment: on a loaded machine the main thread may not run before the worker has sent
            # every line; with --concurrency 1 nothing else is sent meanwhile, so the interrupt lands mid-import.
            time.sleep(1.0)
        return httpx.Response(200, json=write_body())

    return answer


def test_an_interrupted_import_says_what_happened_and_exits_130(httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    httpx_mock.add_callback(_sigint_on_request(2), url=f"{API}/memory/write", is_reusable=True)
    source = lines_file(tmp_path, 20)
    result = cml("import", str(source), "--concurrency", "1")
    assert result.code == EXIT_INTERRUPTED
    sent = len(httpx_mock.get_requests())
    assert sent < 20
    assert f"written {sent}" in result.out and f"not sent {20 - sent}" in result.out
    assert f"Error: interrupted: {sent} line(s) written, {20 - sent} not sent" in result.err
    assert "Run the same command again to resume" in result.err
    journals = list(tmp_path.glob("*.journal"))
    assert len(journals) == 1 and journals[0].read_text().count("done ") == sent

    httpx_mock.add_response(url=f"{API}/memory/write", json=write_body(), is_reusable=True)
    rerun = cml("--json", "import", str(source))
    assert json.loads(rerun.out)["written"] == 20 - sent  # the resumed run sends only what was not stored


def test_an_interrupted_import_in_json_mode(httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    httpx_mock.add_callback(_sigint_on_request(1), url=f"{API}/memory/write", is_reusable=True)
    result = cml("--json", "import", str(lines_file(tmp_path, 5)), "--concurrency", "1")
    assert result.code == EXIT_INTERRUPTED
    summary = json.loads(result.out)
    assert summary["interrupted"] is True and summary["written"] + summary["not_sent"] == 5
    written, not_sent = summary["written"], summary["not_sent"]
    assert _json_error(result)["message"] == f"interrupted: {written} line(s) written, {not_sent} not sent"


def test_an_interrupted_import_from_stdin_says_how_to_resume_without_a_journal(
    httpx_mock: HTTPXMock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    httpx_mock.add_callback(_sigint_on_request(1), url=f"{API}/memory/write", is_reusable=True)
    text = lines_file(tmp_path, 5).read_text()
    result = cml("import", "-", "--concurrency", "1", stdin=text, monkeypatch=monkeypatch)
    assert result.code == EXIT_INTERRUPTED
    assert "Run the same import again to resume" in result.err and "give --journal to keep a journal" in result.err


def test_ctrl_c_in_any_command_exits_130(httpx_mock: HTTPXMock) -> None:
    def interrupt(request: httpx.Request) -> httpx.Response:
        raise KeyboardInterrupt

    httpx_mock.add_callback(interrupt, url=f"{API}/memory/stats")
    result = cml("stats")
    assert result.code == EXIT_INTERRUPTED
    assert result.err.startswith("Error: interrupted")


# --------------------------------------------------------------------------- B6: admin explain on 1.5.1


def test_admin_explain_names_the_known_server_bug_without_retrying(
    httpx_mock: HTTPXMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CML_MAX_RETRIES", "2")
    httpx_mock.add_response(url=f"{API}/dashboard/retrieval/explain", status_code=500, json=EXPLAIN_BUG_BODY)
    result = cml("--admin-api-key", ADMIN_KEY, "--tenant", TENANT, "admin", "explain", "chess")
    assert result.code == EXIT_API_ERROR
    assert len(httpx_mock.get_requests()) == 1
    assert "a known bug of CML server 1.5.1" in result.err
    assert "server 2.0.0 fixes it" in result.err
    assert "retry later" not in result.err and "pydantic" not in result.err and "Field required" not in result.err


def test_admin_explain_still_retries_another_500(httpx_mock: HTTPXMock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CML_MAX_RETRIES", "1")
    monkeypatch.setattr("cml_ergonomic._retry_tenacity.backoff", lambda n, rng=None: 0.0)
    monkeypatch.setattr("cml_ergonomic._retry.backoff", lambda n, rng=None: 0.0)
    httpx_mock.add_response(
        url=f"{API}/dashboard/retrieval/explain", status_code=500, json=error_body("boom"), is_reusable=True
    )
    result = cml("--admin-api-key", ADMIN_KEY, "--tenant", TENANT, "admin", "explain", "chess")
    assert result.code == EXIT_API_ERROR
    assert len(httpx_mock.get_requests()) == 2
    assert "known bug" not in result.err


# --------------------------------------------------------------------------- B7: check against an older server


def test_check_against_an_older_server_says_so_first(httpx_mock: HTTPXMock) -> None:
    older = json.loads(OLD.read_text(encoding="utf-8"))  # the oldest recorded server document
    httpx_mock.add_response(url=f"{BASE_URL}/openapi.json", json=older, is_reusable=True)
    result = cml("check")
    assert result.code == EXIT_API_ERROR
    first = result.out.splitlines()[0]
    assert first.startswith(
        f"This server is older than the one this SDK was built for (CML server {built_for_version()})"
    )
    assert "every method works except admin.consolidation.status() (server 2.0.0)" in first
    as_json = cml("check", "--json")
    document = json.loads(as_json.out)
    assert document["older_server"] is True and document["compatible"] is False
    assert _json_error(as_json)["message"] == first


def test_check_against_a_changed_server_does_not_call_it_older(httpx_mock: HTTPXMock) -> None:
    from cml_ergonomic._compat import load_snapshot

    changed = json.loads(json.dumps(load_snapshot()))
    del changed["paths"]["/api/v1/memory/stats"]
    httpx_mock.add_response(url=f"{BASE_URL}/openapi.json", json=changed)
    result = cml("check")
    assert result.code == EXIT_API_ERROR
    assert "older" not in result.out


# --------------------------------------------------------------------------- C4: only SDK errors reach the CLI


def test_a_corrupt_compressed_answer_is_one_error_line(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_callback(
        lambda request: httpx.Response(
            200, headers={"content-encoding": "gzip"}, stream=httpx.ByteStream(b"this is not gzip")
        )
    )
    result = cml("stats")
    assert result.code == EXIT_API_ERROR
    assert result.err.startswith("Error: GET /api/v1/memory/stats answered with a body that could not be decoded")
    assert "DecodingError:" not in result.err and "--debug" not in result.err


def test_a_redirect_is_advised_as_the_base_url_flag(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(status_code=301, headers={"location": "https://cml.test:8000/api/v1/memory/stats"})
    result = cml("stats")
    assert result.code == EXIT_API_ERROR
    assert "Use --base-url https://cml.test:8000." in result.err
    assert not [word for word in PYTHON_SPEAK if word in result.err]


def test_an_import_line_that_is_not_utf8_is_one_malformed_line(httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    httpx_mock.add_response(url=f"{API}/memory/write", json=write_body())
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"text": "caf\xe9", "type": "plan"}\n{"text": "good", "type": "plan"}\n')
    result = cml("import", str(source))
    assert result.code == EXIT_API_ERROR  # a line failed; the other was imported
    assert "written 1" in result.out and "failed 1" in result.out
    assert "line 1: not UTF-8 text (byte 0xe9 at column 14)" in result.out


def test_standard_input_that_is_not_utf8_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    class Bytes:
        def read(self) -> str:
            return b"caf\xe9".decode("utf-8")

    monkeypatch.setattr("sys.stdin", Bytes())
    result = cml("write", "-")
    assert result.code == EXIT_USAGE
    assert result.err.startswith("Error: the input is not UTF-8 text")


def test_every_failed_import_ends_with_one_json_error(httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    source = export_file(tmp_path / "in.jsonl", [{"text": "good", "type": "plan"}, "{bad"])
    strict = cml("--json", "import", str(source), "--strict")
    assert strict.code == EXIT_USAGE and "--strict" in _json_error(strict)["message"]

    httpx_mock.add_response(url=f"{API}/memory/write", json=write_body())
    failed = cml("--json", "import", str(source))
    assert failed.code == EXIT_API_ERROR and _json_error(failed)["message"] == "1 line(s) failed"
    assert json.loads(failed.out)["failures"][0]["line"] == 3

    httpx_mock.add_exception(httpx.ConnectError("Connection refused"))
    gone = cml("--json", "import", str(lines_file(tmp_path, 1)))
    assert gone.code == EXIT_UNREACHABLE and "unreachable" in _json_error(gone)["message"]

    httpx_mock.add_response(url=f"{API}/memory/write", status_code=401, json=error_body("Invalid API key"))
    refused = cml("--json", "import", str(export_file(tmp_path / "r.jsonl", [{"text": "r", "type": "plan"}])))
    error = _json_error(refused)
    assert (error["type"], error["status_code"]) == ("AuthenticationError", 401)
