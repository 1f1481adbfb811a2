"""Request validation against the OpenAPI snapshot, with FastAPI's 422 bodies.

The fake server reads its field rules (types, required fields, lengths,
ranges, enums) from the same ``openapi/cml-*.json`` snapshot the SDK was
generated from, so its limits move with the schema instead of being copied
by hand. Errors are shaped like pydantic v2's, as FastAPI returns them:
``{"type", "loc", "msg", "input", "ctx"}``.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

JSON = dict[str, Any]


class Validator:
    """Checks values against the schemas of one OpenAPI document."""

    def __init__(self, document: JSON) -> None:
        self.schemas: dict[str, JSON] = document.get("components", {}).get("schemas", {})
        self.document = document

    def resolve(self, schema: JSON) -> JSON:
        while "$ref" in schema:
            schema = self.schemas[schema["$ref"].rsplit("/", 1)[-1]]
        return schema

    def body_schema(self, method: str, path: str) -> JSON | None:
        """The request-body schema of ``method path`` in the snapshot, or None."""
        operation = self.document.get("paths", {}).get(path, {}).get(method.lower(), {})
        content = operation.get("requestBody", {}).get("content", {}).get("application/json")
        return None if content is None else self.resolve(content["schema"])

    def query_schemas(self, method: str, path: str) -> dict[str, JSON]:
        """The query parameters of ``method path``, by name."""
        operation = self.document.get("paths", {}).get(path, {}).get(method.lower(), {})
        return {p["name"]: p for p in operation.get("parameters", []) if p.get("in") == "query"}

    def check(self, value: Any, schema: JSON, loc: list[Any]) -> list[JSON]:
        """Every error of ``value`` against ``schema`` (an empty list when it is valid)."""
        named = "$ref" in schema  # a named enum is a Python Enum on the server, an inline one a Literal
        schema = self.resolve(schema)
        if "anyOf" in schema:
            options = schema["anyOf"]  # unresolved: whether an option is named decides its enum error
            if value is None and any(self.resolve(option).get("type") == "null" for option in options):
                return []
            real = [option for option in options if self.resolve(option).get("type") != "null"]
            if len(real) == 1:
                return self.check(value, real[0], loc)
            for option in real:
                if not self.check(value, option, loc):
                    return []
            return self.check(value, real[0], loc)
        if "enum" in schema:
            if value in schema["enum"]:
                return []
            names = [f"'{v}'" for v in schema["enum"]]
            expected = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
            error = "enum" if named else "literal_error"
            return [_error(error, loc, f"Input should be {expected}", value, {"expected": expected})]
        kind = schema.get("type")
        checker = _CHECKS.get(kind) if isinstance(kind, str) else None
        return checker(self, value, schema, loc) if checker else []

    def check_object(self, value: Any, schema: JSON, loc: list[Any]) -> list[JSON]:
        if not isinstance(value, dict):
            if "properties" in schema:
                return [
                    _error(
                        "model_attributes_type",
                        loc,
                        "Input should be a valid dictionary or object to extract fields from",
                        value,
                    )
                ]
            return [_error("dict_type", loc, "Input should be a valid dictionary", value)]
        errors: list[JSON] = []
        for name in schema.get("required", []):
            if name not in value:
                errors.append(_error("missing", [*loc, name], "Field required", value))
        for name, sub in schema.get("properties", {}).items():
            if name in value:
                errors += self.check(value[name], sub, [*loc, name])
        return errors


def _error(kind: str, loc: list[Any], msg: str, value: Any, ctx: JSON | None = None) -> JSON:
    error: JSON = {"type": kind, "loc": loc, "msg": msg, "input": value}
    if ctx:
        error["ctx"] = ctx
    return error


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _check_string(v: Validator, value: Any, schema: JSON, loc: list[Any]) -> list[JSON]:
    if not isinstance(value, str):
        return [_error("string_type", loc, "Input should be a valid string", value)]
    if "minLength" in schema and len(value) < schema["minLength"]:
        n = schema["minLength"]
        return [
            _error(
                "string_too_short",
                loc,
                f"String should have at least {_plural(n, 'character')}",
                value,
                {"min_length": n},
            )
        ]
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        n = schema["maxLength"]
        return [
            _error(
                "string_too_long",
                loc,
                f"String should have at most {_plural(n, 'character')}",
                value,
                {"max_length": n},
            )
        ]
    pattern = schema.get("pattern")
    if pattern and re.search(pattern, value) is None:
        msg = f"String should match pattern '{pattern}'"
        return [_error("string_pattern_mismatch", loc, msg, value, {"pattern": pattern})]
    fmt = schema.get("format")
    if fmt == "uuid":
        try:
            uuid.UUID(value)
        except ValueError:
            return [_error("uuid_parsing", loc, "Input should be a valid UUID, invalid character", value)]
    if fmt == "date-time":
        try:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return [_error("datetime_from_date_parsing", loc, "Input should be a valid datetime", value)]
    return []


def _bounds(value: float, schema: JSON, loc: list[Any], given: Any) -> list[JSON]:
    """The range errors of ``value``; ``given`` is what was sent (the error shows it, as pydantic does)."""
    if "minimum" in schema and value < schema["minimum"]:
        ge = _number(schema["minimum"])
        return [_error("greater_than_equal", loc, f"Input should be greater than or equal to {ge}", given, {"ge": ge})]
    if "maximum" in schema and value > schema["maximum"]:
        le = _number(schema["maximum"])
        return [_error("less_than_equal", loc, f"Input should be less than or equal to {le}", given, {"le": le})]
    return []


def _number(bound: float) -> float | int:
    return int(bound) if float(bound).is_integer() else bound


_UNPARSABLE = object()


def _from_string(value: Any, parse: Callable[[str], Any]) -> Any:
    """``value`` parsed if it is a string, as pydantic's lax mode reads one (``_UNPARSABLE`` when it cannot be)."""
    if not isinstance(value, str):
        return value
    try:
        return parse(value.strip())
    except ValueError:
        return _UNPARSABLE


