"""The two clients: ``CognitiveMemoryLayer`` (sync) and ``AsyncCognitiveMemoryLayer`` (asyncio).

Everything but sending bytes lives in shared code: the public methods in
:mod:`._methods`, configuration and headers in :mod:`._base`, each call's
steps in :mod:`._request`, the retry policy in :mod:`._retry`. What is left
here is the I/O, written twice because one side must ``await``.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

import httpx
from httpx_sse import EventSource

from cml_ergonomic._base import ClientCore
from cml_ergonomic._batch import BatchMethods, BatchSpec
from cml_ergonomic._compat import CompatibilityMethods, first_use_check
from cml_ergonomic._endpoint import AsyncExecutor, StreamSpec, SyncExecutor
from cml_ergonomic._flow import Steps, run_async, run_sync
from cml_ergonomic._methods import MemoryMethods
from cml_ergonomic._request import Call, RequestSpec
from cml_ergonomic._retry import annotate, first_retry, strategies
from cml_ergonomic._session import AsyncSessionOpener, SessionMethods, SessionOpener
from cml_ergonomic.errors import CMLError

if TYPE_CHECKING:
    import asyncio

    from cml_ergonomic._results import CreateSessionResult

T = TypeVar("T")
R = TypeVar("R")
Y = TypeVar("Y")


class CognitiveMemoryLayer(MemoryMethods, SessionMethods, BatchMethods, CompatibilityMethods, SyncExecutor, ClientCore):
    """The synchronous client. Safe to share across threads.

    Example:
        >>> from cml_ergonomic import CognitiveMemoryLayer
        >>> with CognitiveMemoryLayer(api_key="...", base_url="http://localhost:8000") as memory:  # doctest: +SKIP
        ...     memory.write("User prefers dark mode")
        ...     print(memory.read("preferences"))
    """

    _http_class = httpx.Client
    _raw_setter = "set_httpx_client"
    _http: httpx.Client

    def _retrying(self, call: Call[T], attempt: Callable[[Call[T]], R]) -> R:
        try:
            try:
                return attempt(call)
            except CMLError as exc:
                delay = first_retry(call, exc)
            self.clock.sleep(delay)
            import tenacity  # by the first failure: most calls never need it

            for state in tenacity.Retrying(sleep=self.clock.sleep, **strategies(call)):
                with state:
                    return attempt(call)
        except CMLError as exc:
            raise annotate(exc, call) from exc.__cause__
        raise AssertionError("tenacity ended without a result")  # pragma: no cover

    def _open_session(self, spec: RequestSpec[CreateSessionResult]) -> SessionOpener:
        return SessionOpener(self, spec)

    def _run_batch(self, batch: BatchSpec[T]) -> T:
        count = len(batch.specs)
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=max(1, min(batch.max_concurrency, count))) as pool:
            outcomes = list(pool.map(lambda index: batch.run(index, self._execute), range(count)))
        return batch.assemble(outcomes)

    def _run_flow(self, steps: Steps[T]) -> T:
        return run_sync(steps, self._execute)

    def _check_tenant(self, spec: RequestSpec[Any]) -> None:
        config = self.config
        if config.tenant_id is not None and self._tenant_guard.wanted(config, spec.operation):
            run_sync(self._tenant_guard.verdict(config), self._execute)

    def _execute(self, spec: RequestSpec[T]) -> T:
        if self._check_server_pending:
            self._check_server_pending = False
            with contextlib.suppress(CMLError):  # a failed check must not fail the user's call
                self._execute(first_use_check())
        self._check_tenant(spec)
        call = Call(self, spec)
        if call.blocked():
            return call.degraded("the circuit is open")
        try:
            return call.succeeded(self._retrying(call, self._attempt))
        except CMLError as exc:
            return call.failed(exc)

    def _attempt(self, call: Call[T]) -> T:
        request = call.build_request(self._http)
        with call.io(request), call.socket_deadline():
            response = self._http.send(request, stream=True)
            try:
                body = call.collect(response.iter_bytes())
            finally:
                response.close()
        return call.complete(response, body)

    def _open_stream(self, call: Call[Any]) -> httpx.Response:
        request = call.build_request(self._http)
        with call.io(request):
            response = self._http.send(request, stream=True)
            if response.status_code != 200:
                call.complete(response, call.collect(response.iter_bytes()))  # raises the mapped error
        return response

    def _execute_stream(self, spec: StreamSpec[Y]) -> Iterator[Y]:
        self._check_tenant(spec.request)
        call: Call[Any] = Call(self, spec.request)
        with call.observe_stream():
            response = self._retrying(call, self._open_stream)  # retried until the stream opens, never after
            with contextlib.closing(response), spec.reading(call, response):
                for event in EventSource(response).iter_sse():
                    yield from spec.accept(call, event)
                    if call.finished:
                        return

    def close(self) -> None:
        """Close the connection pool (unless it was injected with ``http_client=``). Closing twice is harmless.

        Raises:
            Nothing: errors while closing sockets are not reported.

        Example:
            >>> memory.close()  # doctest: +SKIP
        """
        if not self._closed and self._owns_http:
            self._http.close()
        self._closed = True

    def __enter__(self) -> CognitiveMemoryLayer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __del__(self) -> None:
        if self._warn_unclosed():
            self._http.close()


class AsyncCognitiveMemoryLayer(
    MemoryMethods, SessionMethods, BatchMethods, CompatibilityMethods, AsyncExecutor, ClientCore
):
    """The asyncio client: the same methods as ``CognitiveMemoryLayer``, to ``await``.

    It belongs to the event loop it is first used on; create one client per loop.

    Example:
        >>> from cml_ergonomic import AsyncCognitiveMemoryLayer
        >>> async with AsyncCognitiveMemoryLayer(api_key="...") as memory:  # doctest: +SKIP
        ...     await memory.write("User prefers dark mode")
    """

    _http_class = httpx.AsyncClient
    _raw_setter = "set_async_httpx_client"
    _http: httpx.AsyncClient
    _loop: asyncio.AbstractEventLoop | None = None  # asyncio is imported on first use: it costs ~30 ms

    def _bind_loop(self) -> None:
        import asyncio

        loop = asyncio.get_running_loop()
        if self._loop is None:
            self._loop = loop
        elif self._loop is not loop:
            raise RuntimeError(
                f"{self!r} was first used on another event loop; an async client belongs to one loop. "
                "Create one AsyncCognitiveMemoryLayer per event loop (per thread, per asyncio.run)."
            )

    async def _retrying(self, call: Call[T], attempt: Callable[[Call[T]], Coroutine[Any, Any, R]]) -> R:
        self._bind_loop()
        try:
            try:
                return await attempt(call)
            except CMLError as exc:
                delay = first_retry(call, exc)
            await self.clock.async_sleep(delay)
            import tenacity  # by the first failure: most calls never need it

            async for state in tenacity.AsyncRetrying(sleep=self.clock.async_sleep, **strategies(call)):
                with state:
                    return await attempt(call)
        except CMLError as exc:
            raise annotate(exc, call) from exc.__cause__
        raise AssertionError("tenacity ended without a result")  # pragma: no cover

    def _open_session(self, spec: RequestSpec[CreateSessionResult]) -> AsyncSessionOpener:
        return AsyncSessionOpener(self, spec)

    async def _run_batch(self, batch: BatchSpec[T]) -> T:
        import asyncio

        gate = asyncio.Semaphore(batch.max_concurrency)

        async def one(index: int) -> Any:
            async with gate:
                return await batch.arun(index, self._execute)

        return batch.assemble(list(await asyncio.gather(*(one(i) for i in range(len(batch.specs))))))

    async def _run_flow(self, steps: Steps[T]) -> T:
        return await run_async(steps, self._execute)

    async def _check_tenant(self, spec: RequestSpec[Any]) -> None:
        config = self.config
        if config.tenant_id is not None and self._tenant_guard.wanted(config, spec.operation):
            await run_async(self._tenant_guard.verdict(config), self._execute)

    async def _execute(self, spec: RequestSpec[T]) -> T:
        if self._check_server_pending:
            self._check_server_pending = False
            with contextlib.suppress(CMLError):  # a failed check must not fail the user's call
                await self._execute(first_use_check())
        await self._check_tenant(spec)
        call = Call(self, spec)
        if call.blocked():
            return call.degraded("the circuit is open")
        try:
            return call.succeeded(await self._retrying(call, self._attempt))
        except CMLError as exc:
            return call.failed(exc)

    async def _attempt(self, call: Call[T]) -> T:
        import asyncio

        request = call.build_request(self._http)
        with call.io(request), call.cut_at_deadline():
            async with asyncio.timeout(call.remaining()):
                response = await self._http.send(request, stream=True)
                try:
                    body = await call.acollect(response.aiter_bytes())
                finally:
                    await response.aclose()
        return call.complete(response, body)

    async def _open_stream(self, call: Call[Any]) -> httpx.Response:
        request = call.build_request(self._http)
        with call.io(request):
            response = await self._http.send(request, stream=True)
            if response.status_code != 200:
                call.complete(response, await call.acollect(response.aiter_bytes()))  # raises the mapped error
        return response

    async def _execute_stream(self, spec: StreamSpec[Y]) -> AsyncIterator[Y]:
        await self._check_tenant(spec.request)
        call: Call[Any] = Call(self, spec.request)
        with call.observe_stream():
            response = await self._retrying(call, self._open_stream)  # retried until the stream opens, never after
            try:
                with spec.reading(call, response):
                    async for event in EventSource(response).aiter_sse():
                        for item in spec.accept(call, event):
                            yield item
                        if call.finished:
                            return
            finally:
                await response.aclose()

    async def aclose(self) -> None:
        """Close the connection pool (unless it was injected with ``async_http_client=``). Closing twice is harmless.

        Raises:
            Nothing: errors while closing sockets are not reported.

        Example:
            >>> await memory.aclose()  # doctest: +SKIP
        """
        if not self._closed and self._owns_http:
            await self._http.aclose()
        self._closed = True

    async def __aenter__(self) -> AsyncCognitiveMemoryLayer:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    def __del__(self) -> None:
        # An AsyncClient cannot be closed without a loop; its sockets go with the garbage collector.
        self._warn_unclosed()
