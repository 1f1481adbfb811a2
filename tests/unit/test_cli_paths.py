"""Command-line paths a user meets that the main CLI tests leave out: ``check``, ``admin explain``, keys given as
``--api-key=VALUE``, Ctrl-C (a real SIGINT to a real process), ``export -o -``, an export that fails at its very
end, and bad ``--timestamp`` / ``--metadata`` values.

These check behaviour (exit codes, what reaches stdout, what is left on disk, that no key is shown), not the exact
wording of messages.
"""

from __future__ import annotations

import copy
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from cml_ergonomic._compat import load_snapshot
from cml_ergonomic.cli import EXIT_API_ERROR, EXIT_OK, EXIT_USAGE
from cml_ergonomic.cli._app import run
from cml_ergonomic.cli._output import Output
from tests.faults.faultserver import READ_PATH, FaultServer, slow
from tests.unit.conftest import ADMIN_KEY, API, API_KEY, BASE_URL, write_body
from tests.unit.test_cli import TENANT, _export_server, cml, listing_item

BODIES = json.loads((Path(__file__).parent / "admin_bodies.json").read_text(encoding="utf-8"))
OPENAPI_URL = f"{BASE_URL}/openapi.json"


@pytest.fixture(autouse=True)
def _server_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CML_BASE_URL", BASE_URL)
    monkeypatch.setenv("CML_API_KEY", API_KEY)
    monkeypatch.setenv("CML_MAX_RETRIES", "0")


# --------------------------------------------------------------------------- check


def _live_without_total_count() -> dict[str, Any]:
    live = copy.deepcopy(load_snapshot())
    schema = live["components"]["schemas"]["ReadMemoryResponse"]
    del schema["properties"]["total_count"]
    schema["required"].remove("total_count")
    return live


