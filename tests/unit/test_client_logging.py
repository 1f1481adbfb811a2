"""Logging: one DEBUG line per answered attempt, a WARNING per retry, and never an API key anywhere.

The keys are distinctive so that any leak, in a log record or in an error,
is found by a plain substring search.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

from cml_ergonomic import CMLError
from tests.unit.conftest import (
    ADMIN_KEY,
    API_KEY,
    SSE_HEADERS,
    Driver,
    error_body,
    fastapi_422_body,
    sse_body,
    stats_body,
    write_body,
)

MakeClient = Callable[..., Driver]
SECRETS = (API_KEY, ADMIN_KEY)
DEBUG_LINE = re.compile(r"^(GET|POST|DELETE) (/api/v1/\S+) → (\d{3}) \((\d+) ms\) request_id=(\S+)$")


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG, logger="cml_ergonomic")
    return caplog


def assert_no_secret_in_records(records: list[logging.LogRecord]) -> None:
    assert records, "nothing was logged: the check would be vacuous"
    for record in records:
        texts = [record.getMessage(), str(record.msg), repr(record.args), record.exc_text or ""]
        if record.exc_info and record.exc_info[1] is not None:
            texts.append(logging.Formatter().formatException(record.exc_info))
        for text in texts:
            for secret in SECRETS:
                assert secret not in text, f"{secret!r} leaked in a {record.levelname} record of {record.name}"


def assert_no_secret_in_error(exc: BaseException) -> None:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:  # the error and what it was raised from
        seen.add(id(current))
        for text in (str(current), repr(current), repr(getattr(current, "__dict__", {}))):
            for secret in SECRETS:
                assert secret not in text, f"{secret!r} leaked in {type(current).__name__}"
        current = current.__cause__ or current.__context__


def http_debug_lines(records: list[logging.LogRecord]) -> list[str]:
    return [r.getMessage() for r in records if r.levelno == logging.DEBUG and r.name == "cml_ergonomic.http"]


def secret_client(make_client: MakeClient, **kwargs: Any) -> Driver:
    return make_client(api_key=API_KEY, admin_api_key=ADMIN_KEY, tenant_id="tenant-a", **kwargs)


# --------------------------------------------------------------------------- the DEBUG line


@pytest.mark.anyio
async def test_success_logs_one_debug_line(make_client: MakeClient, httpx_mock: HTTPXMock, logs: Any) -> None:
    httpx_mock.add_response(json=write_body(), headers={"x-request-id": "req-log-1"})
    d = secret_client(make_client)

    await d.call("write", "User prefers dark mode")

    lines = http_debug_lines(logs.records)
    assert len(lines) == 1
    match = DEBUG_LINE.match(lines[0])
    assert match, lines[0]
    assert match.group(1, 2, 3, 5) == ("POST", "/api/v1/memory/write", "200", "req-log-1")
    assert_no_secret_in_records(logs.records)


@pytest.mark.anyio
async def test_elapsed_time_in_the_debug_line(make_client: MakeClient, httpx_mock: HTTPXMock, logs: Any) -> None:
    httpx_mock.add_response(status_code=503, json=error_body("Service unavailable"), headers={"Retry-After": "2"})
    httpx_mock.add_response(json=stats_body(), headers={"x-request-id": "req-after"})
    d = secret_client(make_client)

    await d.call("stats")

    first, second = (DEBUG_LINE.match(line) for line in http_debug_lines(logs.records))
    assert first and second
    assert first.group(3, 4, 5) == ("503", "0", "None")  # no x-request-id on that answer
    assert second.group(3, 4, 5) == ("200", "2000", "req-after")  # 2 s slept on the fake clock


@pytest.mark.anyio
async def test_one_debug_line_per_attempt_with_retries(
    make_client: MakeClient, httpx_mock: HTTPXMock, logs: Any
) -> None:
    for rid in ("req-a", "req-b"):
        httpx_mock.add_response(status_code=503, json=error_body("Database unavailable"), headers={"x-request-id": rid})
    httpx_mock.add_response(json=write_body(), headers={"x-request-id": "req-c"})
    d = secret_client(make_client)

    result = await d.call("write", "hello")

    assert result.meta.retries == 2
    lines = http_debug_lines(logs.records)
    assert [DEBUG_LINE.match(line).group(1, 2, 3, 5) for line in lines] == [  # type: ignore[union-attr]
        ("POST", "/api/v1/memory/write", "503", "req-a"),
        ("POST", "/api/v1/memory/write", "503", "req-b"),
        ("POST", "/api/v1/memory/write", "200", "req-c"),
    ]
    warnings = [r for r in logs.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2
    assert_no_secret_in_records(logs.records)


# --------------------------------------------------------------------------- no key anywhere


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("name", "args", "kwargs", "status", "body"),
    [
        ("write", ("hello",), {}, 401, error_body("Invalid API key")),
        ("write", ("",), {}, 422, fastapi_422_body()),  # refused by the client: nothing sent
        ("write", ("hello",), {}, 422, fastapi_422_body()),
        ("read", ("preferences",), {}, 403, error_body("Forbidden")),
        ("delete_all", (), {"confirm": True}, 403, error_body("Admin API key required")),
        ("consolidate", ("tenant-a",), {}, 500, error_body("Internal server error")),
        ("stats", (), {"max_retries": 0}, 429, error_body("Rate limit exceeded")),
    ],
    ids=["401", "422-client", "422-server", "403", "403-admin", "500-admin", "429"],
)
async def test_no_key_in_logs_or_errors_on_failures(
    make_client: MakeClient,
    httpx_mock: HTTPXMock,
    logs: Any,
    name: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    status: int,
    body: Any,
) -> None:
    if args != ("",):
        httpx_mock.add_response(status_code=status, json=body, headers={"x-request-id": "req-fail"}, is_reusable=True)
    d = secret_client(make_client)
    logging.getLogger("cml_ergonomic").debug("client %r ready", d.client)  # a user logging the client itself

    with pytest.raises(CMLError) as info:
        await d.call(name, *args, **kwargs)

    assert_no_secret_in_error(info.value)
    assert_no_secret_in_records(logs.records)


@pytest.mark.anyio
@pytest.mark.parametrize(
    "exc_factory",
    [
        lambda: httpx.ConnectError("[Errno 111] Connection refused"),
        lambda: httpx.ReadTimeout("timed out"),
        lambda: httpx.RemoteProtocolError("Server disconnected without sending a response."),
    ],
    ids=["ConnectError", "ReadTimeout", "RemoteProtocolError"],
)
async def test_no_key_in_logs_or_errors_on_connection_failures(
    make_client: MakeClient, httpx_mock: HTTPXMock, logs: Any, exc_factory: Callable[[], Exception]
) -> None:
    httpx_mock.add_exception(exc_factory(), is_reusable=True)
    d = secret_client(make_client)

    with pytest.raises(CMLError) as info:
        await d.call("stats")

    assert len(httpx_mock.get_requests()) == 3
    assert_no_secret_in_error(info.value)
    assert_no_secret_in_records(logs.records)
    retries = [r for r in logs.records if r.levelno == logging.WARNING]
    assert len(retries) == 2


@pytest.mark.anyio
async def test_no_key_in_logs_of_successful_calls(make_client: MakeClient, httpx_mock: HTTPXMock, logs: Any) -> None:
    httpx_mock.add_response(json=write_body())
    httpx_mock.add_response(json={"affected_count": 5})
    httpx_mock.add_response(content=sse_body(), headers=SSE_HEADERS)
    d = secret_client(make_client)

    await d.call("write", "User prefers dark mode")
    await d.call("delete_all", confirm=True)
    await d.stream("preferences")

    assert_no_secret_in_records(logs.records)
    keys_sent = [r.headers["X-API-Key"] for r in httpx_mock.get_requests()]
    assert keys_sent == [API_KEY, ADMIN_KEY, API_KEY]  # the keys were really used, so the check means something


@pytest.mark.anyio
async def test_a_key_logged_by_the_sdk_is_masked(make_client: MakeClient, logs: Any) -> None:
    """Should any SDK record ever carry a key (in its message, its args or a traceback), the filter masks it."""
    secret_client(make_client)
    logger = logging.getLogger("cml_ergonomic.http")

    logger.debug("header X-API-Key=%s", API_KEY)
    logger.warning(f"admin key {ADMIN_KEY} in the message")
    logger.debug("headers %s", {"X-API-Key": API_KEY})
    try:
        raise RuntimeError(f"boom with {API_KEY}")
    except RuntimeError:
        logger.exception("failed")

    assert len(logs.records) == 4
    assert_no_secret_in_records(logs.records)
    assert "***3456" in logs.records[0].getMessage()


# --------------------------------------------------------------------------- redaction is per live client, bounded


def test_a_short_key_never_corrupts_other_text(logs: Any) -> None:
    from cml_ergonomic import CognitiveMemoryLayer

    with CognitiveMemoryLayer(api_key="a", admin_api_key="k", base_url="http://cml.test"):
        logging.getLogger("cml_ergonomic.http").debug("POST /api/v1/memory/read → 200 (3 ms) request_id=abc")
        logging.getLogger("cml_ergonomic.http").debug("headers %s", {"X-API-Key": "a", "Accept": "a/b"})
    assert logs.records[0].getMessage() == "POST /api/v1/memory/read → 200 (3 ms) request_id=abc"
    # as the value of the key header, even a one-letter key is masked; other headers are left alone
    assert logs.records[1].getMessage() == "headers {'X-API-Key': '***', 'Accept': 'a/b'}"


def test_a_key_is_forgotten_when_its_last_client_is_gone() -> None:
    import gc

    from cml_ergonomic import CognitiveMemoryLayer
    from cml_ergonomic._logging import redactor

    gc.collect()
    before = len(redactor)
    clients = [CognitiveMemoryLayer(api_key=f"tenant-key-{n:06d}", base_url="http://cml.test") for n in range(300)]
    copies = [client.with_options(max_retries=0) for client in clients[:10]]
    assert len(redactor) == before + 300
    assert "***0005" in redactor.redact("tenant-key-000005")
    for client in clients:
        client.close()
    del clients, client
    gc.collect()
    # the ten copies still hold their keys; the other 290 are forgotten
    assert len(redactor) == before + 10
    assert redactor.redact("tenant-key-000005") == "***0005"
    assert redactor.redact("tenant-key-000200") == "tenant-key-000200"
    del copies
    gc.collect()
    assert len(redactor) == before


def test_the_guard_sees_short_keys_and_does_not_trust_the_redactor() -> None:
    from tests.unit.conftest import leaked_keys

    assert leaked_keys("POST /api/v1/memory/read", {"a"}) == []
    assert leaked_keys("headers {'X-API-Key': 'a'}", {"a"}) == ["a"]
    assert leaked_keys("api_key=a retried", {"a"}) == ["a"]
    assert leaked_keys(f"sent {API_KEY} twice", {API_KEY}) == [API_KEY]
    assert leaked_keys("sent ***3456 twice", {API_KEY}) == []


# --------------------------------------------------------------------------- a library's logging: silent by default

_RETRY_ONCE = """
import logging, sys
{setup}
from cml_ergonomic.testing import FakeCML
fake = FakeCML()
fake.fail_next(1, status=503)
with fake.client(max_retries=1) as client:
    client.read("anything")
