"""Schema-diff cases beyond one rule each: ``const``, recursive and chained ``$ref``, ``allOf`` bounds and enum
merging, and parameters given by ``content`` instead of ``schema``.

Each case compares two spellings that mean the same (no change may be reported) or a real change (the one
change is written out). The documents are built with the helpers of ``test_schemadiff_rules``.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from cml_ergonomic._schemadiff import SchemaDiffError, compare
from tests.unit.test_schemadiff_rules import BOOLEAN, STRING, document, obj, query

INTEGER: dict[str, Any] = {"type": "integer"}


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    return [(c.location, c.kind, c.rule, c.detail) for c in compare(old, new).changes]


def request_field(schema: dict[str, Any]) -> dict[str, Any]:
    return document(request=obj(format=schema))


# --------------------------------------------------------------------------- const

FORMAT_PACKET_ONLY: dict[str, Any] = {"type": "string", "enum": ["packet"]}


def test_const_is_a_one_value_enum() -> None:
    assert changes(request_field({"type": "string", "const": "packet"}), request_field(FORMAT_PACKET_ONLY)) == []
    assert changes(request_field(FORMAT_PACKET_ONLY), request_field({"type": "string", "const": "packet"})) == []


def test_a_changed_const_removes_the_old_value_and_adds_the_new() -> None:
    assert changes(
        request_field({"type": "string", "const": "packet"}), request_field({"type": "string", "const": "list"})
    ) == [
        ("request.format", "enum-values-removed", "request-enum-value-removed", 'enum values removed: "packet"'),
        ("request.format", "enum-values-added", "request-enum-value-added", 'enum values added: "list"'),
    ]


def test_a_const_on_a_free_field_restricts_it() -> None:
    assert changes(request_field(STRING), request_field({"type": "string", "const": "list"})) == [
        ("request.format", "enum-restricted", "request-constraint-tightened", 'values restricted to "list"')
    ]


# --------------------------------------------------------------------------- recursive and chained $ref


def test_a_schema_that_only_refers_to_itself_terminates() -> None:
    doc = document(
        request=obj(format={"$ref": "#/components/schemas/A"}), components={"A": {"$ref": "#/components/schemas/A"}}
    )
    assert changes(doc, copy.deepcopy(doc)) == []


@pytest.mark.parametrize(
    "parameters",
    [
        {"P": {"$ref": "#/components/parameters/P"}},
        {"P": {"$ref": "#/components/parameters/Q"}, "Q": {"$ref": "#/components/parameters/P"}},
    ],
    ids=["self", "two-step"],
)
def test_a_parameter_reference_cycle_is_an_error_naming_it(parameters: dict[str, Any]) -> None:
    looped = document(parameters=[{"$ref": "#/components/parameters/P"}])
    looped["components"]["parameters"] = parameters

    with pytest.raises(SchemaDiffError, match="refers to itself") as raised:
        compare(document(), looped)

    assert "#/components/parameters/P" in str(raised.value)
    assert "new document" in str(raised.value)


def test_a_path_item_that_refers_to_itself_is_an_error() -> None:
    looped = document()
    looped["paths"]["/api/v1/loop"] = {"$ref": "#/paths/~1api~1v1~1loop"}

    with pytest.raises(SchemaDiffError, match="refers to itself"):
        compare(looped, document())


def _chain(length: int) -> dict[str, Any]:
    """A request field behind ``length`` distinct references, the last of which is an integer."""
    components: dict[str, Any] = {f"S{i}": {"$ref": f"#/components/schemas/S{i + 1}"} for i in range(length)}
    components[f"S{length}"] = INTEGER
    return document(request=obj(format={"$ref": "#/components/schemas/S0"}), components=components)


def test_a_chain_of_references_resolves_to_its_end() -> None:
    assert changes(request_field(INTEGER), _chain(20)) == []


def test_an_absurdly_deep_chain_of_references_is_cut_and_terminates() -> None:
    deep = _chain(1000)  # beyond any real API (and Python's recursion limit): cut as if it were a cycle
    assert changes(deep, copy.deepcopy(deep)) == []


def test_a_reference_into_a_list_by_index() -> None:
    """A JSON pointer with ``~1`` escapes and a list index: another operation's first parameter."""
    target = "#/paths/~1api~1v1~1memory~1write/post/parameters/0"

    def with_other(parameter: dict[str, Any]) -> dict[str, Any]:
        doc = document(parameters=[query("dry_run", BOOLEAN)])
        doc["paths"]["/api/v1/other"] = {"get": {"operationId": "other", "responses": {}, "parameters": [parameter]}}
        return doc

    assert changes(with_other(query("dry_run", BOOLEAN)), with_other({"$ref": target})) == []
    with pytest.raises(SchemaDiffError, match="does not resolve"):
        compare(with_other(query("dry_run", BOOLEAN)), with_other({"$ref": target.replace("/0", "/5")}))


