"""Sessions for developing cml-ergonomic: ``nox -l`` lists them.

Every session installs what it needs into its own virtualenv (built by uv),
so a fresh clone needs only Python 3.11+, nox and uv.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nox

sys.path.insert(0, str(Path(__file__).parent))
from tests.server.sources import NEWEST_ON_PYPI  # stdlib only, like the rest of the harness

nox.options.default_venv_backend = "uv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["lint", "typecheck", "codegen_check", "tests"]

PYTHON = "3.11"


def _install(session: nox.Session, *groups: str) -> None:
    args = ["-e", ".[cli]"]  # the CLI extra is tested and type-checked with the rest
    for group in groups:
        args += ["--group", group]
    session.install(*args)


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """All tests: faults, integration against the real server (started by the harness), rehearsal, unit."""
    _install(session, "test", "codegen")  # the codegen tool is under test too
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff check and ruff format --check."""
    _install(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", "cml_ergonomic", "codegen")


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """mypy --strict on cml_ergonomic and codegen (the generated package is checked non-strictly)."""
    _install(session, "typecheck", "codegen")
    session.run("mypy")
    session.run("mypy", "--strict", "tests/typing/types_check.py")  # the public types keep their precision


@nox.session(python=PYTHON)
def codegen(session: nox.Session) -> None:
    """Regenerate generated/cml_api_client from the snapshot in openapi/."""
    _install(session, "codegen")
    session.run("python", "-m", "codegen", "generate")


@nox.session(python=PYTHON)
def codegen_check(session: nox.Session) -> None:
    """Fail if generated/ is not exactly what openapi/ + config + the pinned generator produce."""
    _install(session, "codegen")
    session.run("python", "-m", "codegen", "check")


@nox.session(python=PYTHON)
def codegen_fetch(session: nox.Session) -> None:
    """Start the real server with the harness and fetch its schema into openapi/ (then run `nox -s codegen`)."""
    _install(session, "codegen", "test")
    session.run("python", "-m", "tests.server.fetch_snapshot", *session.posargs)


@nox.session(python=PYTHON)
def server(session: nox.Session) -> None:
    """Run the real CML server in the foreground (`-- --server-source SRC`); prints `export` lines. Ctrl-C stops it."""
    _install(session, "test")
    session.run("python", "-m", "tests.server", *session.posargs)


@nox.session(python=PYTHON)
def demo(session: nox.Session) -> None:
    """The main job: start the real server locally and walk through the SDK (or use CML_BASE_URL)."""
    _install(session, "test")
    session.run("python", "-m", "examples.demo", *session.posargs)


@nox.session(python=PYTHON)
def agent_demo(session: nox.Session) -> None:
    """An agent with memory, offline: the real server, the real openai client, a scripted model on 127.0.0.1."""
    session.install("-e", ".[openai]", "--group", "test")
    session.run("python", "-m", "examples.agent_with_memory", *session.posargs)


@nox.session(python=PYTHON)
def upgrade(session: nox.Session) -> None:
    """Move to a new server schema: `nox -s upgrade -- --source SRC` (or --url URL, --file PATH); commits nothing."""
    _install(session, "codegen", "test")
    session.run("python", "-m", "codegen", "upgrade", *session.posargs)


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Benchmarks against raw httpx, the generated client and py-cml; writes bench/results.md (`-- --quick`)."""
    # py-cml is installed in this environment only, never as a dependency of the SDK; the test group brings
    # uv for the real-server harness, the codegen group the generator that codegen_time times.
    session.install("-e", ".", "--group", "test", "--group", "codegen", f"cognitive-memory-layer=={NEWEST_ON_PYPI}")
    session.run("python", "-m", "bench.run", *session.posargs)
