"""The command line against the real servers: write and read, export and import across versions, a killed import.

Writes go into a fresh tenant per test (the admin key as API key, with
``--tenant``: the server honours X-Tenant-Id only for the admin key), so the
counts of one test are not disturbed by the others.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cml_ergonomic import CognitiveMemoryLayer
from cml_ergonomic.cli import EXIT_OK, _admin
from cml_ergonomic.cli._app import run
from cml_ergonomic.cli._output import Output
from cml_ergonomic.server.harness import Stack
from cml_ergonomic.server.sources import (
    HOW_TO_PROVIDE,
    NEWEST_ON_PYPI,
    ServerSource,
    parse_source,
    sources_from,
    version_key,
)
from tests.conftest import ServerInfo

TYPES = ("semantic_fact", "preference", "episodic_event")


@dataclass
class Ran:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def connection(server: ServerInfo, tenant: str) -> list[str]:
    return ["--base-url", server.base_url, "--api-key", server.admin_api_key,
            "--admin-api-key", server.admin_api_key, "--tenant", tenant]  # fmt: skip


def cml(server: ServerInfo, tenant: str, *args: str) -> Ran:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run([*args, *connection(server, tenant)], output=Output(json_mode=False, stdout=out, stderr=err))
    return Ran(code, out.getvalue(), err.getvalue())


def fresh_tenant(what: str) -> str:
    return f"cli-{what}-{secrets.token_hex(4)}"


def tenant_texts(server: ServerInfo, tenant: str) -> list[str]:
    """Every active memory's text in ``tenant`` (admin listing), one entry per memory."""
    with CognitiveMemoryLayer(
        base_url=server.base_url, api_key=server.api_key, admin_api_key=server.admin_api_key
    ) as c:
        return [str(item["text"]) for _total, item in _admin.iter_memories(c, tenant, status="active")]


def distinctive_lines(count: int, token: str) -> list[dict[str, Any]]:
    return [
        {
            "text": f"cli {token} memory {n}: the otter number {n} hides {n * 7} pebbles",
            "type": TYPES[n % len(TYPES)],
            "tags": ["cli-test", f"group-{n % 4}"],
            "namespace": "cli-ns",
            "metadata": {"n": n, "token": token},
            "timestamp": f"2024-0{1 + n % 9}-1{n % 10}T08:00:00+00:00",
        }
        for n in range(count)
    ]


