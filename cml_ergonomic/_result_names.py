"""The public result types and the module that defines each: the one list of their names.

The package (``cml_ergonomic.ReadResult``) and ``_results`` load them from
here on first use, so that ``import cml_ergonomic`` imports no model. This
module imports nothing.
"""

from __future__ import annotations

RESULT_TYPES: dict[str, str] = {
    # the models, subclassed with a ``meta`` slot and a readable ``str()``
    "CreateSessionResult": "cml_ergonomic._result_types.session",
    "ForgetResult": "cml_ergonomic._result_types.forget",
    "LLMContextReadResult": "cml_ergonomic._result_types.read",
    "MemoryItem": "cml_api_client.models.memory_item",
    "ReadResult": "cml_ergonomic._result_types.read",
    "SessionContext": "cml_ergonomic._result_types.session",
    "Stats": "cml_ergonomic._result_types.stats",
    "TurnResult": "cml_ergonomic._result_types.turn",
    "UpdateResult": "cml_ergonomic._result_types.update",
    "WriteBatchResult": "cml_ergonomic._result_types.write",
    "WriteResult": "cml_ergonomic._result_types.write",
    # the untyped answers, as TypedDicts
    "ConsolidationResult": "cml_ergonomic._results",
    "DeleteAllResult": "cml_ergonomic._results",
    "ForgettingResult": "cml_ergonomic._results",
    "HealthResult": "cml_ergonomic._results",
    "StreamDone": "cml_ergonomic._results",
    "Sufficiency": "cml_ergonomic._results",
}
