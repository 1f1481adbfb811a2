"""The wrapper's operation map against the snapshot it was generated from.

This fails the day someone regenerates from a schema that drops an operation
the wrapper needs, or adds one that nobody decided about.
"""

from __future__ import annotations

import inspect

import pytest

from cml_ergonomic import AsyncCognitiveMemoryLayer, CognitiveMemoryLayer
from cml_ergonomic._operations import OPERATIONS, raw_only_reason
from cml_ergonomic._session import AsyncSessionScope, SessionScope
from codegen.patches import operations
from codegen.schema import current_snapshot, load_document

SNAPSHOT = load_document(current_snapshot())
SNAPSHOT_OPERATIONS = {(method.upper(), path) for path, method, _ in operations(SNAPSHOT)}
OWNERS = {"SessionScope": (SessionScope, AsyncSessionScope)}
CLIENTS = (CognitiveMemoryLayer, AsyncCognitiveMemoryLayer)


@pytest.mark.parametrize("key", sorted(OPERATIONS))
def test_every_wrapped_operation_exists_in_the_snapshot(key: str) -> None:
    op = OPERATIONS[key]
    assert (op.method, op.path) in SNAPSHOT_OPERATIONS, f"{op.label} (used by {op.methods}) is not in the snapshot"


@pytest.mark.parametrize(("method", "path"), sorted(SNAPSHOT_OPERATIONS))
def test_every_snapshot_operation_is_wrapped_or_raw_only(method: str, path: str) -> None:
    wrapped = any(op.method == method and op.path == path for op in OPERATIONS.values())
    reason = raw_only_reason(method, path)
    assert wrapped or reason, f"{method} {path} is neither wrapped nor listed in RAW_ONLY with a reason"
    assert not (wrapped and reason), f"{method} {path} is wrapped and also listed as raw-only"


@pytest.mark.parametrize("key", sorted(OPERATIONS))
def test_every_mapped_method_exists_on_both_clients(key: str) -> None:
    for qualified in OPERATIONS[key].methods:
        owner, _, name = qualified.rpartition(".")
        for cls in OWNERS.get(owner, CLIENTS):
            assert getattr(cls, name, None) is not None, f"{cls.__name__}.{name} (mapped to {key}) does not exist"


def _server_methods(cls: type) -> set[str]:
    # Every public method that talks to the server is built by a descriptor with a builder.
    return {name for name, value in inspect.getmembers(cls) if not name.startswith("_") and hasattr(value, "build")}


@pytest.mark.parametrize("cls", [*CLIENTS, SessionScope, AsyncSessionScope])
def test_every_server_calling_method_is_in_the_map(cls: type) -> None:
    mapped = {m.rpartition(".")[2] for op in OPERATIONS.values() for m in op.methods}
    unmapped = _server_methods(cls) - mapped - {"check_compatibility"}  # it reads /openapi.json, not an API route
    assert not unmapped, f"{cls.__name__} methods missing from the operation map: {sorted(unmapped)}"
