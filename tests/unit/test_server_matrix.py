"""Under ``CI=true`` a missing server of the version matrix fails the run; elsewhere the run says how to add it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The version the SDK is built from: the name of the one snapshot in openapi/ (2.0.0 today).
(BUILT_FOR,) = [path.stem.removeprefix("cml-") for path in (ROOT / "openapi").glob("cml-*.json")]
ONE_INTEGRATION_TEST = "tests/integration/test_contract_real.py::test_health_needs_no_key"


def _collect(ci: str | None, sources: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CML_") and k != "CI"}
    env["CML_SERVER_SOURCE"] = sources
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-p", "no:randomly", ONE_INTEGRATION_TEST],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_under_ci_a_missing_matrix_server_fails_the_run() -> None:
    done = _collect("true", "1.5.1")
    assert done.returncode == 4, done.stdout + done.stderr  # pytest's usage error: nothing ran
    assert f"CI=true and no server {BUILT_FOR} of the matrix" in done.stderr
    assert "CML_SERVER_SOURCE" in done.stderr


def test_outside_ci_the_run_goes_on_and_says_how_to_add_the_server() -> None:
    done = _collect(None, "1.5.1")
    assert done.returncode == 0, done.stdout + done.stderr
    note = f"note: no server {BUILT_FOR} of the matrix, whose tests will not run; to add it, set CML_SERVER_SOURCE"
    assert note in done.stdout
    assert "test_health_needs_no_key[1.5.1]" in done.stdout


def test_under_ci_the_full_matrix_runs(tmp_path: Path) -> None:
    archive = tmp_path / f"cognitive-memory-layer-{BUILT_FOR}-src.tar.gz"
    _fake_archive(archive, BUILT_FOR)
    done = _collect("true", f"1.5.1,{archive}")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "note:" not in done.stdout
    assert f"[{BUILT_FOR}-archive]" in done.stdout


def _fake_archive(path: Path, version: str) -> None:
    """A source archive that names its version (all the collection reads of it)."""
    import io
    import tarfile

    with tarfile.open(path, "w:gz") as tar:
        data = version.encode()
        info = tarfile.TarInfo(f"cognitive-memory-layer-{version}/VERSION")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))


def test_ci_run_stops_before_installing_anything_without_the_archive(tmp_path: Path) -> None:
    repo = tmp_path / "checkout"
    (repo / ".ci").mkdir(parents=True)
    shutil.copy(ROOT / ".ci" / "run", repo / ".ci" / "run")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CML_")}
    env["CI"] = "true"
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    done = subprocess.run(["bash", str(repo / ".ci" / "run")], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"no 2.0.0 source archive at {tmp_path}/shared/servers/" in done.stderr
    assert "CI must test every server of the matrix" in done.stderr
    assert "CML_SERVER_SOURCE=1.5.1,/path/to/cognitive-memory-layer-2.0.0-src.tar.gz" in done.stderr
    assert done.stdout == ""  # pip, nox and the sessions never started
