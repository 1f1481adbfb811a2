"""Run a plan written once for both clients: a generator that yields steps and gets back their values.

A step is a callable without arguments that calls the client (or the chat
model's client). On the sync clients it returns the value; on the async ones
it returns an awaitable, which :func:`run_async` awaits. An exception raised
by a step is thrown into the plan at the ``yield``, so the plan handles
failures exactly where it made the call, once for both.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Generator
from typing import Any, TypeVar

R = TypeVar("R")
Step = Callable[[], Any]
Plan = Generator[Step, Any, R]


def run_sync(plan: Plan[R]) -> R:
    """Run ``plan`` with a sync client: each step's value goes back in as it is."""
    value: Any = None
    error: BaseException | None = None
    while True:
        try:
            step = plan.send(value) if error is None else plan.throw(error)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]
        try:
            value, error = step(), None
        except Exception as exc:
            value, error = None, exc


async def run_async(plan: Plan[R]) -> R:
    """Run ``plan`` with an async client: each step's awaitable is awaited first."""
    value: Any = None
    error: BaseException | None = None
    while True:
        try:
            step = plan.send(value) if error is None else plan.throw(error)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]
        try:
            value = step()
            if inspect.isawaitable(value):
                value = await value
            error = None
        except Exception as exc:
            value, error = None, exc
