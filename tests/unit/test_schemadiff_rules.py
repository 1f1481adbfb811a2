"""Every classification rule of the schema diff, each on a pair of small documents.

The operation is ``POST /api/v1/memory/write`` unless a case says otherwise:
the wrapper sends ``content``, ``namespace``, ``metadata`` ... and reads
``success``, ``memory_id``, ``eval_outcome`` ...; ``note``, ``options`` (request)
and ``debug`` (response) are fields it neither sends nor reads.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import pytest

from cml_ergonomic._operations import OPERATIONS
from cml_ergonomic._schemadiff import (
    RAW_ONLY_REASON,
    RULES,
    Audience,
    SchemaDiffError,
    Severity,
    compare,
    compatibility_issues,
)

WRITE_PATH = "/api/v1/memory/write"
WRITE_LABEL = f"POST {WRITE_PATH}"
WRITE_METHODS = OPERATIONS["write_memory"].methods

STRING: dict[str, Any] = {"type": "string"}
NULLABLE_STRING: dict[str, Any] = {"anyOf": [{"type": "string"}, {"type": "null"}]}
BOOLEAN: dict[str, Any] = {"type": "boolean"}


def obj(*required: str, **properties: Any) -> dict[str, Any]:
    """An object schema; the positional names are required."""
    return {"type": "object", "properties": properties, "required": list(required)}


def document(
    request: dict[str, Any] | None = None,
    response: dict[str, Any] | None = None,
    parameters: list[dict[str, Any]] | None = None,
    *,
    operation_id: str = "write_memory",
    path: str = WRITE_PATH,
    method: str = "post",
    components: dict[str, Any] | None = None,
    **operation: Any,
) -> dict[str, Any]:
    """A one-operation OpenAPI 3.1 document."""
    op: dict[str, Any] = {"operationId": operation_id, "responses": {}, **operation}
    if parameters is not None:
        op["parameters"] = parameters
    if request is not None:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": request}}}
    if response is not None:
        op["responses"]["200"] = {"description": "OK", "content": {"application/json": {"schema": response}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {path: {method: op}},
        "components": {"schemas": components or {}},
    }


def query(name: str, schema: dict[str, Any], *, required: bool = False) -> dict[str, Any]:
    return {"in": "query", "name": name, "required": required, "schema": schema}


EMPTY: dict[str, Any] = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}


B, C, INFO = Severity.BREAKING, Severity.COMPATIBLE, Severity.INFORMATIONAL


@dataclass(frozen=True)
class Case:
    """One rule on a before/after pair, with the severities the report must give (written out, not read from RULES)."""

    rule: str
    old: dict[str, Any]
    new: dict[str, Any]
    location: str
    kind: str
    wrapper: Severity
    raw: Severity


def request_case(
    rule: str, old: dict[str, Any], new: dict[str, Any], location: str, kind: str, wrapper: Severity, raw: Severity
) -> Case:
    return Case(rule, document(request=old), document(request=new), location, kind, wrapper, raw)


def response_case(
    rule: str, old: dict[str, Any], new: dict[str, Any], location: str, kind: str, wrapper: Severity, raw: Severity
) -> Case:
    return Case(rule, document(response=old), document(response=new), location, kind, wrapper, raw)


def parameter_case(
    rule: str,
    old: list[dict[str, Any]],
    new: list[dict[str, Any]],
    location: str,
    kind: str,
    wrapper: Severity,
    raw: Severity,
) -> Case:
    return Case(rule, document(parameters=old), document(parameters=new), location, kind, wrapper, raw)


SESSION_READ_PATH = "/api/v1/session/{session_id}/read"
DASHBOARD_PATH = "/api/v1/experimental/retrieval"  # no wrapper method calls it
DRY_RUN = query("dry_run", BOOLEAN)
DRY_RUN_REQUIRED = query("dry_run", BOOLEAN, required=True)
FORMAT = {"type": "string", "enum": ["packet", "list"]}

CASES = [
    # operations
    Case("operation-removed", document(), EMPTY, "operation", "operation-removed", B, B),
    Case("operation-added", EMPTY, document(), "operation", "operation-added", C, C),
    Case(
        "operation-renamed",
        document(),
        document(operation_id="store_memory"),
        "operation",
        "operation-renamed",
        INFO,
        B,
    ),
    # FastAPI's suffix dropped by the server itself: codegen shortened the old id to the same module name
    Case(
        "operation-id-respelled",
        document(operation_id="write_memory_api_v1_memory_write_post"),
        document(operation_id="write_memory"),
        "operation",
        "operation-renamed",
        INFO,
        INFO,
    ),
    # parameters
    parameter_case(
        "required-parameter-added", [], [DRY_RUN_REQUIRED], "parameter.query.dry_run", "parameter-added", B, B
    ),
    parameter_case("optional-parameter-added", [], [DRY_RUN], "parameter.query.dry_run", "parameter-added", C, C),
    parameter_case("parameter-removed", [DRY_RUN], [], "parameter.query.dry_run", "parameter-removed", B, B),
    parameter_case(
        "parameter-made-required", [DRY_RUN], [DRY_RUN_REQUIRED], "parameter.query.dry_run", "made-required", B, B
    ),
    parameter_case(
        "parameter-made-optional", [DRY_RUN_REQUIRED], [DRY_RUN], "parameter.query.dry_run", "made-optional", C, C
    ),
    # request fields
    request_case(
        "required-request-field-added",
        obj("content", content=STRING),
        obj("content", "note", content=STRING, note=STRING),
        "request.note",
        "request-field-added",
        B,
        B,
    ),
    request_case(
        "optional-request-field-added",
        obj("content", content=STRING),
        obj("content", content=STRING, note=STRING),
        "request.note",
        "request-field-added",
        C,
        C,
    ),
    request_case(
        "request-field-made-required",
        obj(content=STRING),
        obj("content", content=STRING),
        "request.content",
        "made-required",
        B,
        B,
    ),
    request_case(
        "required-field-in-unsent-parent",
        obj(options=obj(a=STRING)),
        obj(options=obj("level", a=STRING, level=STRING)),
        "request.options.level",
        "request-field-added",
        C,
        B,
    ),
    request_case(
        "request-field-made-optional",
        obj("content", content=STRING),
        obj(content=STRING),
        "request.content",
        "made-optional",
        C,
        C,
    ),
    request_case(
        "sent-request-field-removed",
        obj(content=STRING, namespace=STRING),
        obj(content=STRING),
        "request.namespace",
        "request-field-removed",
        B,
        B,
    ),
    request_case(
        "unsent-request-field-removed",
        obj(content=STRING, note=STRING),
        obj(content=STRING),
        "request.note",
        "request-field-removed",
        C,
        B,
    ),
    request_case(
        "sent-request-field-narrowed",
        obj(namespace=NULLABLE_STRING),
        obj(namespace=STRING),
        "request.namespace",
        "type-changed",
        B,
        B,
    ),
    request_case(
        "unsent-request-field-retyped",
        obj(note=STRING),
        obj(note={"type": "integer"}),
        "request.note",
        "type-changed",
        C,
        B,
    ),
    request_case(
        "request-field-widened",
        obj(namespace=STRING),
        obj(namespace=NULLABLE_STRING),
        "request.namespace",
        "type-changed",
        C,
        C,
    ),
    request_case(
        "request-enum-value-removed",
        obj(format=FORMAT),
        obj(format={**FORMAT, "enum": ["packet"]}),
        "request.format",
        "enum-values-removed",
        B,
        B,
    ),
    request_case(
        "request-enum-value-added",
        obj(format=FORMAT),
        obj(format={**FORMAT, "enum": ["packet", "list", "llm_context"]}),
        "request.format",
        "enum-values-added",
        C,
        C,
    ),
    request_case(
        "request-default-changed",
        obj(format={**FORMAT, "default": "packet"}),
        obj(format={**FORMAT, "default": "list"}),
        "request.format",
        "default-changed",
        C,
        C,
    ),
    request_case(
        "request-constraint-tightened",
        obj(content={"type": "string", "maxLength": 100}),
        obj(content={"type": "string", "maxLength": 50}),
        "request.content",
        "constraint-tightened",
        B,
        B,
    ),
    request_case(
        "request-constraint-loosened",
        obj(content={"type": "string", "minLength": 1}),
        obj(content=STRING),
        "request.content",
        "constraint-loosened",
        C,
        C,
    ),
    # response fields
    response_case(
        "response-field-added",
        obj(success=BOOLEAN),
        obj(success=BOOLEAN, debug=STRING),
        "response.debug",
        "response-field-added",
        C,
        C,
    ),
    response_case(
        "read-response-field-removed",
        obj(success=BOOLEAN, debug=STRING),
        obj(debug=STRING),
        "response.success",
        "response-field-removed",
        B,
        B,
    ),
    response_case(
        "unread-response-field-removed",
        obj(success=BOOLEAN, debug=STRING),
        obj(success=BOOLEAN),
        "response.debug",
        "response-field-removed",
        C,
        B,
    ),
    response_case(
        "read-response-field-retyped",
        obj(success=BOOLEAN),
        obj(success=STRING),
        "response.success",
        "type-changed",
        B,
        B,
    ),
    response_case(
        "unread-response-field-retyped", obj(debug=STRING), obj(debug=BOOLEAN), "response.debug", "type-changed", C, B
    ),
    response_case(
        "read-response-field-made-nullable",
        obj(memory_id=STRING),
        obj(memory_id=NULLABLE_STRING),
        "response.memory_id",
        "made-nullable",
        B,
        B,
    ),
    response_case(
        "unread-response-field-made-nullable",
        obj(debug=STRING),
        obj(debug=NULLABLE_STRING),
        "response.debug",
        "made-nullable",
        C,
        B,
    ),
    response_case(
        "response-field-made-non-nullable",
        obj(memory_id=NULLABLE_STRING),
        obj(memory_id=STRING),
        "response.memory_id",
        "made-non-nullable",
        C,
        C,
    ),
    response_case(
        "read-response-field-made-optional",
        obj("success", success=BOOLEAN),
        obj(success=BOOLEAN),
        "response.success",
        "made-optional",
        B,
        B,
    ),
    # On a wrapper operation every required field is read by the generated parser, so the
    # "unread" rule can only apply to a raw-only operation (here the deprecated session read).
    Case(
        "unread-response-field-made-optional",
        document(response=obj("debug", debug=STRING), operation_id="session_read", path=SESSION_READ_PATH),
        document(response=obj(debug=STRING), operation_id="session_read", path=SESSION_READ_PATH),
        "response.debug",
        "made-optional",
        C,
        B,
    ),
    response_case(
        "response-field-made-required",
        obj(success=BOOLEAN),
        obj("success", success=BOOLEAN),
        "response.success",
        "made-required",
        C,
        C,
    ),
    response_case(
        "read-response-values-widened",
        obj(eval_outcome={"type": "string", "enum": ["stored"]}),
        obj(eval_outcome={"type": "string", "enum": ["stored", "merged"]}),
        "response.eval_outcome",
        "enum-values-added",
        B,
        B,
    ),
    response_case(
        "unread-response-values-widened",
        obj(debug={"type": "string", "enum": ["a"]}),
        obj(debug=STRING),
        "response.debug",
        "enum-unrestricted",
        C,
        B,
    ),
    response_case(
        "response-values-narrowed",
        obj(eval_outcome={"type": "string", "enum": ["stored", "skipped"]}),
        obj(eval_outcome={"type": "string", "enum": ["stored"]}),
        "response.eval_outcome",
        "enum-values-removed",
        C,
        C,
    ),
    # documentation only
    request_case(
        "documentation-changed",
        obj(content={"type": "string", "description": "The text."}),
        obj(content={"type": "string", "description": "The text to remember."}),
        "request.content",
        "description-changed",
        INFO,
        INFO,
    ),
    request_case(
        "ordering-changed",
        obj(format=FORMAT),
        obj(format={**FORMAT, "enum": ["list", "packet"]}),
        "request.format",
        "enum-reordered",
        INFO,
        INFO,
    ),
]


def test_every_rule_has_a_case() -> None:
    assert sorted(case.rule for case in CASES) == sorted(RULES)


@pytest.mark.parametrize("case", CASES, ids=[case.rule for case in CASES])
def test_rule(case: Case) -> None:
    changes = compare(case.old, case.new).changes
    raw_only = SESSION_READ_PATH in case.old.get("paths", {})
    label, methods = (f"POST {SESSION_READ_PATH}", ()) if raw_only else (WRITE_LABEL, WRITE_METHODS)

    assert [(c.operation, c.location, c.kind, c.rule) for c in changes] == [
        (label, case.location, case.kind, case.rule)
    ]
    change = changes[0]
    assert (change.severity, change.raw_severity) == (case.wrapper, case.raw)
    assert change.reason == RULES[case.rule].sentence
    assert change.raw_reason == RULES[case.rule].raw_reason
    assert change.methods == methods


def _moved_to(doc: dict[str, Any], path: str) -> dict[str, Any]:
    """The same document with its one operation at another path (the operationId follows, as FastAPI's would)."""
    moved = copy.deepcopy(doc)
    items = list(moved["paths"].values())
    moved["paths"] = {path: items[0]} if items else {}
    old_suffix, new_suffix = "_api_v1_memory_write_post", "_" + path.strip("/").replace("/", "_") + "_post"
    for operation in moved["paths"].get(path, {}).values():
        operation["operationId"] = operation["operationId"].replace(old_suffix, new_suffix)
    return moved


# The rules that may fire on any operation, whether the wrapper calls it or not.
OPERATION_AGNOSTIC = [case for case in CASES if not case.rule.startswith(("read-", "unread-", "sent-", "unsent-"))]


@pytest.mark.parametrize("case", OPERATION_AGNOSTIC, ids=[case.rule for case in OPERATION_AGNOSTIC])
def test_on_an_operation_no_wrapper_method_calls_nothing_breaks_the_wrapper(case: Case) -> None:
    old, new = _moved_to(case.old, DASHBOARD_PATH), _moved_to(case.new, DASHBOARD_PATH)

    changes = compare(old, new).changes

    assert [(c.operation, c.location, c.rule, c.methods) for c in changes] == [
        (f"POST {DASHBOARD_PATH}", case.location, case.rule, ())
    ]
    expected_wrapper = C if case.wrapper is B else case.wrapper
    assert (changes[0].severity, changes[0].raw_severity) == (expected_wrapper, case.raw)
    if case.wrapper is B:
        assert changes[0].reason == RAW_ONLY_REASON


# --------------------------------------------------------------------------- resolution


ITEM = obj("text", text=STRING, score={"type": "number", "minimum": 0})


def test_a_ref_and_an_inline_schema_of_the_same_shape_are_the_same() -> None:
    inline = document(request=obj(item=copy.deepcopy(ITEM)), response=obj(items={"type": "array", "items": ITEM}))
    referenced = document(
        request=obj(item={"$ref": "#/components/schemas/Item"}),
        response=obj(items={"type": "array", "items": {"$ref": "#/components/schemas/Item"}}),
        components={"Item": copy.deepcopy(ITEM)},
    )

    assert compare(inline, referenced).changes == []
    assert compare(referenced, inline).changes == []


def test_a_whole_body_behind_a_ref_is_the_same_as_inline() -> None:
    body = obj("content", content=STRING)
    assert (
        compare(
            document(request=body), document(request={"$ref": "#/components/schemas/B"}, components={"B": body})
        ).changes
        == []
    )


def test_a_nullable_ref_is_the_same_as_a_nullable_inline_schema() -> None:
    inline = document(response=obj(memory_id={"anyOf": [ITEM, {"type": "null"}]}))
    referenced = document(
        response=obj(memory_id={"anyOf": [{"$ref": "#/components/schemas/Item"}, {"type": "null"}]}),
        components={"Item": ITEM},
    )
    assert compare(inline, referenced).changes == []


@pytest.mark.parametrize(
    "spelling",
    [
        {"type": ["string", "null"]},
        {"type": "string", "nullable": True},
        {"oneOf": [{"type": "null"}, {"type": "string"}]},
    ],
)
def test_every_spelling_of_nullable_is_the_same(spelling: dict[str, Any]) -> None:
    assert (
        compare(document(response=obj(memory_id=NULLABLE_STRING)), document(response=obj(memory_id=spelling))).changes
        == []
    )


def test_all_of_members_are_merged() -> None:
    flat = obj("content", "tag", content=STRING, tag={"type": "string", "maxLength": 10})
    combined = {
        "allOf": [
            {"$ref": "#/components/schemas/Base"},
            obj("tag", tag={"type": "string", "maxLength": 10}),
        ]
    }
    merged_doc = document(request=combined, components={"Base": obj("content", content=STRING)})

    assert compare(document(request=flat), merged_doc).changes == []


def test_a_change_inside_an_all_of_member_is_found() -> None:
    def with_base(base: dict[str, Any]) -> dict[str, Any]:
        return document(
            request={"allOf": [{"$ref": "#/components/schemas/Base"}, obj(note=STRING)]}, components={"Base": base}
        )

    changes = compare(with_base(obj(content=STRING)), with_base(obj("content", content=STRING))).changes

    assert [(c.location, c.rule) for c in changes] == [("request.content", "request-field-made-required")]


def test_ref_siblings_refine_the_target() -> None:
    old = document(request=obj(format={"$ref": "#/components/schemas/Format"}), components={"Format": FORMAT})
    new = document(
        request=obj(format={"$ref": "#/components/schemas/Format", "default": "list"}), components={"Format": FORMAT}
    )

    assert [c.rule for c in compare(old, new).changes] == ["request-default-changed"]


def test_fields_of_nested_arrays_use_the_reads_notation() -> None:
    def grid(cell: dict[str, Any]) -> dict[str, Any]:
        return document(
            response=obj(
                debug={
                    "type": "array",
                    "items": obj(
                        text=STRING, grid={"type": "array", "items": {"type": "array", "items": obj(value=cell)}}
                    ),
                }
            )
        )

    changes = compare(grid(STRING), grid({"type": "integer"})).changes

    assert [(c.location, c.rule) for c in changes] == [
        ("response.debug[].grid[][].value", "unread-response-field-retyped")
    ]


def test_a_retyped_field_of_read_array_items_is_breaking() -> None:
    old = document(
        path="/api/v1/memory/read",
        operation_id="read_memory",
        response=obj(memories={"type": "array", "items": {"$ref": "#/components/schemas/Item"}}),
        components={"Item": obj(text=STRING, extra=STRING)},
    )
    new = copy.deepcopy(old)
    new["components"]["schemas"]["Item"]["properties"]["text"] = {"type": "integer"}
    new["components"]["schemas"]["Item"]["properties"]["extra"] = {"type": "integer"}

    changes = compare(old, new).changes

    assert [(c.location, c.severity, c.rule) for c in changes] == [
        ("response.memories[].extra", Severity.COMPATIBLE, "unread-response-field-retyped"),
        ("response.memories[].text", Severity.BREAKING, "read-response-field-retyped"),
    ]
    assert changes[1].methods == OPERATIONS["read_memory"].methods


def test_a_part_of_a_value_the_wrapper_reads_whole_is_read() -> None:
    def read(meta: dict[str, Any]) -> dict[str, Any]:
        return document(path="/api/v1/memory/read", operation_id="read_memory", response=obj(retrieval_meta=meta))

    changes = compare(read(obj(plan=STRING, timings=STRING)), read(obj(plan=STRING))).changes

    assert [(c.location, c.rule) for c in changes] == [
        ("response.retrieval_meta.timings", "read-response-field-removed")
    ]


def test_map_values_are_compared() -> None:
    def stats(values: dict[str, Any]) -> dict[str, Any]:
        return document(
            path="/api/v1/memory/stats",
            method="get",
            operation_id="stats",
            response=obj(by_type={"type": "object", "additionalProperties": values}),
        )

    changes = compare(stats({"type": "integer"}), stats(STRING)).changes

    assert [(c.location, c.rule) for c in changes] == [("response.by_type{}", "read-response-field-retyped")]


def test_an_added_object_is_reported_once_not_field_by_field() -> None:
    changes = compare(
        document(request=obj(content=STRING)),
        document(request=obj(content=STRING, options=obj("a", a=STRING, b=STRING))),
    ).changes

    assert [(c.location, c.rule) for c in changes] == [("request.options", "optional-request-field-added")]


def test_a_new_required_field_of_an_optional_object_the_wrapper_sends_is_breaking() -> None:
    changes = compare(
        document(request=obj(metadata=obj(a=STRING))),
        document(request=obj(metadata=obj("source", a=STRING, source=STRING))),
    ).changes

    assert [(c.location, c.rule) for c in changes] == [("request.metadata.source", "required-request-field-added")]


def test_a_required_body_that_appears_is_breaking() -> None:
    changes = compare(document(), document(request=obj(content=STRING))).changes

    assert [(c.location, c.kind, c.rule) for c in changes] == [
        ("request", "request-field-added", "required-request-field-added")
    ]


# --------------------------------------------------------------------------- operations


def test_a_new_operation_id_is_a_rename_not_a_removal_and_an_addition() -> None:
    diff = compare(document(operation_id="write_memory_api_v1_memory_write_post"), document(operation_id="write"))

    assert [(c.kind, c.severity, c.detail) for c in diff.changes] == [
        ("operation-renamed", Severity.INFORMATIONAL, "operationId write_memory_api_v1_memory_write_post → write")
    ]


def test_an_operation_the_wrapper_does_not_call_names_no_methods() -> None:
    changes = compare(document(path="/api/v1/session/{session_id}/write", method="post"), EMPTY).changes

    assert [(c.operation, c.rule, c.methods) for c in changes] == [
        ("POST /api/v1/session/{session_id}/write", "operation-removed", ())
    ]


def test_header_names_are_case_insensitive() -> None:
    old = document(parameters=[{"in": "header", "name": "X-Tenant-Id", "schema": STRING}])
    new = document(parameters=[{"in": "header", "name": "x-tenant-id", "schema": STRING}])
    assert compare(old, new).changes == []


def test_parameter_order_is_informational() -> None:
    a, b = query("a", STRING), query("b", STRING)
    changes = compare(document(parameters=[a, b]), document(parameters=[b, a])).changes

    assert [(c.location, c.rule) for c in changes] == [("parameters", "ordering-changed")]


def test_path_item_parameters_apply_to_the_operation() -> None:
    new = document()
    new["paths"][WRITE_PATH]["parameters"] = [query("dry_run", BOOLEAN, required=True)]

    changes = compare(document(), new).changes

    assert [(c.location, c.rule) for c in changes] == [("parameter.query.dry_run", "required-parameter-added")]


@pytest.mark.parametrize(
    ("old", "new", "kind", "detail"),
    [
        ({"minimum": 0}, {"exclusiveMinimum": 0}, "constraint-tightened", "minimum 0 → exclusiveMinimum 0"),
        ({"minimum": 0, "exclusiveMinimum": True}, {"exclusiveMinimum": 0}, None, None),  # 3.0 and 3.1 spellings
        ({"maximum": 50}, {"maximum": 50.0}, None, None),
        ({"maxItems": 10}, {}, "constraint-loosened", "maxItems 10 → none"),
        ({}, {"minItems": 1}, "constraint-tightened", "none → minItems 1"),
    ],
)
def test_bounds(old: dict[str, Any], new: dict[str, Any], kind: str | None, detail: str | None) -> None:
    changes = compare(
        document(request=obj(content={"type": "integer", **old})),
        document(request=obj(content={"type": "integer", **new})),
    ).changes

    assert [(c.kind, c.detail) for c in changes] == ([(kind, detail)] if kind else [])


def test_an_enum_on_a_request_field_that_had_none_is_a_tightened_constraint() -> None:
    changes = compare(document(request=obj(format=STRING)), document(request=obj(format=FORMAT))).changes

    assert [(c.kind, c.rule) for c in changes] == [("enum-restricted", "request-constraint-tightened")]


# --------------------------------------------------------------------------- recursion and bad references


NODE = obj("name", name=STRING, children={"type": "array", "items": {"$ref": "#/components/schemas/Node"}})


def test_a_recursive_schema_terminates_and_equals_itself() -> None:
    doc = document(response={"$ref": "#/components/schemas/Node"}, components={"Node": NODE})
    assert compare(doc, copy.deepcopy(doc)).changes == []


def test_a_change_to_a_recursive_schema_is_reported_where_it_is_first_reached() -> None:
    old = document(response={"$ref": "#/components/schemas/Node"}, components={"Node": NODE})
    new = copy.deepcopy(old)
    new["components"]["schemas"]["Node"]["properties"]["value"] = {"type": "integer"}

    assert [(c.location, c.rule) for c in compare(old, new).changes] == [("response.value", "response-field-added")]


def test_mutually_recursive_schemas_terminate() -> None:
    components = {
        "A": obj(b={"$ref": "#/components/schemas/B"}),
        "B": obj(a={"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}]}),
    }
    doc = document(request={"$ref": "#/components/schemas/A"}, components=components)
    assert compare(doc, copy.deepcopy(doc)).changes == []


@pytest.mark.parametrize(
    ("ref", "message"),
    [("#/components/schemas/Missing", "does not resolve"), ("other.json#/X", "not local")],
)
def test_a_bad_reference_is_an_error_that_names_it(ref: str, message: str) -> None:
    broken = document(request={"$ref": ref})
    with pytest.raises(SchemaDiffError, match=message) as raised:
        compare(document(), broken)
    assert "new document" in str(raised.value)
    assert ref in str(raised.value)


@pytest.mark.parametrize("not_a_document", [{}, {"paths": []}, {"openapi": "3.1.0"}])
def test_something_without_paths_is_an_error_not_a_removal_of_everything(not_a_document: dict[str, Any]) -> None:
    with pytest.raises(SchemaDiffError, match="new document: not an OpenAPI document"):
        compare(document(), not_a_document)


# --------------------------------------------------------------------------- the result


def test_compatibility_issues_keep_only_breaking_changes_of_wrapped_operations() -> None:
    old, new = document(response=obj(success=BOOLEAN, debug=STRING)), document(response=obj())
    unwrapped = document(path="/api/v1/session/{session_id}/write", method="post", response=obj(x=STRING))
    old["paths"].update(unwrapped["paths"])

    issues = compatibility_issues(old, new)

    assert [(c.operation, c.location, c.rule) for c in issues] == [
        (WRITE_LABEL, "response.success", "read-response-field-removed")
    ]


def test_to_json_and_affected_methods() -> None:
    old = document(request=obj(content=STRING), response=obj(success=BOOLEAN), description="old")
    new = document(request=obj(content=STRING, note=STRING), response=obj(), description="new")

    diff = compare(old, new)

    assert diff.affected_methods == tuple(sorted(WRITE_METHODS))
    assert [c.rule for c in diff.breaking] == ["read-response-field-removed"]
    assert [c.rule for c in diff.compatible] == ["optional-request-field-added"]
    assert [c.rule for c in diff.informational] == ["documentation-changed"]
    as_json = diff.to_json()
    assert as_json["summary"] == {
        "wrapper": {
            "breaking": 1,
            "compatible": 1,
            "informational": 1,
            "affected_methods": sorted(WRITE_METHODS),
            "breaking_methods": sorted(WRITE_METHODS),
        },
        # codegen names the generated code (codegen/names.py); the engine alone leaves it empty
        "raw": {"breaking": 1, "compatible": 1, "informational": 1, "breaking_generated": []},
    }
    assert as_json["changes"][0] == {
        "operation": WRITE_LABEL,
        "location": "operation",
        "kind": "description-changed",
        "rule": "documentation-changed",
        "detail": 'description: "old" → "new"',
        "wrapper": {
            "severity": "informational",
            "reason": RULES["documentation-changed"].sentence,
            "methods": list(WRITE_METHODS),
        },
        "raw": {
            "severity": "informational",
            "reason": RULES["documentation-changed"].raw_reason,
            "module": "",
            "models": [],
        },
    }


def test_a_raw_only_operation_counts_for_raw_callers_only() -> None:
    dashboard = document(path=DASHBOARD_PATH, operation_id="dashboard_retrieval", response=obj(total=BOOLEAN))
    old = copy.deepcopy(dashboard)
    old["paths"].update(document(response=obj(success=BOOLEAN))["paths"])
    new = document(response=obj(success=BOOLEAN))

    diff = compare(old, new)

    assert [c.rule for c in diff.changes] == ["operation-removed"]
    assert diff.breaking == []
    assert [c.operation for c in diff.of_severity(Severity.BREAKING, Audience.RAW)] == [f"POST {DASHBOARD_PATH}"]
    assert diff.summary(Audience.WRAPPER)["breaking"] == 0
    assert diff.summary(Audience.RAW)["breaking"] == 1
