"""``nox -s server`` stops cleanly when its own PID gets SIGINT or SIGTERM, not only the whole terminal group.

nox gives its child 0.3 s after a SIGINT that only nox received, then kills
it; a SIGTERM kills nox at once and orphans the child. The noxfile passes
either signal to the child and waits for it: afterwards no process that nox
started is left, and the run directory (the database's data) is gone.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cml_ergonomic.server.sources import ServerSource

ROOT = Path(__file__).resolve().parents[2]


def _descendants(root: int) -> set[int]:
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_stopping_nox_by_its_pid_leaves_no_process_and_no_directory(
    server_source: ServerSource | None, tmp_path: Path, stop: signal.Signals
) -> None:
    if server_source is None:
        pytest.skip("an external server (--base-url) is in use: the harness is not ours to start here")
    log = tmp_path / "nox.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CML_", "VIRTUAL_ENV"))}
    with open(log, "w") as out:
        nox = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "nox",
                "-f",
                str(ROOT / "noxfile.py"),
                "-s",
                "server",
                "--",
                "--server-source",
                server_source.location,
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # only nox's PID gets the signal, as with `kill <nox pid>`
        )
    try:
        deadline = time.monotonic() + 600
        while "# Ctrl-C to stop" not in log.read_text() and nox.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        text = log.read_text()
        assert "# Ctrl-C to stop" in text, f"the server never became ready:\n{text[-3000:]}"
        run_dir = Path(next(line for line in text.splitlines() if line.startswith("# run directory")).split(": ")[1])
        started = _descendants(nox.pid)
        assert len(started) >= 3, started  # the command, PostgreSQL (and its backends), Redis, uvicorn
        assert (run_dir / "pgdata").is_dir()

        os.kill(nox.pid, stop)
        assert nox.wait(90) == 0, log.read_text()[-3000:]
        deadline = time.monotonic() + 15
        while (any(_alive(pid) for pid in started) or run_dir.exists()) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [pid for pid in started if _alive(pid)], f"processes outlived nox:\n{log.read_text()[-2000:]}"
        assert not run_dir.exists(), f"{run_dir} outlived nox: {sorted(p.name for p in run_dir.iterdir())}"
    finally:
        if nox.poll() is None:
            os.killpg(nox.pid, signal.SIGKILL)
