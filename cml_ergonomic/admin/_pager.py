"""Auto-pagination, written once: a :class:`PageWalk` knows how to walk a listing; two pagers only move through it.

``admin.memories.list(...)`` checks its filters and returns a pager at once,
without a request. Iterating it fetches page after page as the loop
advances, through the client's ``_execute`` (so each page has the retries,
deadline, errors and logging of any call), and stops after the last page:
never a request more than needed. ``.pages()`` gives the pages themselves,
with their totals. The sync pager and the async one differ only in ``await``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar, get_args, overload

from cml_ergonomic._endpoint import AsyncExecutor, Resource, SyncExecutor, _ClientMethod
from cml_ergonomic._request import RequestSpec
from cml_ergonomic.errors import CMLError

P = ParamSpec("P")
PG = TypeVar("PG")  # a page
I = TypeVar("I")  # noqa: E741 - an item


class PageWalk(Generic[PG, I]):
    """How to walk one listing: the request for page ``n``, a page's items, and whether another page follows.

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

    def cursor(self) -> _Cursor[PG, I]:
        """A fresh position at page 1 (each iteration of a pager starts over)."""
        return _Cursor(self)


class _Cursor(Generic[PG, I]):
    """Where one iteration is: the next page to fetch, and how many items came before it."""

    __slots__ = ("done", "number", "seen", "walk")

    def __init__(self, walk: PageWalk[PG, I]) -> None:
        self.walk = walk
        self.number = 1
        self.seen = 0
        self.done = False

    def next_request(self) -> RequestSpec[PG] | None:
        return None if self.done else self.walk.request(self.number)

    def received(self, page: PG) -> PG:
        count = len(self.walk.items(page))
        self.seen += count
        self.done = count == 0 or not self.walk.more(page, self.number)
        self.number += 1
        return page

    @contextmanager
    def fetching(self) -> Iterator[None]:
        """Say in a failure at which page the listing stopped; what was yielded before stays valid."""
        try:
            yield
        except CMLError as exc:
            exc.page = self.number
            note = f"the listing stopped at page {self.number}; the {self.seen} item(s) before it are valid"
            exc.message = f"{exc.message} ({note})"
            exc.args = (exc.message, *exc.args[1:])
            raise


class SyncPager(Generic[PG, I]):
    """The items of a listing, fetched page by page as a ``for`` loop advances.

    Example:
        >>> for memory in client.admin.memories.list(type="preference"):  # doctest: +SKIP
        ...     print(memory.id, memory.text)
    """

    def __init__(self, walk: PageWalk[PG, I], execute: Callable[[RequestSpec[PG]], PG]) -> None:
        self._walk = walk
        self._execute = execute

    def pages(self) -> Iterator[PG]:
        """The pages themselves (with ``total``, ``page``, ... as the server counts them), fetched lazily.

        Raises:
            APIStatusError: a page failed; the error says which (``.page``).
        """
        cursor = self._walk.cursor()
        while (request := cursor.next_request()) is not None:
            with cursor.fetching():
                page = self._execute(request)
            yield cursor.received(page)

    def __iter__(self) -> Iterator[I]:
        for page in self.pages():
            yield from self._walk.items(page)


class AsyncPager(Generic[PG, I]):
    """The items of a listing, fetched page by page as an ``async for`` loop advances.

    Example:
        >>> async for memory in client.admin.memories.list():  # doctest: +SKIP
        ...     print(memory.id)
    """

    def __init__(self, walk: PageWalk[PG, I], execute: Callable[[RequestSpec[PG]], Awaitable[PG]]) -> None:
        self._walk = walk
        self._execute = execute

    async def pages(self) -> AsyncIterator[PG]:
        """The pages themselves (with ``total``, ``page``, ... as the server counts them), fetched lazily.

        Raises:
            APIStatusError: a page failed; the error says which (``.page``).
        """
        cursor = self._walk.cursor()
        while (request := cursor.next_request()) is not None:
            with cursor.fetching():
                page = await self._execute(request)
            yield cursor.received(page)

    async def __aiter__(self) -> AsyncIterator[I]:
        async for page in self.pages():
            for item in self._walk.items(page):
                yield item


class paged_endpoint(_ClientMethod, Generic[P, PG, I]):
    """Descriptor: a builder ``(self, ...) -> PageWalk`` becomes a method returning a pager of the client's kind."""

    runner = "_paginate"
    build: Callable[Concatenate[Any, P], PageWalk[PG, I]]

    def __init__(self, build: Callable[Concatenate[Any, P], PageWalk[PG, I]]) -> None:
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


def pager_for(client: Any, walk: PageWalk[Any, Any]) -> SyncPager[Any, Any] | AsyncPager[Any, Any]:
    """The pager that suits ``client``: iterated with ``for`` (sync client) or ``async for`` (async client)."""
    if isinstance(client, AsyncExecutor):
        return AsyncPager(walk, client._execute)
    return SyncPager(walk, client._execute)
