"""Public methods that take more than one request, written once for both clients.

A *flow* builder checks its arguments (raising before anything is sent) and
returns a generator that yields the :class:`RequestSpec` of each request it
needs; it is sent back each answer (or thrown each error) and returns its
result. The :class:`flow` descriptor runs it through the client's
``_execute``: directly on the sync client, awaited on the async one. So the
steps, checks and bookkeeping exist once, and only the driver awaits.
"""

from __future__ import annotations

import typing
from collections.abc import Awaitable, Callable, Generator
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar, overload

from cml_ergonomic._endpoint import AsyncExecutor, SyncExecutor, _ClientMethod
from cml_ergonomic._request import RequestSpec
from cml_ergonomic.errors import CMLError

P = ParamSpec("P")
S = TypeVar("S")
T = TypeVar("T")

Steps = Generator[RequestSpec[Any], Any, T]


class Stepper(Generic[S, T]):
    """Advances a generator of steps: sends it each answer, or throws it each error, and keeps its result.

    The drivers (sync or async, here and in the pagers) only fetch: ``step = stepper.next()``, then
    ``stepper.give(answer)`` or ``stepper.fail(error)``; ``next()`` answers None when the generator returned.
    """

    __slots__ = ("answer", "failure", "result", "steps")

    def __init__(self, steps: Generator[S, Any, T]) -> None:
        self.steps = steps
        self.answer: Any = None
        self.failure: CMLError | None = None
        self.result: T | None = None

    def next(self) -> S | None:
        """The next step, or None when the generator returned (its value is then ``result``)."""
        try:
            step = self.steps.send(self.answer) if self.failure is None else self.steps.throw(self.failure)
        except StopIteration as stop:
            self.result = stop.value
            return None
        self.answer, self.failure = None, None
        return step

    def give(self, answer: Any) -> None:
        """What the last step's request answered."""
        self.answer = answer

    def fail(self, error: CMLError) -> None:
        """How the last step's request failed (thrown into the generator at the next step)."""
        self.failure = error


def run_sync(steps: Steps[T], execute: Callable[[RequestSpec[Any]], Any]) -> T:
    """Drive ``steps`` with a sync ``execute``; its return value is the flow's result."""
    stepper = Stepper(steps)
    while (spec := stepper.next()) is not None:
        try:
            stepper.give(execute(spec))
        except CMLError as exc:
            stepper.fail(exc)
    return stepper.result  # type: ignore[return-value]  # set once the generator returned


async def run_async(steps: Steps[T], execute: Callable[[RequestSpec[Any]], Awaitable[Any]]) -> T:
    """Drive ``steps`` with an async ``execute``: :func:`run_sync`, awaited."""
    stepper = Stepper(steps)
    while (spec := stepper.next()) is not None:
        try:
            stepper.give(await execute(spec))
        except CMLError as exc:
            stepper.fail(exc)
    return stepper.result  # type: ignore[return-value]


class flow(_ClientMethod, Generic[P, T]):
    """Descriptor: a builder ``(self, ...) -> Steps[T]`` becomes a client method returning ``T`` (or its awaitable).

    The builder runs at the call (its checks raise before any request); the client's ``_run_flow`` drives the
    steps it returns.
    """

    runner = "_run_flow"
    build: Callable[Concatenate[Any, P], Steps[T]]

    def __init__(self, build: Callable[Concatenate[Any, P], Steps[T]]) -> None:
        super().__init__(build)

    def returns(self, built: Any, is_async: bool) -> Any:
        """``Steps[T]`` (a generator returning ``T``) gives ``T``, or ``Awaitable[T]``."""
        args = typing.get_args(built)
        inner = args[-1] if args else Any
        return Awaitable[inner] if is_async else inner  # type: ignore[valid-type]

    @overload
    def __get__(self, obj: None, owner: type) -> flow[P, T]: ...
    @overload
    def __get__(self, obj: SyncExecutor, owner: type) -> Callable[P, T]: ...
    @overload
    def __get__(self, obj: AsyncExecutor, owner: type) -> Callable[P, Awaitable[T]]: ...
    def __get__(self, obj: Any, owner: type) -> Any:
        return self._bind(obj, owner)
