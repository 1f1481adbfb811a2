"""The generated module and models each schema change names, checked against ``generated/`` itself."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from cml_ergonomic._operations import OPERATIONS
from cml_ergonomic._schemadiff import Audience, Severity
from cml_ergonomic.server.sources import built_for_version, version_key
from codegen.diff import compare_named
from codegen.generate import GENERATED_DIR, ROOT
from codegen.names import GeneratedClient
from codegen.schema import current_snapshot

API_DIR, MODELS_DIR = GENERATED_DIR / "api", GENERATED_DIR / "models"


def _files(directory: Path, pattern: str) -> set[str]:
    return {str(path.relative_to(ROOT)) for path in directory.glob(pattern) if path.name != "__init__.py"}


@pytest.fixture(scope="module")
def snapshot() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(current_snapshot().read_text(encoding="utf-8"))
    return document


@pytest.fixture(scope="module")
def client(snapshot: dict[str, Any]) -> GeneratedClient:
    return GeneratedClient(snapshot)


def test_the_names_are_the_files_generated_has(client: GeneratedClient) -> None:
    # The same parser, patches and config as `nox -s codegen`: every name the report can give is a file there.
    assert client.module_files == _files(API_DIR, "*/*.py")
    assert client.model_files == _files(MODELS_DIR, "*.py")


def test_each_wrapped_operation_names_the_module_of_its_short_id(client: GeneratedClient) -> None:
    built_for = version_key(built_for_version())
    for operation in OPERATIONS.values():
        module = client.module(operation.method, operation.path)
        if operation.removed and built_for >= version_key(operation.removed):
            assert module == "", f"{operation.label} was removed in {operation.removed} but is generated"
            continue  # kept in the map for older servers; the client built from this snapshot has no module
        assert Path(module).name == f"{operation.key}.py", operation.label
        assert (ROOT / module).is_file()


def _without(document: dict[str, Any], model: str, field: str) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    schema = changed["components"]["schemas"][model]
    del schema["properties"][field]
    if field in schema.get("required", []):
        schema["required"].remove(field)
    return changed


def test_a_field_of_a_shared_item_names_the_item_model_and_each_operations_module(snapshot: dict[str, Any]) -> None:
    diff = compare_named(snapshot, _without(snapshot, "MemoryItem", "text"))

    memory_item = str((MODELS_DIR / "memory_item.py").relative_to(ROOT))
    assert {change.models for change in diff.changes} == {(memory_item,)}
    read = [change for change in diff.changes if change.operation == OPERATIONS["read_memory"].label]
    assert {change.module for change in read} == {str((API_DIR / "memory" / "read_memory.py").relative_to(ROOT))}


def test_a_removed_field_whose_type_is_an_inline_model_names_that_model_too(snapshot: dict[str, Any]) -> None:
    # DashboardOverview.by_type is an inline map: the generator writes DashboardOverviewByType for it
    diff = compare_named(snapshot, _without(snapshot, "DashboardOverview", "by_type"))

    (change,) = diff.changes
    assert (change.location, change.severity, change.raw_severity) == (
        "response.by_type",
        Severity.COMPATIBLE,
        Severity.BREAKING,
    )
    assert [Path(name).name for name in change.models] == ["dashboard_overview.py", "dashboard_overview_by_type.py"]
    assert all((ROOT / name).is_file() for name in (change.module, *change.models))


def test_a_removed_operation_names_its_module_and_the_models_that_go_with_it(snapshot: dict[str, Any]) -> None:
    changed = copy.deepcopy(snapshot)
    del changed["paths"]["/api/v1/dashboard/ratelimits"]
    del changed["components"]["schemas"]["DashboardRateLimitsResponse"]

    diff = compare_named(snapshot, changed)

    (change,) = diff.changes
    assert (change.rule, change.severity, change.raw_severity) == (
        "operation-removed",
        Severity.BREAKING,  # admin.rate_limits() calls it
        Severity.BREAKING,
    )
    assert change.methods == ("admin.rate_limits",)
    assert Path(change.module).name == "dashboard_ratelimits.py"
    assert [Path(name).name for name in change.models] == ["dashboard_rate_limits_response.py"]
    assert diff.generated_affected_by(Severity.BREAKING) == (change.module, *change.models)


def test_a_retyped_enum_names_the_generated_enum(snapshot: dict[str, Any]) -> None:
    changed = copy.deepcopy(snapshot)
    action = changed["components"]["schemas"]["ForgetRequest"]["properties"]["action"]
    action["enum"] = [*action["enum"], "shred"]

    (change,) = [c for c in compare_named(snapshot, changed).changes if c.kind == "enum-values-added"]

    assert change.rule == "request-enum-value-added"
    assert [Path(name).name for name in change.models] == ["forget_request.py", "forget_request_action.py"]


def test_a_renamed_operation_names_both_modules(snapshot: dict[str, Any]) -> None:
    changed = copy.deepcopy(snapshot)
    changed["paths"]["/api/v1/memory/stats"]["get"]["operationId"] = "memory_stats"

    (change,) = compare_named(snapshot, changed).changes

    assert (change.rule, change.severity, change.raw_severity) == (
        "operation-renamed",
        Severity.INFORMATIONAL,
        Severity.BREAKING,
    )
    assert change.module.endswith("get_memory_stats.py → generated/cml_api_client/api/memory/memory_stats.py")


def test_names_come_from_the_document_that_has_the_operation() -> None:
    info = {"title": "t", "version": "1"}
    operation = {"get": {"operationId": "get_x_api_v1_x_get", "responses": {}}}
    old = {"openapi": "3.1.0", "info": info, "paths": {"/api/v1/x": operation}}

    (removed,) = compare_named(old, {"openapi": "3.1.0", "info": info, "paths": {}}).changes
    assert removed.module == str((API_DIR / "default" / "get_x.py").relative_to(ROOT))  # untagged: "default"
    assert removed.severity_for(Audience.RAW) is Severity.BREAKING


def test_a_document_the_generator_cannot_read_leaves_the_names_empty() -> None:
    operation = {"get": {"operationId": "get_x_api_v1_x_get", "responses": {}}}
    old = {"openapi": "3.1.0", "paths": {"/api/v1/x": operation}}  # no info: the generator refuses it

    (removed,) = compare_named(old, {"openapi": "3.1.0", "paths": {}}).changes

    assert (removed.rule, removed.module, removed.models) == ("operation-removed", "", ())
    assert removed.severity_for(Audience.RAW) is Severity.BREAKING
