"""``read_many`` and ``write_many``: many calls with bounded concurrency, results in input order.

Every item is checked before anything is sent. Writes that only use the
fields of a batch turn go through ``write_batch`` in chunks of up to 500;
the others go one by one through ``write``. A failure never disappears: the
error names every failed item and why, and carries the per-item outcomes.
The sync client runs the calls on a thread pool, the async client under a
semaphore; the planning and the bookkeeping below are shared.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, TypeVar, Unpack, cast, overload

from cml_ergonomic import _limits as limits
from cml_ergonomic import _validation as check
from cml_ergonomic._endpoint import AsyncExecutor, SyncExecutor, _ClientMethod
from cml_ergonomic._methods import _TURN_FIELDS, MemoryMethods, ReadArgs
from cml_ergonomic._request import RequestSpec
from cml_ergonomic.errors import CMLError

if TYPE_CHECKING:
    from cml_ergonomic._results import ReadResult, WriteBatchResult, WriteResult

P = ParamSpec("P")
T = TypeVar("T")


class NotAttempted(CMLError):
    """An item that was not sent because an earlier one failed and ``stop_on_first_error`` was set."""


class BatchWriteError(CMLError):
    """Some items of ``write_many`` failed; ``outcome`` tells which and why.

    Attributes:
        outcome: the per-item results and failures (nothing is dropped).
    """

    def __init__(self, outcome: WriteManyResult) -> None:
        failed = outcome.failures
        first = failed[0]
        super().__init__(
            f"{len(failed)} of {len(outcome.results)} writes failed; first: item {first.index}: {first.error.message}",
            suggestion="Inspect .outcome.failures; items not listed there were stored "
            "(resend only the failed ones, after reading back any that timed out).",
        )
        self.outcome = outcome


@dataclass(frozen=True)
class ItemFailure:
    """One failed item of a batch."""

    index: int
    error: CMLError


@dataclass
class WriteManyResult:
    """Per-item outcomes of ``write_many``, in input order.

    Attributes:
        results: for each item, the ``WriteResult`` (single write) or the
            ``WriteBatchResult`` of the chunk that carried it, or None if it failed.
        failures: the failed items, with their errors.
    """

    results: list[WriteResult | WriteBatchResult | None] = field(default_factory=list)
    failures: list[ItemFailure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every item was stored."""
        return not self.failures

    def __str__(self) -> str:
        return f"write_many: {len(self.results) - len(self.failures)} of {len(self.results)} items written"


@dataclass
class BatchSpec(Generic[T]):
    """Many requests, how many may run at once, and how to assemble their outcomes."""

    specs: list[RequestSpec[Any]]
    max_concurrency: int
    stop_on_first_error: bool
    assemble: Callable[[list[Any]], T]
    _stopped: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def run(self, index: int, execute: Callable[[RequestSpec[Any]], Any]) -> Any:
        """Execute one request (sync), turning its error into an outcome."""
        if self._stopped:
            return NotAttempted("not sent: an earlier item failed and stop_on_first_error was set")
        try:
            return execute(self.specs[index])
        except CMLError as exc:
            return self._failed(exc)

    async def arun(self, index: int, execute: Callable[[RequestSpec[Any]], Coroutine[Any, Any, Any]]) -> Any:
        """Execute one request (async), turning its error into an outcome."""
        if self._stopped:
            return NotAttempted("not sent: an earlier item failed and stop_on_first_error was set")
        try:
            return await execute(self.specs[index])
        except CMLError as exc:
            return self._failed(exc)

    def _failed(self, exc: CMLError) -> CMLError:
        if self.stop_on_first_error:
            with self._lock:
                self._stopped = True
        return exc


def _concurrency(value: object) -> int:
    return check.in_range(value, "max_concurrency", limits.MAX_CONCURRENCY)


def _write_item(item: object, index: int) -> tuple[dict[str, Any], bool]:
    """(write kwargs, batchable) for one item: a str, or a dict of ``write`` arguments."""
    kwargs: dict[str, Any] = (
        {"content": item} if isinstance(item, str) else dict(item) if isinstance(item, Mapping) else {}
    )
    if not kwargs:
        raise check.invalid(f"items[{index}]", "must be a str or a dict of write() arguments", item, type_="dict_type")
    batchable = set(kwargs) <= set(_TURN_FIELDS)
    return kwargs, batchable


class batch_endpoint(_ClientMethod, Generic[P, T]):
    """Descriptor: a builder ``(self, ...) -> BatchSpec[T]`` becomes a method (run by ``_run_batch``)."""

    runner = "_run_batch"
    build: Callable[Concatenate[Any, P], BatchSpec[T]]

    def __init__(self, build: Callable[Concatenate[Any, P], BatchSpec[T]]) -> None:
        super().__init__(build)

    @overload
    def __get__(self, obj: None, owner: type) -> batch_endpoint[P, T]: ...
    @overload
    def __get__(self, obj: SyncExecutor, owner: type) -> Callable[P, T]: ...
    @overload
    def __get__(self, obj: AsyncExecutor, owner: type) -> Callable[P, Awaitable[T]]: ...
    def __get__(self, obj: Any, owner: type) -> Any:
        return self._bind(obj, owner)


