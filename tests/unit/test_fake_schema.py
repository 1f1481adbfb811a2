"""The fake's request ``Validator`` (testing/_schema.py), on wrong values first.

Every expected error below is written out from what real server 2.0.0
answered to the same body (FastAPI + pydantic v2, 2026-12-02), so the
validator is graded against the server, not against itself. Other tests
use the validator to check the fake's answers; these prove it rejects.
"""

from __future__ import annotations

from typing import Any

import pytest

from cml_ergonomic._compat import load_snapshot
from cml_ergonomic.testing._schema import Validator


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator(load_snapshot())


def _body(validator: Validator, path: str) -> dict[str, Any]:
    schema = validator.body_schema("POST", f"/api/v1{path}")
    assert schema is not None, path
    return schema


def _errors(validator: Validator, path: str, body: Any) -> list[tuple[str, list[Any], str, Any]]:
    found = validator.check(body, _body(validator, path), ["body"])
    return [(error["type"], error["loc"], error["msg"], error["input"]) for error in found]


UUID_1 = "00000000-0000-0000-0000-000000000001"

# (path, body, the errors real 2.0.0 answered: type, loc, msg, input)
REJECTED = [
    pytest.param(
        "/memory/write",
        {"content": 5},
        [("string_type", ["body", "content"], "Input should be a valid string", 5)],
        id="string-type",
    ),
    pytest.param(
        "/memory/read",
        {"query": "q", "max_results": "abc"},
        [
            (
                "int_parsing",
                ["body", "max_results"],
                "Input should be a valid integer, unable to parse string as an integer",
                "abc",
            )
        ],
        id="int-parsing",
    ),
    pytest.param(
        "/memory/read",
        {"query": "q", "max_results": 1.5},
        [
            (
                "int_from_float",
                ["body", "max_results"],
                "Input should be a valid integer, got a number with a fractional part",
                1.5,
            )
        ],
        id="int-from-float",
    ),
    pytest.param(
        "/memory/read",
        {"query": "q", "max_results": [1]},
        [("int_type", ["body", "max_results"], "Input should be a valid integer", [1])],
        id="int-type",
    ),
    pytest.param(
        "/memory/read",
        {"query": "q", "max_results": 51},
        [("less_than_equal", ["body", "max_results"], "Input should be less than or equal to 50", 51)],
        id="int-above-maximum",
    ),
    pytest.param(
        "/memory/read",
        {"query": "q", "max_results": "0"},
        [("greater_than_equal", ["body", "max_results"], "Input should be greater than or equal to 1", "0")],
        id="int-string-below-minimum",
    ),
    pytest.param(
        "/memory/read",
        {"query": "q", "format": "xml"},
        [("literal_error", ["body", "format"], "Input should be 'packet', 'list' or 'llm_context'", "xml")],
        id="literal",
    ),
    pytest.param(
        "/memory/forget",
        {"action": "nuke"},
        [("literal_error", ["body", "action"], "Input should be 'delete', 'archive' or 'silence'", "nuke")],
        id="literal-action",
    ),
    pytest.param(
        "/memory/read",
        [1, 2],
        [
            (
                "model_attributes_type",
                ["body"],
                "Input should be a valid dictionary or object to extract fields from",
                [1, 2],
            )
        ],
        id="model-type",
    ),
    pytest.param(
        "/memory/write",
        {"content": "x", "metadata": [1]},
        [("dict_type", ["body", "metadata"], "Input should be a valid dictionary", [1])],
        id="dict-type",
    ),
    pytest.param(
        "/memory/write_batch",
        {"turns": "x"},
        [("list_type", ["body", "turns"], "Input should be a valid list", "x")],
        id="list-type",
    ),
    pytest.param(
        "/memory/write_batch",
        {"turns": [{"content": 3}]},
        [("string_type", ["body", "turns", 0, "content"], "Input should be a valid string", 3)],
        id="list-item",
    ),
    pytest.param(
        "/memory/write",
        {"content": "x", "context_tags": "a"},
        [("list_type", ["body", "context_tags"], "Input should be a valid list", "a")],
        id="optional-list-type",
    ),
    pytest.param(
        "/memory/update",
        {"memory_id": UUID_1, "confidence": "high"},
        [
            (
                "float_parsing",
                ["body", "confidence"],
                "Input should be a valid number, unable to parse string as a number",
                "high",
            )
        ],
        id="float-parsing",
    ),
    pytest.param(
        "/memory/update",
        {"memory_id": UUID_1, "confidence": [1]},
        [("float_type", ["body", "confidence"], "Input should be a valid number", [1])],
        id="float-type",
    ),
    pytest.param(
        "/session/create",
        {"ttl_hours": "long"},
        [
            (
                "int_parsing",
                ["body", "ttl_hours"],
                "Input should be a valid integer, unable to parse string as an integer",
                "long",
            )
        ],
        id="optional-int-parsing",
    ),
]


