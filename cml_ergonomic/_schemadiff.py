"""Compare two OpenAPI documents the way a caller of ``cml_ergonomic`` sees them.

The model
---------
An OpenAPI document is reduced to its *operations*, keyed by HTTP method and
path (``POST /api/v1/memory/write``); the operationId is only a name, so a new
operationId on the same method and path is a rename, not a removal plus an
addition. Each operation is reduced to three kinds of *fields*:

* its parameters (``parameter.query.dry_run``), each a field tree of its own;
* its JSON request body (``request``, ``request.turns[].content``);
* its JSON success response, the 200 one, else the first 2xx
  (``response``, ``response.memories[].text``).

Before anything is compared every schema is *resolved* into a plain shape:
local ``$ref``s are followed (a reference to a schema already being expanded
stops there, so recursive schemas are safe), ``allOf`` members are merged,
``anyOf``/``oneOf`` with a ``{"type": "null"}`` member become "nullable X",
``type: [X, "null"]`` and ``nullable: true`` likewise. The shape is then
flattened into one entry per field path, written the way ``Operation.reads``
writes them: ``a.b`` for a nested field, ``a[]`` for the items of an array and
``a{}`` for the values of a map (``additionalProperties``). Because only the
resolved shape is compared, a field that moves between an inline schema and a
``$ref`` of the same shape is not a change. Components that no operation
reaches are not compared, and neither is the order of an object's properties
(snapshots are written with sorted keys, live documents are not).

Every difference becomes a :class:`Change`, and a :class:`Rule` decides its
severity for each of two *audiences*. A change is ``breaking`` when code that
works against the old server can fail against the new one, ``compatible`` when
it cannot, and ``informational`` when only the documentation moved.

* For a *caller of the wrapper* the rule consults the wrapper's operation map
  (:mod:`cml_ergonomic._operations`): a removed response field is breaking only
  when the wrapper reads it, a removed request field only when the wrapper
  sends it, and nothing breaks the wrapper on an operation no wrapper method
  calls (:data:`RAW_ONLY_REASON`).
* A *raw caller* (``client.raw``, ``cml_api_client``) may call every operation,
  send every request field and read every response field of the generated
  models, and imports the generated modules by name: for it a removed
  operation, a removed or retyped response field, a renamed module are
  breaking whatever the wrapper does.

:data:`RULES` lists every rule; each change records the id of the one that
classified it and its sentence for each audience. ``codegen`` adds the names of
the generated module and models a change touches (``codegen/names.py``).

This module uses the standard library only: it ships in the runtime package,
where ``check_compatibility()`` compares the bundled snapshot with a live
server, and ``python -m codegen diff`` imports it from here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import reduce
from typing import Any, Final, TypeGuard

from cml_ergonomic._operations import OPERATIONS, Operation, methods_for

__all__ = [
    "RAW_ONLY_REASON",
    "RULES",
    "Audience",
    "Change",
    "Rule",
    "SchemaDiff",
    "SchemaDiffError",
    "Severity",
    "compare",
    "compatibility_issues",
    "render_path",
    "short_operation_id",
]

Document = Mapping[str, Any]
FieldPath = tuple[str, ...]

_HTTP_METHODS: Final = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
_ITEMS: Final = "[]"  # the path segment of an array's items
_VALUES: Final = "{}"  # the path segment of a map's values (additionalProperties)
_MAX_DEPTH: Final = 64  # a chain of distinct references this deep is no real API: cut it as if it were a cycle
_DOC_KEYS: Final = ("description", "title", "examples", "summary", "tags", "deprecated")


class SchemaDiffError(ValueError):
    """A document cannot be compared, e.g. a ``$ref`` that does not resolve."""


class Severity(StrEnum):
    """How a change affects a caller."""

    BREAKING = "breaking"
    COMPATIBLE = "compatible"
    INFORMATIONAL = "informational"


class Audience(StrEnum):
    """Whose code a severity speaks for."""

    WRAPPER = "wrapper"  # callers of cml_ergonomic's methods
    RAW = "raw"  # callers of the generated client (client.raw, cml_api_client)


@dataclass(frozen=True, slots=True)
class Rule:
    """One classification rule: its id, the severity it assigns to each audience, and why.

    Attributes:
        id: the rule's name, e.g. ``unread-response-field-removed``.
        severity: what the change means for a caller of the wrapper.
        sentence: why, for a caller of the wrapper.
        raw: what the change means for a raw caller (``client.raw``, ``cml_api_client``).
        raw_sentence: why, for a raw caller; empty when it is ``sentence``.
    """

    id: str
    severity: Severity
    sentence: str
    raw: Severity
    raw_sentence: str = ""

    @property
    def raw_reason(self) -> str:
        """Why the change has its raw severity."""
        return self.raw_sentence or self.sentence


_B, _C, _I = Severity.BREAKING, Severity.COMPATIBLE, Severity.INFORMATIONAL

# What raw callers of a changed operation or model do that the wrapper may not: they can send every request field,
# read every response field, and import the generated module and models by name.
RULES: Final[Mapping[str, Rule]] = {
    rule.id: rule
    for rule in (
        # operations
        Rule("operation-removed", _B, "Calls to a removed operation fail.", _B, "Its generated module disappears."),
        Rule("operation-added", _C, "A new operation changes nothing for existing callers.", _C),
        Rule(
            "operation-renamed",
            _I,
            "The operationId only names generated code; the request on the wire is the same.",
            _B,
            "The generated module is named after the operationId: imports of the old name fail.",
        ),
        Rule(
            "operation-id-respelled",
            _I,
            "The operationId only names generated code; the request on the wire is the same.",
            _I,
            "Shortened as codegen shortens it, the operationId names the same generated module.",
        ),
        # parameters
        Rule(
            "required-parameter-added",
            _B,
            "Callers that do not pass a new required parameter are rejected.",
            _B,
            "The generated function gains a required argument; calls without it fail.",
        ),
        Rule("optional-parameter-added", _C, "Callers that do not pass a new optional parameter get its default.", _C),
        Rule(
            "parameter-removed",
            _B,
            "A caller that passes a removed parameter has it silently ignored or rejected.",
            _B,
            "The generated function loses the argument; calls that pass it fail.",
        ),
        Rule(
            "parameter-made-required", _B, "Callers that leave out a parameter that became required are rejected.", _B
        ),
        Rule("parameter-made-optional", _C, "A parameter that became optional still accepts every caller.", _C),
        # request fields (and the schemas of parameters)
        Rule("required-request-field-added", _B, "Requests without a new required field are rejected.", _B),
        Rule("optional-request-field-added", _C, "Requests without a new optional field still validate.", _C),
        Rule(
            "request-field-made-required", _B, "Requests that leave out a field that became required are rejected.", _B
        ),
        Rule(
            "required-field-in-unsent-parent",
            _C,
            "The newly required field sits in an optional object the wrapper never sends.",
            _B,
            "Raw callers may send the optional object, and must now fill in the new field.",
        ),
        Rule("request-field-made-optional", _C, "A field that became optional still accepts every request.", _C),
        Rule(
            "sent-request-field-removed",
            _B,
            "The wrapper sends this field; the server now ignores or rejects it.",
            _B,
            "Raw callers may set it: the server now ignores or rejects it, and the generated model loses it.",
        ),
        Rule(
            "unsent-request-field-removed",
            _C,
            "The wrapper never sends this field.",
            _B,
            "Raw callers may set it: the server now ignores or rejects it, and the generated model loses it.",
        ),
        Rule(
            "sent-request-field-narrowed",
            _B,
            "The wrapper may send values the new type rejects.",
            _B,
            "Raw callers may set it to values the new type rejects.",
        ),
        Rule(
            "unsent-request-field-retyped",
            _C,
            "The wrapper never sends this field.",
            _B,
            "Raw callers may set it to values the new type rejects.",
        ),
        Rule("request-field-widened", _C, "The new type accepts every value the old one did.", _C),
        Rule("request-enum-value-removed", _B, "Requests that use a removed enum value are rejected.", _B),
        Rule("request-enum-value-added", _C, "Every value that was accepted still is.", _C),
        Rule(
            "request-default-changed",
            _C,
            "Callers that pass the field are unaffected; callers that omit it get the new default.",
            _C,
        ),
        Rule("request-constraint-tightened", _B, "Values that were accepted may now be rejected.", _B),
        Rule("request-constraint-loosened", _C, "Every value that was accepted still is.", _C),
        # response fields
        Rule(
            "response-field-added",
            _C,
            "The wrapper ignores response fields it does not read.",
            _C,
            "The old generated model keeps an unknown field in additional_properties.",
        ),
        Rule(
            "read-response-field-removed",
            _B,
            "The wrapper reads this field and will not find it.",
            _B,
            "Raw callers may read it: the generated model loses the attribute.",
        ),
        Rule(
            "unread-response-field-removed",
            _C,
            "The wrapper does not read this field.",
            _B,
            "Raw callers may read it: the generated model loses the attribute.",
        ),
        Rule(
            "read-response-field-retyped",
            _B,
            "The wrapper reads this field and expects the old type.",
            _B,
            "Raw callers may read it, and the generated model parses the old type.",
        ),
        Rule(
            "unread-response-field-retyped",
            _C,
            "The wrapper does not read this field.",
            _B,
            "Raw callers may read it, and the generated model parses the old type.",
        ),
        Rule(
            "read-response-field-made-nullable",
            _B,
            "The wrapper reads this field and does not expect null.",
            _B,
            "Raw callers may read it, and the generated model does not expect null.",
        ),
        Rule(
            "unread-response-field-made-nullable",
            _C,
            "The wrapper does not read this field.",
            _B,
            "Raw callers may read it, and the generated model does not expect null.",
        ),
        Rule("response-field-made-non-nullable", _C, "A field that is never null any more is still a valid value.", _C),
        Rule(
            "read-response-field-made-optional",
            _B,
            "The wrapper reads this field and may now find it missing.",
            _B,
            "The generated model's from_dict requires it, and raw callers may read it.",
        ),
        Rule(
            "unread-response-field-made-optional",
            _C,
            "The wrapper does not read this field.",
            _B,
            "The generated model's from_dict requires it, and raw callers may read it.",
        ),
        Rule("response-field-made-required", _C, "A field that is always present is still a valid response.", _C),
        Rule(
            "read-response-values-widened",
            _B,
            "The wrapper reads this field and may receive a value it does not know.",
            _B,
            "The generated enum (or raw code that reads the field) rejects a value it does not know.",
        ),
        Rule(
            "unread-response-values-widened",
            _C,
            "The wrapper does not read this field.",
            _B,
            "The generated enum (or raw code that reads the field) rejects a value it does not know.",
        ),
        Rule(
            "response-values-narrowed",
            _C,
            "Fewer possible values are all values the wrapper already handles.",
            _C,
            "Fewer possible values are all values the generated model already handles.",
        ),
        # documentation only
        Rule(
            "documentation-changed",
            _I,
            "Descriptions, titles, summaries, tags, examples and deprecation notes do not change the wire contract.",
            _I,
        ),
        Rule(
            "ordering-changed",
            _I,
            "The order of parameters or enum values does not change the wire contract.",
            _I,
            "The generated functions take parameters by keyword and path parameters in path order.",
        ),
    )
}

# A breaking rule cannot break the wrapper on an operation no wrapper method calls.
RAW_ONLY_REASON: Final = "No wrapper method calls this operation."


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between two documents, classified for both audiences.

    Attributes:
        operation: ``METHOD /path`` of the operation it belongs to.
        location: where in the operation: ``operation``, ``parameters``,
            ``parameter.query.dry_run``, ``request``, ``request.content``,
            ``response.memories[].text`` ...
        kind: what changed, e.g. ``response-field-removed``, ``type-changed``.
        rule: the id of the rule in :data:`RULES` that classified it.
        detail: the change itself in words, e.g. ``type integer → string``.
        severity: what it means for a caller of the wrapper.
        reason: why (the rule's sentence, or :data:`RAW_ONLY_REASON`).
        raw_severity: what it means for a raw caller of the generated client.
        raw_reason: why.
        methods: the wrapper methods that call the operation (empty for an
            operation the wrapper leaves to ``client.raw``).
        part: ``operation``, ``parameters``, ``parameter``, ``request`` or ``response``.
        path: the field path inside ``part`` (for a parameter: its place and
            name first), in segments; ``[]`` are array items, ``{}`` map values.
        module: the generated module of the operation
            (``generated/cml_api_client/api/<tag>/<module>.py``; ``old → new``
            for a renamed one); empty until ``codegen`` names it
            (:func:`codegen.names.name_changes`).
        models: the generated models the change touches (``generated/cml_api_client/models/<model>.py``).
    """

    operation: str
    location: str
    kind: str
    rule: str
    detail: str
    severity: Severity
    reason: str
    raw_severity: Severity
    raw_reason: str
    methods: tuple[str, ...] = ()
    part: str = "operation"
    path: FieldPath = ()
    module: str = ""
    models: tuple[str, ...] = ()

    def severity_for(self, audience: Audience) -> Severity:
        """The severity for one audience.

        Args:
            audience: wrapper or raw callers.

        Returns:
            ``severity`` or ``raw_severity``.
        """
        return self.severity if audience is Audience.WRAPPER else self.raw_severity

    @property
    def generated(self) -> tuple[str, ...]:
        """The generated module and models the change touches (module first)."""
        return tuple(dict.fromkeys(name for name in (self.module, *self.models) if name))

    def to_json(self) -> dict[str, Any]:
        """This change as a JSON-ready dict, with one entry per audience."""
        return {
            "operation": self.operation,
            "location": self.location,
            "kind": self.kind,
            "rule": self.rule,
            "detail": self.detail,
            "wrapper": {"severity": self.severity.value, "reason": self.reason, "methods": list(self.methods)},
            "raw": {
                "severity": self.raw_severity.value,
                "reason": self.raw_reason,
                "module": self.module,
                "models": list(self.models),
            },
        }


