"""``str()`` of each result says what happened, with its numbers and ids (what a user prints first).

Checked on the facts each string must carry (a failed write says so, a batch its turn count ...), not on the
exact wording.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from tests.unit.conftest import (
    MEMORY_ID,
    Driver,
    create_session_body,
    session_context_body,
    turn_body,
    update_body,
    write_batch_body,
    write_body,
)

pytestmark = pytest.mark.anyio

MakeClient = Callable[..., Driver]


async def _str_of(d: Driver, httpx_mock: HTTPXMock, body: dict[str, Any], method: str, /, *args: Any, **kw: Any) -> str:
    httpx_mock.add_response(json=body)
    return str(await d.call(method, *args, **kw))


async def test_a_write_the_server_refused_says_it_failed(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    text = await _str_of(
        make_client(), httpx_mock, write_body(success=False, message="quota reached", chunks_created=0), "write", "x"
    )
    assert "fail" in text and "quota reached" in text
    assert "stored:" not in text


async def test_a_write_that_stored_nothing_says_so(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    text = await _str_of(make_client(), httpx_mock, write_body(chunks_created=0, message="duplicate"), "write", "x")
    assert "nothing stored" in text and "duplicate" in text


async def test_a_write_that_stored_names_the_memory(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    text = await _str_of(make_client(), httpx_mock, write_body(MEMORY_ID, chunks_created=2), "write", "x")
    assert MEMORY_ID in text and "2 chunks" in text


@pytest.mark.parametrize("success", [True, False])
async def test_a_batch_says_its_counts(make_client: MakeClient, httpx_mock: HTTPXMock, success: bool) -> None:
    body = {**write_batch_body(3), "success": success}
    text = await _str_of(make_client(), httpx_mock, body, "write_batch", [{"content": "a"}, {"content": "b"}])
    assert "3 turns" in text and "3 chunks" in text
    assert ("failed" in text) is not success


async def test_an_update_names_the_memory_and_its_version(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    text = await _str_of(make_client(), httpx_mock, update_body(MEMORY_ID), "update", MEMORY_ID, text="light mode")
    assert MEMORY_ID in text and "version 2" in text


async def test_a_turn_says_what_it_retrieved_and_stored(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    body = {**turn_body(), "memories_retrieved": 4, "memories_stored": 2}
    text = await _str_of(make_client(), httpx_mock, body, "turn", "What do I like?", session_id="sess-7f3a")
    assert "4 retrieved" in text and "2 stored" in text


async def test_sessions_say_their_id(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    d = make_client()
    created = await _str_of(d, httpx_mock, create_session_body(), "create_session", name="onboarding")
    context = await _str_of(d, httpx_mock, session_context_body("sess-9"), "get_session_context", "sess-9")
    assert "sess-7f3a" in created and "2026-11-22" in created  # the id and when it expires
    assert "sess-9" in context and "0 messages" in context
