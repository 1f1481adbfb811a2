"""The distributions as they would be published, and every extra installed from them as the README says.

``uv build`` makes the sdist and the wheel once per run; ``twine check
--strict`` reads both; the wheel must hold the two packages and their
``py.typed`` and nothing else (no tests, no caches). Then each extra is
installed from the wheel into a fresh virtualenv, in the README's form
(``"cml-ergonomic[cli] @ file:///…/cml_ergonomic-….whl"``), once with the pip
that the machine's Python ships (``python -m venv`` seeds it from
``ensurepip``: 23.2.1 for Python 3.11.7) and once with uv, and the extra is
made to do its job there. The documented install lines themselves (README and
Getting started) run with real paths in place of ``/path/to``, the git form
included. Last, a virtualenv holding only the wheel and its ``server`` extra
starts a real server with ``cml-ergonomic server``, and a user's pytest file
that uses the ``cml_local_server`` fixture passes against it; neither leaves a
process or a directory behind.
"""

from __future__ import annotations

import ensurepip
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
EXTRAS = sorted(PYPROJECT["project"]["optional-dependencies"])
VERSION = re.search(r'__version__ = "([^"]+)"', (ROOT / "cml_ergonomic" / "_version.py").read_text()).group(1)  # type: ignore[union-attr]
INSTALL_DOCS = (ROOT / "README.md", ROOT / "docs" / "getting-started.md")
WHEEL_FORM = re.compile(r'"cml-ergonomic(\[[a-z,]+\])? @ file:///path/to/dist/(cml_ergonomic-[^"]+\.whl)"')
GIT_FORM = re.compile(r'"cml-ergonomic(\[[a-z,]+\])? @ git\+file://localhost/path/to/cml-ergonomic"')


