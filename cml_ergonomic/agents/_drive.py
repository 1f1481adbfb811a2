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
from typing import Any, Generic, TypeVar

R = TypeVar("R")
Step = Callable[[], Any]
Plan = Generator[Step, Any, R]


class _Run(Generic[R]):
    """Where a plan stands: its next step, or its result once it returned."""

    def __init__(self, plan: Plan[R]) -> None:
        self.plan = plan
        self.step: Step = _never
        self.done = False
        self.result: Any = None
        self.resume(None, None)

    def resume(self, value: Any, error: Exception | None) -> None:
        """Give the plan its last step's value (or throw in its error) and take the next step."""
        try:
            self.step = self.plan.send(value) if error is None else self.plan.throw(error)
        except StopIteration as done:
            self.done, self.result = True, done.value


def _never() -> None:  # pragma: no cover - replaced before it could run
    raise AssertionError("no step")


def _outcome(step: Step) -> tuple[Any, Exception | None]:
    try:
        return step(), None
    except Exception as exc:
        return None, exc


async def _outcome_async(step: Step) -> tuple[Any, Exception | None]:
    try:
        value = step()
        return (await value if inspect.isawaitable(value) else value), None
    except Exception as exc:
        return None, exc


def run_sync(plan: Plan[R]) -> R:
    """Run ``plan`` with a sync client: each step's value goes back in as it is."""
    run = _Run(plan)
    while not run.done:
        run.resume(*_outcome(run.step))
    return run.result  # type: ignore[no-any-return]


async def run_async(plan: Plan[R]) -> R:
    """Run ``plan`` with an async client: each step's awaitable is awaited first."""
    run = _Run(plan)
    while not run.done:
        run.resume(*await _outcome_async(run.step))
    return run.result  # type: ignore[no-any-return]