@dataclass(frozen=True)
class SchemaDiff:
    """Every change between two documents, in operation order.

    ``breaking``, ``compatible`` and ``informational`` speak for callers of the
    wrapper; :meth:`of_severity` takes an audience for raw callers.
    """

    changes: list[Change] = field(default_factory=list)

    @property
    def breaking(self) -> list[Change]:
        """The changes that can break a caller of the wrapper."""
        return self.of_severity(Severity.BREAKING)

    @property
    def compatible(self) -> list[Change]:
        """The changes that cannot break a caller of the wrapper."""
        return self.of_severity(Severity.COMPATIBLE)

    @property
    def informational(self) -> list[Change]:
        """The documentation-only changes."""
        return self.of_severity(Severity.INFORMATIONAL)

    @property
    def affected_methods(self) -> tuple[str, ...]:
        """The wrapper methods touched by a breaking or compatible change, sorted."""
        return tuple(
            sorted({*self.methods_affected_by(Severity.BREAKING), *self.methods_affected_by(Severity.COMPATIBLE)})
        )

    def of_severity(self, severity: Severity, audience: Audience = Audience.WRAPPER) -> list[Change]:
        """The changes of one severity for one audience.

        Args:
            severity: the severity to keep.
            audience: whose severity (default: callers of the wrapper).

        Returns:
            Those changes, in report order.
        """
        return [change for change in self.changes if change.severity_for(audience) is severity]

    def methods_affected_by(self, severity: Severity) -> tuple[str, ...]:
        """The wrapper methods named by the changes of one (wrapper) severity.

        Args:
            severity: the severity to look at.

        Returns:
            The method names, sorted and without duplicates.
        """
        return tuple(sorted({method for change in self.of_severity(severity) for method in change.methods}))

    def generated_affected_by(self, severity: Severity) -> tuple[str, ...]:
        """The generated modules and models named by the changes of one raw severity.

        Args:
            severity: the severity to look at.

        Returns:
            The file names, sorted and without duplicates (empty until ``codegen`` names them).
        """
        return tuple(sorted({name for c in self.of_severity(severity, Audience.RAW) for name in c.generated}))

    def summary(self, audience: Audience) -> dict[str, Any]:
        """How many changes of each severity one audience sees, and what they touch.

        Args:
            audience: wrapper or raw callers.

        Returns:
            ``{"breaking": n, "compatible": n, "informational": n}`` plus, for
            the wrapper, the affected methods and, for raw callers, the affected
            generated modules and models.
        """
        counts: dict[str, Any] = {severity.value: len(self.of_severity(severity, audience)) for severity in Severity}
        if audience is Audience.WRAPPER:
            counts["affected_methods"] = list(self.affected_methods)
            counts["breaking_methods"] = list(self.methods_affected_by(Severity.BREAKING))
        else:
            counts["breaking_generated"] = list(self.generated_affected_by(Severity.BREAKING))
        return counts

    def to_json(self) -> dict[str, Any]:
        """The diff as a JSON-ready dict: a summary per audience and the list of changes."""
        return {
            "summary": {audience.value: self.summary(audience) for audience in Audience},
            "changes": [change.to_json() for change in self.changes],
        }


