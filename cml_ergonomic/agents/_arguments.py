"""A model's tool arguments, checked against the tool's JSON Schema, with messages a model can act on.

Only the schema keywords the contract uses are understood (type, enum,
bounds, lengths, items, uuid and date-time formats, required, no extra
properties); the contract is generated, so nothing else can appear. Dates
become timezone-aware datetimes, the form the SDK takes.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping
from typing import Any

_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list, tuple),
    "object": (dict,),
}
_NAMES = {"string": "a string", "integer": "a whole number", "number": "a number", "boolean": "true or false"}
_NAMES |= {"array": "a list", "object": "a JSON object"}


class ArgumentProblem(Exception):
    """The model's arguments break the tool's schema.

    Attributes:
        field: the offending parameter (``memory_ids[2]`` for an element), or None for the whole call.
        message: what is wrong, and what the model should send instead.
        kind: ``invalid_json`` (the text is not JSON) or ``invalid_arguments``.
    """

    def __init__(self, field: str | None, message: str, kind: str = "invalid_arguments") -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message
        self.kind = kind


def parse(arguments: object) -> dict[str, Any]:
    """The arguments as a dict: a mapping, a JSON object text, or nothing (no arguments).

    Raises:
        ArgumentProblem: not JSON, or not a JSON object.
    """
    if arguments is None or arguments == "":
        return {}
    if isinstance(arguments, str | bytes | bytearray):
        try:
            arguments = json.loads(arguments)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ArgumentProblem(
                None, f"the arguments are not valid JSON ({exc}); send one JSON object", "invalid_json"
            ) from None
    if not isinstance(arguments, Mapping):
        raise ArgumentProblem(None, f"the arguments must be a JSON object, not {type(arguments).__name__}")
    return dict(arguments)


def _shown(value: object) -> str:
    text = json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def _value(schema: Mapping[str, Any], value: Any, where: str) -> Any:
    kind = schema.get("type")
    if kind == "integer" and isinstance(value, float) and value.is_integer():
        value = int(value)  # models often write 5.0 for 5
    if isinstance(kind, str) and kind in _TYPES:
        ok = isinstance(value, _TYPES[kind]) and not (isinstance(value, bool) and kind != "boolean")
        if not ok:
            raise ArgumentProblem(where, f"must be {_NAMES[kind]}, got {_shown(value)}")
    if "enum" in schema and value not in schema["enum"]:
        raise ArgumentProblem(where, f"must be one of {', '.join(map(str, schema['enum']))}; got {_shown(value)}")
    if isinstance(value, str):
        _length(schema, len(value), where, "characters", "minLength", "maxLength")
        return _format(schema.get("format"), value, where)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            raise ArgumentProblem(where, f"must be at least {schema['minimum']}; got {value}")
        if "maximum" in schema and value > schema["maximum"]:
            raise ArgumentProblem(where, f"must be at most {schema['maximum']}; got {value}")
        return value
    if isinstance(value, list | tuple):
        _length(schema, len(value), where, "items", "minItems", "maxItems")
        items = schema.get("items", {})
        return [_value(items, item, f"{where}[{index}]") for index, item in enumerate(value)]
    return value


def _length(schema: Mapping[str, Any], size: int, where: str, unit: str, low: str, high: str) -> None:
    if low in schema and size < schema[low]:
        raise ArgumentProblem(where, f"must have at least {schema[low]} {unit}; has {size}")
    if high in schema and size > schema[high]:
        raise ArgumentProblem(where, f"must have at most {schema[high]} {unit}; has {size}")


def _format(name: object, value: str, where: str) -> Any:
    if name == "uuid":
        try:
            return str(uuid.UUID(value))
        except ValueError:
            raise ArgumentProblem(
                where, f"must be a memory id (a UUID, as memory_read returns it); got {_shown(value)}"
            ) from None
    if name == "date-time":
        try:
            stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise ArgumentProblem(
                where, f"must be an ISO 8601 time like 2025-01-31T12:00:00Z; got {_shown(value)}"
            ) from None
        if stamp.tzinfo is None:
            raise ArgumentProblem(where, f"needs a time zone, e.g. {value}Z for UTC")
        return stamp
    return value


def check(
    tool: str, schema: Mapping[str, Any], nullable: frozenset[str], arguments: Mapping[str, Any]
) -> dict[str, Any]:
    """The arguments, checked against ``schema``; null for an optional parameter means "leave it out".

    Args:
        tool: the tool's name, for the messages.
        schema: the tool's input schema (an object schema).
        nullable: the parameters that accept null.
        arguments: the parsed arguments.

    Returns:
        The checked arguments (dates as aware datetimes, ids normalised).

    Raises:
        ArgumentProblem: the first problem found, naming the parameter.
    """
    properties: Mapping[str, Any] = schema.get("properties", {})
    unknown = sorted(set(arguments) - set(properties))
    if unknown:
        names = ", ".join(properties) or "none"
        raise ArgumentProblem(unknown[0], f"is not a parameter of {tool} (its parameters: {names})")
    for name in schema.get("required", []):
        if arguments.get(name) is None:
            raise ArgumentProblem(name, f"is required by {tool}")
    checked: dict[str, Any] = {}
    for name, value in arguments.items():
        if value is None:
            if name not in nullable:
                raise ArgumentProblem(name, "must not be null; leave it out instead")
            continue
        checked[name] = _value(properties[name], value, name)
    return checked


def jsonable(value: Any) -> Any:
    """A checked value as it goes into a JSON body (datetimes back to ISO 8601)."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, list):
        return [jsonable(item) for item in value]
    return value
