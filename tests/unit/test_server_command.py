"""``cml-ergonomic server``'s own logic, with the harness replaced: exit codes, output, and how it stops.

The real server behind it is exercised by tests/integration/test_harness.py,
test_nox_server.py and test_local_server_fixture.py, and from a wheel by
checks/test_dist.py.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from cml_ergonomic.cli._app import run
from cml_ergonomic.cli._output import Output
from cml_ergonomic.server import _command
from cml_ergonomic.server.harness import HarnessError


@dataclass
class FakeChild:
    polls_alive: int

    def alive(self) -> bool:
        self.polls_alive -= 1
        return self.polls_alive >= 0


@dataclass
class FakeServer:
    child: FakeChild
    log_path: Path = Path("/nonexistent/api.log")

    def env(self) -> dict[str, str]:
        return {
            "CML_BASE_URL": "http://127.0.0.1:1",
            "CML_API_KEY": "k",
            "CML_ADMIN_API_KEY": "a",
            "CML_TENANT_ID": "t",
        }


@dataclass
class FakeStack:
    run_dir: Path = Path("/tmp/cml-harness-fake")
    timings: dict[str, float] = field(default_factory=lambda: {"install": 0.1, "api": 0.2})
    keep_logs: bool = False


def fake_running_server(outcome: Any, seen: dict[str, Any]) -> Any:
    @contextlib.contextmanager
    def running_server(*, rate_limit: int = 0, server: Any = None) -> Iterator[tuple[FakeStack, FakeServer]]:
        seen.update(rate_limit=rate_limit, server=server)
        if isinstance(outcome, BaseException):
            raise outcome
        stack = FakeStack()
        seen["stack"] = stack
        yield stack, FakeServer(FakeChild(outcome))

    return running_server


@pytest.fixture
def no_parent_watch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_command, "_stop_with_parent", lambda: None)
    monkeypatch.setattr(_command.time, "sleep", lambda seconds: None)


def test_it_prints_the_exports_and_reports_a_server_that_exits_by_itself(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], no_parent_watch: None
) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr(_command, "running_server", fake_running_server(2, seen))
    assert _command.main(["--server-source", "1.5.1", "--rate-limit", "5"]) == 1
    out, err = capsys.readouterr()
    assert "export CML_BASE_URL=http://127.0.0.1:1\n" in out and "export CML_TENANT_ID=t\n" in out
    assert "# Ctrl-C to stop" in out and "(install 0.1s, api 0.2s)" in out
    assert "the server exited" in err
    assert seen["rate_limit"] == 5 and seen["server"].version == "1.5.1"
    assert seen["stack"].keep_logs  # its logs are the evidence of why it exited


def test_ctrl_c_stops_it_with_exit_code_0(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], no_parent_watch: None
) -> None:
    monkeypatch.setattr(_command, "running_server", fake_running_server(KeyboardInterrupt(), {}))
    assert _command.main([]) == 0
    assert "stopped" in capsys.readouterr().err


def test_a_harness_failure_is_one_line_and_exit_code_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], no_parent_watch: None
) -> None:
    monkeypatch.setattr(_command, "running_server", fake_running_server(HarnessError("initdb failed"), {}))
    assert _command.main(["--server-source", "1.5.1"]) == 1
    assert capsys.readouterr().err == "cml-ergonomic server: error: initdb failed\n"


def test_bad_sources_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert _command.main(["--server-source", "1.5.1,2.0.0"]) == 2
    assert "one server at a time" in capsys.readouterr().err
    assert _command.main(["--server-source", "/no/such/place"]) == 2
    assert "no server source at '/no/such/place'" in capsys.readouterr().err
    assert _command.main(["--rate-limit", "many"]) == 2


def test_the_command_tree_runs_the_same_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], no_parent_watch: None
) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr(_command, "running_server", fake_running_server(KeyboardInterrupt(), seen))
    assert run(["server", "--server-source", "1.5.1"], output=Output(json_mode=False)) == 0
    assert seen["server"].version == "1.5.1"


def test_it_asks_to_be_stopped_with_its_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[int, int]] = []

    class Libc:
        def prctl(self, option: int, value: int) -> int:
            calls.append((option, value))
            return 0

    monkeypatch.setattr(_command.ctypes, "CDLL", lambda name: Libc())
    monkeypatch.setattr(_command.os, "getppid", lambda: 4242)
    _command._stop_with_parent()
    assert calls == [(1, int(_command.signal.SIGTERM))]  # PR_SET_PDEATHSIG

    killed: list[int] = []
    monkeypatch.setattr(_command.os, "getppid", lambda: 1)  # the parent is already gone
    monkeypatch.setattr(_command.os, "kill", lambda pid, signum: killed.append(signum))
    _command._stop_with_parent()
    assert killed == [_command.signal.SIGTERM]


def test_python_dash_m_runs_the_same_command() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "cml_ergonomic.server", "--help"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: cml-ergonomic server")