def run(cmd: list[str], *, ok: bool = True, **kwargs: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=900, **kwargs)  # type: ignore[call-overload]
    if ok:
        assert done.returncode == 0, (
            f"{shlex.join(cmd)} failed ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        )
    return done


def uv(*args: str) -> list[str]:
    return [sys.executable, "-m", "uv", *args]


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run(uv("build", "--sdist", "--wheel", "--out-dir", str(out), str(ROOT)))
    return out


@pytest.fixture(scope="session")
def wheel(dist: Path) -> Path:
    (built,) = dist.glob("cml_ergonomic-*.whl")
    return built


def fresh_venv(where: Path, installer: str) -> Path:
    """A new virtualenv: ``python -m venv`` (with the bundled pip) for pip, ``uv venv`` for uv."""
    if installer == "pip":
        run([sys.executable, "-m", "venv", str(where)])
        pip = run([str(where / "bin" / "python"), "-m", "pip", "--version"]).stdout
        assert pip.startswith(f"pip {ensurepip.version()} "), pip  # the pip the machine's Python ships
    else:
        run(uv("venv", "--quiet", "--python", sys.executable, str(where)))
    return where / "bin" / "python"


def install(python: Path, installer: str, requirement: str) -> None:
    if installer == "pip":
        run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", requirement])
    else:
        run(uv("pip", "install", "--quiet", "--python", str(python), requirement))


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CML_", "VIRTUAL_ENV", "PYTHON"))}
    return {**env, **extra}


# --------------------------------------------------------------------------- the files


def test_twine_check_strict_passes_on_the_sdist_and_the_wheel(dist: Path) -> None:
    files = sorted(dist.glob("cml_ergonomic-*"))
    assert {f.suffix for f in files} == {".whl", ".gz"}, files
    done = run([sys.executable, "-m", "twine", "check", "--strict", *map(str, files)])
    assert done.stdout.count("PASSED") == 2, done.stdout


def test_the_wheel_holds_the_two_packages_and_their_markers_and_nothing_else(wheel: Path) -> None:
    assert wheel.name == f"cml_ergonomic-{VERSION}-py3-none-any.whl"
    names = zipfile.ZipFile(wheel).namelist()
    assert {name.split("/")[0] for name in names} == {
        "cml_ergonomic",
        "cml_api_client",
        f"cml_ergonomic-{VERSION}.dist-info",
    }
    for needed in ("cml_ergonomic/py.typed", "cml_api_client/py.typed", "cml_ergonomic/server/harness.py"):
        assert needed in names, needed
    assert [n for n in names if re.fullmatch(r"cml_ergonomic/_openapi/cml-[\d.]+\.json", n)], "no OpenAPI snapshot"
    unwanted = [
        n
        for n in names
        if re.search(r"(^|/)(tests?|__pycache__|\.pytest_cache|\.mypy_cache|\.ruff_cache|\.nox)(/|$)", n)
        or n.endswith((".pyc", ".pyo"))
    ]
    assert not unwanted, unwanted


def test_the_wheel_metadata_names_every_extra_and_entry_point(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(f"cml_ergonomic-{VERSION}.dist-info/METADATA").decode()
        entry_points = archive.read(f"cml_ergonomic-{VERSION}.dist-info/entry_points.txt").decode()
    assert re.findall(r"^Provides-Extra: (\S+)$", metadata, re.MULTILINE) == EXTRAS
    assert re.search(rf"^Version: {re.escape(VERSION)}$", metadata, re.MULTILINE)
    assert "cml-ergonomic = cml_ergonomic.cli:main" in entry_points
    assert "cml_ergonomic = cml_ergonomic.testing.pytest_plugin" in entry_points
    assert "cml_ergonomic_server = cml_ergonomic.server.pytest_plugin" in entry_points


def test_the_sdist_holds_the_sources_and_no_caches_or_build_output(dist: Path) -> None:
    (sdist,) = dist.glob("cml_ergonomic-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = [name.split("/", 1)[1] for name in archive.getnames() if "/" in name]
    for needed in ("pyproject.toml", "README.md", "CHANGELOG.md", "cml_ergonomic/server/harness.py", "openapi"):
        assert any(n == needed or n.startswith(needed + "/") for n in names), needed
    unwanted = [
        n
        for n in names
        if re.search(r"(^|/)(__pycache__|\.pytest_cache|\.mypy_cache|\.ruff_cache|\.nox|\.venv|\.artifacts)(/|$)", n)
        or re.match(r"(site|dist|build)/", n)
        or n.endswith((".pyc", ".pyo"))
    ]
    assert not unwanted, unwanted


# --------------------------------------------------------------------------- every extra, installed

USER_TEST = """
def test_the_fake_answers(cml_client):
    cml_client.write("User prefers dark mode")
    assert cml_client.read("dark mode").memories[0].text == "User prefers dark mode"
"""

OTEL = """
from cml_ergonomic import CognitiveMemoryLayer, ConfigurationError
try:
    CognitiveMemoryLayer(api_key="k", base_url="http://127.0.0.1:9", otel=True).close()
except ConfigurationError as exc:
    print(f"no otel: {exc}")
else:
    print("otel ok")
"""


# MemoryChat drives a real openai client (built here, never sent anywhere).
OPENAI = """
import openai
from cml_ergonomic.agents import MemoryChat
from cml_ergonomic.testing import FakeCML
chat = MemoryChat(FakeCML().client(), openai.OpenAI(api_key="not-used", base_url="http://127.0.0.1:9"), model="m")
assert isinstance(chat, MemoryChat)
"""


def check_extra(python: Path, extra: str, folder: Path) -> None:
    """The extra does its job in the virtualenv it was installed into."""
    bin_dir, env = python.parent, clean_env()
    version = run([str(python), "-c", "import cml_ergonomic; print(cml_ergonomic.__version__)"], cwd=folder, env=env)
    assert version.stdout.strip() == VERSION
    assert run([str(bin_dir / "cml-ergonomic"), "--version"], cwd=folder, env=env).stdout.strip().endswith(VERSION)
    if extra == "":
        done = run([str(bin_dir / "cml-ergonomic"), "health"], ok=False, cwd=folder, env=env)
        assert done.returncode == 2 and '"cli" extra' in done.stderr, done.stderr
        assert run([str(python), "-c", OTEL], cwd=folder, env=env).stdout.startswith("no otel: ")
    elif extra == "cli":
        assert "export" in run([str(bin_dir / "cml-ergonomic"), "--help"], cwd=folder, env=env).stdout
    elif extra == "testing":
        (folder / "test_user.py").write_text(USER_TEST)
        done = run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_user.py"], cwd=folder, env=env)
        assert "1 passed" in done.stdout
    elif extra == "otel":
        assert run([str(python), "-c", OTEL], cwd=folder, env=env).stdout.strip() == "otel ok"
    elif extra == "server":
        assert (
            "--server-source" in run([str(bin_dir / "cml-ergonomic"), "server", "--help"], cwd=folder, env=env).stdout
        )
        run([str(python), "-c", "import uv, os; assert os.access(uv.find_uv_bin(), os.X_OK)"], cwd=folder, env=env)
    elif extra == "mcp":
        assert "--transport" in run([str(bin_dir / "cml-ergonomic"), "mcp", "--help"], cwd=folder, env=env).stdout
        run([str(python), "-c", "import mcp.server.mcpserver, cml_ergonomic.mcp._server"], cwd=folder, env=env)
    elif extra == "openai":
        run([str(python), "-c", OPENAI], cwd=folder, env=env)
    else:
        pytest.fail(f"no check for the extra {extra!r}: add one")


@pytest.mark.parametrize("installer", ["pip", "uv"])
@pytest.mark.parametrize("extra", ["", *EXTRAS])
def test_each_extra_installs_from_the_wheel_and_works(wheel: Path, tmp_path: Path, installer: str, extra: str) -> None:
    python = fresh_venv(tmp_path / "venv", installer)
    install(python, installer, f"cml-ergonomic{f'[{extra}]' if extra else ''} @ {wheel.as_uri()}")
    check_extra(python, extra, tmp_path)


def documented_install_lines() -> list[tuple[str, str]]:
    """(where, requirement) of every wheel or local-git install line that the README and Getting started show."""
    found = []
    for path in INSTALL_DOCS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for form in (WHEEL_FORM, GIT_FORM):
                if match := form.search(line):
                    installer = "uv" if line.lstrip().startswith("uv pip") else "pip"
                    found.append((f"{path.name}:{number}:{installer}", match.group(0).strip('"')))
    return found


def test_the_documents_show_the_wheel_and_the_git_forms_for_the_current_version() -> None:
    lines = documented_install_lines()
    assert any("git+file://localhost/" in req for _, req in lines) and any(".whl" in req for _, req in lines), lines
    for where, requirement in lines:
        wheel_name = WHEEL_FORM.search(f'"{requirement}"')
        assert wheel_name is None or wheel_name.group(2) == f"cml_ergonomic-{VERSION}-py3-none-any.whl", where


@pytest.mark.parametrize(("where", "requirement"), documented_install_lines(), ids=lambda value: str(value))
def test_the_documented_install_line_works(wheel: Path, tmp_path: Path, where: str, requirement: str) -> None:
    """Each line as written, with its own installer (``python3 -m pip`` is the bundled pip, ``uv pip`` is uv)."""
    installer = where.rsplit(":", 1)[1]
    real = requirement.replace(f"file:///path/to/dist/{wheel.name}", wheel.as_uri()).replace(
        "git+file://localhost/path/to/cml-ergonomic", f"git+file://localhost{ROOT}"
    )
    assert "/path/to" not in real, f"{where}: {requirement}"
    python = fresh_venv(tmp_path / "venv", installer)
    install(python, installer, real)
    extras = re.search(r"\[([a-z,]+)\]", requirement)
    for extra in extras.group(1).split(",") if extras else [""]:
        check_extra(python, extra, tmp_path)


# --------------------------------------------------------------------------- a real server from the wheel


@pytest.fixture
def private_tmp() -> Iterator[Path]:
    """A TMPDIR of our own, so that what the harness leaves behind (or not) is ours to see.

    World-readable: PostgreSQL runs as ``nobody`` under root and must reach its run directory.
    """
    folder = Path(tempfile.mkdtemp(prefix="cml-dist-check-", dir="/tmp"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        subprocess.run(["rm", "-rf", str(folder)], check=False)


def server_source() -> str:
    """The first server of the run's matrix (CML_SERVER_SOURCE), else the package's default."""
    return os.environ.get("CML_SERVER_SOURCE", "").split(",")[0]


USER_INTEGRATION_TEST = """
from cml_ergonomic import CognitiveMemoryLayer


def test_my_app_against_a_real_server(cml_local_server):
    with CognitiveMemoryLayer(base_url=cml_local_server.base_url, api_key=cml_local_server.api_key) as memory:
        memory.write("The user moved to Lisbon")
        assert "Lisbon" in memory.read("where does the user live").memories[0].text
        assert memory.health()["status"] == "healthy"
"""


def test_a_virtualenv_with_only_the_server_extra_runs_a_real_server_and_the_fixture(
    wheel: Path, tmp_path: Path, private_tmp: Path
) -> None:
    python = fresh_venv(tmp_path / "venv", "uv")
    install(python, "uv", f"cml-ergonomic[server] @ {wheel.as_uri()}")
    source = server_source()
    env = clean_env(TMPDIR=str(private_tmp), **({"CML_SERVER_SOURCE": source} if source else {}))

    # `cml-ergonomic server` as a user runs it: ready, healthy, then SIGTERM stops it and removes everything.
    server = subprocess.Popen(
        [str(python.parent / "cml-ergonomic"), "server"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        assert server.stdout is not None
        lines = []
        for line in server.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("# Ctrl-C to stop"):
                break
        exports = dict(line.removeprefix("export ").split("=", 1) for line in lines if line.startswith("export "))
        assert set(exports) == {"CML_BASE_URL", "CML_API_KEY", "CML_ADMIN_API_KEY", "CML_TENANT_ID"}, lines
        with urllib.request.urlopen(exports["CML_BASE_URL"] + "/api/v1/health", timeout=10) as answer:
            assert json.load(answer)["status"] == "healthy"
        assert list(private_tmp.glob("cml-harness-*")), "the run directory is not where TMPDIR says"
        server.send_signal(signal.SIGTERM)
        assert server.wait(60) == 0
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
    assert not list(private_tmp.glob("cml-harness-*")), "the server command left its run directory behind"

    # A user's integration test with the opt-in fixture (pytest is the user's own test runner).
    install(python, "uv", "pytest")
    (tmp_path / "test_app.py").write_text(USER_INTEGRATION_TEST)
    done = run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_app.py"], cwd=tmp_path, env=env)
    assert "1 passed" in done.stdout, done.stdout
    assert not list(private_tmp.glob("cml-harness-*")), "the fixture left its run directory behind"
