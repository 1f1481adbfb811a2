"""Tool results sized for a context window: short keys, no nulls, texts cut to a budget, keys never shown."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

from cml_ergonomic import errors

ITEM_CHARS = 500  # one memory's text in a result
MIN_ITEM_CHARS = 80  # a memory that would get less room than this is counted as omitted instead
ELLIPSIS = "…"


def cut(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, marked when cut."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + ELLIPSIS


def memories(items: Sequence[Any], budget: int) -> dict[str, Any]:
    """Typed memory items (``MemoryItem``, best first) as ``{"memories": [...]}``, within ``budget`` characters.

    Each memory keeps what a model uses: its id (for memory_update and
    memory_forget), its kind, its text and when it was stored. Items that no
    longer fit are counted in ``"omitted"``, never silently dropped.
    """
    entries = ((str(i.id), i.type_, i.text, getattr(i, "timestamp", None)) for i in items)
    return _shaped(entries, len(items), budget)


def raw_memories(data: Any, budget: int) -> dict[str, Any]:
    """The same from a read's JSON body, checking each field it keeps (the dispatcher's parser of a read).

    Raises:
        TypeError: ``memories`` is not a list of objects, or a field has the wrong type.
        KeyError: a memory lacks ``id``, ``text`` or ``type``.
        ValueError: an id is not a UUID, or a timestamp not ISO 8601.
    """
    items = data["memories"]
    if not isinstance(items, list):
        raise TypeError(f"field 'memories' is {type(items).__name__}, expected a list")
    return _shaped((_raw_entry(raw) for raw in items), len(items), budget)


def _raw_entry(raw: Any) -> tuple[str, str, str, dt.datetime | None]:
    if not isinstance(raw, dict):
        raise TypeError(f"a memory is {type(raw).__name__}, expected an object")
    memory_id, kind, text, stamp = raw["id"], raw["type"], raw["text"], raw.get("timestamp")
    if not (isinstance(memory_id, str) and isinstance(kind, str) and isinstance(text, str)):
        raise TypeError(f"a memory's id, type and text must be strings: {memory_id!r:.40}, {kind!r:.40}")
    if len(memory_id) != 36 or memory_id.count("-") != 4:
        raise ValueError(f"a memory's id is not a UUID: {memory_id!r:.40}")
    return memory_id, kind, text, None if stamp is None else dt.datetime.fromisoformat(stamp)


def _shaped(entries: Iterable[tuple[str, str, str, Any]], total: int, budget: int) -> dict[str, Any]:
    out: list[dict[str, Any]] = []
    used = 0
    for memory_id, kind, text, stamp in entries:
        room = budget - used
        if out and room < MIN_ITEM_CHARS:
            break
        limit = min(ITEM_CHARS, max(room, MIN_ITEM_CHARS))
        if len(text) > limit:
            text = cut(text, limit)
        used += len(text)
        entry = {"id": memory_id, "type": kind, "text": text}
        if isinstance(stamp, dt.datetime):
            # The server's naive times mean UTC; with the zone the model can pass the value back as since/until.
            entry["when"] = stamp.isoformat(timespec="seconds") + ("" if stamp.tzinfo else "+00:00")
        out.append(entry)
    result: dict[str, Any] = {"count": len(out), "memories": out}
    if len(out) < total:
        result["omitted"] = total - len(out)
    return result


def _kind(exc: errors.CMLError) -> str:
    if isinstance(exc, errors.ValidationError):
        return "invalid_arguments"
    for cls, kind in (
        (errors.NotFoundError, "not_found"),
        (errors.AuthenticationError, "not_authorized"),
        (errors.AuthorizationError, "not_authorized"),
        (errors.RateLimitError, "rate_limited"),
        (errors.CMLTimeoutError, "timeout"),
        (errors.CMLConnectionError, "unreachable"),
        (errors.ResponseValidationError, "bad_response"),
        (errors.APIStatusError, "server_error"),
    ):
        if isinstance(exc, cls):
            return kind
    return "error"


def failure(
    kind: str,
    message: str,
    *,
    field: str | None = None,
    hint: str = "",
    secrets: Iterable[str] = (),
    **extra: Any,
) -> dict[str, Any]:
    """An error result the model can read: ``{"ok": false, "error": {...}}``, with every secret masked."""
    error: dict[str, Any] = {"kind": kind, "message": message}
    if field:
        error["field"] = field
    if hint:
        error["hint"] = hint
    error.update({k: v for k, v in extra.items() if v is not None})
    return {"ok": False, "error": mask(error, secrets)}


def from_error(exc: errors.CMLError, secrets: Iterable[str]) -> dict[str, Any]:
    """An SDK error as a result, with its advice, status and request id."""
    field = getattr(exc, "field", None)
    status = getattr(exc, "status_code", None)
    return failure(
        _kind(exc),
        exc.message,
        field=field if isinstance(field, str) else None,
        hint=exc.suggestion,
        secrets=secrets,
        status=status,
        request_id=exc.request_id,
    )


def mask(value: Any, secrets: Iterable[str]) -> Any:
    """``value`` with every occurrence of a secret replaced by ``***`` (strings in dicts and lists too)."""
    hidden = [s for s in secrets if s]
    if not hidden:
        return value
    # Look before copying: a result almost never holds a secret.
    return _replace(value, hidden) if _holds(value, hidden) else value


def _holds(value: Any, hidden: list[str]) -> bool:
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            for secret in hidden:
                if secret in item:
                    return True
        elif isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def _replace(value: Any, hidden: list[str]) -> Any:
    if isinstance(value, str):
        for secret in hidden:
            value = value.replace(secret, "***")
        return value
    if isinstance(value, dict):
        return {k: _replace(v, hidden) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace(v, hidden) for v in value]
    return value


def text(result: dict[str, Any]) -> str:
    """A result as the compact JSON text a model reads (a tool message's content).

    Args:
        result: what ``MemoryTools.call`` returned.

    Returns:
        JSON without spaces, non-ASCII kept.
    """
    return json.dumps(result, ensure_ascii=False, separators=(",", ":"), default=str)
