"""Fixtures shared by every test: the real CML servers for integration tests.

Integration tests run against the real server that the harness starts on
127.0.0.1, once per session for each server source given with
``--server-source`` (repeatable) or ``CML_SERVER_SOURCE`` (comma-separated):
every integration test runs once per server version, its id ending in the
version. Without a source they run against the default (see
:func:`cml_ergonomic.server.default_source`). With ``--base-url`` /
``CML_BASE_URL`` and its keys they run against that server instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

# The contract cases are plain modules that the runners import: rewrite their asserts as in test files.
pytest.register_assert_rewrite("tests.contract")

from cml_ergonomic.server.harness import Stack, tail  # noqa: E402
from cml_ergonomic.server.sources import (  # noqa: E402
    HOW_TO_PROVIDE,
    NEWEST_ON_PYPI,
    SOURCE_ENV,
    ServerSource,
    SourceError,
    built_for_version,
    sources_from,
    version_key,
)


@dataclass(frozen=True)
class ServerInfo:
    """Where a real CML server listens and the keys it accepts."""

    base_url: str
    api_key: str
    admin_api_key: str
    tenant_id: str
    version: str | None = None  # None for an external server whose version was not given
    log_path: Path | None = None  # None for an external server

    def at_least(self, version: str) -> bool:
        """Whether the live server is ``version`` or newer (tests whose expectation depends on it).

        Raises:
            pytest.fail.Exception: the version of an external server was not given.
        """
        if self.version is None:
            pytest.fail("this test depends on the server's version: pass --server-version (or CML_SERVER_VERSION)")
        return version_key(self.version) >= version_key(version)


@pytest.fixture(autouse=True)
def _no_cml_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No CML_* variable of the developer's shell may change what a test sees (options were read already)."""
    for name in list(os.environ):
        if name.startswith("CML_"):
            monkeypatch.delenv(name)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("cml", "real CML server")
    group.addoption(
        "--base-url",
        default=os.environ.get("CML_BASE_URL"),
        help="use the CML server already running here (default: env CML_BASE_URL; else start one)",
    )
    group.addoption("--api-key", default=os.environ.get("CML_API_KEY"), help="its normal key (env CML_API_KEY)")
    group.addoption(
        "--admin-api-key", default=os.environ.get("CML_ADMIN_API_KEY"), help="its admin key (env CML_ADMIN_API_KEY)"
    )
    group.addoption(
        "--tenant-id", default=os.environ.get("CML_TENANT_ID", "default"), help="its default tenant (env CML_TENANT_ID)"
    )
    group.addoption(
        "--server-version",
        default=os.environ.get("CML_SERVER_VERSION"),
        help="the release of the --base-url server, for version-dependent tests (env CML_SERVER_VERSION)",
    )
    group.addoption(
        "--server-source",
        action="append",
        default=[],
        help="run the integration tests against the server from this source: a version on PyPI, a source tree "
        f"or a .tar.gz archive; repeat for a matrix (default: env {SOURCE_ENV}, comma-separated)",
    )


def _server_sources(config: pytest.Config) -> list[ServerSource]:
    sources: list[ServerSource] | None = config.stash.get(_SOURCES, None)
    if sources is None:
        try:
            sources = sources_from(config.getoption("--server-source"))
        except SourceError as exc:
            raise pytest.UsageError(str(exc)) from exc
        config.stash[_SOURCES] = sources
    return sources


_SOURCES = pytest.StashKey[list[ServerSource]]()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that needs a harness-run server runs once per server source (the version matrix)."""
    if "server_source" in metafunc.fixturenames and not metafunc.config.getoption("--base-url"):
        sources = _server_sources(metafunc.config)
        metafunc.parametrize("server_source", sources, ids=[s.label for s in sources], indirect=True, scope="session")


def pytest_report_header(config: pytest.Config) -> list[str]:
    if config.getoption("--base-url"):
        return [f"CML server: {config.getoption('--base-url')} (external)"]
    lines = ["CML servers for integration tests: " + ", ".join(str(s) for s in _server_sources(config))]
    if missing := _missing_from_matrix(config):
        lines.append(f"note: {missing}")
    return lines


def _matrix() -> list[str]:
    """The server versions CI must test: PyPI's newest release and the one the SDK is built from."""
    return sorted({NEWEST_ON_PYPI, built_for_version()}, key=version_key)


def _missing_from_matrix(config: pytest.Config) -> str:
    """Why the integration tests would not cover the whole version matrix ("" when they do)."""
    given = {source.version for source in _server_sources(config)}
    missing = [version for version in _matrix() if version not in given]
    if not missing:
        return ""
    return f"no server {', '.join(missing)} of the matrix, whose tests will not run; to add it, {HOW_TO_PROVIDE}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "integration" in item.path.parts:
            item.add_marker(pytest.mark.integration)
    needs_server = any("server_source" in getattr(item, "fixturenames", ()) for item in items)
    under_ci = os.environ.get("CI") == "true"
    if needs_server and under_ci and not config.getoption("--base-url") and (missing := _missing_from_matrix(config)):
        raise pytest.UsageError(f"CI=true and {missing}")


@pytest.fixture(scope="session")
def server_source(request: pytest.FixtureRequest) -> ServerSource | None:
    """The source of the server under test (one value per run of the version matrix); None for --base-url."""
    return getattr(request, "param", None)


@pytest.fixture(scope="session")
def cml_stack(request: pytest.FixtureRequest, server_source: ServerSource | None) -> Iterator[Stack | None]:
    """The harness's PostgreSQL + Redis for the server under test (None when testing an external server)."""
    if server_source is None:
        yield None
        return
    stack = Stack(server_source)
    with stack:
        request.config.stash[_STACK] = stack
        yield stack
        if request.session.testsfailed:
            stack.keep_logs = True  # the failing tests printed their tails; the full logs stay for a look


_STACK = pytest.StashKey[Stack]()


@pytest.fixture(scope="session")
def cml_server(request: pytest.FixtureRequest, cml_stack: Stack | None) -> ServerInfo:
    """The real CML server (unlimited rate) that integration tests talk to."""
    if cml_stack is None:
        opt = request.config.getoption
        if not opt("--api-key") or not opt("--admin-api-key"):
            pytest.fail("--base-url needs --api-key and --admin-api-key (or CML_API_KEY and CML_ADMIN_API_KEY)")
        return ServerInfo(
            opt("--base-url").rstrip("/"),
            opt("--api-key"),
            opt("--admin-api-key"),
            opt("--tenant-id"),
            opt("--server-version"),
        )
    server = cml_stack.start_api()
    return ServerInfo(
        server.base_url, server.api_key, server.admin_api_key, server.tenant_id, cml_stack.version, server.log_path
    )


RATE_LIMIT_PER_MINUTE = 5


@pytest.fixture(scope="session")
def rate_limited_server(cml_stack: Stack | None) -> ServerInfo:
    """A second API process on the same databases with a limit of 5 requests per minute per key."""
    if cml_stack is None:
        pytest.skip("a rate-limited server needs the harness: an external server's limit is not ours to set")
    server = cml_stack.start_api(rate_limit=RATE_LIMIT_PER_MINUTE)
    return ServerInfo(
        server.base_url, server.api_key, server.admin_api_key, server.tenant_id, cml_stack.version, server.log_path
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if not report.failed:
        return
    funcargs = getattr(item, "funcargs", {})
    for name in ("cml_server", "rate_limited_server"):
        server = funcargs.get(name)
        if isinstance(server, ServerInfo) and server.log_path is not None:
            report.sections.append((f"CML server log ({server.log_path.name}, last lines)", tail(server.log_path)))