def write_file(path: Path, lines: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return path


# --------------------------------------------------------------------------- one server


def test_a_write_then_a_read_through_the_cli_finds_the_phrase(cml_server: ServerInfo) -> None:
    tenant = fresh_tenant("rw")
    phrase = f"the capybara {secrets.token_hex(3)} enjoys warm baths"
    written = cml(cml_server, tenant, "write", phrase, "--tag", "animals", "--type", "semantic_fact", "--json")
    assert written.code == EXIT_OK, written.err
    assert written.json()["success"] is True
    found = cml(cml_server, tenant, "read", phrase, "--json")
    assert found.code == EXIT_OK, found.err
    assert phrase in [m["text"] for m in found.json()["memories"]]
    table = cml(cml_server, tenant, "read", phrase)
    assert phrase.split()[2] in table.out  # the table may fold the text, not the token


def test_an_import_killed_halfway_and_resumed_stores_each_memory_once(cml_server: ServerInfo, tmp_path: Path) -> None:
    tenant = fresh_tenant("kill")
    lines = distinctive_lines(240, secrets.token_hex(4))
    source = write_file(tmp_path / "memories.jsonl", lines)
    journal = tmp_path / "journal"
    command, env = import_command(cml_server, tenant, source, journal, "--json")
    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_until_done(first, journal, len(lines) // 3)
        first.send_signal(signal.SIGKILL)
    finally:
        first.wait(30)
    done_before = _done(journal)
    assert done_before < len(lines), "killed too late to test a resume"
    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert second.returncode == EXIT_OK, second.stderr
    summary = json.loads(second.stdout)
    assert summary["failed"] == 0
    assert summary["written"] + summary["skipped"] == len(lines)
    assert summary["skipped"] >= done_before  # what the journal recorded is not sent again
    texts = tenant_texts(cml_server, tenant)
    assert sorted(texts) == sorted(line["text"] for line in lines)  # each exactly once


def import_command(
    server: ServerInfo, tenant: str, source: Path, journal: Path, *extra: str
) -> tuple[list[str], dict[str, str]]:
    """``python -m cml_ergonomic import`` of ``source`` into ``tenant``, and an environment without CML_*."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CML_")}
    command = [sys.executable, "-m", "cml_ergonomic", "import", str(source), "--journal", str(journal), *extra]
    return command + connection(server, tenant), env


def wait_until_done(process: subprocess.Popen[str], journal: Path, count: int) -> None:
    """Wait until the journal records ``count`` stored lines (the import must still be running then)."""
    deadline = time.monotonic() + 240
    while _done(journal) < count:
        assert process.poll() is None, f"the import ended too early: {process.communicate()}"
        assert time.monotonic() < deadline, "the import made no progress"
        time.sleep(0.05)


def _done(journal: Path) -> int:
    try:
        return sum(1 for line in journal.read_text().splitlines() if line.startswith("done "))
    except FileNotFoundError:
        return 0


# --------------------------------------------------------------------------- across versions


@pytest.fixture(scope="module")
def old_and_new(request: pytest.FixtureRequest) -> Iterator[tuple[ServerInfo, ServerInfo]]:
    """The newest server on PyPI and a newer one from a source, both running."""
    newer = [s for s in sources_from(request.config.getoption("--server-source")) if _newer(s)]
    if not newer:
        pytest.skip(f"the round trip needs a server newer than {NEWEST_ON_PYPI}: {HOW_TO_PROVIDE}")
    new_source = max(newer, key=lambda s: version_key(s.version))
    with Stack(parse_source(NEWEST_ON_PYPI)) as old_stack, Stack(new_source) as new_stack:
        yield _info(old_stack), _info(new_stack)


def _newer(source: ServerSource) -> bool:
    return version_key(source.version) > version_key(NEWEST_ON_PYPI)


def _info(stack: Stack) -> ServerInfo:
    api = stack.start_api()
    return ServerInfo(api.base_url, api.api_key, api.admin_api_key, api.tenant_id, stack.version, api.log_path)


def test_round_trip_from_the_old_server_to_the_new_one(
    old_and_new: tuple[ServerInfo, ServerInfo], tmp_path: Path
) -> None:
    old, new = old_and_new
    token = secrets.token_hex(4)
    lines = distinctive_lines(300, token)
    source_tenant, target_tenant = fresh_tenant("from"), fresh_tenant("to")
    seeded = cml(old, source_tenant, "import", str(write_file(tmp_path / "seed.jsonl", lines)), "--json")
    assert seeded.code == EXIT_OK, seeded.out + seeded.err
    backup = tmp_path / "backup.jsonl"

    exported = cml(old, source_tenant, "export", "-o", str(backup), "--json")
    assert exported.code == EXIT_OK, exported.err
    header, *memories = [json.loads(line) for line in backup.read_text().splitlines()]
    assert header["count"] == len(memories) == len(lines)
    assert header["tenant"] == source_tenant
    assert {m["text"] for m in memories} == {line["text"] for line in lines}
    by_text = {m["text"]: m for m in memories}
    for line in lines:  # what write accepted came back out
        kept = by_text[line["text"]]
        assert (kept["type"], kept["namespace"], sorted(kept["tags"])) == (
            line["type"], line["namespace"], sorted(line["tags"]))  # fmt: skip
        assert kept["metadata"] == line["metadata"]

    imported = cml(new, target_tenant, "import", str(backup), "--json", "--concurrency", "8")
    assert imported.code == EXIT_OK, imported.out + imported.err
    first = imported.json()
    assert (first["read"], first["written"], first["failed"]) == (len(lines), len(lines), 0)
    count_after_import = len(tenant_texts(new, target_tenant))
    assert count_after_import == len(lines)

    for line in lines[:: max(1, len(lines) // 25)]:  # a read finds each phrase on the new server
        found = cml(new, target_tenant, "read", line["text"], "--json", "--max-results", "5")
        assert found.code == EXIT_OK, found.err
        assert line["text"] in [m["text"] for m in found.json()["memories"]]

    again = cml(new, target_tenant, "import", str(backup), "--json").json()
    assert (again["written"], again["skipped"]) == (0, len(lines))
    for journal in tmp_path.glob("backup.jsonl.*.journal"):
        journal.unlink()  # without its journal, a re-run finds the memories on the server itself
    without_journal = cml(new, target_tenant, "import", str(backup), "--json").json()
    assert (without_journal["written"], without_journal["skipped"]) == (0, len(lines))
    assert len(tenant_texts(new, target_tenant)) == count_after_import
    print(
        f"\nround trip {old.version} -> {new.version}: {len(lines)} written, {header['count']} exported "
        f"in {exported.json()['seconds']}s, {first['written']} imported in {first['seconds']}s, "
        f"{count_after_import} on the target after the import and after two re-imports"
    )
