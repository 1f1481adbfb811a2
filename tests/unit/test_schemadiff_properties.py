"""Properties of the schema diff over generated documents.

The documents are drawn from tiny pools of paths, methods and field names so
that two independent draws overlap a lot: the interesting comparisons are the
ones where most operations and fields exist on both sides.
"""

from __future__ import annotations

import copy
import json
import os
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cml_ergonomic._schemadiff import RAW_ONLY_REASON, RULES, Change, Severity, compare

Schema = dict[str, Any]

FIELD_NAMES = st.sampled_from(["content", "success", "note", "debug"])
ITEM_REF: Schema = {"$ref": "#/components/schemas/Item"}

LEAVES: st.SearchStrategy[Schema] = st.sampled_from(
    [
        {"type": "string"},
        {"type": "integer"},
        {"type": "number", "minimum": 0},
        {"type": "string", "maxLength": 5},
        {"type": "string", "enum": ["a", "b"]},
        {"type": "string", "enum": ["b", "c"], "default": "b"},
        {"anyOf": [{"type": "string"}, {"type": "null"}]},
        {"type": "boolean", "description": "a flag"},
        ITEM_REF,
    ]
)


def _object(properties: dict[str, Schema], required: list[str]) -> Schema:
    return {"type": "object", "properties": properties, "required": sorted(set(required) & set(properties))}


def _nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


SCHEMAS: st.SearchStrategy[Schema] = st.recursive(
    LEAVES,
    lambda children: st.one_of(
        st.builds(_object, st.dictionaries(FIELD_NAMES, children, max_size=3), st.lists(FIELD_NAMES, max_size=3)),
        st.builds(lambda items: {"type": "array", "items": items}, children),
        st.builds(_nullable, children),
        st.builds(lambda member: {"allOf": [member]}, children),
    ),
    max_leaves=6,
)

PARAMETERS = st.lists(
    st.fixed_dictionaries(
        {
            "in": st.sampled_from(["query", "header"]),
            "name": st.sampled_from(["dry_run", "limit"]),
            "required": st.booleans(),
            "schema": LEAVES.filter(lambda schema: schema is not ITEM_REF),
        }
    ),
    max_size=2,
    unique_by=lambda parameter: (parameter["in"], parameter["name"]),
)


