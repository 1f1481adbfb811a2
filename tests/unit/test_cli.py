"""The command line, driven in-process: output, the --json shapes, exit codes, and no key in any output."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

from cml_ergonomic.cli import EXIT_API_ERROR, EXIT_OK, EXIT_UNREACHABLE, EXIT_USAGE
from cml_ergonomic.cli._app import build_parser, run
from cml_ergonomic.cli._output import Output
from tests.unit.conftest import (
    ADMIN_KEY,
    API,
    API_KEY,
    BASE_URL,
    error_body,
    forget_body,
    health_body,
    memory_item,
    read_body,
    stats_body,
    turn_body,
    write_batch_body,
    write_body,
)

TENANT = "acme"


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def both(self) -> str:
        return self.out + self.err


def cml(*args: str, stdin: str | None = None, monkeypatch: pytest.MonkeyPatch | None = None) -> Result:
    """Run the command line in-process, as the console script would."""
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):  # click prints help and usage itself
        code = run(list(args), output=Output(json_mode=False, stdout=out, stderr=err))
    return Result(code, out.getvalue(), err.getvalue())


@pytest.fixture(autouse=True)
def _server_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CML_BASE_URL", BASE_URL)
    monkeypatch.setenv("CML_API_KEY", API_KEY)
    monkeypatch.setenv("CML_MAX_RETRIES", "0")  # an error answer is final: no sleeping between retries


def sent_json(request: httpx.Request) -> Any:
    return json.loads(request.content)


def listing_item(text: str, **changes: Any) -> dict[str, Any]:
    item = memory_item(text)
    return {
        "id": item["id"],
        "tenant_id": TENANT,
        "agent_id": None,
        "type": "semantic_fact",
        "status": "active",
        "text": text[:300],
        "key": "",
        "namespace": None,
        "context_tags": [],
        "confidence": 0.8,
        "importance": 0.5,
        "access_count": 0,
        "decay_rate": 0.01,
        "labile": False,
        "version": 1,
        "timestamp": "2026-11-21T21:54:44.498721",
        "written_at": "2026-11-21T21:54:45.000000",
        **changes,
    }


def detail_of(item: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {
        **item,
        "source_session_id": "sess-1",
        "metadata": {"chunk_type": "statement", "source_role": "user", "source_turn_id": "t-9", "origin": "chat"},
        "entities": [],
        "relations": [],
        **changes,
    }


def page(items: list[dict[str, Any]], number: int, pages: int, total: int) -> dict[str, Any]:
    return {"items": items, "total": total, "page": number, "per_page": 200, "total_pages": pages}


def server_config(default_tenant: str) -> dict[str, Any]:
    """The dashboard configuration as far as the tenant rule reads it: the tenant of the normal key."""
    return {"sections": [{"name": "Auth", "items": [{"key": "auth.default_tenant_id", "value": default_tenant}]}]}


LISTING = re.compile(re.escape(f"{API}/dashboard/memories") + r"\?.*")


# --------------------------------------------------------------------------- help and the extra


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*path, name)
                yield from _commands(sub, (*path, name))


def test_the_issue_s_commands_are_all_there() -> None:
    wanted = {
        "health",
        "stats",
        "write",
        "read",
        "turn",
        "forget",
        "session create",
        "admin tenants",
        "admin memories",
        "admin explain",
        "check",
        "export",
        "import",
    }
    assert wanted <= {" ".join(p) for p in _commands(build_parser())}


@pytest.mark.parametrize("path", [(), *_commands(build_parser())], ids=lambda p: " ".join(p) or "cml-ergonomic")
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    result = cml(*path, "--help")
    assert result.code == EXIT_OK
    assert "Example:" in result.out
    example = result.out.split("Example:", 1)[1]
    assert "cml-ergonomic " + " ".join(path) in " ".join(example.split()), example


CLI_LIBRARIES = ("rich", "pygments", "click", "typer", "argparse", "cml_ergonomic.cli")


def cli_modules_loaded_by_import(prelude: str) -> list[str]:
    """The CLI libraries that ``import cml_ergonomic`` loads in a fresh interpreter, after ``prelude`` ran."""
    code = (
        f"import sys; {prelude}; before = {{m for m, v in sys.modules.items() if v is not None}}; "
        "import cml_ergonomic; "
        f"print([m for m in {CLI_LIBRARIES!r} if sys.modules.get(m) is not None and m not in before])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return list(json.loads(out.replace("'", '"')))


def test_import_cml_ergonomic_loads_nothing_of_the_command_line() -> None:
    # httpx imports its own CLI (click, rich, pygments) when click happens to be installed, as it is in the test
    # environment (typer, through the code generator); the extra leaves click out so that a user's doesn't.
    # Here: nothing beyond what httpx itself loaded.
    assert cli_modules_loaded_by_import("import httpx") == []


def test_with_the_extra_but_without_click_import_loads_no_cli_library() -> None:
    # What a user's environment with the cli extra looks like: rich installed, click not.
    assert cli_modules_loaded_by_import("sys.modules['click'] = None") == []


def test_without_the_extra_the_entry_point_says_how_to_install_it() -> None:
    # sys.modules[name] = None makes `import name` fail, as if the extra were not installed.
    code = "import sys; sys.modules['rich'] = None; from cml_ergonomic.cli import main; sys.exit(main(['health']))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == EXIT_USAGE
    assert 'pip install "cml-ergonomic[cli]"' in proc.stderr
    assert "Traceback" not in proc.stderr


def test_python_dash_m_runs_the_command_line() -> None:
    proc = subprocess.run([sys.executable, "-m", "cml_ergonomic", "--help"], capture_output=True, text=True)
    assert proc.returncode == EXIT_OK
    assert "Exit codes:" in proc.stdout


# --------------------------------------------------------------------------- memory commands


def test_health_prints_status_and_json(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{API}/health", json=health_body(), is_reusable=True)
    assert cml("health").out.startswith("healthy")
    result = cml("--json", "health")
    assert result.code == EXIT_OK
    assert json.loads(result.out) == health_body()


def test_write_sends_every_option(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{API}/memory/write", json=write_body("11111111-1111-4111-8111-111111111111"))
    result = cml(
        "--json",
        "write",
        "User prefers dark mode",
        "--tag",
        "ui",
        "--tag",
        "prefs",
        "--type",
        "preference",
        "--namespace",
        "ns",
        "--metadata",
        '{"source": "cli"}',
        "--session",
        "s-1",
        "--agent",
        "bot",
        "--timestamp",
        "2025-01-31T12:00:00Z",
    )
    assert result.code == EXIT_OK, result.err
    body = sent_json(httpx_mock.get_requests()[0])
    assert body == {
        "content": "User prefers dark mode",
        "context_tags": ["ui", "prefs"],
        "memory_type": "preference",
        "namespace": "ns",
        "metadata": {"source": "cli"},
        "session_id": "s-1",
        "agent_id": "bot",
        "timestamp": "2025-01-31T12:00:00+00:00",
    }
    assert json.loads(result.out)["memory_id"] == "11111111-1111-4111-8111-111111111111"


def test_write_dash_reads_stdin(httpx_mock: HTTPXMock, monkeypatch: pytest.MonkeyPatch) -> None:
    httpx_mock.add_response(url=f"{API}/memory/write", json=write_body())
    result = cml("write", "-", stdin="Lives in Oslo\n", monkeypatch=monkeypatch)
    assert result.code == EXIT_OK, result.err
    assert sent_json(httpx_mock.get_requests()[0]) == {"content": "Lives in Oslo"}
    assert "stored" in result.out


def test_read_table_and_json(httpx_mock: HTTPXMock) -> None:
    body = read_body("dark", [memory_item("User prefers dark mode"), memory_item("Dark chocolate is a favourite")])
    httpx_mock.add_response(url=f"{API}/memory/read", json=body, is_reusable=True)
    table = cml("read", "dark", "--max-results", "5", "--type", "preference", "--tag", "ui")
    assert table.code == EXIT_OK, table.err
    assert "User prefers dark mode" in table.out and "Dark chocolate" in table.out
    sent = sent_json(httpx_mock.get_requests()[0])
    assert sent["max_results"] == 5 and sent["memory_types"] == ["preference"] and sent["context_filter"] == ["ui"]
    parsed = json.loads(cml("--json", "read", "dark").out)
    assert [m["text"] for m in parsed["memories"]] == [m["text"] for m in body["memories"]]


def test_read_llm_context_prints_the_context(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{API}/memory/read", json=read_body(llm_context="## Memories\n- dark mode"))
    result = cml("read", "ui", "--format", "llm_context")
    assert result.out == "## Memories\n- dark mode\n"


def test_stats_turn_session_forget(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{API}/memory/stats", json=stats_body(by_type={"preference": 3, "plan": 2}))
    assert "preference" in cml("stats").out
    httpx_mock.add_response(url=f"{API}/memory/turn", json=turn_body())
    assert cml("turn", "hello", "--session", "s").out == turn_body()["memory_context"] + "\n"
    httpx_mock.add_response(
        url=f"{API}/session/create",
        json={"session_id": "sess-9", "created_at": "2026-11-21T21:54:44", "expires_at": "2026-11-22T21:54:44"},
    )
    assert json.loads(cml("--json", "session", "create", "--name", "x").out)["session_id"] == "sess-9"
    httpx_mock.add_response(url=f"{API}/memory/forget", json={"success": True, "affected_count": 2, "message": "ok"})
    old = "00000000-0000-0000-0000-0000000000aa"
    assert cml("forget", "--id", old, "--action", "delete").code == EXIT_OK
    assert sent_json(httpx_mock.get_requests()[-1]) == {"memory_ids": [old], "action": "delete"}
    sent = len(httpx_mock.get_requests())
    # the servers delete for archive and silence too: the CLI does not offer what would not happen
    assert cml("forget", "--id", old, "--action", "archive").code == EXIT_USAGE
    assert len(httpx_mock.get_requests()) == sent


# --------------------------------------------------------------------------- admin listings


def serve_listing(httpx_mock: HTTPXMock, items: list[dict[str, Any]]) -> None:
    """Answer the listing as the server does: OFFSET/LIMIT over ``items`` (held in written_at order)."""

    def answer(request: httpx.Request) -> httpx.Response:
        params = request.url.params
        number, size = int(params["page"]), int(params["per_page"])
        window = items[(number - 1) * size : number * size]
        body = {"items": window, "total": len(items), "page": number, "per_page": size}
        return httpx.Response(200, json={**body, "total_pages": max(1, -(-len(items) // size))})

    httpx_mock.add_callback(answer, url=LISTING, is_reusable=True)


def test_admin_memories_pages_through_and_prints_json_lines(httpx_mock: HTTPXMock) -> None:
    held = [listing_item(f"memory {n}", written_at=f"2026-11-21T21:54:4{n}") for n in range(5)]
    serve_listing(httpx_mock, held)
    result = cml("--admin-api-key", ADMIN_KEY, "--tenant", TENANT, "--json", "admin", "memories", "--page-size", "3")
    assert result.code == EXIT_OK, result.err
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert [r["text"] for r in rows] == [m["text"] for m in held]
    pages = [httpx.URL(str(r.url)).params for r in httpx_mock.get_requests()]
    # page 1, page 2, then the check that the memory where page 1 ended is still there (position 3)
    assert [(p["page"], p["per_page"]) for p in pages] == [("1", "3"), ("2", "3"), ("3", "1")]
    assert {p["tenant_id"] for p in pages} == {TENANT} and {p["sort_by"] for p in pages} == {"written_at"}
    assert {r.headers["X-API-Key"] for r in httpx_mock.get_requests()} == {ADMIN_KEY}


def test_admin_memories_limit_stops_early(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=LISTING, json=page([listing_item(f"m{n}") for n in range(4)], 1, 9, 36))
    result = cml("--admin-api-key", ADMIN_KEY, "--tenant", TENANT, "admin", "memories", "--limit", "2")
    assert result.code == EXIT_OK, result.err
    assert "2 of 36" in result.out and "m1" in result.out and "m2" not in result.out


def test_admin_tenants_json_lines(httpx_mock: HTTPXMock) -> None:
    tenants = [{"tenant_id": t, "memory_count": n} for t, n in (("a", 1), ("b", 2))]
    httpx_mock.add_response(url=f"{API}/dashboard/tenants", json={"tenants": tenants})
    result = cml("--admin-api-key", ADMIN_KEY, "--json", "admin", "tenants")
    assert [json.loads(line) for line in result.out.splitlines()] == tenants


# --------------------------------------------------------------------------- errors and exit codes


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("read", "x", "--max-results", "99"), "--max-results"),
        (("write", "x", "--type", "nonsense"), "memory_type"),  # the SDK refuses it before sending
        (("read",), "required: query"),
        (("write", "x", "--metadata", "[1]"), "JSON object"),
        (("--tenant", TENANT, "admin", "memories"), "admin key"),
        (("--admin-api-key", ADMIN_KEY, "export", "-o", "x.jsonl"), "tenant"),
        (("forget",), "forget needs"),
        (("no-such-command",), "invalid choice"),
    ],
)
def test_usage_errors_exit_2_with_one_line_and_a_suggestion(args: tuple[str, ...], fragment: str) -> None:
    result = cml(*args)
    assert result.code == EXIT_USAGE
    assert result.out == ""
    lines = result.err.splitlines()
    assert lines[0].startswith("Error: ") and fragment in lines[0]
    assert len(lines) <= 2 and all(line.startswith("Suggestion: ") for line in lines[1:])


def test_missing_key_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CML_API_KEY")
    result = cml("stats")
    assert result.code == EXIT_USAGE
    assert "CML_API_KEY" in result.err


def test_api_error_exits_1_without_traceback(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{API}/memory/stats", status_code=404, json=error_body("Tenant not found"))
    result = cml("stats")
    assert result.code == EXIT_API_ERROR
    assert "Tenant not found" in result.err and "Traceback" not in result.err
    assert len(result.err.splitlines()) <= 2


def test_unreachable_server_exits_3(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_exception(httpx.ConnectError("Connection refused"))
    result = cml("stats")
    assert result.code == EXIT_UNREACHABLE
    assert result.err.startswith("Error: ") and "Traceback" not in result.err


def test_debug_shows_the_traceback(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{API}/memory/stats", status_code=404, json=error_body())
    result = cml("--debug", "stats")
    assert result.code == EXIT_API_ERROR
    assert "Traceback" in result.err


LEAKY_DETAIL = f"Invalid API key {API_KEY} (admin {ADMIN_KEY})"


@pytest.mark.parametrize(
    "args",
    [
        ("health",),
        ("stats",),
        ("--debug", "stats"),
        ("--json", "stats"),
        ("write", "x"),
        ("--tenant", TENANT, "admin", "tenants"),
        ("--debug", "--tenant", TENANT, "admin", "memories"),
        ("read", "q", "--max-results", "0"),
    ],
)
def test_keys_never_appear_in_any_output(httpx_mock: HTTPXMock, args: tuple[str, ...]) -> None:
    # The worst case: a server that echoes the key in its error message.
    httpx_mock.add_response(status_code=401, json={"detail": LEAKY_DETAIL}, is_optional=True, is_reusable=True)
    result = cml("--api-key", API_KEY, "--admin-api-key", ADMIN_KEY, *args)
    assert result.code != EXIT_OK
    assert API_KEY not in result.both and ADMIN_KEY not in result.both
    assert result.err.startswith("Error: ") or "Traceback" in result.err or result.err.startswith('{"error": ')


def test_keys_are_masked_in_successful_output_too(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{API}/memory/read", json=read_body(memories=[memory_item(f"key is {API_KEY}")]))
    result = cml("read", "key")
    assert result.code == EXIT_OK
    assert API_KEY not in result.both


# --------------------------------------------------------------------------- export


def _export_server(httpx_mock: HTTPXMock, items: list[dict[str, Any]]) -> None:
    httpx_mock.add_response(url=LISTING, json=page(items, 1, 1, len(items)))
    for item in items:
        httpx_mock.add_response(url=f"{API}/dashboard/memories/{item['id']}", json=detail_of(item))
    httpx_mock.add_response(url=f"{BASE_URL}/openapi.json", json={"openapi": "3.1.0", "info": {"version": "9.9"}})


def test_export_writes_a_header_then_one_line_per_memory(httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    items = [listing_item(f"fact {n}", context_tags=["t"], namespace="ns", agent_id="a") for n in range(3)]
    _export_server(httpx_mock, items)
    target = tmp_path / "out.jsonl"
    result = cml("--admin-api-key", ADMIN_KEY, "--tenant", TENANT, "export", "-o", str(target))
    assert result.code == EXIT_OK, result.err
    head, *lines = [json.loads(line) for line in target.read_text().splitlines()]
    assert head["cml_export"] == 1 and head["tenant"] == TENANT and head["count"] == len(items) == len(lines)
    assert head["server"]["api_version"] == "9.9"
    assert [line["text"] for line in lines] == [item["text"] for item in items]
    first = lines[0]
    assert first["metadata"] == {"origin": "chat"}  # the server's own chunk keys are left behind
    assert (first["session_id"], first["turn_id"], first["tags"], first["namespace"]) == ("sess-1", "t-9", ["t"], "ns")
    assert first["timestamp"].endswith("+00:00")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]  # no temporary file left


def test_an_interrupted_export_leaves_no_file(httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    items = [listing_item(f"fact {n}") for n in range(3)]
    httpx_mock.add_response(url=LISTING, json=page(items, 1, 1, 3))
    httpx_mock.add_response(url=f"{BASE_URL}/openapi.json", json={"openapi": "3.1.0", "info": {}})
    httpx_mock.add_response(url=f"{API}/dashboard/memories/{items[0]['id']}", json=detail_of(items[0]))
    httpx_mock.add_response(url=f"{API}/dashboard/memories/{items[1]['id']}", status_code=404, json=error_body())
    httpx_mock.add_response(
        url=f"{API}/dashboard/memories/{items[2]['id']}", json=detail_of(items[2]), is_optional=True
    )
    target = tmp_path / "out.jsonl"
    target.write_text("the previous backup\n")
    result = cml("--admin-api-key", ADMIN_KEY, "--tenant", TENANT, "export", "-o", str(target))
    assert result.code == EXIT_API_ERROR
    assert target.read_text() == "the previous backup\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


# --------------------------------------------------------------------------- import


def export_file(path: Path, lines: list[Any], *, header: bool = True) -> Path:
    rows = [{"cml_export": 1, "tenant": TENANT, "count": len(lines)}] if header else []
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows + lines))
    return path


def test_import_dry_run_checks_everything_and_sends_nothing(httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    source = export_file(
        tmp_path / "in.jsonl",
        [{"text": "ok one", "type": "preference"}, "{not json", {"text": ""}, {"text": "plain"}, {"tags": ["x"]}],
    )
    result = cml("--json", "import", str(source), "--dry-run")
    summary = json.loads(result.out)
    assert summary["read"] == 5 and summary["dry_run"] is True
    assert [f["line"] for f in summary["failures"]] == [3, 4, 6]  # line 1 is the header
    assert summary["routes"] == {"write": 1, "batch": 1}
    assert httpx_mock.get_requests() == []
    assert not list(tmp_path.glob("*.journal"))


def test_import_routes_each_line_without_loss(httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    httpx_mock.add_response(url=f"{API}/memory/write", json=write_body(), is_reusable=True)
    httpx_mock.add_response(url=f"{API}/memory/write_batch", json=write_batch_body(2))
    typed = {
        "text": "typed",
        "type": "preference",
        "tags": ["ui"],
        "namespace": "ns",
        "agent_id": "bot",
        "metadata": {"k": 1},
        "session_id": "s",
        "timestamp": "2025-01-01T00:00:00+00:00",
    }
    plain = [{"text": "plain one", "metadata": {"a": 1}}, {"text": "plain two", "session_id": "s2"}]
    source = export_file(tmp_path / "in.jsonl", [typed, *plain])
    result = cml("--json", "import", str(source), "--concurrency", "1")
    assert result.code == EXIT_OK, result.err
    assert json.loads(result.out)["written"] == 3
    by_path = {r.url.path: sent_json(r) for r in httpx_mock.get_requests()}
    assert by_path["/api/v1/memory/write"] == {
        "content": "typed",
        "memory_type": "preference",
        "context_tags": ["ui"],
        "namespace": "ns",
        "agent_id": "bot",
        "metadata": {"k": 1},
        "session_id": "s",
        "timestamp": "2025-01-01T00:00:00+00:00",
    }
    assert by_path["/api/v1/memory/write_batch"] == {
        "turns": [{"content": "plain one", "metadata": {"a": 1}}, {"content": "plain two", "session_id": "s2"}]
    }


def test_import_reports_malformed_lines_and_continues_unless_strict(httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    source = export_file(
        tmp_path / "in.jsonl", [{"text": "good", "type": "plan"}, "[1, 2]", {"text": "x", "type": "?"}]
    )
    strict = cml("import", str(source), "--strict")
    assert strict.code == EXIT_USAGE and httpx_mock.get_requests() == []
    assert "line 3" in strict.out and "line 4" in strict.out
    httpx_mock.add_response(url=f"{API}/memory/write", json=write_body())
    lenient = cml("import", str(source))
    assert lenient.code == EXIT_API_ERROR
    assert "written 1" in lenient.out and "failed 2" in lenient.out
    assert "line 3: must be a JSON object" in lenient.out and "line 4: invalid argument memory_type" in lenient.out


def test_a_rerun_resumes_and_imports_nothing_twice(httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    lines = [{"text": f"memory number {n}", "type": "semantic_fact"} for n in range(6)]
    source = export_file(tmp_path / "in.jsonl", lines)
    for n in range(6):  # the first run: line 5 (memory 3) fails, the rest are stored
        status = 500 if n == 3 else 200
        httpx_mock.add_response(
            url=f"{API}/memory/write",
            status_code=status,
            json=write_body() if status == 200 else error_body(),
            match_json={"content": f"memory number {n}", "memory_type": "semantic_fact"},
        )
    first = cml("--json", "import", str(source), "--concurrency", "3")
    assert first.code == EXIT_API_ERROR
    assert json.loads(first.out)["written"] == 5 and [f["line"] for f in json.loads(first.out)["failures"]] == [5]
    httpx_mock.add_response(url=f"{API}/memory/write", json=write_body())
    second = json.loads(cml("--json", "import", str(source)).out)
    assert (second["written"], second["skipped"], second["failed"]) == (1, 5, 0)
    assert sent_json(httpx_mock.get_requests()[-1])["content"] == "memory number 3"
    third = json.loads(cml("--json", "import", str(source)).out)
    assert (third["written"], third["skipped"]) == (0, 6)
    assert len(httpx_mock.get_requests()) == 7


def test_import_skips_what_the_target_tenant_already_holds(httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    long_text = "a long memory " * 40  # longer than the listing shows: confirmed through the detail
    held = [listing_item("Already Here  "), listing_item(long_text)]
    httpx_mock.add_response(url=f"{API}/dashboard/config", json=server_config(TENANT))
    httpx_mock.add_response(url=f"{API}/memory/stats", json=stats_body())
    httpx_mock.add_response(url=LISTING, json=page(held, 1, 1, 2))
    httpx_mock.add_response(url=f"{API}/dashboard/memories/{held[1]['id']}", json=detail_of(held[1], text=long_text))
    httpx_mock.add_response(url=f"{API}/memory/write", json=write_body())
    lines = [
        {"text": "already here", "type": "plan"},
        {"text": long_text, "type": "plan"},
        {"text": "new", "type": "plan"},
    ]
    source = export_file(tmp_path / "in.jsonl", lines)
    result = cml("--admin-api-key", ADMIN_KEY, "--tenant", TENANT, "--json", "import", str(source))
    summary = json.loads(result.out)
    assert (summary["written"], summary["skipped"]) == (1, 2)
    assert result.err == ""  # --tenant is the key's own tenant (the server says so): no note, no refusal
    writes = [r for r in httpx_mock.get_requests() if r.url.path.endswith("/memory/write")]
    assert [sent_json(r)["content"] for r in writes] == ["new"]


def test_import_stops_with_exit_3_when_the_server_goes_away(httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    httpx_mock.add_exception(httpx.ConnectError("Connection refused"), is_reusable=True)
    source = export_file(tmp_path / "in.jsonl", [{"text": f"m{n}", "type": "plan"} for n in range(3)])
    result = cml("import", str(source), "--concurrency", "1")
    assert result.code == EXIT_UNREACHABLE
    assert "failed 3" in result.out and "unreachable" in result.err


# --------------------------------------------------------------------------- the tenant rule (issue 17, finding 2)


@pytest.mark.parametrize(
    "command",
    [("write", "a new fact"), ("read", "fact"), ("stats",), ("forget", "--id", "00000000-0000-0000-0000-000000000001")],
)
def test_a_tenant_the_normal_key_cannot_reach_exits_2_and_sends_nothing(
    httpx_mock: HTTPXMock, command: tuple[str, ...]
) -> None:
    httpx_mock.add_response(url=f"{API}/dashboard/config", json=server_config("harness"))
    result = cml("--api-key", API_KEY, "--admin-api-key", ADMIN_KEY, "--tenant", "othertenant", *command)
    assert result.code == EXIT_USAGE, result.both
    assert "othertenant" in result.err and "honours X-Tenant-Id only with the admin key" in result.err
    assert "'harness'" in result.err  # what to pass instead: the key's own tenant, or the admin key
    assert [str(r.url) for r in httpx_mock.get_requests()] == [f"{API}/dashboard/config"]  # nothing else went


def test_without_the_admin_key_a_tenant_for_the_normal_key_exits_2(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        url=f"{API}/dashboard/config", status_code=403, json=error_body("Admin permission required")
    )
    result = cml("--api-key", API_KEY, "--tenant", "othertenant", "write", "a new fact")
    assert result.code == EXIT_USAGE, result.both
    assert "not the admin key" in result.err and "Drop tenant_id" in result.err
    assert [str(r.url) for r in httpx_mock.get_requests()] == [f"{API}/dashboard/config"]


def test_the_keys_own_tenant_is_accepted_without_a_note(httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    httpx_mock.add_response(url=f"{API}/dashboard/config", json=server_config(TENANT))
    httpx_mock.add_response(url=f"{API}/memory/write", json=write_body())
    result = cml("--api-key", API_KEY, "--admin-api-key", ADMIN_KEY, "--tenant", TENANT, "write", "a new fact")
    assert result.code == EXIT_OK, result.both
    assert "note" not in result.err


def test_import_into_a_tenant_the_key_cannot_reach_exits_2_before_any_write(
    httpx_mock: HTTPXMock, tmp_path: Path
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"text": "a memory", "type": "plan"}) + "\n")
    httpx_mock.add_response(url=f"{API}/dashboard/config", json=server_config("harness"))
    result = cml("--api-key", API_KEY, "--admin-api-key", ADMIN_KEY, "--tenant", "copy2", "import", str(source))
    assert result.code == EXIT_USAGE, result.both
    assert "copy2" in result.err and "note:" not in result.err
    assert [str(r.url) for r in httpx_mock.get_requests()] == [f"{API}/dashboard/config"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]  # no journal either


# --------------------------------------------------------------------------- forget shows before it forgets (finding 1)


def test_forget_by_query_without_a_terminal_lists_and_refuses_without_yes(httpx_mock: HTTPXMock) -> None:
    chess = memory_item("I play chess on Sundays")
    httpx_mock.add_response(url=f"{API}/memory/read", json=read_body("chess", [chess]))
    result = cml("forget", "--query", "chess")
    assert result.code == EXIT_USAGE, result.both
    assert chess["id"] in result.err and "I play chess on Sundays" in result.err  # the list was shown
    assert "--yes" in result.err
    assert [r.url.path for r in httpx_mock.get_requests()] == ["/api/v1/memory/read"]  # no forget was sent


def test_forget_by_query_with_yes_forgets_exactly_the_listed_ids(httpx_mock: HTTPXMock) -> None:
    shown = [memory_item("I play chess on Sundays"), memory_item("Chess club on Mondays")]
    httpx_mock.add_response(url=f"{API}/memory/read", json=read_body("chess", shown))
    httpx_mock.add_response(url=f"{API}/memory/forget", json=forget_body(2))
    result = cml("forget", "--query", "chess", "--yes")
    assert result.code == EXIT_OK, result.both
    sent = sent_json(httpx_mock.get_requests()[-1])
    assert sent == {"action": "delete", "memory_ids": [m["id"] for m in shown]}  # no query reaches the server
    assert "2 affected of the 2 planned" in result.out


def test_forget_asks_on_a_terminal_and_a_no_forgets_nothing(
    httpx_mock: HTTPXMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    httpx_mock.add_response(url=f"{API}/memory/read", json=read_body("chess", [memory_item("chess")]))
    monkeypatch.setattr("cml_ergonomic.cli._commands._interactive", lambda: True)
    result = cml("forget", "--query", "chess", stdin="n\n", monkeypatch=monkeypatch)
    assert result.code == EXIT_OK, result.both
    assert "[y/N]" in result.err and "nothing was forgotten" in result.err
    assert [r.url.path for r in httpx_mock.get_requests()] == ["/api/v1/memory/read"]


def test_forget_by_id_stays_direct(httpx_mock: HTTPXMock) -> None:
    memory_id = "00000000-0000-0000-0000-000000000001"
    httpx_mock.add_response(url=f"{API}/memory/forget", json=forget_body(1))
    result = cml("forget", "--id", memory_id)
    assert result.code == EXIT_OK, result.both
    assert sent_json(httpx_mock.get_requests()[0]) == {"action": "delete", "memory_ids": [memory_id]}


def test_forget_by_query_with_no_match_forgets_nothing(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{API}/memory/read", json=read_body("chess", []))
    result = cml("forget", "--query", "chess", "--yes")
    assert result.code == EXIT_OK and "nothing matches" in result.err
    assert [r.url.path for r in httpx_mock.get_requests()] == ["/api/v1/memory/read"]
