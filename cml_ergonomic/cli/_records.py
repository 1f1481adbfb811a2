"""The export file format, one JSON object a line, and how a line becomes a write.

The first line is a header::

    {"cml_export": 1, "tenant": ..., "exported_at": ..., "count": ..., "server": {...}, "sdk": ...}

then one memory a line, holding what ``import`` needs to recreate it::

    {"text", "type", "tags", "namespace", "agent_id", "session_id", "turn_id",
     "metadata", "timestamp", "written_at", "source_id", "status", "confidence", "importance"}

``write`` keeps type, tags, namespace and agent; ``write_batch`` does not. So a
line that has any of those goes through ``write``, and only a line that has
none of them (a hand-made file, say) may go through ``write_batch``, which
loses nothing for it and takes up to 100 such lines per request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from cml_ergonomic._methods import batch_turn, write_body
from cml_ergonomic.errors import ValidationError

FORMAT_VERSION = 1
HEADER_KEY = "cml_export"
# Keys the server adds to a memory's metadata itself; they are not the writer's, and the target adds its own.
SERVER_METADATA = frozenset({"chunk_type", "source_turn_id", "source_role"})
# Fields a write needs, all optional but text.
LINE_FIELDS = ("text", "type", "tags", "namespace", "agent_id", "session_id", "turn_id", "metadata", "timestamp")
# Fields kept for the record only: no route of the server accepts them.
INFO_FIELDS = ("written_at", "source_id", "status", "confidence", "importance")


def _aware(value: Any) -> str | None:
    """An ISO timestamp with its zone; the server sends naive UTC."""
    if not value:
        return None
    stamp = dt.datetime.fromisoformat(str(value).replace(" ", "T").replace("Z", "+00:00"))
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    return stamp.isoformat()


def line_from_detail(detail: Mapping[str, Any]) -> dict[str, Any]:
    """The export line of one memory, from the dashboard's detail of it."""
    metadata = dict(detail.get("metadata") or {})
    turn_id = metadata.get("source_turn_id")
    return {
        "text": detail.get("text", ""),
        "type": detail.get("type"),
        "tags": list(detail.get("context_tags") or []),
        "namespace": detail.get("namespace"),
        "agent_id": detail.get("agent_id"),
        "session_id": detail.get("source_session_id"),
        "turn_id": turn_id if isinstance(turn_id, str) and turn_id else None,
        "metadata": {k: v for k, v in metadata.items() if k not in SERVER_METADATA},
        "timestamp": _aware(detail.get("timestamp")),
        "written_at": _aware(detail.get("written_at")),
        "source_id": detail.get("id"),
        "status": detail.get("status"),
        "confidence": detail.get("confidence"),
        "importance": detail.get("importance"),
    }


def header(*, tenant: str, count: int, server: Mapping[str, Any], sdk: str, status: str | None) -> dict[str, Any]:
    """The first line of an export."""
    return {
        HEADER_KEY: FORMAT_VERSION,
        "tenant": tenant,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(),
        "count": count,
        "status": status or "all",
        "server": dict(server),
        "sdk": sdk,
    }


def is_header(obj: object) -> bool:
    """True for an export's header line."""
    return isinstance(obj, dict) and HEADER_KEY in obj


def normalized(text: str) -> str:
    """The text as the server compares it for duplicates (its content hash is of ``lower().strip()``)."""
    return text.lower().strip()


@dataclass
class Planned:
    """One line of an import file, checked and ready to send."""

    line_no: int
    route: Literal["write", "batch"]
    text: str
    key: str  # identifies the line's content in the journal
    write: dict[str, Any] = field(default_factory=dict)  # keyword arguments of write()
    turn: dict[str, Any] = field(default_factory=dict)  # a write_batch turn


class LineError(Exception):
    """A line that cannot be imported; the message says why."""


def _timestamp(value: Any, name: str) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise LineError(f"{name} must be an ISO 8601 string")
    try:
        stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise LineError(f"{name} is not an ISO 8601 timestamp: {value!r}") from None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)


def plan_line(raw: str, line_no: int) -> Planned | None:
    """Check one line of an import file against the write schema's constraints.

    Args:
        raw: the line.
        line_no: its number (1-based), for messages.

    Returns:
        The planned write, or None for the header and blank lines.

    Raises:
        LineError: the line is not JSON, or breaks a constraint (the message names the field).
    """
    if not raw.strip():
        return None
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        # Some of json's messages end in "at" already ("Invalid control character at").
        raise LineError(f"not JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})") from None
    if is_header(obj):
        return None
    if not isinstance(obj, dict):
        raise LineError("must be a JSON object")
    if "text" not in obj:
        raise LineError("has no text")
    stamp = _timestamp(obj.get("timestamp"), "timestamp")
    tags = obj.get("tags") or None
    kinds = {"memory_type": obj.get("type"), "context_tags": tags, "namespace": obj.get("namespace")}
    kinds["agent_id"] = obj.get("agent_id")
    metadata = obj.get("metadata") or None
    try:
        if any(v not in (None, "") for v in kinds.values()):
            kwargs: dict[str, Any] = {k: v for k, v in kinds.items() if v not in (None, "")}
            kwargs.update(
                session_id=obj.get("session_id"), turn_id=obj.get("turn_id"), metadata=metadata, timestamp=stamp
            )
            kwargs = {k: v for k, v in kwargs.items() if v is not None}
            body = write_body(obj["text"], **kwargs)
            return Planned(line_no, "write", body["content"], _key(body), write=kwargs)
        turn = {"content": obj["text"], "metadata": metadata, "session_id": obj.get("session_id")}
        turn.update(turn_id=obj.get("turn_id"), timestamp=stamp)
        turn = {k: v for k, v in turn.items() if v is not None}
        body = batch_turn(turn, 0)
        return Planned(line_no, "batch", body["content"], _key(body), turn=turn)
    except ValidationError as exc:
        raise LineError(exc.message.replace("turns[0].", "")) from None


def _key(body: Mapping[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]
