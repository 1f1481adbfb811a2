"""``turn`` results."""

from __future__ import annotations

import attrs
from cml_api_client.models.process_turn_response import ProcessTurnResponse

from cml_ergonomic._request import ResponseMeta
from cml_ergonomic._results import _mark_degraded, _meta


@attrs.define
class TurnResult(ProcessTurnResponse):
    """The answer to ``turn``: ``memory_context`` to put in the prompt, and what was stored and retrieved.

    Attributes:
        degraded: True when ``turn_safe`` returned this empty result instead of failing
            (the turn may or may not have been stored).
        degraded_reason: why it degraded.
    """

    meta: ResponseMeta | None = _meta()
    degraded: bool = attrs.field(default=False, init=False, eq=False)
    degraded_reason: str | None = attrs.field(default=None, init=False, eq=False)

    @classmethod
    def degraded_empty(cls, reason: str) -> TurnResult:
        """An empty turn result marked as degraded (what ``turn_safe`` returns when the server is unavailable)."""
        result = cls(memory_context="", memories_retrieved=0, memories_stored=0)
        return _mark_degraded(result, reason)

    def __str__(self) -> str:
        return (
            f"turn: {self.memories_retrieved} retrieved, {self.memories_stored} stored; "
            f"context {len(self.memory_context)} chars"
        )
