"""``Retry-After`` and ``retry-after-ms`` values that cannot be read, and an HTTP date without a zone.

What cannot be read is ignored (the normal backoff applies; the other header still counts); a date with no
zone is read as UTC, as HTTP dates are. Every client runs on a fake clock whose wall time is
``WALL_START``, so each sleep is exact.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytest_httpx import HTTPXMock

from cml_ergonomic import RateLimitError
from tests.unit.conftest import Driver, error_body, stats_body

pytestmark = pytest.mark.anyio

MakeClient = Callable[..., Driver]

# WALL_START is Sat, 21 Nov 2026 21:54:44 UTC: these dates are 7 s later.
SEVEN_SECONDS_LATER_NO_ZONE = "Sat, 21 Nov 2026 21:54:51"
SEVEN_SECONDS_LATER_MINUS_0000 = "Sat, 21 Nov 2026 21:54:51 -0000"  # RFC 5322: "no zone information"
FIRST_BACKOFF = (0.25, 0.5)  # the first retry's backoff: half to all of 0.5 s


def _limited(httpx_mock: HTTPXMock, **headers: str) -> None:
    httpx_mock.add_response(status_code=429, json=error_body("slow down"), headers=headers)


async def _slept_once(d: Driver, httpx_mock: HTTPXMock) -> float:
    httpx_mock.add_response(json=stats_body())
    result = await d.call("stats")
    assert result.meta.retries == 1
    assert len(d.clock.sleeps) == 1
    return d.clock.sleeps[0]


@pytest.mark.parametrize("date", [SEVEN_SECONDS_LATER_NO_ZONE, SEVEN_SECONDS_LATER_MINUS_0000], ids=["bare", "-0000"])
async def test_an_http_date_without_a_zone_is_utc(make_client: MakeClient, httpx_mock: HTTPXMock, date: str) -> None:
    _limited(httpx_mock, **{"Retry-After": date})
    d = make_client()

    assert await _slept_once(d, httpx_mock) == 7.0


@pytest.mark.parametrize("value", ["soon", "1.5s", "", "0x10"], ids=["word", "unit", "empty", "hex"])
async def test_an_unreadable_retry_after_ms_gives_way_to_retry_after(
    make_client: MakeClient, httpx_mock: HTTPXMock, value: str
) -> None:
    _limited(httpx_mock, **{"retry-after-ms": value, "Retry-After": "4"})
    d = make_client()

    assert await _slept_once(d, httpx_mock) == 4.0


@pytest.mark.parametrize(
    "headers",
    [
        {"retry-after-ms": "soon"},
        {"Retry-After": "next tuesday"},
        {"Retry-After": "Sat, 99 Nov 2026 21:54:51 GMT"},  # looks like a date, is none
        {"Retry-After": "Funday, 21 Nov 2026 25:61:00 GMT"},
        {"retry-after-ms": "later", "Retry-After": "whenever"},
    ],
    ids=["ms-word", "words", "day-99", "nonsense-date", "both"],
)
async def test_an_unreadable_delay_falls_back_to_the_backoff(
    make_client: MakeClient, httpx_mock: HTTPXMock, headers: dict[str, str]
) -> None:
    _limited(httpx_mock, **headers)
    d = make_client()

    slept = await _slept_once(d, httpx_mock)

    assert FIRST_BACKOFF[0] <= slept <= FIRST_BACKOFF[1]


@pytest.mark.parametrize("headers", [{"Retry-After": "next tuesday"}, {"retry-after-ms": "soon"}], ids=["date", "ms"])
async def test_an_unreadable_delay_is_not_reported_as_one(
    make_client: MakeClient, httpx_mock: HTTPXMock, headers: dict[str, str]
) -> None:
    _limited(httpx_mock, **headers)
    d = make_client(max_retries=0)

    with pytest.raises(RateLimitError) as info:
        await d.call("stats")

    assert info.value.retry_after is None
    assert "asked to wait" not in info.value.suggestion


async def test_a_date_in_the_past_means_no_wait(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    _limited(httpx_mock, **{"Retry-After": "Sat, 21 Nov 2026 21:50:00"})
    d = make_client()

    assert await _slept_once(d, httpx_mock) == 0.0
