"""A cheap check that a parsed result's scalar fields have the schema's types.

The generated ``from_dict`` trusts the JSON it is given: ``"success": "yes"``
would become a ``WriteResult`` whose ``success`` is a string. This check
walks the attrs fields of a result (and of the ``MemoryItem`` lists in it)
and insists on the declared scalar types, so such a body raises
``ResponseValidationError`` instead. The per-class plan is computed once;
the per-call cost is one ``isinstance`` per field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache
from operator import is_
from typing import Any

# The generated models annotate with strings (``from __future__ import annotations``) whose names
# are imported only under TYPE_CHECKING, so the plan reads the annotation text itself.
_SCALAR_NAMES: dict[str, tuple[type, ...]] = {
    "bool": (bool,),
    "int": (int,),
    "float": (float, int),  # JSON does not tell 1 from 1.0
    "str": (str,),
    "None": (type(None),),
    "datetime.datetime": (dt.datetime,),
    "datetime.date": (dt.date,),
}
_LIST_OF = re.compile(r"^list\[(\w+)\]$")

# A required field the generated parser builds with a constructor that rejects a wrong type
# (UUID(...), datetime.fromisoformat(...)) needs no second look; in a union the parser falls
# back to the raw value when the constructor fails, so those are checked.
_CHECKED_BY_PARSER = frozenset({"UUID", "datetime.datetime", "datetime.date"})

# (field name, exact types allowed) for scalar fields; (field name, item class) for lists of models
Plan = tuple[tuple[tuple[str, frozenset[type]], ...], tuple[tuple[str, type], ...]]


@cache
def _plan(cls: type) -> Plan:
    from uuid import UUID

    import attrs
    from cml_api_client import models
    from cml_api_client.types import Unset

    scalar_names = {**_SCALAR_NAMES, "UUID": (UUID,)}  # uuid comes with the models, not with the SDK

    scalars: list[tuple[str, frozenset[type]]] = []
    nested: list[tuple[str, type]] = []
    for field in attrs.fields(cls):
        if field.name in ("additional_properties", "meta", "degraded", "degraded_reason"):
            continue
        members = [m.strip() for m in str(field.type).split("|")]
        if len(members) == 1 and members[0] in _CHECKED_BY_PARSER:
            continue
        allowed: set[type] = set()
        for member in members:
            if member == "Unset":
                allowed.add(Unset)
            elif member in scalar_names:
                allowed.update(scalar_names[member])
            elif (match := _LIST_OF.match(member)) and isinstance(item := getattr(models, match.group(1), None), type):
                nested.append((field.name, item))
                allowed = set()
                break
            else:
                allowed = set()
                break
        if allowed:
            scalars.append((field.name, frozenset(allowed)))
    return tuple(scalars), tuple(nested)


def _wrong(name: str, value: Any, allowed: frozenset[type]) -> TypeError:
    expected = " | ".join(sorted(t.__name__ for t in allowed if t.__name__ != "Unset"))
    return TypeError(f"field {name!r} is {type(value).__name__} {value!r:.40}, expected {expected}")


def _check_fields(obj: Any, scalars: tuple[tuple[str, frozenset[type]], ...]) -> None:
    for name, allowed in scalars:
        value = getattr(obj, name)
        if type(value) not in allowed:  # JSON values have exact types; bool is not an int here
            raise _wrong(name, value, allowed)


@cache
def _checker(cls: type) -> Callable[[Any], None]:
    """``_check_fields`` for one class, unrolled: one attribute read and one set lookup per field.

    It runs for every item of every read, where a loop over the plan cost
    more than the checks themselves. The source is built from the class's
    attrs field names (identifiers) only.
    """
    scalars, _nested = _plan(cls)
    if not scalars:
        return _no_check
    namespace: dict[str, Any] = {"_wrong": _wrong, "type": type}
    lines = ["def check(obj):"]
    for index, (name, allowed) in enumerate(scalars):
        if not name.isidentifier():  # pragma: no cover - attrs field names are identifiers
            return lambda obj: _check_fields(obj, scalars)
        namespace[f"allowed_{index}"] = allowed
        lines.append(f"    value = obj.{name}")
        lines.append(f"    if type(value) not in allowed_{index}:")
        lines.append(f"        raise _wrong({name!r}, value, allowed_{index})")
    exec("\n".join(lines), namespace)
    check: Callable[[Any], None] = namespace["check"]
    return check


def _no_check(obj: Any) -> None:
    return None


def check_shape(result: Any, data: Any = None) -> None:
    """Raise when a scalar field of ``result`` (or of the models in its lists) has the wrong type.

    Args:
        result: a parsed attrs result; anything else is left alone.
        data: the JSON it was parsed from; the generated parser iterates whatever
            it finds where a list belongs (an object becomes ``[]``), so lists are
            checked there.

    Raises:
        TypeError: a field's value has a type the schema does not allow.
    """
    cls = type(result)
    if not hasattr(cls, "__attrs_attrs__"):
        return
    _checker(cls)(result)  # type: ignore[arg-type]  # classes are hashable
    nested = _plan(cls)[1]  # type: ignore[arg-type]
    if not nested:
        return
    checked: list[list[Any]] = []
    for name, item_cls in nested:
        if isinstance(data, dict) and data.get(name) is not None and not isinstance(data[name], list):
            raise TypeError(f"field {name!r} is {type(data[name]).__name__}, expected a list")
        items = getattr(result, name)
        if type(items) is not list or not items:
            continue
        # A list that repeats one already checked, object for object (a read's episodes), is skipped;
        # the comparison runs in C and never calls the items' __eq__.
        if any(len(items) == len(done) and all(map(is_, items, done)) for done in checked):
            continue
        check_item = _checker(item_cls)
        deeper = bool(_plan(item_cls)[1])
        for item in items:
            check_item(item)
            if deeper:
                check_shape(item)
        checked.append(items)
