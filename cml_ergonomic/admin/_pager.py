"""Auto-pagination, written once: a walk yields requests and pages; two pagers only drive it.

``admin.memories.list(...)`` checks its filters and returns a pager at once,
without a request. Iterating it fetches page after page as the loop
advances, through the client's ``_execute`` (so each page has the retries,
deadline, errors and logging of any call). ``.pages()`` gives the pages
themselves, with their totals.

A walk is a generator of *steps*: it yields a :class:`RequestSpec` and is
sent back the answer (or thrown the error), and it yields an :class:`Emit`
to hand a page to the caller. The sync pager and the async one drive it and
differ only in ``await``; what to fetch, when to stop and how to check the
result live in the walk, once.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Sequence
from typing import Any, Concatenate, Generic, ParamSpec, Protocol, TypeVar, get_args, overload

from cml_ergonomic._endpoint import AsyncExecutor, Resource, SyncExecutor, _ClientMethod
from cml_ergonomic._flow import Stepper
from cml_ergonomic._request import RequestSpec
from cml_ergonomic.errors import CMLError

P = ParamSpec("P")
PG = TypeVar("PG")  # a page
I = TypeVar("I")  # noqa: E741 - an item
I_co = TypeVar("I_co", covariant=True)


class Emit(Generic[PG]):
    """A step of a walk: hand ``page`` to the caller (the walk is sent ``None`` back)."""

    __slots__ = ("page",)

    def __init__(self, page: PG) -> None:
        self.page = page


class Walk(Protocol[PG, I_co]):
    """What a pager drives: the steps of one iteration, and the items of a page it emitted."""

    def steps(self) -> Generator[RequestSpec[Any] | Emit[PG], Any, None]:
        """A fresh iteration (each ``for`` over a pager starts over)."""
        ...  # pragma: no cover

    def items(self, page: Any) -> Sequence[I_co]:
        """The items of a page the walk emitted."""
        ...  # pragma: no cover


def stopped_at(exc: CMLError, page: int, seen: int) -> CMLError:
    """Say in a failure at which page the listing stopped; what was yielded before stays valid."""
    exc.page = page
    note = f"the listing stopped at page {page}; the {seen} item(s) before it are valid"
    exc.message = f"{exc.message} ({note})"
    exc.args = (exc.message, *exc.args[1:])
    return exc


class PageWalk(Generic[PG, I]):
    """How to walk a listing whose pages are stable: the request for page ``n``, a page's items, what follows.

    Args:
        request: builds the request for page ``n`` (1-based).
        items: a page's items.
        more: whether a page is followed by another (judged from the page's own totals).
    """

    __slots__ = ("items", "more", "request")

    def __init__(
        self,
        request: Callable[[int], RequestSpec[PG]],
        items: Callable[[PG], Sequence[I]],
        more: Callable[[PG, int], bool],
    ) -> None:
        self.request = request
        self.items = items
        self.more = more

    def steps(self) -> Generator[RequestSpec[Any] | Emit[PG], Any, None]:
        """Page 1, 2, ... until a page is empty or says it is the last; never a request more than needed."""
        number, seen = 1, 0
        while True:
            try:
                page = yield self.request(number)
            except CMLError as exc:
                raise stopped_at(exc, number, seen) from exc.__cause__
            count = len(self.items(page))
            seen += count
            yield Emit(page)
            if count == 0 or not self.more(page, number):
                return
            number += 1


class SyncPager(Generic[PG, I]):
    """The items of a listing, fetched page by page as a ``for`` loop advances.

    Example:
        >>> for memory in client.admin.memories.list(type="preference"):  # doctest: +SKIP
        ...     print(memory.id, memory.text)
    """

    def __init__(self, walk: Walk[PG, I], execute: Callable[[RequestSpec[Any]], Any]) -> None:
        self._walk = walk
        self._execute = execute

    def pages(self) -> Iterator[PG]:
        """The pages themselves (with ``total``, ``page``, ...), fetched lazily.

        Raises:
            APIStatusError: a page failed; the error says which (``.page``).
        """
        stepper = Stepper(self._walk.steps())
        while (step := stepper.next()) is not None:
            if isinstance(step, Emit):
                yield step.page
                continue
            try:
                stepper.give(self._execute(step))
            except CMLError as exc:
                stepper.fail(exc)

    def __iter__(self) -> Iterator[I]:
        for page in self.pages():
            yield from self._walk.items(page)


class AsyncPager(Generic[PG, I]):
    """The items of a listing, fetched page by page as an ``async for`` loop advances.

    Example:
        >>> async for memory in client.admin.memories.list():  # doctest: +SKIP
        ...     print(memory.id)
    """

    def __init__(self, walk: Walk[PG, I], execute: Callable[[RequestSpec[Any]], Awaitable[Any]]) -> None:
        self._walk = walk
        self._execute = execute

    async def pages(self) -> AsyncIterator[PG]:
        """The pages themselves (with ``total``, ``page``, ...), fetched lazily.

        Raises:
            APIStatusError: a page failed; the error says which (``.page``).
        """
        stepper = Stepper(self._walk.steps())
        while (step := stepper.next()) is not None:
            if isinstance(step, Emit):
                yield step.page
                continue
            try:
                stepper.give(await self._execute(step))
            except CMLError as exc:
                stepper.fail(exc)

    async def __aiter__(self) -> AsyncIterator[I]:
        async for page in self.pages():
            for item in self._walk.items(page):
                yield item


class paged_endpoint(_ClientMethod, Generic[P, PG, I]):
    """Descriptor: a builder ``(self, ...) -> Walk`` becomes a method returning a pager of the client's kind."""

    runner = "_paginate"
    build: Callable[Concatenate[Any, P], Walk[PG, I]]

    def __init__(self, build: Callable[Concatenate[Any, P], Walk[PG, I]]) -> None:
        super().__init__(build)

    def returns(self, built: Any, is_async: bool) -> Any:
        """``PageWalk[PG, I]`` gives the pager of the client's kind over the same pages and items."""
        pager = AsyncPager if is_async else SyncPager
        args = get_args(built)
        return pager[args] if len(args) == 2 else pager

    @overload
    def __get__(self, obj: None, owner: type) -> paged_endpoint[P, PG, I]: ...
    @overload
    def __get__(self, obj: Resource[SyncExecutor], owner: type) -> Callable[P, SyncPager[PG, I]]: ...
    @overload
    def __get__(self, obj: Resource[AsyncExecutor], owner: type) -> Callable[P, AsyncPager[PG, I]]: ...
    def __get__(self, obj: Any, owner: type) -> Any:
        return self._bind(obj, owner)


def requests_of(
    steps: Generator[RequestSpec[Any] | Emit[PG], Any, None], emitted: Callable[[PG], None]
) -> Generator[RequestSpec[Any], Any, None]:
    """A walk's steps as plain requests, for a flow (``yield from``); each page it emits goes to ``emitted``."""
    stepper = Stepper(steps)
    while (step := stepper.next()) is not None:
        if isinstance(step, Emit):
            emitted(step.page)
            continue
        try:
            stepper.give((yield step))
        except CMLError as exc:
            stepper.fail(exc)


def pager_for(client: Any, walk: Walk[Any, Any]) -> SyncPager[Any, Any] | AsyncPager[Any, Any]:
    """The pager that suits ``client``: iterated with ``for`` (sync client) or ``async for`` (async client)."""
    if isinstance(client, AsyncExecutor):
        return AsyncPager(walk, client._execute)
    return SyncPager(walk, client._execute)