print("done", file=sys.stdout)
"""


@pytest.mark.parametrize(
    ("setup", "env", "printed"),
    [
        ("", {}, False),
        ("logging.basicConfig(level=logging.WARNING)", {}, True),
        ("", {"CML_LOG": "warning"}, True),
    ],
    ids=["unconfigured", "basicConfig", "CML_LOG"],
)
def test_a_retry_warning_reaches_stderr_only_when_logging_is_configured(
    setup: str, env: dict[str, str], printed: bool
) -> None:
    import os
    import subprocess
    import sys

    clean = {k: v for k, v in os.environ.items() if not k.startswith("CML_")}
    proc = subprocess.run(
        [sys.executable, "-c", _RETRY_ONCE.format(setup=setup)],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "done\n"  # the retry happened and the call succeeded
    if printed:
        assert "503" in proc.stderr and "retry" in proc.stderr.lower(), proc.stderr
    else:
        assert proc.stderr == ""


def test_a_client_collected_while_the_redactor_is_busy_never_deadlocks() -> None:
    """A finalizer runs wherever the last reference goes, even inside register(): it must not wait for the lock."""
    import threading

    from cml_ergonomic._logging import redactor

    class Owner:
        pass

    def drop_inside_the_lock() -> None:
        owner = Owner()
        redactor.register("busy-key-0000001", owner)
        with redactor._lock:  # as register() holds it while the garbage collector runs finalizers
            del owner

    worker = threading.Thread(target=drop_inside_the_lock, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "a finalizer waited for the redactor's lock"
    len(redactor)  # settles the queued release
    assert redactor.redact("busy-key-0000001") == "busy-key-0000001"  # forgotten once its owner is gone
