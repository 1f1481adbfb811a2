"""Public methods that take more than one request, written once for both clients.

A *flow* builder checks its arguments (raising before anything is sent) and
returns a generator that yields the :class:`RequestSpec` of each request it
needs; it is sent back each answer (or thrown each error) and returns its
result. The :class:`flow` descriptor runs it through the client's
``_execute``: directly on the sync client, awaited on the async one. So the
steps, checks and bookkeeping exist once, and only the driver awaits.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Generator
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar, overload

from cml_ergonomic._endpoint import AsyncExecutor, Resource, SyncExecutor, _ClientMethod
from cml_ergonomic._request import RequestSpec
from cml_ergonomic.errors import CMLError

P = ParamSpec("P")
T = TypeVar("T")

Steps = Generator[RequestSpec[Any], Any, T]


def run_sync(steps: Steps[T], execute: Callable[[RequestSpec[Any]], Any]) -> T:
    """Drive ``steps`` with a sync ``execute``; its return value is the flow's result."""
    answer: Any = None
    failure: CMLError | None = None
    while True:
        try:
            spec = steps.send(answer) if failure is None else steps.throw(failure)
        except StopIteration as stop:
            result: T = stop.value
            return result
        answer, failure = None, None
        try:
            answer = execute(spec)
        except CMLError as exc:
            failure = exc


async def run_async(steps: Steps[T], execute: Callable[[RequestSpec[Any]], Awaitable[Any]]) -> T:
    """Drive ``steps`` with an async ``execute``; the same as :func:`run_sync`, awaited."""
    answer: Any = None
    failure: CMLError | None = None
    while True:
        try:
            spec = steps.send(answer) if failure is None else steps.throw(failure)
        except StopIteration as stop:
            result: T = stop.value
            return result
        answer, failure = None, None
        try:
            answer = await execute(spec)
        except CMLError as exc:
            failure = exc


def _is_async(obj: Any) -> bool:
    return isinstance(obj._client if isinstance(obj, Resource) else obj, AsyncExecutor)


class flow(_ClientMethod, Generic[P, T]):
    """Descriptor: a builder ``(self, ...) -> Steps[T]`` becomes a client method returning ``T`` (or its awaitable)."""

    build: Callable[Concatenate[Any, P], Steps[T]]

    def __init__(self, build: Callable[Concatenate[Any, P], Steps[T]]) -> None:
        super().__init__(build)

    def _bind(self, obj: Any) -> Any:
        if obj is None:
            return self
        build = self.build
        driver: Callable[..., Any] = run_async if _is_async(obj) else run_sync

        def method(*args: Any, **kwargs: Any) -> Any:
            return driver(build(obj, *args, **kwargs), obj._execute)  # build checks now, before any request

        method.__name__ = build.__name__
        method.__qualname__ = f"{type(obj).__name__}.{build.__name__}"
        method.__doc__ = build.__doc__
        method.__signature__ = self.signature  # type: ignore[attr-defined]
        return method

    @overload
    def __get__(self, obj: None, owner: type) -> flow[P, T]: ...
    @overload
    def __get__(self, obj: SyncExecutor, owner: type) -> Callable[P, T]: ...
    @overload
    def __get__(self, obj: AsyncExecutor, owner: type) -> Callable[P, Awaitable[T]]: ...
    def __get__(self, obj: Any, owner: type) -> Any:
        return self._bind(obj)
