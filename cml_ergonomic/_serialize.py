"""Turning Python values into the JSON the server expects: the one implementation.

UUIDs become strings, datetimes ISO 8601 strings (they must carry a time
zone: see :func:`cml_ergonomic._validation.aware`), enums their values,
tuples and sets lists, attrs models (generated or ours) their ``to_dict()``.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Mapping
from typing import Any
from uuid import UUID

import orjson


def serialize_for_api(value: Any) -> Any:
    """A JSON-ready copy of ``value``.

    ``None`` stays ``null``: the body builders leave out the arguments that
    were not given, and a null inside the caller's own data is data.

    Args:
        value: a str, number, bool, None, UUID, datetime, date, Enum, mapping,
            list/tuple/set, or an object with ``to_dict()``.

    Returns:
        Plain JSON types only.

    Raises:
        TypeError: a value has no JSON form.
    """
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, Mapping):
        return {str(k): serialize_for_api(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [serialize_for_api(v) for v in value]
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return serialize_for_api(value.value)
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return serialize_for_api(to_dict())
    raise TypeError(f"{type(value).__name__} has no JSON form: {value!r:.80}")


class APIJSONEncoder(json.JSONEncoder):
    """A ``json.JSONEncoder`` that knows what :func:`serialize_for_api` knows (for ``json.dumps(..., cls=...)``)."""

    def default(self, o: Any) -> Any:
        return serialize_for_api(o)


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON for a request body."""
    plain = serialize_for_api(value)
    try:
        return orjson.dumps(plain)
    except orjson.JSONEncodeError:  # integers beyond 64 bits: the standard library has no such limit
        return json.dumps(plain, separators=(",", ":"), ensure_ascii=False).encode()


def loads(body: bytes) -> Any:
    """Parse a response body (orjson: the parse is most of the cost of a large read).

    Raises:
        ValueError: the body is not JSON (``orjson.JSONDecodeError`` is a ``ValueError``).
    """
    return orjson.loads(body)