class BatchMethods:
    """``read_many`` and ``write_many`` for both clients."""

    @batch_endpoint
    def read_many(
        self,
        queries: Sequence[str],
        *,
        max_concurrency: int = 8,
        return_exceptions: bool = False,
        **kwargs: Unpack[ReadArgs],
    ) -> BatchSpec[list[ReadResult | CMLError]]:
        """Run many reads at once, at most ``max_concurrency`` in flight; results in input order.

        Args:
            queries: the queries.
            max_concurrency: how many reads may be in flight (1 to 256, default 8).
            return_exceptions: put each failed read's error in its place instead of raising.
            **kwargs: any keyword argument of ``read``, applied to every query.

        Returns:
            One ``ReadResult`` (or, with ``return_exceptions``, error) per query.

        Raises:
            ValidationError: a bad query or argument (nothing was sent).
            CMLError: the first failed read, in input order (without ``return_exceptions``).

        Example:
            >>> results = memory.read_many(["diet", "travel", "work"])  # doctest: +SKIP
        """
        if isinstance(queries, str) or not isinstance(queries, Sequence):
            raise check.invalid("queries", "must be a list of strings", queries, type_="list_type")
        specs: list[RequestSpec[Any]] = [MemoryMethods.read.build(self, q, **kwargs) for q in queries]

        def assemble(outcomes: list[Any]) -> list[ReadResult | CMLError]:
            if not return_exceptions:
                for outcome in outcomes:
                    if isinstance(outcome, CMLError):
                        raise outcome
            return outcomes

        return BatchSpec(specs, _concurrency(max_concurrency), False, assemble)

    @batch_endpoint
    def write_many(
        self, items: Sequence[str | Mapping[str, Any]], *, max_concurrency: int = 8, stop_on_first_error: bool = False
    ) -> BatchSpec[WriteManyResult]:
        """Write many memories, batching where the items allow; results in input order.

        Items that only use batch-turn fields (``content``, ``metadata``,
        ``session_id``, ``timestamp``, ``turn_id``) are sent through
        ``write_batch`` in chunks of up to 500; others one by one through
        ``write``. A failure is never silent: ``BatchWriteError`` lists every
        failed item and carries the outcome of the others.

        Args:
            items: strings, or dicts of ``write()`` arguments.
            max_concurrency: how many requests may be in flight (1 to 256, default 8).
            stop_on_first_error: after a failure, send nothing more (the rest fail as ``NotAttempted``).

        Returns:
            ``WriteManyResult`` with one result per item.

        Raises:
            ValidationError: a bad item, named ``items[i]`` (nothing was sent).
            BatchWriteError: some items failed; ``.outcome.failures`` says which and why.

        Example:
            >>> memory.write_many(["Likes tea", {"content": "No coffee", "context_tags": ["diet"]}])  # doctest: +SKIP
        """
        specs, covered = self._plan_writes(cast(MemoryMethods, self), items)
        if not isinstance(stop_on_first_error, bool):
            raise check.invalid("stop_on_first_error", "must be True or False", stop_on_first_error)
        return BatchSpec(
            specs, _concurrency(max_concurrency), stop_on_first_error, self._assemble_writes(len(items), covered)
        )

    @staticmethod
    def _plan_writes(client: MemoryMethods, items: Sequence[Any]) -> tuple[list[RequestSpec[Any]], list[list[int]]]:
        if isinstance(items, str | bytes | Mapping) or not isinstance(items, Sequence):
            raise check.invalid("items", "must be a list", items, type_="list_type")
        specs: list[RequestSpec[Any]] = []
        covered: list[list[int]] = []
        pending: list[int] = []  # batchable items waiting for a write_batch chunk
        turns: list[dict[str, Any]] = []

        def flush() -> None:
            if pending:
                specs.append(MemoryMethods.write_batch.build(client, list(turns)))
                covered.append(list(pending))
                pending.clear()
                turns.clear()

        for index, item in enumerate(items):
            kwargs, batchable = _write_item(item, index)
            try:
                if batchable and client._namespace is None:
                    check.content(kwargs.get("content"), "content")
                    turns.append(kwargs)
                    pending.append(index)
                    if len(pending) == check.BATCH_MAX:
                        flush()
                    continue
                flush()
                content = kwargs.pop("content", None)
                specs.append(MemoryMethods.write.build(client, content, **kwargs))
                covered.append([index])
            except CMLError as exc:
                exc.message = f"items[{index}]: {exc.message}"
                raise
        flush()
        return specs, covered

    @staticmethod
    def _assemble_writes(count: int, covered: list[list[int]]) -> Callable[[list[Any]], WriteManyResult]:
        def assemble(outcomes: list[Any]) -> WriteManyResult:
            result = WriteManyResult(results=[None] * count)
            for indices, outcome in zip(covered, outcomes, strict=True):
                for index in indices:
                    if isinstance(outcome, CMLError):
                        result.failures.append(ItemFailure(index, outcome))
                    else:
                        result.results[index] = outcome
            result.failures.sort(key=lambda f: f.index)
            if result.failures:
                raise BatchWriteError(result)
            return result

        return assemble
