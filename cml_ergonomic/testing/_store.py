"""The fake server's memory: records per tenant, sessions, and lexical retrieval.

Retrieval is lexical and deterministic, as the real server's is with mock
embeddings: a memory matches when it shares words with the query; it ranks by
the share of the query's words it holds, then by recency, then by id.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

_WORD = re.compile(r"\w+")

# How the real server files memory types into the read response's buckets and the session context.
FACT_TYPES = frozenset({"semantic_fact", "knowledge"})
PREFERENCE_TYPES = frozenset({"preference"})
CONSTRAINT_TYPES = frozenset({"constraint"})
MESSAGE_TYPES = frozenset({"message", "conversation"})


def words(text: str) -> set[str]:
    """The lower-cased words of ``text``."""
    return set(_WORD.findall(text.lower()))


def same_text(text: str) -> str:
    """The text as the real store compares it for duplicates (its content hash is of ``lower().strip()``)."""
    return text.lower().strip()


def now() -> datetime:
    """The current time, aware, in UTC (what the SDK returns; :func:`wire` is what the server sends)."""
    return datetime.now(UTC)


def wire(value: datetime, *, sep: str = "T") -> str:
    """A time as the real server sends it: naive, meaning UTC (``sep=" "`` in the read stream)."""
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep)


@dataclass
class Record:
    """One stored memory, with the fields the real server's tables hold that the API shows."""

    tenant_id: str
    text: str
    type: str = "episodic_event"
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    confidence: float = 0.8
    importance: float = 0.5
    metadata: dict[str, Any] = field(default_factory=dict)
    context_tags: list[str] = field(default_factory=list)
    namespace: str | None = None
    agent_id: str | None = None
    source_session_id: str | None = None
    status: str = "active"
    version: int = 1
    access_count: int = 0
    timestamp: datetime = field(default_factory=now)
    written_at: datetime = field(default_factory=now)
    words: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.words = frozenset(words(self.text))

    def item(self, relevance: float, *, sep: str = "T") -> dict[str, Any]:
        """The API's ``MemoryItem``: timestamps without a timezone, as the real server sends them."""
        return {
            "id": self.id,
            "text": self.text,
            "type": self.type,
            "confidence": self.confidence,
            "relevance": relevance,
            "timestamp": wire(self.timestamp, sep=sep),
            "metadata": self.metadata,
        }

    def dashboard_item(self) -> dict[str, Any]:
        """The dashboard's ``DashboardMemoryListItem`` (text cut to 300 characters, as the server does)."""
        return {
            "id": self.id,
            "tenant_id": self.tenant_id,
            "agent_id": self.agent_id,
            "type": self.type,
            "status": self.status,
            "text": self.text[:300],
            "key": None,
            "namespace": self.namespace,
            "context_tags": list(self.context_tags),
            "confidence": self.confidence,
            "importance": self.importance,
            "access_count": self.access_count,
            "decay_rate": 0.01,
            "labile": False,
            "version": self.version,
            "timestamp": wire(self.timestamp),
            "written_at": wire(self.written_at),
        }

    def detail(self) -> dict[str, Any]:
        """The dashboard's ``DashboardMemoryDetail``."""
        return {
            **self.dashboard_item(),
            "text": self.text,
            "source_session_id": self.source_session_id,
            "entities": [],
            "relations": [],
            "metadata": self.metadata,
            "last_accessed_at": None,
            "provenance": {"source": "fake"},
            "supersedes_id": None,
            "content_hash": None,
            "valid_from": None,
            "valid_to": None,
        }

    def export_item(self) -> dict[str, Any]:
        """One entry of the dashboard's memory export."""
        return {
            "id": self.id,
            "tenant_id": self.tenant_id,
            "type": self.type,
            "status": self.status,
            "text": self.text,
            "key": None,
            "confidence": self.confidence,
            "importance": self.importance,
            "access_count": self.access_count,
            "timestamp": wire(self.timestamp),
        }


@dataclass
class Session:
    """A session made by ``/session/create``."""

    id: str
    tenant_id: str
    created_at: datetime
    expires_at: datetime


class Store:
    """All tenants' memories and sessions (not thread-safe by itself: the server holds a lock)."""

    def __init__(self) -> None:
        self.records: dict[str, Record] = {}
        self.sessions: dict[str, Session] = {}
        self.jobs: list[dict[str, Any]] = []  # the dashboard's job history, newest first

    def add(self, record: Record) -> Record:
        # The server stamps written_at per memory to the microsecond; two stamps never tie there, so here neither.
        last = max((r.written_at for r in self.records.values()), default=None)
        if last is not None and record.written_at <= last:
            record.written_at = last + timedelta(microseconds=1)
        self.records[record.id] = record
        return record

    def tenant(self, tenant_id: str, *, status: str | None = "active") -> list[Record]:
        return [r for r in self.records.values() if r.tenant_id == tenant_id and (status is None or r.status == status)]

    def duplicate(self, tenant_id: str, text: str) -> Record | None:
        """The tenant's active memory with the same text, as the real store compares it (else None).

        Both server versions hash ``text.lower().strip()`` per tenant and keep
        one active memory per hash; archived, silenced or deleted ones do not count.
        """
        key = same_text(text)
        for record in self.records.values():
            if record.tenant_id == tenant_id and record.status == "active" and same_text(record.text) == key:
                return record
        return None

    def recent(self, tenant_id: str, n: int) -> list[Record]:
        """The tenant's ``n`` most recently written active memories (the store keeps the order of writing)."""
        return self.tenant(tenant_id)[-n:]

    def search(
        self,
        tenant_id: str,
        query: str,
        *,
        limit: int,
        memory_types: list[str] | None = None,
        context_filter: list[str] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[tuple[Record, float]]:
        """The tenant's active memories that share words with ``query``, best first, with their relevance."""
        wanted = words(query)
        if not wanted:
            return []
        scored: list[tuple[Record, float]] = []
        for record in self.tenant(tenant_id):
            if memory_types and record.type not in memory_types:
                continue
            if context_filter and not set(context_filter) & set(record.context_tags):
                continue
            if since and record.timestamp < since:
                continue
            if until and record.timestamp > until:
                continue
            shared = len(wanted & record.words)
            if shared:
                scored.append((record, round(shared / len(wanted), 4)))
        scored.sort(key=lambda pair: (-pair[1], -pair[0].timestamp.timestamp(), pair[0].id))
        return scored[:limit]

    def new_session(self, tenant_id: str, ttl_hours: int | None) -> Session:
        created = datetime.now(UTC)
        hours = 24 if ttl_hours is None else ttl_hours  # 0 and below are accepted: the session expires at once
        session = Session(str(uuid.uuid4()), tenant_id, created, created + timedelta(hours=hours))
        self.sessions[session.id] = session
        return session