# --------------------------------------------------------------------------- allOf: bounds and enums


BOUNDED: dict[str, Any] = {"type": "integer", "minimum": 0, "maximum": 50}


@pytest.mark.parametrize(
    "members",
    [
        [{"type": "integer", "minimum": 0, "maximum": 100}, {"maximum": 50}],
        [{"maximum": 50}, {"type": "integer", "minimum": 0, "maximum": 100}],
        [{"type": "integer", "minimum": 0, "maximum": 50}, {"minimum": -5, "maximum": 100}],  # looser: no effect
    ],
    ids=["second-tighter", "first-tighter", "second-looser"],
)
def test_all_of_keeps_the_tightest_bound_of_its_members(members: list[dict[str, Any]]) -> None:
    assert changes(request_field(BOUNDED), request_field({"allOf": members})) == []


def test_a_member_of_all_of_that_tightens_a_bound_is_a_change() -> None:
    merged = {"allOf": [{"type": "integer", "minimum": 0, "maximum": 100}, {"maximum": 40}]}
    assert changes(request_field(BOUNDED), request_field(merged)) == [
        ("request.format", "constraint-tightened", "request-constraint-tightened", "maximum 50 → maximum 40")
    ]


def test_all_of_an_inclusive_and_an_exclusive_bound_at_one_limit_is_exclusive() -> None:
    merged = {"allOf": [{"type": "integer", "minimum": 0}, {"exclusiveMinimum": 0}]}
    assert changes(request_field({"type": "integer", "exclusiveMinimum": 0}), request_field(merged)) == []


ONLY_B_C: dict[str, Any] = {"type": "string", "enum": ["b", "c"]}


def test_all_of_enums_admit_only_the_values_of_every_member() -> None:
    merged = {"allOf": [{"type": "string", "enum": ["a", "b", "c"]}, {"enum": ["b", "c", "d"]}]}
    assert changes(request_field(ONLY_B_C), request_field(merged)) == []


def test_all_of_enums_keep_the_order_of_the_first_member() -> None:
    merged = {"allOf": [{"enum": ["d", "c", "b"]}, {"type": "string", "enum": ["b", "c", "a"]}]}
    assert changes(request_field(ONLY_B_C), request_field(merged)) == [
        ("request.format", "enum-reordered", "ordering-changed", 'enum order "b", "c" → "c", "b"')
    ]


def test_all_of_an_enum_and_a_const_is_the_const() -> None:
    merged = {"allOf": [{"type": "string", "enum": ["a", "b", "c"]}, {"const": "b"}]}
    assert changes(request_field({"type": "string", "enum": ["b", "c"]}), request_field(merged)) == [
        ("request.format", "enum-values-removed", "request-enum-value-removed", 'enum values removed: "c"')
    ]


