"""The SDK as a user installs it: a wheel built by ``uv build``, or a direct git reference, in a fresh virtualenv.

Each way gets its own virtualenv (no editable install, no PYTHONPATH, run
from a folder outside the repository), then the README's first example runs
in it against the real server, as the README's install section promises.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ServerInfo
from tests.integration.test_docs import python_blocks, reader_environment

ROOT = Path(__file__).resolve().parents[2]
CHECK_INSTALLED = """
import pathlib, sys
import cml_api_client, cml_ergonomic
from cml_ergonomic._compat import load_snapshot

for module in (cml_ergonomic, cml_api_client):
    assert pathlib.Path(module.__file__).is_relative_to(sys.prefix), f"{module.__name__} from {module.__file__}"
assert load_snapshot()["openapi"].startswith("3"), "the OpenAPI snapshot is not in the wheel"
print(cml_ergonomic.__version__)
"""


PATHS = "import sys; print(sys.prefix); print(*sys.path, sep=chr(10))"


def _run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kwargs)  # type: ignore[call-overload]
    assert done.returncode == 0, f"{' '.join(cmd)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "uv", "build", "--wheel", "--out-dir", str(out), str(ROOT)])
    (built,) = out.glob("cml_ergonomic-*.whl")
    return built


def _fresh_venv(where: Path) -> Path:
    _run([sys.executable, "-m", "uv", "venv", "--quiet", "--python", sys.executable, str(where)])
    return where / "bin" / "python"


@pytest.mark.parametrize("source", ["wheel", "git"])
def test_the_installed_sdk_runs_the_quick_example(
    cml_server: ServerInfo, tmp_path: Path, request: pytest.FixtureRequest, source: str
) -> None:
    python = _fresh_venv(tmp_path / "venv")
    # The README's line: a wheel file, or "cml-ergonomic @ git+<repository URL>" (here the clone's own HEAD).
    target = str(request.getfixturevalue("wheel")) if source == "wheel" else f"cml-ergonomic @ git+file://{ROOT}"
    _run([sys.executable, "-m", "uv", "pip", "install", "--quiet", "--python", str(python), target])
    env = reader_environment(cml_server)
    env.pop("VIRTUAL_ENV", None)

    version = _run([str(python), "-c", CHECK_INSTALLED], cwd=tmp_path, env=env).stdout.strip()
    line, quick_example = python_blocks()[0]
    example = tmp_path / "quick_example.py"
    example.write_text(quick_example, encoding="utf-8")
    done = _run([str(python), str(example)], cwd=tmp_path, env=env)

    # The version the package declares, read from its source (not from the installed code under test).
    declared = re.search(r'__version__ = "([^"]+)"', (ROOT / "cml_ergonomic" / "_version.py").read_text("utf-8"))
    assert declared and version == declared.group(1)
    # The server holds every test's memories and ranks them lexically (mock embeddings), so the example's own
    # memory need not be in its top five; what it prints must be the read it made.
    summary = re.search(r"^read 'UI preferences': (\d+) memories", done.stdout, re.MULTILINE)
    assert summary and int(summary.group(1)) >= 1, f"README.md:{line} printed:\n{done.stdout}"
    # The example ran in the fresh virtualenv, with nothing of the repository on its path.
    where = _run([str(python), "-c", PATHS], cwd=tmp_path, env=env).stdout.splitlines()
    assert Path(where[0]).resolve() == (tmp_path / "venv").resolve()
    assert not [entry for entry in where[1:] if entry and Path(entry).resolve().is_relative_to(ROOT)], where