def compare(old: Document, new: Document) -> SchemaDiff:
    """Compare two OpenAPI 3 documents operation by operation.

    Args:
        old: the document callers were written against (e.g. the snapshot).
        new: the document of the server they will talk to.

    Returns:
        Every change, classified; empty when the documents are equivalent.

    Raises:
        SchemaDiffError: a document has no ``paths`` object, or a ``$ref``
            that does not resolve or is not local (``#/...``).
    """
    old_operations = _operations_of(old, "old")
    new_operations = _operations_of(new, "new")
    changes: list[Change] = []
    for key in sorted(old_operations.keys() | new_operations.keys(), key=_operation_order):
        was, now = old_operations.get(key), new_operations.get(key)
        context = _Context.for_operation(*key)
        if was is None and now is not None:
            changes.append(
                context.change(
                    _OPERATION,
                    "operation-added",
                    "operation-added",
                    f"added (operationId {now.operation_id or 'none'})",
                )
            )
        elif now is None and was is not None:
            changes.append(
                context.change(
                    _OPERATION,
                    "operation-removed",
                    "operation-removed",
                    f"removed (was operationId {was.operation_id or 'none'})",
                )
            )
        elif was is not None and now is not None:
            changes.extend(_compare_operation(was, now, context, key))
    return SchemaDiff(changes)


def compatibility_issues(snapshot: Document, live: Document) -> list[Change]:
    """The breaking changes that hit an operation the wrapper calls.

    This is what ``client.check_compatibility()`` reports: changes to
    operations the wrapper leaves to ``client.raw`` are not its concern.

    Args:
        snapshot: the document the wrapper was built against.
        live: the document the server serves now.

    Returns:
        The breaking changes to operations in ``OPERATIONS``; empty when the
        wrapper will work against ``live``.

    Raises:
        SchemaDiffError: a document cannot be resolved (see :func:`compare`).
    """
    wrapped = {operation.label for operation in OPERATIONS.values()}
    return [change for change in compare(snapshot, live).breaking if change.operation in wrapped]


