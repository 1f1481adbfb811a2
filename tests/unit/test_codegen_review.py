"""codegen.review: the decisions an upgrade leaves to a maintainer, each kind found and nothing else."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from cml_ergonomic._operations import OPERATIONS, raw_only_reason
from codegen.review import METHODS_FILE, OPERATIONS_FILE, RESULTS_FILE, review_items
from codegen.schema import current_snapshot, load_document

READ = OPERATIONS["read_memory"]
WRAPPED = {(op.method, op.path) for op in OPERATIONS.values()}


def _reviewed(document: dict[str, Any]) -> dict[str, Any]:
    """The snapshot without operations nobody decided about yet (there are some only in the middle of an upgrade)."""
    reviewed = copy.deepcopy(document)
    for path, item in reviewed["paths"].items():
        for method in [m for m in item if m.upper() in {"GET", "POST", "PUT", "PATCH", "DELETE"}]:
            if (method.upper(), path) not in WRAPPED and raw_only_reason(method, path) is None:
                del item[method]
    return reviewed


SNAPSHOT = _reviewed(load_document(current_snapshot()))


@pytest.fixture
def new() -> dict[str, Any]:
    return copy.deepcopy(SNAPSHOT)


def test_the_same_schema_needs_no_decision() -> None:
    assert review_items(SNAPSHOT, SNAPSHOT) == []


def test_a_new_unlisted_operation_is_an_item(new: dict[str, Any]) -> None:
    new["paths"]["/api/v1/memory/brand_new"] = {"post": {"operationId": "brand_new", "responses": {}}}
    (item,) = review_items(SNAPSHOT, new)
    assert (item.operation, item.kind, item.files) == (
        "POST /api/v1/memory/brand_new",
        "unwrapped-operation",
        (OPERATIONS_FILE,),
    )
    assert "RAW_ONLY" in str(item) and OPERATIONS_FILE in str(item)


def test_a_new_operation_under_a_raw_only_prefix_is_not_an_item(new: dict[str, Any]) -> None:
    new["paths"]["/dashboard/another-page"] = {"get": {"operationId": "page", "responses": {}}}
    assert review_items(SNAPSHOT, new) == []


def test_a_removed_wrapped_operation_names_its_methods(new: dict[str, Any]) -> None:
    del new["paths"][READ.path]["post"]
    items = review_items(SNAPSHOT, new)
    removed = [item for item in items if item.kind == "wrapped-operation-removed"]
    assert [item.operation for item in removed] == [READ.label]
    assert all(method in removed[0].detail for method in READ.methods)
    assert removed[0].files == (OPERATIONS_FILE, METHODS_FILE)


def test_a_removed_field_the_wrapper_reads_is_an_item_naming_the_results_file(new: dict[str, Any]) -> None:
    schema = new["components"]["schemas"]["ReadMemoryResponse"]
    del schema["properties"]["total_count"]
    schema["required"] = [name for name in schema.get("required", []) if name != "total_count"]
    items = [item for item in review_items(SNAPSHOT, new) if item.operation == READ.label]
    assert [item.kind for item in items] == ["wrapper-breaking-change"]
    assert "response.total_count" in items[0].detail and RESULTS_FILE in items[0].files
    assert all(method in items[0].detail for method in READ.methods)


def test_a_removed_field_no_wrapper_reads_is_not_an_item(new: dict[str, Any]) -> None:
    schema = new["components"]["schemas"]["ReadMemoryResponse"]
    schema["properties"].pop("warnings")
    assert review_items(SNAPSHOT, new) == []
