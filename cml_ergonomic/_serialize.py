"""Turning Python values into the JSON the server expects: the one implementation.

UUIDs become strings, datetimes ISO 8601 strings (they must carry a time
zone: see :func:`cml_ergonomic._validation.aware`), enums their values,
tuples and sets lists, attrs models (generated or ours) their ``to_dict()``.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import sys
from collections.abc import Mapping
from typing import Any


def is_uuid(value: object) -> bool:
    """``isinstance(value, uuid.UUID)``, without importing uuid: no UUID exists before uuid is imported."""
    module = sys.modules.get("uuid")
    return module is not None and isinstance(value, module.UUID)


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
    if is_uuid(value):
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


def _orjson() -> Any:
    # Imported by the first call, not by ``import cml_ergonomic``: orjson loads uuid, which loads platform (~5 ms).
    global _loaded_orjson
    import orjson

    _loaded_orjson = orjson
    return orjson


_loaded_orjson: Any = None


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON for a request body."""
    plain = serialize_for_api(value)
    orjson = _loaded_orjson or _orjson()
    try:
        return orjson.dumps(plain)  # type: ignore[no-any-return]
    except orjson.JSONEncodeError:  # integers beyond 64 bits: the standard library has no such limit
        return json.dumps(plain, separators=(",", ":"), ensure_ascii=False).encode()


def loads(body: bytes) -> Any:
    """Parse a response body (orjson: the parse is most of the cost of a large read).

    Raises:
        ValueError: the body is not JSON (``orjson.JSONDecodeError`` is a ``ValueError``).
    """
    return (_loaded_orjson or _orjson()).loads(body)