def _body(schema: Schema) -> Schema:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _responses(schema: Schema | None) -> Schema:
    if schema is None:
        return {"422": {"description": "Validation Error"}}
    return {"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}}


OPERATIONS = st.fixed_dictionaries(
    {
        "operationId": st.sampled_from(["first", "second"]),
        "parameters": PARAMETERS,
        "responses": st.builds(_responses, st.none() | SCHEMAS),
    },
    optional={"requestBody": st.builds(_body, SCHEMAS), "description": st.sampled_from(["one", "two"])},
)

PATH_ITEMS = st.dictionaries(st.sampled_from(["get", "post"]), OPERATIONS, min_size=1, max_size=2)

# Item may refer to itself through any of its fields: the diff must stop at the cycle.
DOCUMENTS = st.builds(
    lambda paths, item: {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": paths,
        "components": {"schemas": {"Item": item}},
    },
    st.dictionaries(
        st.sampled_from(["/api/v1/memory/write", "/api/v1/memory/read", "/api/v1/x"]), PATH_ITEMS, max_size=3
    ),
    SCHEMAS,
)

# What compare(a, b) reports as added, compare(b, a) must report as removed, at the same place.
OPPOSITES = {
    "operation-added": "operation-removed",
    "parameter-added": "parameter-removed",
    "request-field-added": "request-field-removed",
    "response-field-added": "response-field-removed",
    "enum-values-added": "enum-values-removed",
}
MIRRORED = {
    **OPPOSITES,
    "made-required": "made-optional",
    "made-nullable": "made-non-nullable",
    "constraint-tightened": "constraint-loosened",
    "enum-restricted": "enum-unrestricted",
}

PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _places(changes: list[Change], kind: str) -> set[tuple[str, str]]:
    return {(change.operation, change.location) for change in changes if change.kind == kind}


@PROPERTY_SETTINGS
@given(DOCUMENTS)
def test_a_document_does_not_differ_from_itself(document: dict[str, Any]) -> None:
    assert compare(document, document).changes == []
    assert compare(document, copy.deepcopy(document)).changes == []


@PROPERTY_SETTINGS
@given(DOCUMENTS, DOCUMENTS)
def test_additions_one_way_are_removals_the_other_way(a: dict[str, Any], b: dict[str, Any]) -> None:
    forward, backward = compare(a, b).changes, compare(b, a).changes

    for added, removed in OPPOSITES.items():
        assert _places(forward, added) == _places(backward, removed), added
        assert _places(forward, removed) == _places(backward, added), removed


@PROPERTY_SETTINGS
@given(DOCUMENTS, DOCUMENTS)
def test_every_paired_change_is_mirrored(a: dict[str, Any], b: dict[str, Any]) -> None:
    forward, backward = compare(a, b).changes, compare(b, a).changes

    for kind, opposite in MIRRORED.items():
        assert _places(forward, kind) == _places(backward, opposite), kind
    unpaired = {"type-changed", "default-changed", "operation-renamed", "enum-reordered", "parameters-reordered"}
    for kind in unpaired:
        assert _places(forward, kind) == _places(backward, kind), kind


@PROPERTY_SETTINGS
@given(DOCUMENTS, DOCUMENTS)
def test_every_change_is_classified_by_a_known_rule(a: dict[str, Any], b: dict[str, Any]) -> None:
    for change in compare(a, b).changes:
        rule = RULES[change.rule]
        assert (change.raw_severity, change.raw_reason) == (rule.raw, rule.raw_reason)
        if change.methods or rule.severity is not Severity.BREAKING:
            assert (change.severity, change.reason) == (rule.severity, rule.sentence)
        else:  # an operation no wrapper method calls cannot break the wrapper
            assert (change.severity, change.reason) == (Severity.COMPATIBLE, RAW_ONLY_REASON)


@PROPERTY_SETTINGS
@given(DOCUMENTS, DOCUMENTS)
def test_what_breaks_the_wrapper_breaks_raw_callers(a: dict[str, Any], b: dict[str, Any]) -> None:
    # a raw caller can do everything the wrapper does: call the operation, send and read the field
    for change in compare(a, b).breaking:
        assert change.raw_severity is Severity.BREAKING, change


def _inline(schema: Any, components: dict[str, Any], expanding: frozenset[str] = frozenset()) -> Any:
    """``schema`` with every $ref replaced by a copy of its target (cycles keep their $ref)."""
    if isinstance(schema, list):
        return [_inline(member, components, expanding) for member in schema]
    if not isinstance(schema, dict):
        return schema
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref not in expanding:
        return _inline(components[ref.rsplit("/", 1)[1]], components, expanding | {ref})
    return {key: _inline(value, components, expanding) for key, value in schema.items()}


@PROPERTY_SETTINGS
@given(DOCUMENTS)
def test_inlining_the_references_changes_nothing(document: dict[str, Any]) -> None:
    components = document["components"]["schemas"]
    # A recursive Item cannot be inlined: a copy would unroll it one level deeper than the diff looks.
    assume("$ref" not in json.dumps(components["Item"]))
    inlined = {**document, "paths": _inline(document["paths"], components)}

    assert compare(document, inlined).changes == []
    assert compare(inlined, document).changes == []


def test_the_properties_run_seeded_and_print_how_to_reproduce() -> None:
    """Unless HYPOTHESIS_PROFILE asks to explore, every run draws the same examples and prints the replay blob."""
    current = settings()
    if os.environ.get("HYPOTHESIS_PROFILE", "ci") == "ci":
        assert current.derandomize is True
        assert current.database is None
    assert current.print_blob is True
    assert PROPERTY_SETTINGS.derandomize == current.derandomize  # the module's settings inherit the profile
