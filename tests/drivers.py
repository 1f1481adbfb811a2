"""One test body for both clients: the driver every suite builds on (unit, faults, contract, integration, hooks).

A test is written once, as an ``async`` function, and runs with the sync and
the async client: ``await driver.call("read", "q")`` calls the method and,
for the async client only, awaits what it returns. Suites subclass
``ClientDriver`` for what is theirs (a fake clock, a fault transport, a
backend); ``ClientFactory`` is the shared half of their ``make_client``
fixtures: the injected pools and the teardown.
"""

from __future__ import annotations

import inspect
import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx

from cml_ergonomic import AsyncCognitiveMemoryLayer, CognitiveMemoryLayer


class ClientDriver:
    """A sync or async client behind one awaitable interface.

    Args:
        client: the client the calls go to by default (None: set it later, e.g. with ``own(new client)``).
        is_async: the kind, when there is no client yet to tell it.
    """

    def __init__(self, client: Any = None, *, is_async: bool | None = None) -> None:
        self.is_async = isinstance(client, AsyncCognitiveMemoryLayer) if is_async is None else is_async
        self._owned: list[Any] = []
        self.client = client

    def own(self, client: Any) -> Any:
        """Close ``client`` with this driver."""
        self._owned.append(client)
        return client

    async def resolve(self, value: Any) -> Any:
        """``value`` itself (sync client) or what it resolves to (async client)."""
        kind = "async" if self.is_async else "sync"
        assert inspect.isawaitable(value) is self.is_async, f"the {kind} client returned {type(value).__name__}"
        return await value if self.is_async else value

    async def call(self, name: str, /, *args: Any, client: Any = None, **kwargs: Any) -> Any:
        """``client.name(*args, **kwargs)``, awaited for the async client (the driver's client unless given)."""
        return await self.resolve(getattr(client or self.client, name)(*args, **kwargs))

    async def stream(
        self,
        *args: Any,
        client: Any = None,
        into: list[Any] | None = None,
        stop_after: int | None = None,
        **kwargs: Any,
    ) -> list[Any]:
        """What ``read_stream`` yields, in order.

        Args:
            *args: ``read_stream``'s arguments.
            client: another client (or session scope) than the driver's.
            into: a list each item is appended to as it arrives (kept when the stream fails).
            stop_after: stop reading (and close the stream) after this many items.
            **kwargs: ``read_stream``'s keyword arguments.
        """
        seen: list[Any] = [] if into is None else into
        iterator = (client or self.client).read_stream(*args, **kwargs)
        if self.is_async:
            async for item in iterator:
                seen.append(item)
                if stop_after is not None and len(seen) >= stop_after:
                    await iterator.aclose()
                    break
        else:
            for item in iterator:
                seen.append(item)
                if stop_after is not None and len(seen) >= stop_after:
                    iterator.close()
                    break
        return seen

    @asynccontextmanager
    async def session(self, *, client: Any = None, **kwargs: Any) -> AsyncIterator[Any]:
        """``with client.session(...)``, or ``async with`` it, by kind."""
        opener = (client or self.client).session(**kwargs)
        if self.is_async:
            async with opener as scope:
                yield scope
        else:
            with opener as scope:
                yield scope

    async def close_client(self, client: Any) -> None:
        """Close one client of this driver's kind."""
        await self.resolve(client.aclose() if self.is_async else client.close())

    async def close(self) -> None:
        """Close every client this driver owns."""
        for client in self._owned:
            await self.close_client(client)
        self._owned.clear()


# Building an SSL context loads the CA bundle (~40 ms): one for every pool the tests inject.
SHARED_SSL = ssl.create_default_context()


class ClientFactory:
    """The shared half of a ``make_client`` fixture: the client class, injected pools, and the teardown.

    Args:
        kind: ``"sync"`` or ``"async"``.
    """

    def __init__(self, kind: str) -> None:
        self.is_async = kind == "async"
        self.client_class: type[Any] = AsyncCognitiveMemoryLayer if self.is_async else CognitiveMemoryLayer
        self.drivers: list[ClientDriver] = []
        self._pools: list[httpx.Client | httpx.AsyncClient] = []

    def inject_pool(self, kwargs: dict[str, Any], transport: Any = None) -> None:
        """Give the client an httpx pool the fixture closes (on ``transport`` when given)."""
        pool: httpx.Client | httpx.AsyncClient
        if self.is_async:
            pool = httpx.AsyncClient(transport=transport, verify=SHARED_SSL)
            kwargs["async_http_client"] = pool
        else:
            pool = httpx.Client(transport=transport, verify=SHARED_SSL)
            kwargs["http_client"] = pool
        self._pools.append(pool)

    def keep(self, driver: ClientDriver) -> Any:
        """Close ``driver`` at teardown; returns it."""
        self.drivers.append(driver)
        return driver

    async def aclose(self) -> None:
        """Close every driver's clients, then the pools injected into them."""
        for driver in self.drivers:
            await driver.close()
        for pool in self._pools:
            if isinstance(pool, httpx.AsyncClient):
                await pool.aclose()
            else:
                pool.close()
