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

import inspect
import sys
import typing
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


class _TypeNames(dict[str, Any]):
    """Names the builders' annotations use but import only for the type checker (result types, UUID).

    Resolved on first lookup, one at a time: a method's annotations import
    the result module it returns, never every result module.
    """

    def __missing__(self, name: str) -> Any:
        from cml_ergonomic._result_names import RESULT_TYPES

        if name in RESULT_TYPES:
            from cml_ergonomic import _results

            return getattr(_results, name)
        if name == "UUID":
            from uuid import UUID

            return UUID
        if name == "ForgetPlan":
            from cml_ergonomic._forget_plan import ForgetPlan

            return ForgetPlan
        raise KeyError(name)


class _ClientMethod:
    """Runtime half of the descriptors: binds a builder to a client's runner.

    What a user's tools see of a method (``inspect.signature``,
    ``typing.get_type_hints``, ``help()``, IPython's ``?``, documentation
    generators, pydantic-ai and LangChain tool schemas) is a plain function:
    named after the client's class and module, with the builder's parameters
    and docstring, and the return type of what the method does for that
    kind of client (``WriteResult``, ``Awaitable[WriteResult]``), not the
    builder's ``RequestSpec``. Read on the class (``CognitiveMemoryLayer.write``)
    it takes the client as its first argument, as any method does.
    """

    runner = "_execute"

    def __init__(self, build: Callable[..., Any]) -> None:
        self.build = build
        self.__name__ = build.__name__
        self.__doc__ = build.__doc__
        # (is_async) -> (annotations, signature without self, signature with self); built on first use
        self._typed: dict[bool, tuple[dict[str, Any], inspect.Signature, inspect.Signature]] = {}
        self._class_views: dict[type, Any] = {}

    def returns(self, built: Any, is_async: bool) -> Any:
        """The method's return type, from the builder's (``RequestSpec[T]`` gives ``T``, or ``Awaitable[T]``)."""
        args = typing.get_args(built)
        inner = args[0] if args else Any
        return Awaitable[inner] if is_async else inner  # type: ignore[valid-type]

    def _typing(self, is_async: bool) -> tuple[dict[str, Any], inspect.Signature, inspect.Signature]:
        typed = self._typed.get(is_async)
        if typed is None:
            module = sys.modules[self.build.__module__]
            try:
                hints = typing.get_type_hints(self.build, globalns=vars(module), localns=_TypeNames())
            except (NameError, TypeError):  # pragma: no cover - guarded by the introspection tests
                hints = dict(getattr(self.build, "__annotations__", {}))
            hints.pop("self", None)
            hints["return"] = self.returns(hints.get("return", Any), is_async)
            full = inspect.signature(self.build)
            params = [p.replace(annotation=hints.get(p.name, p.annotation)) for p in full.parameters.values()]
            with_self = full.replace(parameters=params, return_annotation=hints["return"])
            bound = with_self.replace(parameters=params[1:])
            typed = self._typed[is_async] = (hints, bound, with_self)
        return typed

    def _describe(self, method: Any, owner: type, is_async: bool, *, bound: bool) -> Any:
        hints, bound_signature, class_signature = self._typing(is_async)
        method.__name__ = self.build.__name__
        method.__qualname__ = f"{owner.__name__}.{self.build.__name__}"
        method.__module__ = owner.__module__
        method.__doc__ = self.build.__doc__
        method.__annotations__ = hints
        method.__signature__ = bound_signature if bound else class_signature
        return method

    def __call__(self, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """``CognitiveMemoryLayer.write(client, ...)``: the method called through the class, as for a function."""
        return self._bind(obj)(*args, **kwargs)

    def _class_view(self, owner: type) -> Any:
        """The method read on a class: a function taking the client first, with ``build`` for internal use."""
        view = self._class_views.get(owner)
        if view is None:

            def method(obj: Any, /, *args: Any, **kwargs: Any) -> Any:
                return self._bind(obj)(*args, **kwargs)

            method.build = self.build  # type: ignore[attr-defined]
            view = self._class_views[owner] = self._describe(
                method, owner, issubclass(owner, AsyncExecutor), bound=False
            )
        return view

    def _bind(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self if owner is None else self._class_view(owner)
        build, run = self.build, getattr(obj, self.runner)

        def method(*args: Any, **kwargs: Any) -> Any:
            return run(build(obj, *args, **kwargs))

        client = obj._client if isinstance(obj, Resource) else obj
        return self._describe(method, type(obj), isinstance(client, AsyncExecutor), bound=True)


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
        return self._bind(obj, owner)


class stream_endpoint(_ClientMethod, Generic[P, Y]):
    """Descriptor: a builder ``(self, ...) -> StreamSpec[Y]`` becomes an iterator (sync) or async iterator."""

    runner = "_execute_stream"
    build: Callable[Concatenate[Any, P], StreamSpec[Y]]

    def __init__(self, build: Callable[Concatenate[Any, P], StreamSpec[Y]]) -> None:
        super().__init__(build)

    def returns(self, built: Any, is_async: bool) -> Any:
        """``StreamSpec[Y]`` gives ``Iterator[Y]``, or ``AsyncIterator[Y]``."""
        args = typing.get_args(built)
        inner = args[0] if args else Any
        return AsyncIterator[inner] if is_async else Iterator[inner]  # type: ignore[valid-type]

    @overload
    def __get__(self, obj: None, owner: type) -> stream_endpoint[P, Y]: ...
    @overload
    def __get__(self, obj: SyncExecutor, owner: type) -> Callable[P, Iterator[Y]]: ...
    @overload
    def __get__(self, obj: AsyncExecutor, owner: type) -> Callable[P, AsyncIterator[Y]]: ...
    def __get__(self, obj: Any, owner: type) -> Any:
        return self._bind(obj, owner)
