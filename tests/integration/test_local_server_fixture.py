"""The users' fixture ``cml_local_server``: a real server for a test session, gone without a trace however it ends.

A user's test file runs in its own pytest process, outside this repository,
with the package's plugin loaded from its entry point as in any project. The
harness's run directory goes to a private ``TMPDIR``, so what is left behind
(or not) is this test's alone to see.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cml_ergonomic.server.sources import ServerSource

USER_TEST = """
import time
import urllib.request


def test_a_long_one(cml_local_server):
    with urllib.request.urlopen(cml_local_server.base_url + "/api/v1/health", timeout=10) as answer:
        assert answer.status == 200
    assert cml_local_server.env()["CML_BASE_URL"] == cml_local_server.base_url
    print("READY", flush=True)
    time.sleep(600)
"""


@pytest.fixture
def private_tmp() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="cml-fixture-check-", dir="/tmp"))
    folder.chmod(0o755)  # PostgreSQL runs as nobody under root and must reach its run directory
    try:
        yield folder
    finally:
        subprocess.run(["rm", "-rf", str(folder)], check=False)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_the_fixture_stops_its_server_and_removes_its_data_when_the_run_is_stopped(
    server_source: ServerSource | None, tmp_path: Path, private_tmp: Path, stop: signal.Signals
) -> None:
    if server_source is None:
        pytest.skip("an external server (--base-url) is in use: the harness is not ours to start here")
    (tmp_path / "test_user.py").write_text(USER_TEST)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CML_", "PYTHONPATH"))}
    env.update(TMPDIR=str(private_tmp), CML_SERVER_SOURCE=server_source.location)
    run = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", "test_user.py"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        assert run.stdout is not None
        seen = []
        for line in run.stdout:
            seen.append(line)
            if "READY" in line:
                break
        assert any("READY" in line for line in seen), "".join(seen)[-3000:]
        (run_dir,) = private_tmp.glob("cml-harness-*")
        assert (run_dir / "pgdata").is_dir()

        run.send_signal(stop)
        run.wait(90)
        deadline = time.monotonic() + 15
        while run_dir.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not run_dir.exists(), f"{run_dir} outlived the test run: {sorted(p.name for p in run_dir.iterdir())}"
        postgres = subprocess.run(["pgrep", "-f", str(run_dir)], capture_output=True, text=True)
        assert not postgres.stdout.strip(), f"processes of {run_dir} still run: {postgres.stdout}"
        # A cold cache means a download or an archive copy first: that must not stay behind either.
        left = sorted(path.name for path in private_tmp.iterdir() if path.name.startswith("cml-"))
        assert not left, f"the run left {left} in the temporary folder"
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
