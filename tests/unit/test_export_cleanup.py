"""A killed export leaves nothing behind that the next export does not remove.

A real ``cml-ergonomic export`` runs in a subprocess against FakeCML served
over HTTP on 127.0.0.1, is killed with SIGKILL while it fetches details, and
the target's directory is inspected: no partial file may remain there.
"""

from __future__ import annotations

import http.server
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from cml_ergonomic.cli._export import PREFIX, remove_stale
from cml_ergonomic.testing import FakeCML

TENANT = "export-kill"
MEMORIES = 60
pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and the pid probe are POSIX")


class _Served:
    """FakeCML on a real socket; detail requests are slowed so that the export is caught mid-way."""

    def __init__(self, fake: FakeCML, detail_delay: float) -> None:
        self.fake = fake
        self.detail_delay = detail_delay
        self.details = 0
        served = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if self.command == "GET" and self.path.startswith("/api/v1/dashboard/memories/"):
                    served.details += 1
                    time.sleep(served.detail_delay)
                request = httpx.Request(
                    self.command, fake.base_url + self.path, headers=dict(self.headers.items()), content=body
                )
                response = fake.handle_request(request)
                payload = response.read()
                self.send_response(response.status_code)
                for name, value in response.headers.items():
                    if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_DELETE = _answer

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def served() -> Iterator[_Served]:
    fake = FakeCML()
    with fake.client(api_key=fake.admin_api_key, tenant_id=TENANT) as client:
        for n in range(MEMORIES):
            client.write(f"Exported memory {n}: the user keeps {n} jars of honey in the pantry")
    serving = _Served(fake, detail_delay=0.05)
    try:
        yield serving
    finally:
        serving.close()


def _export(served: _Served, target: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CML_")}
    env.update(
        CML_BASE_URL=served.base_url,
        CML_API_KEY=served.fake.api_key,
        CML_ADMIN_API_KEY=served.fake.admin_api_key,
        CML_MAX_RETRIES="0",
    )
    command = [sys.executable, "-m", "cml_ergonomic", "export", "--tenant", TENANT, "-o", str(target)]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def test_a_killed_export_leaves_no_file_and_the_next_run_completes(served: _Served, tmp_path: Path) -> None:
    target = tmp_path / "acme.jsonl"
    proc = _export(served, target)
    deadline = time.monotonic() + 60
    while served.details < 10:  # well into the details: lines are being written
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the export never reached its details"
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert served.details < MEMORIES, "the export finished before it was killed: the test proved nothing"

    assert _names(tmp_path) == []  # no partial texts, under any name

    served.detail_delay = 0
    finished = _export(served, target)
    _out, err = finished.communicate(timeout=120)
    assert finished.returncode == 0, err
    assert _names(tmp_path) == ["acme.jsonl"]
    assert len(target.read_text(encoding="utf-8").splitlines()) == MEMORIES + 1  # the header, then each memory


def test_the_next_export_removes_what_a_dead_export_left_and_nothing_else(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        left = tmp_path / f"{PREFIX}{dead.pid}-k3j2l1ab.jsonl"
        running = tmp_path / f"{PREFIX}{alive.pid}-q9w8e7rt.jsonl"
        unrelated = tmp_path / f"{PREFIX}notes.txt"
        for path in (left, running, unrelated):
            path.write_text("{}\n", encoding="utf-8")

        removed = remove_stale(tmp_path)

        assert removed == [left]
        assert _names(tmp_path) == sorted([running.name, unrelated.name])
    finally:
        alive.kill()
        alive.wait()


def test_files_of_this_process_and_of_other_users_processes_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = tmp_path / f"{PREFIX}{os.getpid()}-a1b2c3d4.jsonl"
    others = tmp_path / f"{PREFIX}1-e5f6g7h8.jsonl"
    for path in (own, others):
        path.write_text("{}\n", encoding="utf-8")

    def not_permitted(pid: int, sig: int) -> None:
        raise PermissionError(pid)  # what os.kill(pid, 0) raises for another user's live process

    monkeypatch.setattr(os, "kill", not_permitted)
    assert remove_stale(tmp_path) == []
    assert _names(tmp_path) == sorted([own.name, others.name])
