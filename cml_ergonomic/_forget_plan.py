"""Forget plans: see exactly which memories a ``forget`` by query or by age would take, then forget those.

``client.plan_forget(...)`` resolves a selector to concrete memory ids and
deletes nothing; ``client.forget(plan)`` then forgets exactly those ids and
no other. How each selector is resolved, and what it means on the server:

- ``query``: a read for the query (``format="list"``), which returns at most
  50 memories. The server's own forget-by-query takes up to 100 retrieval
  hits, and with the mock embeddings of a local server every memory of the
  tenant is a hit (``forget(query="chess")`` took 7 of 7). A plan shows what
  the read returned; when the read was full, the plan says more may match.
- ``before``: the admin memory listing (it needs the admin key): the
  tenant's active memories whose ``timestamp`` is older than ``before``,
  exactly what the server's forget-by-age takes, oldest first.
- ``memory_ids``: those ids, as given.

A plan never holds more than ``limit`` ids; when the selector matched more,
or may have, ``plan.complete`` is False and ``str(plan)`` says so. Forgetting
a plan acts only on the ids it shows, never on what it left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from uuid import UUID

from cml_ergonomic import _limits as limits
from cml_ergonomic import _validation as check
from cml_ergonomic._request import RequestSpec
from cml_ergonomic.errors import ConfigurationError

if TYPE_CHECKING:
    from cml_api_client.models.dashboard_memory_list_item import DashboardMemoryListItem

    from cml_ergonomic._results import MemoryItem

READ_CAP = 50  # the read's max_results maximum: a plan by query sees at most this many
SERVER_QUERY_HITS = 100  # what the server's own forget-by-query takes (src/memory/orchestrator.py)
DEFAULT_LIMIT = 50


@dataclass(frozen=True)
class ForgetPlan:
    """The memories a forget would take, resolved to ids; nothing was forgotten.

    Pass it to ``client.forget(plan)`` to forget exactly ``memory_ids``.

    Attributes:
        memory_ids: the ids the plan holds, in the order shown.
        memories: the memories to show (text, type, timestamp); for ids given as ``memory_ids`` there is
            nothing to show but the id.
        complete: False when the selector matched (or may have matched) more than the plan holds.
        notes: why the plan is incomplete, or what its selector means on the server.
        query: the query it was made for, if any.
        before: the time it was made for, if any.
    """

    memory_ids: tuple[UUID, ...]
    memories: list[MemoryItem] = field(default_factory=list, compare=False)
    complete: bool = True
    notes: tuple[str, ...] = ()
    query: str | None = None
    before: dt.datetime | None = None

    def __len__(self) -> int:
        return len(self.memory_ids)

    def __str__(self) -> str:
        shown = {item.id: item for item in self.memories}
        what = []
        if self.query is not None:
            what.append(f"query {self.query!r}")
        if self.before is not None:
            what.append(f"before {self.before.isoformat()}")
        head = f"forget plan: {len(self.memory_ids)} memor{'y' if len(self.memory_ids) == 1 else 'ies'}"
        lines = [head + (f" ({', '.join(what)})" if what else "")]
        for memory_id in self.memory_ids:
            item = shown.get(memory_id)
            if item is None:
                lines.append(f"  {memory_id}")
            else:
                text = item.text if len(item.text) <= 80 else item.text[:79] + "…"
                lines.append(f"  {memory_id}  {item.timestamp:%Y-%m-%d %H:%M}  {text}")
        if not self.complete:
            lines.append("  INCOMPLETE: the selector matched more than this plan holds; only these would go")
        lines.extend(f"  note: {note}" for note in self.notes)
        return "\n".join(lines)


def _aware(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)  # the server's naive timestamps mean UTC
    return value


def _as_memory_item(item: DashboardMemoryListItem) -> MemoryItem:
    from cml_ergonomic._results import MemoryItem

    return MemoryItem(
        confidence=float(item.confidence) if isinstance(item.confidence, int | float) else 0.0,
        id=item.id,
        relevance=0.0,  # a listing has no relevance
        text=item.text,
        timestamp=item.timestamp,  # type: ignore[arg-type]
        type_=item.type_,
    )


def check_plan_args(
    memory_ids: object, query: object, before: object, limit: object
) -> tuple[list[str] | None, str | None, dt.datetime | None, int]:
    """The checked selector of ``plan_forget``.

    Raises:
        ValidationError: no selector, or a bad one (nothing was sent).
    """
    if memory_ids is None and query is None and before is None:
        raise check.invalid("query", "plan_forget needs query, before or memory_ids", None, type_="missing")
    ids = None if memory_ids is None else check.uuid_list(memory_ids, "memory_ids")
    text = None if query is None else check.text(query, "query")
    if text is not None and not text.strip():
        raise check.invalid("query", "must not be empty", text, type_="string_too_short")
    when = None if before is None else check.aware(before, "before")
    size = check.in_range(limit, "limit", limits.FORGET_PLAN_SIZE)
    return ids, text, when, size


def plan_steps(
    client: Any, ids: list[str] | None, query: str | None, before: dt.datetime | None, limit: int
) -> Generator[RequestSpec[Any], Any, ForgetPlan]:
    """The requests that resolve a selector (see the module's docstring), and the plan they make.

    Raises:
        ConfigurationError: ``before`` without the admin key.
        CMLError: a request failed.
    """
    chosen: dict[UUID, MemoryItem | None] = {}
    notes: list[str] = []
    complete = True
    for raw in ids or []:
        chosen.setdefault(UUID(raw), None)
    if query is not None:
        found, full = yield from _by_query(client, query, limit)
        for item in found:
            chosen.setdefault(item.id, item)
        if full:
            complete = False
        notes.append(
            f"a query selects what a read returns (at most {READ_CAP}); the server's own forget(query=) takes up to "
            f"{SERVER_QUERY_HITS} retrieval hits, and with mock embeddings every memory of the tenant is one"
        )
    if before is not None:
        older = yield from _by_age(client, before)
        for item in older:
            chosen.setdefault(item.id, item)
    if len(chosen) > limit:
        complete = False
        notes.append(f"the selector matched {len(chosen)} memories; the plan holds the first {limit} (limit={limit})")
    kept = list(chosen.items())[:limit]
    return ForgetPlan(
        memory_ids=tuple(memory_id for memory_id, _ in kept),
        memories=[item for _, item in kept if item is not None],
        complete=complete,
        notes=tuple(notes),
        query=query,
        before=before,
    )


def _by_query(client: Any, query: str, limit: int) -> Generator[RequestSpec[Any], Any, tuple[list[MemoryItem], bool]]:
    from cml_ergonomic._methods import MemoryMethods

    asked = min(limit + 1, READ_CAP)  # one more than the limit tells whether more match
    spec = MemoryMethods.read.build(client, query, max_results=asked, format="list")
    result = yield spec
    found: list[MemoryItem] = list(result.memories)
    full = len(found) > limit or len(found) >= READ_CAP
    return found[:limit], full


def _by_age(client: Any, before: dt.datetime) -> Generator[RequestSpec[Any], Any, list[MemoryItem]]:
    from cml_ergonomic._tenant import TenantGuard, default_tenant
    from cml_ergonomic.admin._pager import requests_of

    config = client.config
    if config.admin_api_key is None:
        raise ConfigurationError(
            "plan_forget(before=...) lists the tenant's memories by age, which only the admin listing can do, "
            "and this client has no admin key",
            suggestion="Pass admin_api_key=... (or CML_ADMIN_API_KEY), or plan by query or memory_ids. "
            "Nothing was sent.",
        )
    tenant = config.tenant_id
    if tenant is None:  # the key's own tenant, which only the server's configuration names
        tenant = default_tenant((yield TenantGuard.probe()))
        if tenant is None:
            raise ConfigurationError(
                "the server did not say which tenant this key works in", suggestion="Pass tenant_id=... explicitly."
            )
    from cml_ergonomic.admin._records import AdminMemories

    walk = AdminMemories.list.build(
        client.admin.memories, tenant_id=tenant, status="active", sort_by="written_at", order="asc", per_page=200
    )
    items: list[DashboardMemoryListItem] = []
    yield from requests_of(walk.steps(), lambda page: items.extend(page.items))
    older = [item for item in items if item.timestamp is not None and _aware(item.timestamp) < before]
    older.sort(key=lambda item: _aware(item.timestamp))
    return [_as_memory_item(item) for item in older]


def plan_ids(plan: object, others: Sequence[object]) -> list[str]:
    """The ids ``forget(plan)`` sends.

    Raises:
        ValidationError: ``plan`` is not a ``ForgetPlan``, or a selector was passed with it.
    """
    if not isinstance(plan, ForgetPlan):
        raise check.invalid("plan", "must be a ForgetPlan from plan_forget()", plan, type_="is_instance_of")
    if any(other is not None for other in others):
        raise check.invalid(
            "plan", "forget(plan) forgets the plan's ids only; pass no memory_ids, query or before with it", plan
        )
    return [str(memory_id) for memory_id in plan.memory_ids]