@pytest.mark.parametrize("order", [1, -1], ids=["plain-first", "formatted-first"])
def test_all_of_a_type_and_its_formatted_type_is_the_formatted_type(order: int) -> None:
    members = [STRING, {"type": "string", "format": "date-time"}][::order]
    assert changes(request_field({"type": "string", "format": "date-time"}), request_field({"allOf": members})) == []


def test_all_of_two_arrays_merges_their_items() -> None:
    merged = {"allOf": [{"type": "array", "items": {"type": "integer", "maximum": 9}}, {"items": {"minimum": 1}}]}
    flat = {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 9}}
    assert changes(request_field(flat), request_field(merged)) == []


def test_any_of_without_null_is_a_union_of_types() -> None:
    assert changes(request_field({"anyOf": [STRING, INTEGER]}), request_field({"type": ["integer", "string"]})) == []
    assert changes(request_field({"anyOf": [STRING, INTEGER]}), request_field(STRING)) == [
        ("request.format", "type-changed", "unsent-request-field-retyped", "type integer | string → string")
    ]


# --------------------------------------------------------------------------- parameters given by content


def content_parameter(schema: dict[str, Any], *media_types: str) -> dict[str, Any]:
    """A query parameter whose value is serialised as a media type (OpenAPI ``content`` instead of ``schema``)."""
    return {
        "in": "query",
        "name": "filter",
        "content": {m: {"schema": schema} for m in media_types or ["application/json"]},
    }


FILTER = obj(tag=STRING)
FILTER_RETYPED = obj(tag=INTEGER)
RETYPED_TAG = ("parameter.query.filter.tag", "type-changed", "sent-request-field-narrowed", "type string → integer")


def test_a_parameter_given_by_content_is_the_same_as_one_given_by_schema() -> None:
    assert (
        changes(document(parameters=[query("filter", FILTER)]), document(parameters=[content_parameter(FILTER)])) == []
    )


@pytest.mark.parametrize("media_type", ["application/json", "application/vnd.cml+json", "text/plain"])
def test_a_change_inside_a_content_parameter_is_found(media_type: str) -> None:
    old = document(parameters=[content_parameter(FILTER, media_type)])
    new = document(parameters=[content_parameter(FILTER_RETYPED, media_type)])

    assert changes(old, new) == [RETYPED_TAG]


def test_a_content_parameter_is_read_from_its_json_media_type_first() -> None:
    def both(text_schema: dict[str, Any], json_schema: dict[str, Any]) -> dict[str, Any]:
        parameter = content_parameter(text_schema, "text/plain")
        parameter["content"]["application/json"] = {"schema": json_schema}  # listed second, still the one read
        return document(parameters=[parameter])

    assert changes(both(FILTER, FILTER), both(FILTER_RETYPED, FILTER)) == []
    assert changes(both(FILTER, FILTER), both(FILTER, FILTER_RETYPED)) == [RETYPED_TAG]


def test_a_content_parameter_prefers_application_json_to_other_json_types() -> None:
    def both(problem_schema: dict[str, Any], json_schema: dict[str, Any]) -> dict[str, Any]:
        parameter = content_parameter(problem_schema, "application/problem+json")
        parameter["content"]["application/json"] = {"schema": json_schema}
        return document(parameters=[parameter])

    assert changes(both(FILTER, FILTER), both(FILTER_RETYPED, FILTER)) == []
    assert changes(both(FILTER, FILTER), both(FILTER, FILTER_RETYPED)) == [RETYPED_TAG]


def test_a_content_parameter_made_required_is_breaking() -> None:
    old = document(parameters=[content_parameter(FILTER)])
    new = document(parameters=[{**content_parameter(FILTER), "required": True}])

    assert changes(old, new) == [("parameter.query.filter", "made-required", "parameter-made-required", "now required")]


def test_parameters_without_a_place_or_a_name_are_ignored() -> None:
    junk = [{"in": "query"}, {"name": "orphan"}, "not a parameter", {"in": 3, "name": "x"}]
    assert changes(document(), document(parameters=junk)) == []
