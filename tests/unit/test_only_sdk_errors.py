"""Only SDK errors escape a call: a body its content-encoding cannot decode, on every path; 3xx advice.

Each path that reads a body is tried with the sync and the async client: a
plain call, a stream, and the admin pager.
"""

from __future__ import annotations

import gzip
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

from cml_ergonomic import APIStatusError, CMLError, ResponseValidationError, ServerError, StreamError
from tests.unit.conftest import ADMIN_KEY, BASE_URL, Driver

pytestmark = pytest.mark.anyio


def gzipped(status: int, body: bytes) -> Any:
    """An answer with ``content-encoding: gzip`` whose body is ``body``, as a socket delivers it (a stream)."""

    def answer(request: httpx.Request) -> httpx.Response:
        kind = "text/event-stream" if request.url.path.endswith("/stream") else "application/json"
        headers = {"content-encoding": "gzip", "content-type": kind}
        return httpx.Response(status, headers=headers, stream=httpx.ByteStream(body))

    return answer


async def every_path(driver: Driver) -> dict[str, BaseException]:
    """What each body-reading path raises: a call, a stream and a pager page."""
    raised: dict[str, BaseException] = {}

    async def attempt(name: str, run: Any) -> None:
        try:
            await run()
        except BaseException as exc:
            raised[name] = exc

    await attempt("call", lambda: driver.call("stats"))
    await attempt("stream", lambda: driver.stream("q"))

    async def page() -> None:
        pager = driver.client.admin.memories.list()
        if driver.is_async:
            [item async for item in pager]
        else:
            list(pager)

    await attempt("pager", page)
    return raised


@pytest.fixture
def driver(make_client: Any) -> Driver:
    made: Driver = make_client(admin_api_key=ADMIN_KEY, tenant_id="acme", max_retries=0)
    return made


async def test_a_corrupt_compressed_body_is_an_sdk_error_on_every_path(driver: Driver, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_callback(gzipped(200, b"this is not gzip"), is_reusable=True)
    raised = await every_path(driver)
    assert set(raised) == {"call", "stream", "pager"}
    for path, exc in raised.items():
        assert isinstance(exc, ResponseValidationError), (path, type(exc))  # was httpx.DecodingError
        assert "could not be decoded" in exc.message and "content-encoding" in exc.suggestion
        assert isinstance(exc.__cause__, httpx.DecodingError)


async def test_a_corrupt_body_of_a_write_says_to_read_it_back(driver: Driver, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_callback(gzipped(200, b"this is not gzip"))
    with pytest.raises(ResponseValidationError) as raised:
        await driver.call("write", "User prefers dark mode")
    assert "Read it back before you resend it" in raised.value.suggestion


async def test_a_compressed_error_body_keeps_its_status_and_detail(driver: Driver, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_callback(gzipped(500, gzip.compress(b'{"detail": "the database is down"}')), is_reusable=True)
    raised = await every_path(driver)
    assert set(raised) == {"call", "stream", "pager"}
    for path, exc in raised.items():
        assert isinstance(exc, ServerError), (path, type(exc))  # was httpx.DecodingError: decoded twice
        assert exc.status_code == 500 and "the database is down" in exc.message, path
        assert exc.response_body == {"detail": "the database is down"}


# --------------------------------------------------------------------------- 3xx: not followed, but explained


def _redirect(location: str | None, status: int = 307) -> Any:
    headers = {} if location is None else {"location": location}
    return lambda request: httpx.Response(status, headers=headers)


@pytest.mark.parametrize(
    ("location", "advice"),
    [
        ("https://cml.test:8000/api/v1/memory/stats", "Use base_url='https://cml.test:8000'."),
        ("http://cml.example.org/api/v1/memory/stats", "Use base_url='http://cml.example.org'."),
        ("/api/v1/memory/stats/", "same path with a trailing slash"),
        ("/login?next=/api/v1/memory/stats", "redirected to http://cml.test:8000/login?next=/api/v1/memory/stats"),
    ],
)
async def test_a_redirect_says_where_it_pointed(
    driver: Driver, httpx_mock: HTTPXMock, location: str, advice: str
) -> None:
    httpx_mock.add_callback(_redirect(location))
    with pytest.raises(APIStatusError) as raised:
        await driver.call("stats")
    error = raised.value
    assert error.status_code == 307
    assert advice in error.suggestion, error.suggestion
    assert "does not follow redirects" in error.suggestion
    assert "docstring" not in error.suggestion
    assert len(httpx_mock.get_requests()) == 1  # never followed: the key does not travel


async def test_a_redirect_keeps_the_base_url_s_own_path(make_client: Any, httpx_mock: HTTPXMock) -> None:
    driver = make_client(base_url=f"{BASE_URL}/cml", max_retries=0)
    httpx_mock.add_callback(_redirect("https://cml.test/cml/api/v1/memory/stats"))
    with pytest.raises(APIStatusError) as raised:
        await driver.call("stats")
    assert "Use base_url='https://cml.test/cml'." in raised.value.suggestion


async def test_a_redirect_to_an_unreadable_location_is_an_sdk_error(driver: Driver, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_callback(_redirect("::::"), is_reusable=True)
    with pytest.raises(CMLError) as raised:
        await driver.call("stats")
    assert "Invalid URL in location header" in raised.value.message


async def test_a_redirect_without_location(driver: Driver, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_callback(_redirect(None, 308))
    with pytest.raises(APIStatusError) as raised:
        await driver.call("stats")
    assert "308 without saying where to" in raised.value.suggestion


ODD_ANSWERS = {
    "corrupt deflate": (200, {"content-encoding": "deflate"}, b"nope"),
    "corrupt brotli": (200, {"content-encoding": "br"}, b"nope"),
    "unknown charset": (200, {"content-type": "application/json; charset=nonsense"}, b"\xff\xfe"),
    "corrupt error body": (502, {"content-encoding": "gzip"}, b"nope"),
    "events not UTF-8": (200, {"content-type": "text/event-stream"}, b"data: \xff\xfe\n\n"),
}


@pytest.mark.parametrize("odd", ODD_ANSWERS, ids=str)
async def test_nothing_but_sdk_errors_for_odd_answers(driver: Driver, httpx_mock: HTTPXMock, odd: str) -> None:
    status, headers, body = ODD_ANSWERS[odd]
    httpx_mock.add_callback(
        lambda request: httpx.Response(status, headers=headers, stream=httpx.ByteStream(body)), is_reusable=True
    )
    raised = await every_path(driver)
    assert raised and all(isinstance(exc, CMLError) for exc in raised.values()), {k: type(v) for k, v in raised.items()}


async def test_a_stream_event_with_a_wrongly_typed_id_is_a_stream_error(driver: Driver, httpx_mock: HTTPXMock) -> None:
    item = (
        '{"confidence": 0.5, "id": 123, "relevance": 1.0, "text": "x", "timestamp": "2026-01-01T00:00:00", "type": "t"}'
    )
    events = f"data: {item}\n\nevent: done\ndata: {{}}\n\n".encode()
    httpx_mock.add_response(headers={"content-type": "text/event-stream"}, content=events)
    with pytest.raises(StreamError) as raised:  # was AttributeError: 'int' object has no attribute 'replace'
        await driver.stream("q")
    assert "not a memory item (AttributeError" in raised.value.message
