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
from cml_ergonomic._result_names import RESULT_TYPES
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
    from cml_ergonomic._results import *  # noqa: F403 - the result types, for type checkers (their names: __all__)


def __getattr__(name: str) -> Any:
    # Result types subclass the generated models, whose import is the SDK's slowest; load them on first use.
    if name == "ForgetPlan":
        from cml_ergonomic._forget_plan import ForgetPlan

        return ForgetPlan
    if name in RESULT_TYPES:
        from cml_ergonomic import _results

        return getattr(_results, name)
    raise AttributeError(f"module 'cml_ergonomic' has no attribute {name!r}")


# Written out, not computed, so that documentation tools read it statically; the result types' names are the
# keys of _result_names.RESULT_TYPES, loaded on first use (tests/unit/test_result_names.py holds the lists together).
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
