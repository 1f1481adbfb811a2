"""cml-ergonomic: the typed, resilient Python SDK for the Cognitive Memory Layer.

>>> from cml_ergonomic import CognitiveMemoryLayer
>>> with CognitiveMemoryLayer() as memory:  # reads CML_API_KEY and CML_BASE_URL  # doctest: +SKIP
...     memory.write("User prefers dark mode")
...     print(memory.read("preferences"))
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cml_ergonomic._client import AsyncCognitiveMemoryLayer, CognitiveMemoryLayer
from cml_ergonomic._logging import configure_from_env, configure_logging
from cml_ergonomic._request import CallOptions, ResponseMeta
from cml_ergonomic._version import __version__
from cml_ergonomic.errors import (
    APIStatusError,
    AuthenticationError,
    AuthorizationError,
    BadRequestError,
    CMLConnectionError,
    CMLError,
    CMLTimeoutError,
    ConfigurationError,
    ConflictError,
    NotFoundError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
    ServiceUnavailableError,
    StreamError,
    ValidationError,
)

if TYPE_CHECKING:
    from cml_ergonomic._forget_plan import ForgetPlan
    from cml_ergonomic._results import (
        ConsolidationResult,
        CreateSessionResult,
        DeleteAllResult,
        ForgetResult,
        ForgettingResult,
        HealthResult,
        LLMContextReadResult,
        MemoryItem,
        ReadResult,
        SessionContext,
        Stats,
        StreamDone,
        Sufficiency,
        TurnResult,
        UpdateResult,
        WriteBatchResult,
        WriteResult,
    )

# Result types subclass the generated models, whose import is the SDK's slowest; load them on first use.
_LAZY_RESULTS = frozenset(
    {
        "ConsolidationResult",
        "CreateSessionResult",
        "DeleteAllResult",
        "ForgetResult",
        "ForgettingResult",
        "HealthResult",
        "LLMContextReadResult",
        "MemoryItem",
        "ReadResult",
        "SessionContext",
        "Stats",
        "StreamDone",
        "Sufficiency",
        "TurnResult",
        "UpdateResult",
        "WriteBatchResult",
        "WriteResult",
    }
)


def __getattr__(name: str) -> Any:
    if name == "ForgetPlan":
        from cml_ergonomic._forget_plan import ForgetPlan

        return ForgetPlan
    if name in _LAZY_RESULTS:
        from cml_ergonomic import _results

        return getattr(_results, name)
    raise AttributeError(f"module 'cml_ergonomic' has no attribute {name!r}")


__all__ = [
    "APIStatusError",
    "AsyncCognitiveMemoryLayer",
    "AuthenticationError",
    "AuthorizationError",
    "BadRequestError",
    "CMLConnectionError",
    "CMLError",
    "CMLTimeoutError",
    "CallOptions",
    "CognitiveMemoryLayer",
    "ConfigurationError",
    "ConflictError",
    "ConsolidationResult",
    "CreateSessionResult",
    "DeleteAllResult",
    "ForgetPlan",
    "ForgetResult",
    "ForgettingResult",
    "HealthResult",
    "LLMContextReadResult",
    "MemoryItem",
    "NotFoundError",
    "RateLimitError",
    "ReadResult",
    "ResponseMeta",
    "ResponseValidationError",
    "ServerError",
    "ServiceUnavailableError",
    "SessionContext",
    "Stats",
    "StreamDone",
    "StreamError",
    "Sufficiency",
    "TurnResult",
    "UpdateResult",
    "ValidationError",
    "WriteBatchResult",
    "WriteResult",
    "__version__",
    "configure_logging",
]

configure_from_env()
