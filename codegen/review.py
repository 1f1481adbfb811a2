"""What a maintainer must review after moving to a new schema, each item with the file to edit.

An upgrade regenerates the low-level client by itself; what it cannot do is
decide for the wrapper. Three things need a person, and the unit tests fail
until each is settled:

* an operation of the new schema that the wrapper neither wraps nor lists in
  ``RAW_ONLY`` (the operation-map test fails);
* an operation the wrapper calls that the new schema no longer has;
* a breaking change to what a wrapper method sends or reads (a removed or
  retyped response field, a request field that changed its rules).

Everything else (new optional fields, changes to operations the wrapper
leaves to ``client.raw``) is in the diff report, not here, with one
exception that needs no test to fail: a parameter the agent tools gain or
lose (``tool-contract-change``). The upgrade already carried it into the
tools; the item asks for a look at what the model now sees, and for a
description written for a model in ``codegen/tools.py`` (a new field
starts with the schema's title).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cml_ergonomic._operations import OPERATIONS, raw_only_reason
from cml_ergonomic._schemadiff import Severity, compare
from codegen.patches import operations
from codegen.tools import TOOLS, tool_changes

OPERATIONS_FILE = "cml_ergonomic/_operations.py"
METHODS_FILE = "cml_ergonomic/_methods.py"
RESULTS_FILE = "cml_ergonomic/_results.py"
TOOLS_FILE = "codegen/tools.py"
VALIDATION_FILE = "cml_ergonomic/_validation.py"


@dataclass(frozen=True, order=True)
class ReviewItem:
    """One decision the upgrade leaves to a person.

    Attributes:
        operation: ``METHOD /path``.
        kind: ``unwrapped-operation``, ``wrapped-operation-removed``, ``wrapper-breaking-change`` or
            ``tool-contract-change`` (informational: the tools already follow).
        files: where to make the change.
        detail: what to decide, in words.
    """

    operation: str
    kind: str
    files: tuple[str, ...]
    detail: str

    def __str__(self) -> str:
        return f"[{self.kind}] {self.operation}: {self.detail} (edit {', '.join(self.files)})"


def _files_for(location: str) -> tuple[str, ...]:
    if location.startswith("response"):
        return (RESULTS_FILE, OPERATIONS_FILE)
    if location.startswith(("request", "parameter")):
        return (METHODS_FILE, VALIDATION_FILE, OPERATIONS_FILE)
    return (METHODS_FILE, OPERATIONS_FILE)


def review_items(old: dict[str, Any], new: dict[str, Any]) -> list[ReviewItem]:
    """The review items of a move from ``old`` to ``new``, sorted.

    Args:
        old: the snapshot the SDK was built from.
        new: the schema it moves to.

    Returns:
        The items; empty when the wrapper needs no decision.
    """
    items: set[ReviewItem] = set()
    new_operations = {(method.upper(), path) for path, method, _ in operations(new)}
    wrapped = {(op.method, op.path): op for op in OPERATIONS.values()}
    for method, path in new_operations:
        if (method, path) not in wrapped and raw_only_reason(method, path) is None:
            items.add(
                ReviewItem(
                    f"{method} {path}",
                    "unwrapped-operation",
                    (OPERATIONS_FILE,),
                    "new operation: wrap it (an Operation in OPERATIONS and a method) or list it in RAW_ONLY "
                    "with the reason",
                )
            )
    for key, op in wrapped.items():
        if key not in new_operations and op.removed is None:  # removed=: kept for older servers, already decided
            items.add(
                ReviewItem(
                    op.label,
                    "wrapped-operation-removed",
                    (OPERATIONS_FILE, METHODS_FILE),
                    f"{', '.join(op.methods)} call it and the new schema lacks it: remove them, or keep them "
                    "for older servers and say so",
                )
            )
    for change in compare(old, new).of_severity(Severity.BREAKING):
        if change.methods and change.kind != "operation-removed":
            items.add(
                ReviewItem(
                    change.operation,
                    "wrapper-breaking-change",
                    _files_for(change.location),
                    f"{change.location}: {change.detail}; affects {', '.join(change.methods)}",
                )
            )
    operation_of = {spec.name: f"{spec.method} {spec.path}" for spec in TOOLS}
    for tool_change in tool_changes(old, new):
        items.add(
            ReviewItem(
                operation_of[tool_change.tool],
                "tool-contract-change",
                (TOOLS_FILE,),
                f"{tool_change.tool}: {tool_change.detail} `{tool_change.parameter}` (already in the regenerated tool; "
                "write its description for a model, or bind it)",
            )
        )
    return sorted(items)
