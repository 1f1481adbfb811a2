"""Typed results: the generated attrs models themselves, with a ``meta`` slot and a readable ``str()``.

Each result class subclasses its generated model, so the generated
``from_dict`` builds it directly: no copy, every field of the schema, and
the nested items (``MemoryItem`` ...) are the generated classes. Operations
the schema leaves untyped (health, delete-all, admin) return TypedDicts.

The classes live in ``_result_types``, one module per family, and load on
first use (``from cml_ergonomic._results import ReadResult`` works as
usual): a program's first ``read`` imports the read models, not the models
of every operation.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar

import attrs

from cml_ergonomic._result_names import RESULT_TYPES

if TYPE_CHECKING:  # "X as X": re-exported for type checkers, whatever __all__ holds at run time
    from cml_api_client.models.memory_item import MemoryItem as MemoryItem

    from cml_ergonomic._result_types.forget import ForgetResult as ForgetResult
    from cml_ergonomic._result_types.read import LLMContextReadResult as LLMContextReadResult
    from cml_ergonomic._result_types.read import ReadResult as ReadResult
    from cml_ergonomic._result_types.session import CreateSessionResult as CreateSessionResult
    from cml_ergonomic._result_types.session import SessionContext as SessionContext
    from cml_ergonomic._result_types.stats import Stats as Stats
    from cml_ergonomic._result_types.turn import TurnResult as TurnResult
    from cml_ergonomic._result_types.update import UpdateResult as UpdateResult
    from cml_ergonomic._result_types.write import WriteBatchResult as WriteBatchResult
    from cml_ergonomic._result_types.write import WriteResult as WriteResult

# The names are listed once, in _result_names. Type checkers see the result types through the "X as X" imports
# above and the classes below (``from cml_ergonomic._results import *`` in the package), not through this list.
globals()["__all__"] = list(RESULT_TYPES)

# name -> the module that defines it, for the names not defined here
_LAZY: dict[str, str] = {
    **{name: module for name, module in RESULT_TYPES.items() if module != __name__},
    "parse_llm_context": "cml_ergonomic._result_types.read",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


_R = TypeVar("_R", bound="ReadResult | TurnResult | SessionContext")


def _mark_degraded(result: _R, reason: str) -> _R:
    """An empty result, flagged as what a ``*_safe`` call returns when the server is unavailable."""
    result.degraded, result.degraded_reason = True, reason
    return result


def _meta() -> Any:
    return attrs.field(default=None, init=False, repr=False, eq=False)


class Sufficiency(TypedDict, total=False):
    """Whether a read found anything worth answering from (server 2.0.0 on; ``None`` before).

    Attributes:
        evidence_strength: the best match's relevance.
        supporting_memories: how many memories pass the support floor.
        retrieved: how many memories were scored.
        sufficient: the server's verdict; when False, an answer should say it does not know.
    """

    evidence_strength: float
    supporting_memories: int
    retrieved: int
    sufficient: bool


class HealthResult(TypedDict, total=False):
    """``health()``: the schema declares no body; the server sends ``status`` and ``timestamp``."""

    status: str
    timestamp: str


class DeleteAllResult(TypedDict, total=False):
    """``delete_all(confirm=True)``: the schema declares no body; the server reports how many it deleted."""

    affected_count: int


class ConsolidationResult(TypedDict, total=False):
    """``consolidate(user_id)``: untyped in the schema; these are the counters the server returns.

    ``clusters_skipped_no_recurrence`` and ``details_recovered`` come from server 2.0.0 on.
    """

    status: str
    user_id: str
    episodes_sampled: int
    clusters_formed: int
    gists_extracted: int
    clusters_skipped_no_recurrence: int
    details_recovered: int


class ForgettingResult(TypedDict, total=False):
    """``run_forgetting(user_id)``: untyped in the schema; these are the counters the server returns."""

    status: str
    user_id: str
    dry_run: bool
    memories_scanned: int
    operations_applied: int


class StreamDone(TypedDict, total=False):
    """The last thing ``read_stream`` yields: the ``event: done`` summary."""

    total_count: int
    elapsed_ms: float
    retrieval_meta: dict[str, Any]


def parse_untyped(data: Any) -> Any:
    """The body of an operation the schema leaves untyped: it must be a JSON object.

    Raises:
        TypeError: it is not.
    """
    if not isinstance(data, dict):
        raise TypeError(f"expected a JSON object, got {type(data).__name__}")
    return data
