"""The clients under test, each doing the same work: write, read 10, read 50, stats, and a 422 error.

Every contender is built on a base URL and, optionally, an httpx transport
(``httpx.MockTransport`` for the in-process overhead benchmark; None for a
real socket). Each operation is a no-argument callable (a coroutine function
for the async contenders) that returns something parsed, so no contender can
skip the work the others do. The error operation sends a valid write and
expects the answer to be a 422, which each contender handles its own way:
raw httpx catches ``httpx.HTTPStatusError``, cml_ergonomic its
``ValidationError``, py-cml its ``cml.ValidationError``; the generated client
does not raise, it returns an ``HTTPValidationError`` model.

py-cml has no parameter for a transport or an httpx client: its transport
builds ``httpx.Client`` lazily in a ``client`` property from ``_client``, so
the benchmark sets ``_transport._client`` to a client built the way py-cml
builds its own (same base URL, headers and timeout), on the mock transport.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from bench._common import FAKE_KEY, pycml_version

CONTENT = "The user prefers dark mode in every editor and asked to keep the font size at 14."
QUERY = "What does the user like, prefer and do?"
WRITE_PATH = "/api/v1/memory/write"
READ_PATH = "/api/v1/memory/read"
STATS_PATH = "/api/v1/memory/stats"
OPERATIONS = ("write", "read_10", "read_50", "stats", "error_422")
OPERATION_LABELS = {
    "write": "write",
    "read_10": "read (10 memories)",
    "read_50": "read (50 memories)",
    "stats": "stats",
    "error_422": "422 error",
}


class ExpectedError(AssertionError):
    """An operation did not end the way the benchmark expects (so the numbers would mean nothing)."""


@dataclass
class Contender:
    """A client ready to run: one callable per operation, and how to close it."""

    key: str
    label: str
    ops: dict[str, Callable[[], Any]]
    close: Callable[[], Any] = field(default=lambda: None)
    is_async: bool = False


@dataclass(frozen=True)
class Spec:
    """How to build a contender."""

    key: str
    label: str
    build: Callable[[str, httpx.BaseTransport | httpx.AsyncBaseTransport | None], Contender]
    is_async: bool
    needs_pycml: bool = False


# --------------------------------------------------------------------------- raw httpx (the floor)


def _raw_error_check(response: httpx.Response) -> Any:
    try:
        response.raise_for_status()
    except httpx.HTTPStatusError:
        return json.loads(response.content)
    raise ExpectedError(f"expected an error status, got {response.status_code}")


def build_raw_sync(base_url: str, transport: Any) -> Contender:
    http = httpx.Client(base_url=base_url, transport=transport, headers={"X-API-Key": FAKE_KEY})

    def post(path: str, body: dict[str, Any]) -> Any:
        response = http.post(path, json=body)
        response.raise_for_status()
        return json.loads(response.content)

    def stats() -> Any:
        response = http.get(STATS_PATH)
        response.raise_for_status()
        return json.loads(response.content)

    return Contender(
        "raw",
        "raw httpx + json.loads",
        {
            "write": lambda: post(WRITE_PATH, {"content": CONTENT}),
            "read_10": lambda: post(READ_PATH, {"query": QUERY, "max_results": 10}),
            "read_50": lambda: post(READ_PATH, {"query": QUERY, "max_results": 50}),
            "stats": stats,
            "error_422": lambda: _raw_error_check(http.post(WRITE_PATH, json={"content": CONTENT})),
        },
        http.close,
    )


def build_raw_async(base_url: str, transport: Any) -> Contender:
    http = httpx.AsyncClient(base_url=base_url, transport=transport, headers={"X-API-Key": FAKE_KEY})

    async def post(path: str, body: dict[str, Any]) -> Any:
        response = await http.post(path, json=body)
        response.raise_for_status()
        return json.loads(response.content)

    async def stats() -> Any:
        response = await http.get(STATS_PATH)
        response.raise_for_status()
        return json.loads(response.content)

    async def error() -> Any:
        return _raw_error_check(await http.post(WRITE_PATH, json={"content": CONTENT}))

    return Contender(
        "raw_async",
        "raw httpx.AsyncClient + json.loads",
        {
            "write": lambda: post(WRITE_PATH, {"content": CONTENT}),
            "read_10": lambda: post(READ_PATH, {"query": QUERY, "max_results": 10}),
            "read_50": lambda: post(READ_PATH, {"query": QUERY, "max_results": 50}),
            "stats": stats,
            "error_422": error,
        },
        http.aclose,
        is_async=True,
    )


# --------------------------------------------------------------------------- the generated client


def _generated_modules() -> Any:
    from cml_api_client.api.memory import get_memory_stats, read_memory, write_memory
    from cml_api_client.models import (
        HTTPValidationError,
        MemoryStats,
        ReadMemoryRequest,
        ReadMemoryResponse,
        WriteMemoryRequest,
        WriteMemoryResponse,
    )

    return (
        write_memory,
        read_memory,
        get_memory_stats,
        WriteMemoryRequest,
        ReadMemoryRequest,
        (WriteMemoryResponse, ReadMemoryResponse, MemoryStats, HTTPValidationError),
    )


def _expect(value: Any, kind: type) -> Any:
    if not isinstance(value, kind):
        raise ExpectedError(f"expected {kind.__name__}, got {type(value).__name__}")
    return value


def build_generated_sync(base_url: str, transport: Any) -> Contender:
    from cml_api_client import authenticated_client

    write_memory, read_memory, get_memory_stats, WriteReq, ReadReq, kinds = _generated_modules()
    write_ok, read_ok, stats_ok, invalid = kinds
    client = authenticated_client(base_url=base_url, api_key=FAKE_KEY)
    # An injected httpx client is used as is, so it carries the key itself.
    client.set_httpx_client(httpx.Client(base_url=base_url, transport=transport, headers={"X-API-Key": FAKE_KEY}))
    return Contender(
        "generated",
        "generated client (cml_api_client)",
        {
            "write": lambda: _expect(write_memory.sync(client=client, body=WriteReq(content=CONTENT)), write_ok),
            "read_10": lambda: _expect(
                read_memory.sync(client=client, body=ReadReq(query=QUERY, max_results=10)), read_ok
            ),
            "read_50": lambda: _expect(
                read_memory.sync(client=client, body=ReadReq(query=QUERY, max_results=50)), read_ok
            ),
            "stats": lambda: _expect(get_memory_stats.sync(client=client), stats_ok),
            "error_422": lambda: _expect(write_memory.sync(client=client, body=WriteReq(content=CONTENT)), invalid),
        },
        lambda: client.get_httpx_client().close(),
    )


def build_generated_async(base_url: str, transport: Any) -> Contender:
    from cml_api_client import authenticated_client

    write_memory, read_memory, get_memory_stats, WriteReq, ReadReq, kinds = _generated_modules()
    write_ok, read_ok, stats_ok, invalid = kinds
    client = authenticated_client(base_url=base_url, api_key=FAKE_KEY)
    client.set_async_httpx_client(
        httpx.AsyncClient(base_url=base_url, transport=transport, headers={"X-API-Key": FAKE_KEY})
    )

    def checked(make: Callable[[], Awaitable[Any]], kind: type) -> Callable[[], Awaitable[Any]]:
        async def run() -> Any:
            return _expect(await make(), kind)

        return run

    return Contender(
        "generated_async",
        "generated client, asyncio",
        {
            "write": checked(lambda: write_memory.asyncio(client=client, body=WriteReq(content=CONTENT)), write_ok),
            "read_10": checked(
                lambda: read_memory.asyncio(client=client, body=ReadReq(query=QUERY, max_results=10)), read_ok
            ),
            "read_50": checked(
                lambda: read_memory.asyncio(client=client, body=ReadReq(query=QUERY, max_results=50)), read_ok
            ),
            "stats": checked(lambda: get_memory_stats.asyncio(client=client), stats_ok),
            "error_422": checked(lambda: write_memory.asyncio(client=client, body=WriteReq(content=CONTENT)), invalid),
        },
        lambda: client.get_async_httpx_client().aclose(),
        is_async=True,
    )


# --------------------------------------------------------------------------- cml_ergonomic


def build_ergonomic_sync(base_url: str, transport: Any, hooks: Any = None) -> Contender:
    from cml_ergonomic import CognitiveMemoryLayer
    from cml_ergonomic.errors import ValidationError

    if transport is None:
        memory = CognitiveMemoryLayer(api_key=FAKE_KEY, base_url=base_url, hooks=hooks)
    else:
        memory = CognitiveMemoryLayer(
            api_key=FAKE_KEY,
            base_url=base_url,
            http_client=httpx.Client(base_url=base_url, transport=transport),
            hooks=hooks,
        )

    def error() -> Any:
        try:
            memory.write(CONTENT)
        except ValidationError as exc:
            return exc
        raise ExpectedError("cml_ergonomic did not raise ValidationError")

    def close() -> None:
        memory.close()
        memory._http.close()  # an injected client is not closed by the SDK

    return Contender(
        "ergonomic",
        "cml_ergonomic",
        {
            "write": lambda: memory.write(CONTENT),
            "read_10": lambda: memory.read(QUERY, max_results=10),
            "read_50": lambda: memory.read(QUERY, max_results=50),
            "stats": memory.stats,
            "error_422": error,
        },
        close,
    )


def build_ergonomic_async(base_url: str, transport: Any, hooks: Any = None) -> Contender:
    from cml_ergonomic import AsyncCognitiveMemoryLayer
    from cml_ergonomic.errors import ValidationError

    if transport is None:
        memory = AsyncCognitiveMemoryLayer(api_key=FAKE_KEY, base_url=base_url, hooks=hooks)
    else:
        memory = AsyncCognitiveMemoryLayer(
            api_key=FAKE_KEY,
            base_url=base_url,
            async_http_client=httpx.AsyncClient(base_url=base_url, transport=transport),
            hooks=hooks,
        )

    async def error() -> Any:
        try:
            await memory.write(CONTENT)
        except ValidationError as exc:
            return exc
        raise ExpectedError("cml_ergonomic did not raise ValidationError")

    async def close() -> None:
        await memory.aclose()
        await memory._http.aclose()

    return Contender(
        "ergonomic_async",
        "cml_ergonomic async",
        {
            "write": lambda: memory.write(CONTENT),
            "read_10": lambda: memory.read(QUERY, max_results=10),
            "read_50": lambda: memory.read(QUERY, max_results=50),
            "stats": memory.stats,
            "error_422": error,
        },
        close,
        is_async=True,
    )


# --------------------------------------------------------------------------- py-cml (cognitive-memory-layer)


def _pycml_client_like_its_own(transport_obj: Any, transport: Any, cls: type) -> Any:
    config = transport_obj._config
    return cls(
        base_url=config.base_url,
        timeout=config.timeout,
        headers=transport_obj._build_headers(),
        transport=transport,
    )


def build_pycml_sync(base_url: str, transport: Any) -> Contender:
    import cml

    memory = cml.CognitiveMemoryLayer(api_key=FAKE_KEY, base_url=base_url)
    if transport is not None:
        memory._transport._client = _pycml_client_like_its_own(memory._transport, transport, httpx.Client)

    def error() -> Any:
        try:
            memory.write(CONTENT)
        except cml.ValidationError as exc:
            return exc
        raise ExpectedError("py-cml did not raise cml.ValidationError")

    return Contender(
        "pycml",
        "py-cml",
        {
            "write": lambda: memory.write(CONTENT),
            "read_10": lambda: memory.read(QUERY, max_results=10),
            "read_50": lambda: memory.read(QUERY, max_results=50),
            "stats": memory.stats,
            "error_422": error,
        },
        memory.close,
    )


def build_pycml_async(base_url: str, transport: Any) -> Contender:
    import cml

    memory = cml.AsyncCognitiveMemoryLayer(api_key=FAKE_KEY, base_url=base_url)
    if transport is not None:
        memory._transport._client = _pycml_client_like_its_own(memory._transport, transport, httpx.AsyncClient)

    async def error() -> Any:
        try:
            await memory.write(CONTENT)
        except cml.ValidationError as exc:
            return exc
        raise ExpectedError("py-cml did not raise cml.ValidationError")

    return Contender(
        "pycml_async",
        "py-cml async",
        {
            "write": lambda: memory.write(CONTENT),
            "read_10": lambda: memory.read(QUERY, max_results=10),
            "read_50": lambda: memory.read(QUERY, max_results=50),
            "stats": memory.stats,
            "error_422": error,
        },
        memory.close,
        is_async=True,
    )


SYNC_SPECS = (
    Spec("raw", "raw httpx + json.loads", build_raw_sync, False),
    Spec("generated", "generated client", build_generated_sync, False),
    Spec("ergonomic", "cml_ergonomic", build_ergonomic_sync, False),
    Spec("pycml", "py-cml", build_pycml_sync, False, needs_pycml=True),
)
ASYNC_SPECS = (
    Spec("raw_async", "raw httpx.AsyncClient + json.loads", build_raw_async, True),
    Spec("generated_async", "generated client (asyncio)", build_generated_async, True),
    Spec("ergonomic_async", "cml_ergonomic async", build_ergonomic_async, True),
    Spec("pycml_async", "py-cml async", build_pycml_async, True, needs_pycml=True),
)


def available(specs: tuple[Spec, ...]) -> list[Spec]:
    """The specs whose libraries are installed (py-cml is optional)."""
    have_pycml = pycml_version() is not None
    return [s for s in specs if have_pycml or not s.needs_pycml]


def check_result(contender: str, operation: str, value: Any, expected_memories: int | None) -> None:
    """Make sure an operation really parsed what it was given (else the timing compares nothing)."""
    if value is None:
        raise ExpectedError(f"{contender} {operation} returned None")
    if expected_memories is None:
        return
    memories = value["memories"] if isinstance(value, dict) else value.memories
    if len(memories) != expected_memories:
        raise ExpectedError(f"{contender} {operation} parsed {len(memories)} memories, expected {expected_memories}")