def _check_integer(v: Validator, value: Any, schema: JSON, loc: list[Any]) -> list[JSON]:
    number = _from_string(value, int)
    if number is _UNPARSABLE:
        msg = "Input should be a valid integer, unable to parse string as an integer"
        return [_error("int_parsing", loc, msg, value)]
    if isinstance(number, float):
        if not number.is_integer():
            msg = "Input should be a valid integer, got a number with a fractional part"
            return [_error("int_from_float", loc, msg, value)]
        number = int(number)
    if not isinstance(number, int):  # a bool is an int: pydantic's lax mode reads True as 1
        return [_error("int_type", loc, "Input should be a valid integer", value)]
    return _bounds(number, schema, loc, value)


def _check_number(v: Validator, value: Any, schema: JSON, loc: list[Any]) -> list[JSON]:
    number = _from_string(value, float)
    if number is _UNPARSABLE:
        msg = "Input should be a valid number, unable to parse string as a number"
        return [_error("float_parsing", loc, msg, value)]
    if not isinstance(number, int | float):
        return [_error("float_type", loc, "Input should be a valid number", value)]
    return _bounds(number, schema, loc, value)


# What pydantic's lax mode reads as a boolean (a query parameter always arrives as a string).
_BOOLEAN_WORDS = frozenset({"0", "off", "f", "false", "n", "no", "1", "on", "t", "true", "y", "yes"})


def _check_boolean(v: Validator, value: Any, schema: JSON, loc: list[Any]) -> list[JSON]:
    if isinstance(value, bool):
        return []
    if isinstance(value, str) and value.strip().lower() in _BOOLEAN_WORDS:
        return []
    if isinstance(value, int | float) and value in (0, 1):
        return []
    if isinstance(value, str | int | float):
        return [_error("bool_parsing", loc, "Input should be a valid boolean, unable to interpret input", value)]
    return [_error("bool_type", loc, "Input should be a valid boolean", value)]


def _check_array(v: Validator, value: Any, schema: JSON, loc: list[Any]) -> list[JSON]:
    if not isinstance(value, list):
        return [_error("list_type", loc, "Input should be a valid list", value)]
    if "minItems" in schema and len(value) < schema["minItems"]:
        n = schema["minItems"]
        msg = f"List should have at least {_plural(n, 'item')} after validation, not {len(value)}"
        return [
            _error("too_short", loc, msg, value, {"field_type": "List", "min_length": n, "actual_length": len(value)})
        ]
    if "maxItems" in schema and len(value) > schema["maxItems"]:
        n = schema["maxItems"]
        msg = f"List should have at most {_plural(n, 'item')} after validation, not {len(value)}"
        return [
            _error("too_long", loc, msg, "[...]", {"field_type": "List", "max_length": n, "actual_length": len(value)})
        ]
    errors: list[JSON] = []
    items = schema.get("items")
    if items:
        for index, item in enumerate(value):
            errors += v.check(item, items, [*loc, index])
    return errors


_CHECKS = {
    "object": Validator.check_object,
    "string": _check_string,
    "integer": _check_integer,
    "number": _check_number,
    "boolean": _check_boolean,
    "array": _check_array,
}
