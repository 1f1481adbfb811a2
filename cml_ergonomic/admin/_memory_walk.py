"""The admin memory listing, exact under ties and concurrent writes.

The server sorts ``/dashboard/memories`` by the one ``sort_by`` column and
pages with ``OFFSET``/``LIMIT``, with no tiebreaker. Where many memories share
a value (``confidence``, ``importance``, ``access_count``, ``type``,
``status``), the database may order them differently from one request to
the next, so plain offset paging repeats some and drops others (60 memories
at ``per_page=1`` sorted by confidence: 28 repeated, 28 missing).

So the walk always goes by ``written_at`` ascending, the one column that is
set once by the server when a memory is stored and never changes: a memory
written during the walk lands after everything already read, and an update
moves nothing. Every page is checked: the memory now at the position where
the previous page ended must be one already seen. If it is not, memories
before that position left the listing (deleted, or no longer matching a
filter), the offsets moved back and a memory may have been skipped; the
walk starts over, and what it already handed out is not handed out again.

``written_at`` is stamped per memory to the microsecond, so two memories
practically never share it; if equal stamps straddle a page boundary, the
walk starts over with pages of 200, and refuses (``InexactListingError``)
if they still straddle one.

Sorted by ``written_at`` ascending, pages are handed out as they arrive.
Sorted any other way, the whole listing is read first, then ordered on the
client by the column (``NULL`` first when descending, last when ascending, as
PostgreSQL does), equal values kept in the order they were written, and
handed out in pages of ``per_page``.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from typing import Any

from cml_api_client.models.dashboard_memory_list_item import DashboardMemoryListItem
from cml_api_client.models.dashboard_memory_list_response import DashboardMemoryListResponse
from cml_api_client.types import Unset

from cml_ergonomic._limits import PAGE_SIZE
from cml_ergonomic._request import RequestSpec
from cml_ergonomic.admin._pager import Emit, stopped_at
from cml_ergonomic.errors import CMLError

STABLE_SORT = "written_at"
PAGE_SIZE_MAX: int = PAGE_SIZE.high or 200  # the largest page the server serves
_DONE, _MOVED, _TIED = "done", "moved", "tied"  # how one pass of the walk ended
MAX_RESTARTS = 8  # a listing that changes under the walk more often than this is refused, not half-listed
_ATTRIBUTE = {"type": "type_"}  # the generated model's name for a column, where it differs

Page = DashboardMemoryListResponse
Item = DashboardMemoryListItem


class InexactListingError(CMLError):
    """The admin memory listing could not be walked exactly; nothing partial is returned as if it were whole."""


class ListingChangedError(InexactListingError):
    """The admin memory listing kept changing under the walk, so it could not be listed exactly."""


def _value(item: Item, column: str) -> Any:
    value = getattr(item, _ATTRIBUTE.get(column, column))
    return None if isinstance(value, Unset) else value


def ordered(items: Sequence[Item], column: str, order: str) -> list[Item]:
    """``items`` (in the order they were written) sorted by ``column`` as the server would, ties kept in order.

    Args:
        items: the memories, oldest write first.
        column: the sort column.
        order: ``asc`` or ``desc``.

    Returns:
        A new list.
    """

    def key(item: Item) -> tuple[bool, Any]:
        value = _value(item, column)
        return (value is None, value)  # NULLs last ascending; reversed, first descending (as PostgreSQL)

    if column == STABLE_SORT and order == "asc":
        return list(items)
    return sorted(items, key=key, reverse=order == "desc")  # sorted() is stable, also with reverse=True


class ExactMemoryWalk:
    """The steps of one exact walk over ``/dashboard/memories`` (see the module's docstring).

    Args:
        request: builds the request for ``(page, per_page)``, sorted by ``written_at`` ascending.
        per_page: the page size the caller asked for.
        sort_by: the order the caller asked for.
        order: ``asc`` or ``desc``.
    """

    __slots__ = ("order", "per_page", "request", "sort_by")

    def __init__(
        self, request: Callable[[int, int], RequestSpec[Page]], *, per_page: int, sort_by: str, order: str
    ) -> None:
        self.request = request
        self.per_page = per_page
        self.sort_by = sort_by
        self.order = order

    @property
    def streams(self) -> bool:
        """True when pages can be handed out as they arrive (the walk's own order was asked for)."""
        return self.sort_by == STABLE_SORT and self.order == "asc"

    def items(self, page: Page) -> Sequence[Item]:
        """The items of a page this walk emitted."""
        return page.items

    def steps(self) -> Generator[RequestSpec[Any] | Emit[Page], Any, None]:
        """Fetch, check and hand out; start over when the listing moved back under the walk.

        Raises:
            ListingChangedError: the listing changed under the walk more than ``MAX_RESTARTS`` times.
            InexactListingError: equal ``written_at`` straddle a page boundary even with pages of 200.
            CMLError: a page failed (its ``.page`` says which).
        """
        seen: dict[Any, Item] = {}  # by id, in the order first seen: oldest write first
        size = self.per_page
        for _attempt in range(MAX_RESTARTS + 1):
            outcome = yield from self._one_pass(seen, size)
            if outcome == _DONE:
                break
            if outcome == _TIED:
                if size == PAGE_SIZE_MAX:
                    raise InexactListingError(
                        "memories stored at the same instant (equal written_at) straddle a page boundary even at "
                        f"per_page={PAGE_SIZE_MAX}; the server, which breaks no ties, cannot page them apart",
                        suggestion="Narrow the listing with filters (type, status, search) so that it fits.",
                    )
                size = PAGE_SIZE_MAX  # wider pages put the boundary elsewhere
        else:
            raise ListingChangedError(
                f"the memory listing changed under the walk {MAX_RESTARTS + 1} times "
                f"(memories were deleted or stopped matching while it ran); {len(seen)} were read",
                suggestion="List again when fewer memories are being deleted, or narrow the filters.",
            )
        if not self.streams:
            yield from self._sorted_pages(list(seen.values()))

    def _fetch(self, page: int, per_page: int, number: int, seen: int) -> Generator[RequestSpec[Any], Any, Page]:
        try:
            answer: Page = yield self.request(page, per_page)
        except CMLError as exc:
            raise stopped_at(exc, number, seen) from exc.__cause__
        return answer

    def _one_pass(self, seen: dict[Any, Item], size: int) -> Generator[RequestSpec[Any] | Emit[Page], Any, str]:
        """One walk from page 1: done, or the listing moved back, or equal ``written_at`` straddle a boundary."""
        number = 1
        last: Item | None = None
        while True:
            page = yield from self._fetch(number, size, number, len(seen))
            if last is not None:
                first = page.items[0] if page.items else None
                if (
                    first is not None
                    and first.id != last.id
                    and _value(first, STABLE_SORT) == _value(last, STABLE_SORT)
                ):
                    return _TIED  # the server may order equal values differently per request: not exact here
                # The memory now where the previous page ended must be one already read; if not, memories
                # before it left the listing between the two requests and this page started too late.
                probe = yield from self._fetch((number - 1) * size, 1, number, len(seen))
                if not probe.items:
                    return _MOVED
                if probe.items[0].id not in seen:
                    return _TIED if _value(probe.items[0], STABLE_SORT) == _value(last, STABLE_SORT) else _MOVED
            last = page.items[-1] if page.items else last
            fresh = [item for item in page.items if item.id not in seen]
            for item in fresh:
                seen[item.id] = item
            if self.streams and fresh:
                yield Emit(_page(fresh, total=page.total, number=number, per_page=size))
            if not page.items or number >= page.total_pages:
                return _DONE
            number += 1

    def _sorted_pages(self, items: list[Item]) -> Generator[Emit[Page], Any, None]:
        arranged = ordered(items, self.sort_by, self.order)
        size = self.per_page
        pages = max(1, -(-len(arranged) // size))
        for index in range(pages):
            chunk = arranged[index * size : (index + 1) * size]
            yield Emit(_page(chunk, total=len(arranged), number=index + 1, per_page=size))


def _page(items: list[Item], *, total: int, number: int, per_page: int) -> Page:
    pages = max(1, -(-total // per_page))
    return Page(items=items, total=total, page=number, per_page=per_page, total_pages=pages)
