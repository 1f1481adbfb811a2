"""Sessions for developing cml-ergonomic: ``nox -l`` lists them.

Every session installs what it needs into its own virtualenv (built by uv),
so a fresh clone needs only Python 3.11+, nox and uv.
"""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path
from types import FrameType

import nox

ROOT = Path(__file__).parent

nox.options.default_venv_backend = "uv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["lint", "typecheck", "codegen_check", "tests"]

PYTHON = "3.11"


def _install(session: nox.Session, *groups: str) -> None:
    args = ["-e", ".[cli,server]"]  # the extras are tested and type-checked with the rest
    for group in groups:
        args += ["--group", group]
    session.install(*args)


# The coverage floor CI holds (lines and branches, in percent), per package; see [tool.coverage.*] in pyproject.toml.
COVERAGE_FLOOR = {"cml_ergonomic": {"lines": 96.0, "branches": 90.0}, "codegen": {"lines": 90.0}}


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """All tests under coverage (faults, integration against the real server, rehearsal, unit), then the floor.

    With arguments (`nox -s tests -- tests/unit/test_x.py -k name`) only those tests run, and coverage is
    reported without the floor, which holds for the whole suite only.
    """
    _install(session, "test", "codegen", "bench")  # the codegen tool is under test too, and py-cml for the bench checks
    # `coverage run`, not pytest-cov: the SDK's own pytest plugin imports it before pytest-cov could start.
    session.run("coverage", "erase")
    try:
        session.run("coverage", "run", "-m", "pytest", *session.posargs)
    finally:
        session.run("coverage", "combine", "--quiet", success_codes=[0, 1])  # 1: nothing to combine
    session.run("coverage", "report")
    if not session.posargs:
        report = Path(session.create_tmp()) / "coverage.json"  # not beside the data files that combine reads
        # nox answers None for a command it skips: under --install-only nothing ran, so there is no floor to hold.
        if session.run("coverage", "json", "--quiet", "-o", str(report)) is not None:
            _check_coverage_floor(session, report)


def _check_coverage_floor(session: nox.Session, report: Path) -> None:
    """Fail the session when a package's line or branch coverage is below COVERAGE_FLOOR."""
    import json

    files = json.loads(report.read_text(encoding="utf-8"))["files"]
    failures = []
    for package, floors in COVERAGE_FLOOR.items():
        counts = {"lines": [0, 0], "branches": [0, 0]}
        for path, data in files.items():
            if Path(path).parts[0] == package:
                summary = data["summary"]
                counts["lines"][0] += summary["covered_lines"]
                counts["lines"][1] += summary["num_statements"]
                counts["branches"][0] += summary.get("covered_branches", 0)
                counts["branches"][1] += summary.get("num_branches", 0)
        for kind, floor in floors.items():
            covered, total = counts[kind]
            percent = 100.0 * covered / total if total else 0.0
            verdict = "ok" if percent >= floor else "LOW"
            session.log(f"{package} {kind}: {percent:.2f}% ({covered}/{total}), floor {floor:g}%: {verdict}")
            if percent < floor:
                failures.append(f"{package} {kind} {percent:.2f}% < {floor:g}%")
    if failures:
        session.error("coverage below the floor: " + "; ".join(failures))


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
    _install(session, "codegen")
    session.run("python", "-m", "codegen.server_fetch", *session.posargs)


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux: read from /proc; the harness is Linux-only)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended while we looked
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _forward_stop_signals() -> None:
    """SIGINT or SIGTERM sent to nox's own PID is passed to its child, and nox waits for the child to finish.

    Without this, nox gives its child 0.3 s after a SIGINT that only nox received and then kills it, and a
    SIGTERM kills nox at once: the harness never got the chance to stop its databases and remove its data.
    """

    def forward(signum: int, frame: FrameType | None) -> None:
        for child in _children(os.getpid()):
            os.kill(child, signum)

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, forward)


@nox.session(python=PYTHON)
def server(session: nox.Session) -> None:
    """Run the real CML server in the foreground (`-- --server-source SRC`); prints `export` lines. Ctrl-C stops it."""
    session.install("-e", ".[server]")
    _forward_stop_signals()
    # The harness stops its children and removes its data in a few seconds; nox's default grace is 0.3 s.
    session.run("cml-ergonomic", "server", *session.posargs, interrupt_timeout=60)


@nox.session(python=PYTHON)
def demo(session: nox.Session) -> None:
    """The main job: start the real server locally and walk through the SDK (or use CML_BASE_URL)."""
    session.install("-e", ".[server]")
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
    session.install("-e", ".", "--group", "test", "--group", "codegen", "--group", "bench")
    session.run("python", "-m", "bench.run", *session.posargs)


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the documentation site with --strict into site/, then check it in headless Chromium."""
    session.install("-e", ".[cli,server,otel,testing]", "--group", "docs")
    started = time.monotonic()
    session.run("mkdocs", "build", "--strict", "--site-dir", "site", env={"NO_MKDOCS_2_WARNING": "1"})
    session.log(f"the site was built in {time.monotonic() - started:.1f} s: open site/index.html")
    if shutil.which("chromium") is None:
        _apt_install(session, "chromium")  # Debian's browser; a browser downloaded at run time is not allowed
    session.run(
        "pytest", "-p", "no:cacheprovider", "checks/test_site.py", *session.posargs, env={"CML_DOCS_SITE": "site"}
    )


def _apt_install(session: nox.Session, package: str) -> None:
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        session.error(f"{package} is missing: install it with `apt-get install -y {package}` (as root)")
    session.run("apt-get", "update", "-qq", external=True)
    session.run("apt-get", "install", "-y", "-qq", package, external=True, env={"DEBIAN_FRONTEND": "noninteractive"})


@nox.session(python=PYTHON)
def package(session: nox.Session) -> None:
    """Build the sdist and the wheel (uv build), twine check --strict, and install every extra from them."""
    session.install("--group", "package")
    session.run("pytest", "-p", "no:cacheprovider", "checks/test_dist.py", *session.posargs)
