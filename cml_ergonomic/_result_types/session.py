"""Session results: ``create_session`` and ``get_session_context``."""

from __future__ import annotations

import attrs
from cml_api_client.models.create_session_response import CreateSessionResponse
from cml_api_client.models.memory_item import MemoryItem
from cml_api_client.models.session_context_response import SessionContextResponse
from cml_api_client.types import Unset

from cml_ergonomic._request import ResponseMeta
from cml_ergonomic._results import _mark_degraded, _meta


def _items(value: list[MemoryItem] | Unset) -> list[MemoryItem]:
    return [] if isinstance(value, Unset) else value


@attrs.define
class CreateSessionResult(CreateSessionResponse):
    """The answer to ``create_session``: ``session_id``, ``created_at``, ``expires_at``."""

    meta: ResponseMeta | None = _meta()

    def __str__(self) -> str:
        return f"session {self.session_id} (expires {self.expires_at})"


@attrs.define
class SessionContext(SessionContextResponse):
    """The answer to ``get_session_context``: ``messages``, ``tool_results``, ``scratch_pad``, ``context_string``.

    Attributes:
        degraded: True when ``get_context_safe`` returned this empty context instead of failing.
        degraded_reason: why it degraded.
    """

    meta: ResponseMeta | None = _meta()
    degraded: bool = attrs.field(default=False, init=False, eq=False)
    degraded_reason: str | None = attrs.field(default=None, init=False, eq=False)

    @classmethod
    def degraded_empty(cls, session_id: str, reason: str) -> SessionContext:
        """An empty context marked as degraded (what ``get_context_safe`` returns when the server is unavailable)."""
        result = cls(session_id=session_id, messages=[], tool_results=[], scratch_pad=[], context_string="")
        return _mark_degraded(result, reason)

    def __str__(self) -> str:
        return (
            f"session {self.session_id}: {len(_items(self.messages))} messages, "
            f"{len(_items(self.tool_results))} tool results, {len(_items(self.scratch_pad))} scratch notes"
        )