@pytest.mark.parametrize(("path", "body", "expected"), REJECTED)
def test_a_wrong_value_is_rejected_as_the_server_rejects_it(
    validator: Validator, path: str, body: Any, expected: list[tuple[str, list[Any], str, Any]]
) -> None:
    assert _errors(validator, path, body) == expected


def test_a_named_enum_is_an_enum_error(validator: Validator) -> None:
    # MemoryType is a Python Enum on the server ("enum"); format and action are Literals ("literal_error").
    errors = validator.check({"content": "x", "memory_type": "nonsense"}, _body(validator, "/memory/write"), ["body"])
    assert [(e["type"], e["loc"]) for e in errors] == [("enum", ["body", "memory_type"])]
    assert errors[0]["msg"].startswith("Input should be 'episodic_event', 'semantic_fact', 'procedure'")
    assert errors[0]["msg"].endswith("'knowledge', 'observation' or 'plan'")


def test_missing_required_fields_are_each_named(validator: Validator) -> None:
    errors = validator.check({}, _body(validator, "/memory/update"), ["body"])
    assert [(e["type"], e["loc"], e["msg"]) for e in errors] == [("missing", ["body", "memory_id"], "Field required")]


def test_uuid_and_datetime_strings_are_parsed(validator: Validator) -> None:
    bad_uuid = validator.check({"memory_id": "nope"}, _body(validator, "/memory/update"), ["body"])
    assert [(e["type"], e["loc"], e["input"]) for e in bad_uuid] == [("uuid_parsing", ["body", "memory_id"], "nope")]
    bad_time = validator.check({"content": "x", "timestamp": "yesterday"}, _body(validator, "/memory/write"), ["body"])
    assert [(e["type"], e["loc"], e["input"]) for e in bad_time] == [
        ("datetime_from_date_parsing", ["body", "timestamp"], "yesterday")
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("maybe", "bool_parsing", id="word"),
        pytest.param(2, "bool_parsing", id="int-2"),
        pytest.param("x", "bool_parsing", id="letter"),
        pytest.param([], "bool_type", id="list"),
    ],
)
def test_a_wrong_boolean_is_rejected(validator: Validator, value: Any, expected: str) -> None:
    body = {"tenant_id": "t", "content": "x", "compare_extractors": value}
    schema = validator.body_schema("POST", "/api/v1/dashboard/write/simulate")
    assert schema is not None
    errors = validator.check(body, schema, ["body"])
    assert [(e["type"], e["loc"], e["input"]) for e in errors] == [(expected, ["body", "compare_extractors"], value)]


# Values pydantic's lax mode accepts, as real 2.0.0 did (200, or a 404 for the unknown memory after validation).
ACCEPTED = [
    pytest.param("/memory/read", {"query": "q", "max_results": " 7 "}, id="int-from-padded-string"),
    pytest.param("/memory/read", {"query": "q", "max_results": 3.0}, id="int-from-whole-float"),
    pytest.param("/memory/read", {"query": "q", "max_results": True}, id="int-from-bool"),
    pytest.param("/memory/update", {"memory_id": UUID_1, "confidence": "0.5"}, id="float-from-string"),
    pytest.param("/memory/update", {"memory_id": UUID_1, "confidence": True}, id="float-from-bool"),
    pytest.param("/memory/write", {"content": "x", "memory_type": None}, id="nullable"),
]


@pytest.mark.parametrize(("path", "body"), ACCEPTED)
def test_what_the_server_accepts_is_accepted(validator: Validator, path: str, body: Any) -> None:
    assert _errors(validator, path, body) == []


@pytest.mark.parametrize("word", ["true", "YES", "0", "off", "t"])
def test_a_boolean_query_parameter_reads_pydantics_words(validator: Validator, word: str) -> None:
    parameter = validator.query_schemas("GET", "/api/v1/dashboard/facts")["current_only"]
    assert validator.check(word, parameter["schema"], ["query", "current_only"]) == []
    assert [e["type"] for e in validator.check("maybe", parameter["schema"], ["query", "current_only"])] == [
        "bool_parsing"
    ]
