"""Client-side checks of arguments against the server schema's own constraints.

They run before anything is sent, so a bad argument costs no request and
the error names the field. The limits below are the 1.5.1 schema's; a unit
test reads them back from ``openapi/`` so they cannot drift silently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from cml_ergonomic._serialize import is_uuid
from cml_ergonomic.errors import ValidationError

CONTENT_MIN: Final = 1
CONTENT_MAX: Final = 100_000
MAX_RESULTS_MIN: Final = 1
MAX_RESULTS_MAX: Final = 50
BATCH_MIN: Final = 1
BATCH_MAX: Final = 500
READ_FORMATS: Final = ("packet", "list", "llm_context")
FORGET_ACTIONS: Final = ("delete", "archive", "silence")
MEMORY_TYPES: Final = (
    "episodic_event",
    "semantic_fact",
    "procedure",
    "constraint",
    "hypothesis",
    "preference",
    "task_state",
    "conversation",
    "message",
    "tool_result",
    "reasoning_step",
    "scratch",
    "knowledge",
    "observation",
    "plan",
)


def invalid(field: str, rule: str, value: Any = None, *, type_: str = "value_error") -> ValidationError:
    """A client-side ValidationError that names ``field`` the way a 422 would.

    Args:
        field: the argument's name (``turns[3].content`` for nested ones).
        rule: what the value must be.
        value: the offending value (shown shortened).
        type_: the error type.

    Returns:
        The error (nothing was sent).
    """
    shown = repr(value)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return ValidationError(
        f"invalid argument {field}={shown}: {rule}",
        errors=[{"loc": ["body", *field.replace("[", ".").replace("]", "").split(".")], "msg": rule, "type": type_}],
        suggestion=f"Fix '{field}': {rule}. Nothing was sent to the server.",
    )


def _encodable(value: str, field: str) -> str:
    # A lone surrogate ("\ud800") has no UTF-8 form: refuse it here rather than fail while encoding the body.
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise invalid(
                field,
                f"is not valid Unicode text (a lone surrogate at index {exc.start})",
                value,
                type_="string_unicode",
            ) from None
    return value


def content(value: object, field: str = "content") -> str:
    """A memory's text: a str of 1 to 100,000 characters."""
    if not isinstance(value, str):
        raise invalid(field, "must be a string", value, type_="string_type")
    _encodable(value, field)
    if not CONTENT_MIN <= len(value) <= CONTENT_MAX:
        raise invalid(
            field,
            f"must have {CONTENT_MIN} to {CONTENT_MAX:,} characters (has {len(value):,})",
            value,
            type_="string_length",
        )
    return value


def text(value: object, field: str) -> str:
    """Any string argument (a query, a message)."""
    if not isinstance(value, str):
        raise invalid(field, "must be a string", value, type_="string_type")
    return _encodable(value, field)


def int_range(value: object, field: str, low: int, high: int) -> int:
    """A whole number in ``[low, high]``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(field, "must be a whole number", value, type_="int_type")
    if not low <= value <= high:
        raise invalid(field, f"must be between {low} and {high}", value, type_="range")
    return value


def number(value: object, field: str) -> float:
    """A real number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise invalid(field, "must be a number", value, type_="float_type")
    return float(value)


def one_of(value: object, field: str, allowed: Iterable[str]) -> str:
    """One of the ``allowed`` strings (an enum member's ``.value`` is accepted too)."""
    raw = getattr(value, "value", value)
    allowed = tuple(allowed)
    if raw not in allowed:
        raise invalid(field, f"must be one of {', '.join(allowed)}", value, type_="enum")
    return str(raw)


def memory_type(value: object, field: str = "memory_type") -> str:
    """A member of the server's MemoryType enum (as str or enum)."""
    return one_of(value, field, MEMORY_TYPES)


def aware(value: object, field: str) -> dt.datetime:
    """A timezone-aware datetime.

    A naive datetime is refused rather than guessed: the server would read it
    in its own zone, which is rarely what the caller meant. Convert it
    explicitly (``value.replace(tzinfo=datetime.UTC)`` or ``.astimezone()``).
    """
    if not isinstance(value, dt.datetime):
        raise invalid(field, "must be a datetime", value, type_="datetime_type")
    if value.tzinfo is None or value.utcoffset() is None:
        raise invalid(
            field,
            "must be timezone-aware: use .replace(tzinfo=datetime.UTC) or .astimezone()",
            value,
            type_="timezone_aware",
        )
    return value


def uuid(value: object, field: str) -> str:
    """A UUID given as ``UUID`` or as its string form."""
    if is_uuid(value):
        return str(value)
    if isinstance(value, str):
        from uuid import UUID

        try:
            return str(UUID(value))
        except ValueError:
            pass
    raise invalid(field, "must be a UUID (uuid.UUID or its string form)", value, type_="uuid_parsing")


def uuid_list(value: object, field: str) -> list[str]:
    """A list (or tuple) of UUIDs; a lone id is refused, since it is not a list."""
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):  # a UUID is no Sequence
        raise invalid(field, "must be a list of UUIDs", value, type_="list_type")
    return [uuid(item, f"{field}[{i}]") for i, item in enumerate(value)]


def string_list(value: object, field: str) -> list[str]:
    """A list (or tuple) of strings; a lone string is refused, since it would be read letter by letter."""
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise invalid(field, "must be a list of strings", value, type_="list_type")
    for i, item in enumerate(value):
        text(item, f"{field}[{i}]")
    return list(value)


def mapping(value: object, field: str) -> dict[str, Any]:
    """A dict with string keys."""
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        raise invalid(field, "must be a dict with string keys", value, type_="dict_type")
    return dict(value)


def optional(body: dict[str, Any], name: str, value: Any, check: Any = None, *args: Any) -> None:
    """Put ``value`` into ``body`` under ``name`` when it is not None, after ``check(value, name, *args)``."""
    if value is not None:
        body[name] = check(value, name, *args) if check is not None else value