# --------------------------------------------------------------------------- resolved shapes

Bound = tuple[float, bool]  # (limit, exclusive)


@dataclass(frozen=True)
class _Shape:
    """A schema with every ``$ref``, ``allOf`` and null-union resolved away.

    ``types`` holds type labels (``string``, ``string(date-time)``) without
    ``null``; empty means "any value". Enum values, defaults and documentation
    are JSON-encoded so that they compare (and print) exactly.
    """

    types: frozenset[str] = frozenset()
    nullable: bool = False
    enum: tuple[str, ...] | None = None
    default: str | None = None
    bounds: Mapping[str, Bound] = field(default_factory=dict)
    properties: Mapping[str, _Shape] = field(default_factory=dict)
    required: frozenset[str] = frozenset()
    items: _Shape | None = None
    values: _Shape | None = None
    docs: Mapping[str, str] = field(default_factory=dict)


_ANY: Final = _Shape()


def _encode(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_lower(bound_key: str) -> bool:
    return bound_key.startswith("min")


def _tighter(a: Bound, b: Bound, lower: bool) -> bool:
    """Whether bound ``a`` admits strictly fewer values than ``b``."""
    if a[0] != b[0]:
        return a[0] > b[0] if lower else a[0] < b[0]
    return a[1] and not b[1]


class _Resolver:
    """Turns the schemas of one document into :class:`_Shape` trees."""

    def __init__(self, document: Document) -> None:
        self._document = document

    def lookup(self, ref: str) -> object:
        """The object a local ``$ref`` points at (a JSON pointer into the document)."""
        if not ref.startswith("#/"):
            raise SchemaDiffError(f"$ref {ref!r} is not local; only '#/...' references are supported")
        node: object = self._document
        for token in ref[2:].split("/"):
            key = token.replace("~1", "/").replace("~0", "~")
            if isinstance(node, Mapping) and key in node:
                node = node[key]
            elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
                node = node[int(key)]
            else:
                raise SchemaDiffError(f"$ref {ref!r} does not resolve in the document")
        return node

    def deref(self, node: object) -> object:
        """Follow ``$ref`` chains of non-schema objects (parameters, bodies, responses, path items)."""
        seen: set[str] = set()
        while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
            ref: str = node["$ref"]
            if ref in seen:
                raise SchemaDiffError(f"$ref {ref!r} refers to itself")
            seen.add(ref)
            node = self.lookup(ref)
        return node

    def shape(self, schema: object, expanding: tuple[str, ...] = ()) -> _Shape:
        """Resolve a schema.

        ``expanding`` holds the references being expanded above this point: a
        reference to one of them is a cycle and stops with a stub carrying
        only the target's own type, so that a recursive schema ends instead
        of unrolling forever.
        """
        if not isinstance(schema, Mapping) or len(expanding) > _MAX_DEPTH:
            return _ANY
        ref = schema.get("$ref")
        if isinstance(ref, str):
            return self._referenced(ref, schema, expanding)
        parts = [self.shape(member, expanding) for member in _list(schema.get("allOf"))]
        alternatives = _list(schema.get("anyOf")) or _list(schema.get("oneOf"))
        if alternatives:
            parts.append(self._alternatives(alternatives, expanding))
        own = self._own(schema, expanding)
        return reduce(_merge, [*parts, own]) if parts else own

    def _referenced(self, ref: str, schema: Mapping[str, Any], expanding: tuple[str, ...]) -> _Shape:
        target = self.lookup(ref)
        if ref in expanding:
            types, nullable = _type_labels(target) if isinstance(target, Mapping) else (frozenset(), False)
            return _Shape(types=types, nullable=nullable)
        resolved = self.shape(target, (*expanding, ref))
        siblings = {key: value for key, value in schema.items() if key != "$ref"}
        # OpenAPI 3.1 lets a $ref carry siblings (a description, a default); they refine the target.
        return _merge(resolved, self.shape(siblings, expanding)) if siblings else resolved

    def _alternatives(self, members: list[Any], expanding: tuple[str, ...]) -> _Shape:
        non_null = [member for member in members if not _is_null_schema(member)]
        shapes = [self.shape(member, expanding) for member in non_null]
        union = reduce(_union, shapes) if shapes else _ANY
        if len(non_null) < len(members):
            return replace(union, nullable=True)
        return union

    def _own(self, schema: Mapping[str, Any], expanding: tuple[str, ...]) -> _Shape:
        """The shape of a schema's own keywords, ignoring allOf/anyOf/oneOf."""
        types, nullable = _type_labels(schema)
        raw_properties = schema.get("properties")
        properties = (
            {str(name): self.shape(sub, expanding) for name, sub in raw_properties.items()}
            if isinstance(raw_properties, Mapping)
            else {}
        )
        items = self.shape(schema["items"], expanding) if "items" in schema else None
        extra = schema.get("additionalProperties")
        # additionalProperties true / {} allows any value: that is the absence of a value schema
        values = self.shape(extra, expanding) if isinstance(extra, Mapping) and extra else None
        if not types:
            types = frozenset({"object"}) if properties else frozenset({"array"}) if items else types
        enum: tuple[str, ...] | None = None
        if isinstance(schema.get("enum"), list):
            enum = tuple(_encode(value) for value in schema["enum"])
        if "const" in schema:
            enum = (_encode(schema["const"]),)
        return _Shape(
            types=types,
            nullable=nullable,
            enum=enum,
            default=_encode(schema["default"]) if "default" in schema else None,
            bounds=_bounds(schema),
            properties=properties,
            required=frozenset(str(name) for name in _list(schema.get("required"))),
            items=items,
            values=values,
            docs=_docs(schema),
        )


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _is_null_schema(schema: object) -> bool:
    if not isinstance(schema, Mapping):
        return False
    kind = schema.get("type")
    return kind == "null" or kind == ["null"] or ("enum" in schema and schema["enum"] == [None])


def _type_labels(schema: Mapping[str, Any]) -> tuple[frozenset[str], bool]:
    """The type labels of a schema (``string``, ``string(uuid)``) and whether it admits null."""
    raw = schema.get("type")
    names = [raw] if isinstance(raw, str) else [name for name in _list(raw) if isinstance(name, str)]
    nullable = "null" in names or schema.get("nullable") is True  # 3.1 and 3.0 spellings
    fmt = schema.get("format")
    labels = frozenset(f"{name}({fmt})" if isinstance(fmt, str) else name for name in names if name != "null")
    return labels, nullable


def _bounds(schema: Mapping[str, Any]) -> dict[str, Bound]:
    """Size and range constraints, with exclusive bounds folded into minimum/maximum."""
    bounds: dict[str, Bound] = {}
    for key in ("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"):
        limit = schema.get(key)
        if _is_number(limit):
            bounds[key] = (float(limit), False)
    for key, exclusive_key in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
        candidates: list[Bound] = []
        inclusive, exclusive = schema.get(key), schema.get(exclusive_key)
        if _is_number(inclusive):
            candidates.append((float(inclusive), exclusive is True))  # OpenAPI 3.0: a boolean flag
        if _is_number(exclusive):
            candidates.append((float(exclusive), True))  # OpenAPI 3.1: the exclusive limit itself
        if candidates:
            bounds[key] = reduce(lambda a, b: a if _tighter(a, b, _is_lower(key)) else b, candidates)
    return bounds


def _docs(schema: Mapping[str, Any]) -> dict[str, str]:
    docs = {key: _encode(schema[key]) for key in _DOC_KEYS if key in schema}
    if "example" in schema and "examples" not in schema:
        docs["examples"] = _encode([schema["example"]])
    return docs


def _label_base(label: str) -> str:
    return label.split("(", 1)[0]


def _common_label(x: str, y: str) -> str | None:
    """The label that both ``x`` and ``y`` admit: the formatted one when the other is its plain type."""
    if x == y or _label_base(x) == y:
        return x
    return y if _label_base(y) == x else None


def _merge_types(a: frozenset[str], b: frozenset[str]) -> frozenset[str]:
    """The types both ``a`` and ``b`` admit (allOf)."""
    if not a or not b:
        return a or b
    common = {label for x in a for y in b if (label := _common_label(x, y)) is not None}
    # contradictory members describe no value at all; keeping both types reports a change rather than hiding one
    return frozenset(common) or a | b


def _merge_optional(a: _Shape | None, b: _Shape | None, combine: Callable[[_Shape, _Shape], _Shape]) -> _Shape | None:
    if a is None or b is None:
        return a or b
    return combine(a, b)


def _merge(a: _Shape, b: _Shape) -> _Shape:
    """``allOf``: a value must satisfy both shapes; ``b``'s annotations win."""
    types = _merge_types(a.types, b.types)
    bounds = dict(a.bounds)
    for key, bound in b.bounds.items():
        if key not in bounds or _tighter(bound, bounds[key], _is_lower(key)):
            bounds[key] = bound
    properties = dict(a.properties)
    for name, sub in b.properties.items():
        properties[name] = _merge(properties[name], sub) if name in properties else sub
    if a.enum is None or b.enum is None:
        enum = a.enum if b.enum is None else b.enum
    else:
        enum = tuple(value for value in a.enum if value in b.enum)
    return _Shape(
        types=types,
        # an untyped shape admits null, so only a typed, non-nullable member forbids it
        nullable=bool(types) and (a.nullable or not a.types) and (b.nullable or not b.types),
        enum=enum,
        default=b.default if b.default is not None else a.default,
        bounds=bounds,
        properties=properties,
        required=a.required | b.required,
        items=_merge_optional(a.items, b.items, _merge),
        values=_merge_optional(a.values, b.values, _merge),
        docs={**a.docs, **b.docs},
    )


def _union(a: _Shape, b: _Shape) -> _Shape:
    """``anyOf``/``oneOf``: a value may satisfy either shape."""
    bounds = {
        key: (a.bounds[key] if _tighter(b.bounds[key], a.bounds[key], _is_lower(key)) else b.bounds[key])
        for key in a.bounds.keys() & b.bounds.keys()
    }
    properties = dict(a.properties)
    for name, sub in b.properties.items():
        properties[name] = _union(properties[name], sub) if name in properties else sub
    return _Shape(
        types=a.types | b.types if a.types and b.types else frozenset(),
        nullable=a.nullable or b.nullable,
        enum=tuple(dict.fromkeys((*a.enum, *b.enum))) if a.enum is not None and b.enum is not None else None,
        default=a.default if a.default == b.default else None,
        bounds=bounds,
        properties=properties,
        required=a.required & b.required,
        items=_merge_optional(a.items, b.items, _union),
        values=_merge_optional(a.values, b.values, _union),
        docs={**b.docs, **a.docs},
    )


# --------------------------------------------------------------------------- flattened fields


@dataclass(frozen=True)
class _Field:
    """One field of a flattened shape: the shape itself and whether its parent requires it."""

    shape: _Shape
    required: bool


Fields = dict[FieldPath, _Field]


def _flatten(shape: _Shape, required: bool) -> Fields:
    fields: Fields = {}

    def visit(node: _Shape, node_required: bool, path: FieldPath) -> None:
        fields[path] = _Field(node, node_required)
        for name, sub in node.properties.items():
            visit(sub, name in node.required, (*path, name))
        if node.items is not None:
            visit(node.items, True, (*path, _ITEMS))
        if node.values is not None:
            visit(node.values, True, (*path, _VALUES))

    visit(shape, required, ())
    return fields


def render_path(path: FieldPath) -> str:
    """A field path in ``Operation.reads`` notation: ``memories[].text``, ``by_type{}``.

    Args:
        path: the path segments.

    Returns:
        The dotted path; empty for the root.
    """
    text = ""
    for segment in path:
        text += segment if segment in (_ITEMS, _VALUES) else (f".{segment}" if text else segment)
    return text


def _location(prefix: str, path: FieldPath) -> str:
    rendered = render_path(path)
    if not rendered:
        return prefix
    return prefix + rendered if rendered.startswith((_ITEMS, _VALUES)) else f"{prefix}.{rendered}"


def _related(path: str, listed: str) -> bool:
    """Whether ``path`` is ``listed``, inside it, or contains it (a value read whole includes its parts)."""
    if not path or path == listed:
        return True
    return any(listed.startswith(path + sep) or path.startswith(listed + sep) for sep in (".", "[", "{"))


# --------------------------------------------------------------------------- operations


@dataclass(frozen=True)
class _OperationView:
    """What of one operation is compared."""

    operation_id: str | None
    docs: Mapping[str, str]
    parameters: Mapping[tuple[str, str], Fields]  # (in, name) -> the parameter's fields, in document order
    request: Fields  # empty when there is no JSON body
    response: Fields  # empty when there is no JSON success response


def _operation_order(key: tuple[str, str]) -> tuple[str, int]:
    method, path = key
    return path, _HTTP_METHODS.index(method.lower())


def _operations_of(document: Document, side: str) -> dict[tuple[str, str], _OperationView]:
    # A server that answers with something else must not read as "every operation was removed".
    if not isinstance(document, Mapping) or not isinstance(document.get("paths"), Mapping):
        raise SchemaDiffError(f"{side} document: not an OpenAPI document (no 'paths' object)")
    try:
        return _operations(document)
    except SchemaDiffError as exc:
        raise SchemaDiffError(f"{side} document: {exc}") from exc


def _operations(document: Document) -> dict[tuple[str, str], _OperationView]:
    resolver = _Resolver(document)
    views: dict[tuple[str, str], _OperationView] = {}
    for path, raw_item in document["paths"].items():
        item = resolver.deref(raw_item)
        if not isinstance(item, Mapping):
            continue
        for method in _HTTP_METHODS:
            operation = item.get(method)
            if isinstance(operation, Mapping):
                views[(method.upper(), str(path))] = _view(operation, _list(item.get("parameters")), resolver)
    return views


def _view(operation: Mapping[str, Any], shared_parameters: list[Any], resolver: _Resolver) -> _OperationView:
    operation_id = operation.get("operationId")
    return _OperationView(
        operation_id=operation_id if isinstance(operation_id, str) else None,
        docs=_docs(operation),
        parameters=_parameters([*shared_parameters, *_list(operation.get("parameters"))], resolver),
        request=_request_fields(operation.get("requestBody"), resolver),
        response=_response_fields(operation.get("responses"), resolver),
    )


def _parameters(raw_parameters: list[Any], resolver: _Resolver) -> dict[tuple[str, str], Fields]:
    parameters: dict[tuple[str, str], Fields] = {}
    for raw in raw_parameters:  # the operation's own parameters come last and override the path item's
        parameter = resolver.deref(raw)
        if not isinstance(parameter, Mapping):
            continue
        place, name = parameter.get("in"), parameter.get("name")
        if not isinstance(place, str) or not isinstance(name, str):
            continue
        schema = parameter.get("schema")
        if schema is None:
            schema = _json_media(parameter.get("content")).get("schema")
        shape = resolver.shape(schema)
        # the parameter's own description and examples document it as much as its schema's do
        shape = replace(shape, docs={**shape.docs, **_docs({k: v for k, v in parameter.items() if k != "title"})})
        required = place == "path" or parameter.get("required") is True
        # HTTP header names are case-insensitive
        parameters[(place, name.lower() if place == "header" else name)] = _flatten(shape, required)
    return parameters


def _json_media(content: object) -> Mapping[str, Any]:
    """The JSON media type object of a ``content`` map (else its first one; empty when none)."""
    if not isinstance(content, Mapping) or not content:
        return {}
    media_type = next((name for name in content if name == "application/json"), None)
    media_type = media_type or next((name for name in content if "json" in str(name)), None)
    media = content[media_type] if media_type is not None else next(iter(content.values()))
    return media if isinstance(media, Mapping) else {}


def _body_fields(media: Mapping[str, Any], required: bool, resolver: _Resolver) -> Fields:
    shape = resolver.shape(media.get("schema"))
    if "examples" not in shape.docs and ("example" in media or "examples" in media):
        media_examples = {key: media[key] for key in ("example", "examples") if key in media}
        shape = replace(shape, docs={**shape.docs, **_docs(media_examples)})
    return _flatten(shape, required)


def _request_fields(raw_body: object, resolver: _Resolver) -> Fields:
    body = resolver.deref(raw_body)
    if not isinstance(body, Mapping) or not isinstance(body.get("content"), Mapping) or not body["content"]:
        return {}
    return _body_fields(_json_media(body["content"]), body.get("required") is True, resolver)


def _response_fields(raw_responses: object, resolver: _Resolver) -> Fields:
    if not isinstance(raw_responses, Mapping):
        return {}
    codes = sorted(str(code) for code in raw_responses if str(code).startswith("2"))
    if not codes:
        return {}
    response = resolver.deref(raw_responses.get("200", raw_responses.get(codes[0])))
    if not isinstance(response, Mapping) or not isinstance(response.get("content"), Mapping) or not response["content"]:
        return {}
    return _body_fields(_json_media(response["content"]), True, resolver)


# --------------------------------------------------------------------------- comparison


@dataclass(frozen=True)
class _Where:
    """Where in an operation a change is: its part and the field path inside it."""

    part: str  # operation, parameters, parameter, request, response
    path: FieldPath = ()

    def at(self, path: FieldPath) -> _Where:
        """A field below this place."""
        return _Where(self.part, (*self.path, *path))

    @property
    def location(self) -> str:
        """How the report names it: ``parameter.query.dry_run``, ``response.memories[].text``."""
        if self.part == "parameter":
            place, name, *rest = self.path
            return _location(f"parameter.{place}.{name}", tuple(rest))
        return _location(self.part, self.path)


_OPERATION: Final = _Where("operation")


@dataclass(frozen=True)
class _Context:
    """The operation being compared and what the wrapper does with it."""

    label: str
    methods: tuple[str, ...]
    sends: tuple[str, ...]
    reads: tuple[str, ...]
    # The wrapper parses these answers with the generated models, whose from_dict
    # insists on every required field: to the parser, a required field is read.
    # Only a wrapped operation can break the wrapper.
    wrapped: bool = False

    @classmethod
    def for_operation(cls, method: str, path: str) -> _Context:
        operation: Operation | None = next(
            (op for op in OPERATIONS.values() if op.method == method and op.path == path), None
        )
        return cls(
            f"{method} {path}",
            methods_for(method, path),
            operation.sends if operation else (),
            operation.reads if operation else (),
            operation is not None,
        )

    def sent(self, path: FieldPath) -> bool:
        """Whether the wrapper can send the request field (or a part or container of it)."""
        rendered = render_path(path)
        return any(_related(rendered, sent) for sent in self.sends)

    def read(self, path: FieldPath) -> bool:
        """Whether the wrapper reads the response field (or a part or container of it)."""
        rendered = render_path(path)
        return any(_related(rendered, read) for read in self.reads)

    def change(self, where: _Where, kind: str, rule_id: str, detail: str) -> Change:
        rule = RULES[rule_id]
        severity, reason = rule.severity, rule.sentence
        if severity is Severity.BREAKING and not self.wrapped:
            severity, reason = Severity.COMPATIBLE, RAW_ONLY_REASON
        return Change(
            self.label,
            where.location,
            kind,
            rule.id,
            detail,
            severity,
            reason,
            rule.raw,
            rule.raw_reason,
            self.methods,
            where.part,
            where.path,
        )


def short_operation_id(operation_id: str, method: str, path: str) -> str:
    """An operationId without the suffix FastAPI appends: ``write_memory_api_v1_memory_write_post`` → ``write_memory``.

    ``codegen`` names the generated module after the shortened id, so two ids
    that shorten alike name the same module.

    Args:
        operation_id: the id as the server writes it.
        method: the HTTP method.
        path: the path template.

    Returns:
        The id without the ``_<path>_<method>`` suffix (unchanged when it has none).
    """
    suffix = "_" + re.sub(r"\W", "_", path.lstrip("/")) + "_" + method.lower()
    return operation_id.removesuffix(suffix)


def _compare_operation(
    old: _OperationView, new: _OperationView, context: _Context, key: tuple[str, str]
) -> Iterator[Change]:
    if old.operation_id != new.operation_id:
        # FastAPI's suffix dropped (or added) while the short id, and so the generated module, stays the same
        shortened = {short_operation_id(id_, *key) if id_ else None for id_ in (old.operation_id, new.operation_id)}
        same_module = len(shortened) == 1
        yield context.change(
            _OPERATION,
            "operation-renamed",
            "operation-id-respelled" if same_module else "operation-renamed",
            f"operationId {old.operation_id} → {new.operation_id}",
        )
    yield from _compare_docs(old.docs, new.docs, _OPERATION, context)
    yield from _compare_parameters(old.parameters, new.parameters, context)
    yield from _Inputs(context, _Where("request"), old.request, new.request, parameter=False).changes()
    yield from _compare_outputs(old.response, new.response, _Where("response"), context)


def _compare_docs(old: Mapping[str, str], new: Mapping[str, str], where: _Where, context: _Context) -> Iterator[Change]:
    for key in _DOC_KEYS:
        if old.get(key) != new.get(key):
            yield context.change(
                where,
                f"{key}-changed",
                "documentation-changed",
                f"{key}: {_short(old.get(key))} → {_short(new.get(key))}",
            )


def _short(encoded: str | None, limit: int = 60) -> str:
    if encoded is None:
        return "none"
    return encoded if len(encoded) <= limit else encoded[: limit - 1] + "…"


def _compare_parameters(
    old: Mapping[tuple[str, str], Fields], new: Mapping[tuple[str, str], Fields], context: _Context
) -> Iterator[Change]:
    common_old = [key for key in old if key in new]
    common_new = [key for key in new if key in old]
    if common_old != common_new:
        yield context.change(
            _Where("parameters"),
            "parameters-reordered",
            "ordering-changed",
            f"order {_names(common_old)} → {_names(common_new)}",
        )
    for key in [*old, *(key for key in new if key not in old)]:
        place, name = key
        yield from _Inputs(
            context, _Where("parameter", (place, name)), old.get(key, {}), new.get(key, {}), parameter=True
        ).changes()


def _names(keys: list[tuple[str, str]]) -> str:
    return ", ".join(name for _, name in keys)


def _reported_paths(old: Fields, new: Fields) -> Iterator[tuple[FieldPath, _Field | None, _Field | None]]:
    """Every path of either side, skipping those under an added or removed field (it speaks for them)."""
    for path in sorted(old.keys() | new.keys()):
        was, now = old.get(path), new.get(path)
        parent = path[:-1]
        if path and ((was is None and parent not in old) or (now is None and parent not in new)):
            continue
        yield path, was, now


def _describe(shape: _Shape) -> str:
    text = " | ".join(sorted(shape.types)) or "any"
    return f"{text} | null" if shape.nullable and shape.types else text


@dataclass(frozen=True)
class _Inputs:
    """Compares what the caller sends: the request body, or one parameter (``parameter=True``)."""

    context: _Context
    base: _Where
    old: Fields
    new: Fields
    parameter: bool

    def changes(self) -> Iterator[Change]:
        for path, was, now in _reported_paths(self.old, self.new):
            if was is None and now is not None:
                yield self._added(path, now)
            elif now is None and was is not None:
                yield self._removed(path, was)
            elif was is not None and now is not None:
                yield from self._changed(path, was, now)

    def _sent(self, path: FieldPath) -> bool:
        # The operation map does not list the parameters the wrapper passes, so assume it may pass any of them.
        return self.parameter or self.context.sent(path)

    def _change(self, path: FieldPath, kind: str, rule: str, detail: str) -> Change:
        return self.context.change(self.base.at(path), kind, rule, detail)

    def _is_parameter(self, path: FieldPath) -> bool:
        return self.parameter and not path

    def _newly_required(self, path: FieldPath, breaking_rule: str) -> str:
        """A field that became required breaks callers, unless it sits in an optional object nobody sends."""
        for depth in range(len(path) - 1, -1, -1):
            ancestor = path[:depth]
            if not self.new[ancestor].required:
                return breaking_rule if self._sent(ancestor) else "required-field-in-unsent-parent"
        return breaking_rule

    def _added(self, path: FieldPath, now: _Field) -> Change:
        if self._is_parameter(path):
            rule = "required-parameter-added" if now.required else "optional-parameter-added"
            kind = "parameter-added"
        else:
            rule = (
                self._newly_required(path, "required-request-field-added")
                if now.required
                else "optional-request-field-added"
            )
            kind = "request-field-added"
        state = "required" if now.required else "optional"
        return self._change(path, kind, rule, f"added ({_describe(now.shape)}, {state})")

    def _removed(self, path: FieldPath, was: _Field) -> Change:
        if self._is_parameter(path):
            rule, kind = "parameter-removed", "parameter-removed"
        else:
            rule = "sent-request-field-removed" if self._sent(path) else "unsent-request-field-removed"
            kind = "request-field-removed"
        return self._change(path, kind, rule, f"removed (was {_describe(was.shape)})")

    def _changed(self, path: FieldPath, was: _Field, now: _Field) -> Iterator[Change]:
        yield from self._requiredness(path, was, now)
        old, new = was.shape, now.shape
        if (old.types, old.nullable) != (new.types, new.nullable):
            if _accepts(new, old):
                rule = "request-field-widened"
            else:
                rule = "sent-request-field-narrowed" if self._sent(path) else "unsent-request-field-retyped"
            yield self._change(path, "type-changed", rule, f"type {_describe(old)} → {_describe(new)}")
        where = self.base.at(path)
        yield from _compare_enum(old.enum, new.enum, where, self.context, request=True, read=False)
        if old.default != new.default:
            yield self._change(
                path,
                "default-changed",
                "request-default-changed",
                f"default {_short(old.default)} → {_short(new.default)}",
            )
        yield from _compare_bounds(old.bounds, new.bounds, where, self.context)
        yield from _compare_docs(old.docs, new.docs, where, self.context)

    def _requiredness(self, path: FieldPath, was: _Field, now: _Field) -> Iterator[Change]:
        if was.required == now.required:
            return
        if now.required:
            rule = (
                "parameter-made-required"
                if self._is_parameter(path)
                else self._newly_required(path, "request-field-made-required")
            )
            yield self._change(path, "made-required", rule, "now required")
        else:
            rule = "parameter-made-optional" if self._is_parameter(path) else "request-field-made-optional"
            yield self._change(path, "made-optional", rule, "now optional")


def _accepts(new: _Shape, old: _Shape) -> bool:
    """Whether every value of type ``old`` is a value of type ``new`` (enums and bounds are compared apart)."""
    if not new.types:
        return True
    if not old.types or (old.nullable and not new.nullable):
        return False
    return all(
        label in new.types
        or _label_base(label) in new.types
        or (_label_base(label) == "integer" and "number" in new.types)
        for label in old.types
    )


def _compare_enum(
    old: tuple[str, ...] | None,
    new: tuple[str, ...] | None,
    where: _Where,
    context: _Context,
    *,
    request: bool,
    read: bool,
) -> Iterator[Change]:
    if old == new:
        return
    widened_rule = "read-response-values-widened" if read else "unread-response-values-widened"
    if old is None or new is None:
        restricted = old is None
        if request:
            rule = "request-constraint-tightened" if restricted else "request-constraint-loosened"
        else:
            rule = "response-values-narrowed" if restricted else widened_rule
        detail = f"values restricted to {', '.join(new or ())}" if restricted else "values no longer restricted"
        yield context.change(where, "enum-restricted" if restricted else "enum-unrestricted", rule, detail)
        return
    removed = [value for value in old if value not in new]
    added = [value for value in new if value not in old]
    if removed:
        rule = "request-enum-value-removed" if request else "response-values-narrowed"
        yield context.change(where, "enum-values-removed", rule, f"enum values removed: {', '.join(removed)}")
    if added:
        rule = "request-enum-value-added" if request else widened_rule
        yield context.change(where, "enum-values-added", rule, f"enum values added: {', '.join(added)}")
    if not removed and not added:
        yield context.change(
            where, "enum-reordered", "ordering-changed", f"enum order {', '.join(old)} → {', '.join(new)}"
        )


def _show_bound(key: str, bound: Bound | None) -> str:
    if bound is None:
        return "none"
    limit, exclusive = bound
    name = ("exclusiveMinimum" if _is_lower(key) else "exclusiveMaximum") if exclusive else key
    return f"{name} {limit:g}"


def _compare_bounds(
    old: Mapping[str, Bound], new: Mapping[str, Bound], where: _Where, context: _Context
) -> Iterator[Change]:
    for key in sorted(old.keys() | new.keys()):
        was, now = old.get(key), new.get(key)
        if was == now:
            continue
        # a bound that appears constrains more; one that disappears constrains less
        tightened = was is None or (now is not None and _tighter(now, was, _is_lower(key)))
        kind, rule = (
            ("constraint-tightened", "request-constraint-tightened")
            if tightened
            else ("constraint-loosened", "request-constraint-loosened")
        )
        yield context.change(where, kind, rule, f"{_show_bound(key, was)} → {_show_bound(key, now)}")


def _compare_outputs(old: Fields, new: Fields, base: _Where, context: _Context) -> Iterator[Change]:
    """Response fields: what the caller receives."""
    for path, was, now in _reported_paths(old, new):
        where = base.at(path)
        read = context.read(path) or (context.wrapped and was is not None and was.required)
        if was is None and now is not None:
            yield context.change(
                where, "response-field-added", "response-field-added", f"added ({_describe(now.shape)})"
            )
        elif now is None and was is not None:
            rule = "read-response-field-removed" if read else "unread-response-field-removed"
            yield context.change(where, "response-field-removed", rule, f"removed (was {_describe(was.shape)})")
        elif was is not None and now is not None:
            yield from _compare_output_field(was, now, where, context, read)


def _compare_output_field(was: _Field, now: _Field, where: _Where, context: _Context, read: bool) -> Iterator[Change]:
    old, current = was.shape, now.shape
    if old.types != current.types:
        rule = "read-response-field-retyped" if read else "unread-response-field-retyped"
        yield context.change(where, "type-changed", rule, f"type {_describe(old)} → {_describe(current)}")
    if old.nullable != current.nullable:
        if current.nullable:
            rule = "read-response-field-made-nullable" if read else "unread-response-field-made-nullable"
            yield context.change(where, "made-nullable", rule, f"now nullable ({_describe(current)})")
        else:
            yield context.change(where, "made-non-nullable", "response-field-made-non-nullable", "never null now")
    if was.required != now.required:
        if now.required:
            yield context.change(where, "made-required", "response-field-made-required", "always present now")
        else:
            rule = "read-response-field-made-optional" if read else "unread-response-field-made-optional"
            yield context.change(where, "made-optional", rule, "may be missing now")
    yield from _compare_enum(old.enum, current.enum, where, context, request=False, read=read)
    yield from _compare_docs(old.docs, current.docs, where, context)
