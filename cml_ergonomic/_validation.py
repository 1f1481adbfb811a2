"""Client-side checks of arguments, against the limits of :mod:`cml_ergonomic._limits` only.

They run before anything is sent, so a bad argument costs no request and
the error names the field. Every bound comes from the table in ``_limits``
(the schema, or behaviour measured on the real servers); a unit test reads
the schema's back from ``openapi/`` so they cannot drift silently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from cml_ergonomic import _limits as limits
from cml_ergonomic._serialize import is_uuid
from cml_ergonomic.errors import ValidationError


def _bound(value: int | None) -> int:
    assert value is not None  # the table states both bounds of these
    return value


# The names callers use; each value is the table's (see cml_ergonomic._limits for the sources).
CONTENT_MIN: Final = _bound(limits.CONTENT.low)
CONTENT_MAX: Final = _bound(limits.CONTENT.high)
MAX_RESULTS_MIN: Final = _bound(limits.MAX_RESULTS.low)
MAX_RESULTS_MAX: Final = _bound(limits.MAX_RESULTS.high)
BATCH_MIN: Final = _bound(limits.BATCH.low)
BATCH_MAX: Final = _bound(limits.BATCH.high)
READ_FORMATS: Final = limits.READ_FORMAT.values
FORGET_ACTIONS: Final = limits.FORGET_ACTION.values
MEMORY_TYPES: Final = limits.MEMORY_TYPE.values


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
    if "\x00" in value:
        raise invalid(
            field,
            f"must not contain a NUL character (\\x00, at index {value.index(chr(0))}): the server cannot store or "
            "search it",
            value,
            type_="string_nul",
        )
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


def whole(value: object, field: str) -> int:
    """A whole number (the schema's ``integer``), with no bound of its own."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(field, "must be a whole number", value, type_="int_type")
    return value


def in_range(value: object, field: str, limit: limits.Limit) -> int:
    """A whole number within ``limit`` (either bound may be absent)."""
    number = whole(value, field)
    low, high = limit.low, limit.high
    if (low is not None and number < low) or (high is not None and number > high):
        if low is not None and high is not None:
            rule = f"must be between {low} and {high}"
        else:
            rule = f"must be at least {low}" if low is not None else f"must be at most {high}"
        raise invalid(field, rule, value, type_="range")
    return number


def ttl_hours(value: object, field: str = "ttl_hours") -> int:
    """A session's lifetime in hours: any whole number whose expiry the server can compute (see ``_limits``)."""
    hours = whole(value, field)
    most = limits.ttl_hours_max()
    if hours > most:
        raise invalid(
            field,
            f"must be at most {most:,} hours: the server answers 500 when now + ttl_hours passes the year 9999",
            value,
            type_="range",
        )
    return hours


def header_value(value: str | None, field: str) -> str | None:
    """A value sent as an HTTP header (tenant, user): no NUL, CR or LF, which no HTTP request can carry."""
    if value is None:
        return None
    text_value = text(value, field)
    if "\r" in text_value or "\n" in text_value:
        raise invalid(field, "must not contain a line break: it is sent as an HTTP header", value)
    return text_value


def non_empty(value: object, field: str) -> str:
    """A string that names a path segment: not empty (an empty segment would name another route)."""
    text_value = text(value, field)
    if not text_value:
        raise invalid(field, "must not be empty", text_value, type_="string_too_short")
    return text_value


def number(value: object, field: str) -> float:
    """A real number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise invalid(field, "must be a number", value, type_="float_type")
    return float(value)


def one_of(value: object, field: str, allowed: Iterable[str] | limits.Limit) -> str:
    """One of the ``allowed`` strings, or of a Limit's values (an enum member's ``.value`` is accepted too)."""
    raw = getattr(value, "value", value)
    allowed = allowed.values if isinstance(allowed, limits.Limit) else tuple(allowed)
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
    explicitly: ``value.replace(tzinfo=datetime.UTC)`` when it is a UTC time.
    Every datetime the SDK returns is aware already, so it can be passed back.
    """
    if not isinstance(value, dt.datetime):
        raise invalid(field, "must be a datetime", value, type_="datetime_type")
    if value.tzinfo is None or value.utcoffset() is None:
        raise invalid(
            field,
            "must be timezone-aware: if it is a UTC time, pass value.replace(tzinfo=datetime.UTC)",
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
