"""The wrapper's operation map against the snapshot it was generated from.

This fails the day someone regenerates from a schema that drops an operation
the wrapper needs, or adds one that nobody decided about.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest

from cml_ergonomic import AsyncCognitiveMemoryLayer, CognitiveMemoryLayer
from cml_ergonomic._operations import OPERATIONS, RAW_ONLY, raw_only_reason
from cml_ergonomic._session import AsyncSessionScope, SessionScope
from codegen.patches import operations
from codegen.schema import current_snapshot, load_document

SNAPSHOT_PATH = current_snapshot()
SNAPSHOT = load_document(SNAPSHOT_PATH)
SNAPSHOT_OPERATIONS = {(method.upper(), path) for path, method, _ in operations(SNAPSHOT)}
OWNERS = {"SessionScope": (SessionScope, AsyncSessionScope)}
CLIENTS = (CognitiveMemoryLayer, AsyncCognitiveMemoryLayer)
# Every schema snapshot in the repository: the one the client is generated from, and older ones kept as test data.
ALL_SNAPSHOTS = sorted({SNAPSHOT_PATH, *(Path(__file__).parents[1] / "data" / "openapi").glob("cml-*.json")})


def _version(snapshot: Path) -> str:
    return snapshot.stem.removeprefix("cml-")


def _operations_of(snapshot: Path) -> set[tuple[str, str]]:
    return {(method.upper(), path) for path, method, _ in operations(load_document(snapshot))}


@pytest.mark.parametrize("snapshot", ALL_SNAPSHOTS, ids=_version)
@pytest.mark.parametrize("key", sorted(OPERATIONS))
def test_the_map_says_which_versions_serve_each_operation(key: str, snapshot: Path) -> None:
    op, version = OPERATIONS[key], _version(snapshot)
    served = (op.method, op.path) in _operations_of(snapshot)
    assert served == op.served_by(version), (
        f"{op.label} (used by {op.methods}): the map says served_by({version}) is {op.served_by(version)}, "
        f"the {snapshot.name} snapshot says {served}; fix its added=/removed="
    )


def test_raw_only_no_longer_excuses_the_dashboard() -> None:
    assert raw_only_reason("GET", "/api/v1/dashboard/overview") is None
    assert not [key for key in RAW_ONLY if "/api/v1/dashboard" in key or "/api/v1/admin" in key]


@pytest.mark.parametrize(("method", "path"), sorted(SNAPSHOT_OPERATIONS))
def test_every_dashboard_and_admin_operation_is_wrapped(method: str, path: str) -> None:
    if path.startswith(("/api/v1/dashboard/", "/api/v1/admin/")):
        assert any(op.method == method and op.path == path for op in OPERATIONS.values()), f"{method} {path}"


@pytest.mark.parametrize(("method", "path"), sorted(SNAPSHOT_OPERATIONS))
def test_every_snapshot_operation_is_wrapped_or_raw_only(method: str, path: str) -> None:
    wrapped = any(op.method == method and op.path == path for op in OPERATIONS.values())
    reason = raw_only_reason(method, path)
    assert wrapped or reason, f"{method} {path} is neither wrapped nor listed in RAW_ONLY with a reason"
    assert not (wrapped and reason), f"{method} {path} is wrapped and also listed as raw-only"


def _resolve(client: Any, dotted: str) -> Any:
    target = client
    for part in dotted.split("."):
        target = getattr(target, part, None)
    return target


@pytest.mark.parametrize("key", sorted(OPERATIONS))
def test_every_mapped_method_exists_on_both_clients(key: str) -> None:
    for qualified in OPERATIONS[key].methods:
        owner, _, name = qualified.rpartition(".")
        if owner.startswith("admin"):  # client.admin.memories.list: resolved on live clients of both kinds
            for cls in CLIENTS:
                client = cls(api_key="k", admin_api_key="a", base_url="http://cml.test")
                assert callable(_resolve(client, qualified)), f"{cls.__name__}.{qualified} (mapped to {key})"
            continue
        for cls in OWNERS.get(owner, CLIENTS):
            assert getattr(cls, name, None) is not None, f"{cls.__name__}.{name} (mapped to {key}) does not exist"


def test_every_admin_method_is_in_the_map() -> None:
    from cml_ergonomic.admin import AdminResource

    admin = CognitiveMemoryLayer(api_key="k", admin_api_key="a", base_url="http://cml.test").admin
    resources: dict[str, Any] = {"admin": admin}
    for name in dir(admin):
        if not name.startswith("_") and isinstance(value := getattr(admin, name), AdminResource):
            resources[f"admin.{name}"] = value
    mapped = {m for op in OPERATIONS.values() for m in op.methods if m.startswith("admin")}
    found = {f"{prefix}.{name}" for prefix, resource in resources.items() for name in _server_methods(type(resource))}
    assert found - mapped == set(), f"admin methods missing from the operation map: {sorted(found - mapped)}"
    assert mapped - found == set(), f"mapped admin methods that do not exist: {sorted(mapped - found)}"


def _server_methods(cls: type) -> set[str]:
    # Every public method that talks to the server is built by a descriptor with a builder.
    return {name for name, value in inspect.getmembers(cls) if not name.startswith("_") and hasattr(value, "build")}


@pytest.mark.parametrize("cls", [*CLIENTS, SessionScope, AsyncSessionScope])
def test_every_server_calling_method_is_in_the_map(cls: type) -> None:
    mapped = {m.rpartition(".")[2] for op in OPERATIONS.values() for m in op.methods}
    unmapped = _server_methods(cls) - mapped - {"check_compatibility"}  # it reads /openapi.json, not an API route
    assert not unmapped, f"{cls.__name__} methods missing from the operation map: {sorted(unmapped)}"
