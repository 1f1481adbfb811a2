"""The real-server harness itself: what it starts answers like the CML server, and it cleans up after itself."""

from __future__ import annotations

import os

import httpx
import pytest

from tests.conftest import ServerInfo
from tests.server.harness import HEALTH_PATH, Stack
from tests.server.sources import ServerSource

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