def test_check_against_the_same_api_exits_0(httpx_mock: HTTPXMock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CML_API_KEY")  # the document needs no key
    httpx_mock.add_response(url=OPENAPI_URL, json=load_snapshot())

    result = cml("check")

    assert result.code == EXIT_OK, result.err
    assert "compatible" in result.out


def test_check_against_a_different_api_exits_1_naming_the_methods(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=OPENAPI_URL, json=_live_without_total_count())

    result = cml("check")

    assert result.code == EXIT_API_ERROR
    assert "total_count" in result.out
    assert "read" in result.out


def test_check_json_is_one_document(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=OPENAPI_URL, json=_live_without_total_count())

    result = cml("check", "--json")

    assert result.code == EXIT_API_ERROR
    document = json.loads(result.out)
    assert document["compatible"] is False and document["error"] is None
    assert "read" in document["affected_methods"]
    assert {"operation": "POST /api/v1/memory/read", "location": "response.total_count"}.items() <= next(
        issue for issue in document["issues"] if issue["location"] == "response.total_count"
    ).items()


def test_check_against_something_that_is_not_openapi_exits_1_with_the_reason(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=OPENAPI_URL, content=b"<html>Sign in</html>", headers={"content-type": "text/html"})

    result = cml("check", "--json")

    assert result.code == EXIT_API_ERROR
    document = json.loads(result.out)
    assert document["compatible"] is False
    assert "OpenAPI" in document["error"]
    assert document["issues"] == []


# --------------------------------------------------------------------------- admin explain


def test_admin_explain_prints_the_plan_and_the_results(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{API}/dashboard/retrieval/explain", json=BODIES["explain"])

    result = cml("--admin-api-key", ADMIN_KEY, "--tenant", TENANT, "admin", "explain", "mango smoothies")

    assert result.code == EXIT_OK, result.err
    sent = json.loads(httpx_mock.get_requests()[0].content)
    assert (sent["query"], sent["tenant_id"], sent["max_results"]) == ("mango smoothies", TENANT, 10)
    assert "Quillfeather the zebra prefers mango smoothies" in result.out  # the result found
    assert "constraints" in result.out  # a source of the plan
    assert "0.53" in result.out  # its relevance (the server calls it relevance_score)


def test_admin_explain_json_is_the_servers_explanation(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{API}/dashboard/retrieval/explain", json=BODIES["explain"])

    result = cml(
        "--admin-api-key", ADMIN_KEY, "--tenant", TENANT, "--json", "admin", "explain", "mango", "--max-results", "3"
    )

    assert result.code == EXIT_OK, result.err
    document = json.loads(result.out)
    assert document["total_count"] == BODIES["explain"]["total_count"]
    assert [r["text"] for r in document["results"]] == [r["text"] for r in BODIES["explain"]["results"]]
    assert json.loads(httpx_mock.get_requests()[0].content)["max_results"] == 3


@pytest.mark.parametrize(
    ("args", "missing"),
    [(("--tenant", TENANT), "admin"), (("--admin-api-key", ADMIN_KEY), "tenant")],
    ids=["no-admin-key", "no-tenant"],
)
def test_admin_explain_without_what_it_needs_is_a_usage_error(
    httpx_mock: HTTPXMock, args: tuple[str, ...], missing: str
) -> None:
    result = cml(*args, "admin", "explain", "mango")

    assert result.code == EXIT_USAGE
    assert missing in result.err.lower()
    assert httpx_mock.get_requests() == []


# --------------------------------------------------------------------------- --api-key=VALUE


ADMIN_SECRET = "adm-EQUALS-FORM-424242"
API_SECRET = "sk-EQUALS-FORM-737373"


@pytest.mark.parametrize("extra", [(), ("--json",), ("--debug",)], ids=["text", "json", "debug"])
def test_keys_given_with_equals_never_appear(httpx_mock: HTTPXMock, extra: tuple[str, ...]) -> None:
    # The worst case: a server whose error message echoes both keys back.
    echo = f"key {API_SECRET} is not valid here; admin key {ADMIN_SECRET} neither"
    httpx_mock.add_response(status_code=401, json={"detail": echo})

    result = cml(f"--api-key={API_SECRET}", f"--admin-api-key={ADMIN_SECRET}", *extra, "stats")

    assert result.code == EXIT_API_ERROR
    assert "not valid here" in result.both  # the message itself is shown...
    assert API_SECRET not in result.both and ADMIN_SECRET not in result.both  # ...without the keys
    assert httpx_mock.get_requests()[0].headers["x-api-key"] == API_SECRET  # the key was used, not mangled


def test_a_key_given_with_equals_after_the_command_is_masked_in_output(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{API}/memory/write", json=write_body(message=f"stored for {API_SECRET}"))

    result = cml("write", "hello", f"--api-key={API_SECRET}", "--json")

    assert result.code == EXIT_OK, result.err
    assert API_SECRET not in result.both
    assert json.loads(result.out)["success"] is True


def test_a_key_given_with_equals_is_masked_when_parsing_fails(httpx_mock: HTTPXMock) -> None:
    # argparse echoes what it cannot parse: here the key itself, pasted where a number belongs.
    result = cml(f"--api-key={API_SECRET}", "read", "q", f"--max-results={API_SECRET}")

    assert result.code == EXIT_USAGE
    assert API_SECRET not in result.both
    assert httpx_mock.get_requests() == []


# --------------------------------------------------------------------------- bad --timestamp / --metadata


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--timestamp", "yesterday"),
        ("--timestamp", "2026-13-45T99:00:00"),
        ("--metadata", "{not json"),
        ("--metadata", '["a", "list"]'),
        ("--metadata", '"a string"'),
    ],
    ids=["timestamp-words", "timestamp-impossible", "metadata-not-json", "metadata-list", "metadata-string"],
)
def test_a_bad_value_is_refused_before_anything_is_sent(httpx_mock: HTTPXMock, option: str, value: str) -> None:
    result = cml("write", "User prefers dark mode", option, value)

    assert result.code == EXIT_USAGE
    assert option in result.err  # names the option
    assert result.out == ""
    assert httpx_mock.get_requests() == []


@pytest.mark.parametrize(
    ("value", "sent"),
    [("2026-01-31T12:00:00Z", "2026-01-31T12:00:00+00:00"), ("2026-01-31T12:00:00", "2026-01-31T12:00:00+00:00")],
    ids=["zulu", "no-zone-is-utc"],
)
def test_a_good_timestamp_is_sent_in_utc(httpx_mock: HTTPXMock, value: str, sent: str) -> None:
    httpx_mock.add_response(url=f"{API}/memory/write", json=write_body())

    result = cml("write", "User prefers dark mode", "--timestamp", value, "--metadata", '{"source": "cli"}')

    assert result.code == EXIT_OK, result.err
    body = json.loads(httpx_mock.get_requests()[0].content)
    assert body["timestamp"].replace("Z", "+00:00") == sent
    assert body["metadata"] == {"source": "cli"}


# --------------------------------------------------------------------------- export -o - and a late failure


def test_export_to_stdout_writes_the_header_and_the_lines_there(httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    items = [listing_item(f"fact {n}") for n in range(3)]
    _export_server(httpx_mock, items)
    before = set(Path(os.environ.get("TMPDIR", "/tmp")).glob(".cml-export-*"))

    result = cml("--admin-api-key", ADMIN_KEY, "--tenant", TENANT, "export", "-o", "-")

    assert result.code == EXIT_OK, result.err
    head, *lines = [json.loads(line) for line in result.out.splitlines()]
    assert head["cml_export"] == 1 and head["count"] == 3 and head["tenant"] == TENANT
    assert [line["text"] for line in lines] == ["fact 0", "fact 1", "fact 2"]
    assert "exported 3" in result.err  # the summary goes to stderr, never into the data
    assert set(Path(os.environ.get("TMPDIR", "/tmp")).glob(".cml-export-*")) <= before  # no temporary file left


def test_export_to_stdout_with_json_keeps_stdout_for_the_data(httpx_mock: HTTPXMock) -> None:
    items = [listing_item("only fact")]
    _export_server(httpx_mock, items)

    result = cml("--admin-api-key", ADMIN_KEY, "--tenant", TENANT, "--json", "export", "-o", "-")

    assert result.code == EXIT_OK, result.err
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert [row.get("text") for row in rows[1:]] == ["only fact"]
    assert all("seconds" not in row for row in rows)  # no summary document mixed into the export


def test_an_export_that_fails_at_its_very_end_leaves_nothing_behind(httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    items = [listing_item(f"fact {n}") for n in range(2)]
    _export_server(httpx_mock, items)
    target = tmp_path / "backup.jsonl"
    target.mkdir()  # every memory is written, then the final rename onto the target fails
    (target / "keep.txt").write_text("untouched")

    result = cml("--admin-api-key", ADMIN_KEY, "--tenant", TENANT, "export", "-o", str(target))

    assert result.code not in (EXIT_OK, EXIT_API_ERROR)  # a local problem, not the server's
    assert str(target) in result.err
    assert "Traceback" not in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.jsonl"]  # both temporary files removed
    assert [p.name for p in target.iterdir()] == ["keep.txt"]


def test_an_export_into_a_missing_directory_is_refused_first(httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    result = cml("--admin-api-key", ADMIN_KEY, "--tenant", TENANT, "export", "-o", str(tmp_path / "no" / "x.jsonl"))

    assert result.code == EXIT_USAGE
    assert httpx_mock.get_requests() == []


# --------------------------------------------------------------------------- Ctrl-C


def test_ctrl_c_during_a_call_stops_the_process_promptly_without_a_traceback(tmp_path: Path) -> None:
    server = FaultServer().start()
    server.always(READ_PATH, slow(30.0))  # the server holds the answer far longer than the test waits
    env = {k: v for k, v in os.environ.items() if not k.startswith("CML_")}
    env.update(CML_BASE_URL=server.url, CML_API_KEY=API_KEY, CML_MAX_RETRIES="0", CML_TIMEOUT="60")
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "cml_ergonomic", "read", "what do I like?"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            waited = time.monotonic() + 30
            while server.count(READ_PATH) == 0 and proc.poll() is None and time.monotonic() < waited:
                time.sleep(0.05)
            assert server.count(READ_PATH) == 1, "the request never reached the server"
            interrupted = time.monotonic()
            proc.send_signal(signal.SIGINT)
            out, err = proc.communicate(timeout=15)
            took = time.monotonic() - interrupted
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    finally:
        server.stop()

    assert proc.returncode not in (EXIT_OK, EXIT_API_ERROR), err  # not a success, not the server's fault
    assert proc.returncode > 0  # the CLI's own exit, not death by the signal
    assert took < 10, f"took {took:.1f}s to stop after Ctrl-C"
    assert "interrupt" in err.lower()
    assert "Traceback" not in err
    assert out == ""
    assert API_KEY not in out + err


# --------------------------------------------------------------------------- the progress bar on a terminal


class _Terminal(io.StringIO):
    """A stderr that says it is a terminal, as an interactive shell's is."""

    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_progress_bar_goes_to_stderr_and_stdout_stays_data(
    httpx_mock: HTTPXMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = [listing_item(f"fact {n}") for n in range(3)]
    _export_server(httpx_mock, items)
    out, err = io.StringIO(), _Terminal()
    monkeypatch.setattr(sys, "stderr", err)

    code = run(
        ["--admin-api-key", ADMIN_KEY, "--tenant", TENANT, "export", "-o", "-"],
        output=Output(json_mode=False, stdout=out, stderr=err),
    )

    assert code == EXIT_OK, err.getvalue()
    rows = [json.loads(line) for line in out.getvalue().splitlines()]  # every stdout line is data
    assert [row.get("text") for row in rows[1:]] == ["fact 0", "fact 1", "fact 2"]
    assert "\x1b[" in err.getvalue()  # the bar was drawn (terminal control sequences), on stderr only
    assert "exported 3" in err.getvalue()
