"""Public methods written once, for both clients.

A public method is written as a *builder*: it checks its arguments and
returns a :class:`RequestSpec`. The :func:`endpoint` descriptor turns it into
a method that runs the spec through the client's ``_execute``: a plain call
on :class:`SyncExecutor` clients, a coroutine on :class:`AsyncExecutor`
clients. So argument checks, body building and parsing exist once, and the
type checker still sees ``T`` for the sync client and ``Awaitable[T]`` for
the async one.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar, overload

import httpx
from httpx_sse import ServerSentEvent, SSEError

from cml_ergonomic._request import Call, RequestSpec
from cml_ergonomic.errors import ResponseValidationError

P = ParamSpec("P")
T = TypeVar("T")
Y = TypeVar("Y")
X = TypeVar("X", bound="SyncExecutor | AsyncExecutor", covariant=True)


class SyncExecutor:
    """Marks a client whose endpoints return results directly."""

    def _execute(self, spec: RequestSpec[T]) -> T:
        raise NotImplementedError

    def _execute_stream(self, spec: StreamSpec[Y]) -> Iterator[Y]:
        raise NotImplementedError


class AsyncExecutor:
    """Marks a client whose endpoints return awaitables."""

    async def _execute(self, spec: RequestSpec[T]) -> T:
        raise NotImplementedError

    def _execute_stream(self, spec: StreamSpec[Y]) -> AsyncIterator[Y]:
        raise NotImplementedError


class StreamSpec(Generic[Y]):
    """A request whose answer is a server-sent event stream, and how to turn its events into items.

    The sync and async clients only iterate the events; accepting each one
    (deadline, interpretation, the end of the stream) and mapping failures
    happen here, once.
    """

    __slots__ = ("interpret", "last_event", "request")

    def __init__(self, request: RequestSpec[Any], interpret: Callable[[str, str], Y | None], last_event: str) -> None:
        self.request = request
        self.interpret = interpret  # (event name, data) -> an item, or None for an event to skip
        self.last_event = last_event

    def accept(self, call: Call[Any], event: ServerSentEvent) -> list[Y]:
        """The items one event yields (none or one); after the last event ``call.finished`` is set.

        Raises:
            CMLTimeoutError: the call's deadline has passed.
            StreamError: an error event.
        """
        call.check_deadline()
        item = self.interpret(event.event, event.data)
        items = [] if item is None else [item]
        if event.event == self.last_event:
            call.finished = True
        return items

    @contextmanager
    def reading(self, call: Call[Any], response: httpx.Response) -> Iterator[None]:
        """Map what can go wrong while reading the stream to our errors."""
        call.stream_opened(response)
        with call.io(response.request):
            try:
                yield
            except SSEError as exc:  # an httpx.TransportError too, so it must be caught before call.io sees it
                raise ResponseValidationError(f"{call.label} did not answer with server-sent events ({exc})") from None


class Resource(Generic[X]):
    """A group of endpoints reached through a client (``client.admin.memories``).

    Its endpoints run through the client's own ``_execute``, so a resource
    adds no request machinery: ``Resource[CognitiveMemoryLayer]`` methods
    return results, ``Resource[AsyncCognitiveMemoryLayer]`` ones awaitables.
    """

    def __init__(self, client: X) -> None:
        self._client = client
        self._execute = client._execute
        self._execute_stream = client._execute_stream


def _bound_signature(build: Callable[..., Any]) -> inspect.Signature:
    signature = inspect.signature(build)
    params = list(signature.parameters.values())[1:]  # drop self
    return signature.replace(parameters=params, return_annotation=inspect.Signature.empty)


class _ClientMethod:
    """Runtime half of the descriptors: binds a builder to a client's runner.

    Read on the class (``CognitiveMemoryLayer.write``), the descriptor stands
    for the method itself: ``inspect.signature``, ``help()``, IPython's ``?``
    and documentation generators see the builder's parameters (``self``
    included, as for any method) and its docstring, and calling it with a
    client as the first argument runs the method.
    """

    runner = "_execute"

    def __init__(self, build: Callable[..., Any]) -> None:
        self.build = build
        self.signature = _bound_signature(build)
        functools.update_wrapper(self, build)
        # What the class-level object shows: the builder's own parameters, but not its return type (a RequestSpec
        # is what the builder returns, not what the method does); __signature__ also stops inspect from
        # unwrapping __wrapped__ down to the builder.
        self.__signature__ = inspect.signature(build).replace(return_annotation=inspect.Signature.empty)

    def __call__(self, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """``CognitiveMemoryLayer.write(client, ...)``: the method called through the class, as for a function."""
        return self._bind(obj)(*args, **kwargs)

    def _bind(self, obj: Any) -> Any:
        if obj is None:
            return self
        build, run = self.build, getattr(obj, self.runner)

        def method(*args: Any, **kwargs: Any) -> Any:
            return run(build(obj, *args, **kwargs))

        method.__name__ = build.__name__
        method.__qualname__ = f"{type(obj).__name__}.{build.__name__}"
        method.__doc__ = build.__doc__
        method.__signature__ = self.signature  # type: ignore[attr-defined]
        return method


class endpoint(_ClientMethod, Generic[P, T]):
    """Descriptor: a builder ``(self, ...) -> RequestSpec[T]`` becomes a client method."""

    build: Callable[Concatenate[Any, P], RequestSpec[T]]

    def __init__(self, build: Callable[Concatenate[Any, P], RequestSpec[T]]) -> None:
        super().__init__(build)

    @overload
    def __get__(self, obj: None, owner: type) -> endpoint[P, T]: ...
    @overload
    def __get__(self, obj: SyncExecutor, owner: type) -> Callable[P, T]: ...
    @overload
    def __get__(self, obj: AsyncExecutor, owner: type) -> Callable[P, Awaitable[T]]: ...
    @overload
    def __get__(self, obj: Resource[SyncExecutor], owner: type) -> Callable[P, T]: ...
    @overload
    def __get__(self, obj: Resource[AsyncExecutor], owner: type) -> Callable[P, Awaitable[T]]: ...
    def __get__(self, obj: Any, owner: type) -> Any:
        return self._bind(obj)


class stream_endpoint(_ClientMethod, Generic[P, Y]):
    """Descriptor: a builder ``(self, ...) -> StreamSpec[Y]`` becomes an iterator (sync) or async iterator."""

    runner = "_execute_stream"
    build: Callable[Concatenate[Any, P], StreamSpec[Y]]

    def __init__(self, build: Callable[Concatenate[Any, P], StreamSpec[Y]]) -> None:
        super().__init__(build)

    @overload
    def __get__(self, obj: None, owner: type) -> stream_endpoint[P, Y]: ...
    @overload
    def __get__(self, obj: SyncExecutor, owner: type) -> Callable[P, Iterator[Y]]: ...
    @overload
    def __get__(self, obj: AsyncExecutor, owner: type) -> Callable[P, AsyncIterator[Y]]: ...
    def __get__(self, obj: Any, owner: type) -> Any:
        return self._bind(obj)
