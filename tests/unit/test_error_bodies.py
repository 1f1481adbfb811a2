"""Error bodies the CML server does not document: not UTF-8, a ``detail`` that is an object, no ``detail`` at all.

Whatever the body, the caller gets the typed error for the status, with the body's text in the message and the
parsed body in ``response_body``; never a ``UnicodeDecodeError`` or a ``JSONDecodeError``.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from pytest_httpx import HTTPXMock

from cml_ergonomic import APIStatusError, BadRequestError, ConflictError, ServerError
from tests.unit.conftest import Driver

pytestmark = pytest.mark.anyio

MakeClient = Callable[..., Driver]


async def _error(d: Driver, expected: type[APIStatusError]) -> APIStatusError:
    with pytest.raises(expected) as info:
        await d.call("stats")
    return info.value


async def test_a_latin_1_text_body_is_decoded_by_its_charset(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    text = "Datenbank nicht verfügbar – später erneut versuchen"
    httpx_mock.add_response(
        status_code=500,
        content=text.encode("cp1252"),
        headers={"content-type": "text/plain; charset=windows-1252", "x-request-id": "req-latin"},
    )
    d = make_client(max_retries=0)

    error = await _error(d, ServerError)

    assert error.status_code == 500
    assert error.response_body == text
    assert text in error.message
    assert error.request_id == "req-latin"


async def test_bytes_that_are_no_text_at_all_still_give_the_typed_error(
    make_client: MakeClient, httpx_mock: HTTPXMock
) -> None:
    body = b"\xff\xfe\x00\x81upstream gone\xc3\x28"  # invalid UTF-8 (and no charset said)
    httpx_mock.add_response(status_code=502, content=body, headers={"content-type": "application/octet-stream"})
    d = make_client(max_retries=0)

    error = await _error(d, ServerError)

    assert error.status_code == 502
    assert isinstance(error.response_body, str)
    assert "upstream gone" in error.response_body
    assert "upstream gone" in error.message


async def test_json_in_a_declared_non_utf_8_charset_is_parsed(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    body = '{"detail": "café fermé"}'.encode("latin-1")  # not valid UTF-8: é is one byte
    httpx_mock.add_response(
        status_code=400, content=body, headers={"content-type": "application/json; charset=latin-1"}
    )
    d = make_client(max_retries=0)

    error = await _error(d, BadRequestError)

    assert error.response_body == {"detail": "café fermé"}
    assert error.message.endswith("café fermé")


async def test_a_detail_that_is_an_object_is_shown_as_json(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    detail = {"code": "quota_exceeded", "limit": 5, "used": 5}
    httpx_mock.add_response(status_code=400, json={"detail": detail})
    d = make_client(max_retries=0)

    error = await _error(d, BadRequestError)

    assert error.response_body == {"detail": detail}
    shown = error.message.split("failed with 400: ", 1)[1]
    assert json.loads(shown) == detail  # the object itself, readable, not a Python repr


async def test_a_body_without_detail_is_shown_whole(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    body = {"code": 7, "reason": "stale version"}
    httpx_mock.add_response(status_code=409, json=body)
    d = make_client(max_retries=0)

    error = await _error(d, ConflictError)

    shown = error.message.split("failed with 409: ", 1)[1]
    assert json.loads(shown) == body
    assert error.response_body == body


async def test_a_huge_detail_object_is_cut_in_the_message_but_kept_in_the_body(
    make_client: MakeClient, httpx_mock: HTTPXMock
) -> None:
    detail = {"trace": [f"frame {i}" for i in range(2000)]}
    httpx_mock.add_response(status_code=500, json={"detail": detail})
    d = make_client(max_retries=0)

    error = await _error(d, ServerError)

    assert len(error.message) < 1000
    assert '"frame 0"' in error.message
    assert error.response_body == {"detail": detail}
