"""The real-server harness itself: what it starts answers like the CML server, and it cleans up after itself."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from cml_ergonomic.server.harness import HEALTH_PATH, Stack
from cml_ergonomic.server.sources import ServerSource
from tests.conftest import ServerInfo

MEMORY_PATHS = (
    "/api/v1/memory/write",
    "/api/v1/memory/read",
    "/api/v1/memory/read/stream",
    "/api/v1/memory/update",
    "/api/v1/memory/forget",
    "/api/v1/memory/stats",
    "/api/v1/memory/turn",
    "/api/v1/memory/all",
    "/api/v1/memory/write_batch",
)


def test_server_answers_with_request_id_and_an_openapi_3_1_document(cml_server: ServerInfo) -> None:
    with httpx.Client(base_url=cml_server.base_url, timeout=30) as http:
        health = http.get(HEALTH_PATH)
        assert health.status_code == 200, health.text
        assert health.headers.get("x-request-id"), dict(health.headers)

        document = http.get("/openapi.json").json()
    assert document["openapi"].startswith("3.1."), document["openapi"]
    missing = [path for path in MEMORY_PATHS if path not in document["paths"]]
    assert not missing, f"memory paths missing from /openapi.json: {missing}"


def _process_group_gone(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


def test_stack_stops_its_children_and_removes_its_run_directory(server_source: ServerSource | None) -> None:
    if server_source is None:
        pytest.skip("an external server (--base-url) is in use: the harness is not ours to start here")
    stack = Stack(server_source)
    with stack:  # PostgreSQL, Redis and the migrations; no API server is needed for this
        children = {child.name: child.process.pid for child in stack._children}
        assert {"postgres", "redis"} <= children.keys(), children
        for pid in children.values():
            os.kill(pid, 0)  # alive (as root, postgres runs as nobody; root may still signal it)
        run_dir = stack.run_dir
        assert run_dir.is_dir()

    assert not stack._children
    for name, pid in children.items():
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
        # Each child leads its own session and process group (start_new_session=True): the
        # group is empty too, so no PostgreSQL backend or helper outlived its postmaster.
        assert _process_group_gone(pid), f"{name}'s process group {pid} still has members"
    assert not run_dir.exists(), f"{run_dir} was not removed"


def _start_foreground_server(server_source: ServerSource) -> tuple[subprocess.Popen[str], list[str]]:
    """``cml-ergonomic server`` as a user runs it, up to its ``# Ctrl-C to stop`` line."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CML_SERVER_SOURCE")}
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "cml-ergonomic"), "server", "--server-source", server_source.location],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines: list[str] = []
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line.rstrip("\n"))
        if line.startswith("# Ctrl-C to stop"):
            return process, lines
    process.wait(30)
    pytest.fail(f"the server never became ready:\n{lines}")


def test_ctrl_c_then_sigterm_at_once_still_stops_everything(server_source: ServerSource | None) -> None:
    """nox sends SIGTERM 0.3 s after Ctrl-C; here both arrive together, and the cleanup must still be complete."""
    if server_source is None:
        pytest.skip("an external server (--base-url) is in use: the harness is not ours to start here")
    process, lines = _start_foreground_server(server_source)
    run_dir = Path(next(line for line in lines if line.startswith("# run directory")).rsplit(": ", 1)[1])
    assert (run_dir / "pgdata").is_dir()
    url = next(line for line in lines if line.startswith("export CML_BASE_URL=")).split("=", 1)[1]
    assert httpx.get(url + HEALTH_PATH, timeout=10).json()["status"] == "healthy"

    process.send_signal(signal.SIGINT)
    process.send_signal(signal.SIGTERM)
    assert process.wait(60) == 0
    deadline = time.monotonic() + 10
    while run_dir.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not run_dir.exists(), f"{run_dir} outlived the harness: {sorted(p.name for p in run_dir.iterdir())}"
    with pytest.raises(httpx.TransportError):
        httpx.get(url + HEALTH_PATH, timeout=2)


def test_each_timing_line_measures_its_own_step(server_source: ServerSource | None) -> None:
    if server_source is None:
        pytest.skip("an external server (--base-url) is in use: the harness is not ours to start here")
    process, lines = _start_foreground_server(server_source)
    process.send_signal(signal.SIGINT)
    process.wait(60)
    ready = next(line for line in lines if " ready in " in line)
    total = float(re.search(r"ready in ([\d.]+)s", ready).group(1))  # type: ignore[union-attr]
    steps = {name: float(seconds) for name, seconds in re.findall(r"(\w+) ([\d.]+)s", ready.split("(", 2)[-1])}
    assert set(steps) == {"install", "databases", "migrations", "api"}, ready
    # Steps that each measured only themselves add up to no more than the whole (plus rounding).
    assert sum(steps.values()) <= total + 0.2, ready
