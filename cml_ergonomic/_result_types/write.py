"""``write`` and ``write_batch`` results."""

from __future__ import annotations

import attrs
from cml_api_client.models.write_batch_response import WriteBatchResponse
from cml_api_client.models.write_memory_response import WriteMemoryResponse

from cml_ergonomic._request import ResponseMeta
from cml_ergonomic._results import _meta


@attrs.define
class WriteResult(WriteMemoryResponse):
    """The answer to ``write``: ``success``, ``memory_id``, ``chunks_created``, ``message``."""

    meta: ResponseMeta | None = _meta()

    def __str__(self) -> str:
        if not self.success:
            return f"write failed: {self.message}"
        if not self.chunks_created:
            return f"write accepted, nothing stored: {self.message or 'the server judged it not worth storing'}"
        chunks = "chunk" if self.chunks_created == 1 else "chunks"
        return f"write stored: {self.chunks_created} {chunks}, memory_id={self.memory_id}"


@attrs.define
class WriteBatchResult(WriteBatchResponse):
    """The answer to ``write_batch``: ``success``, ``turns_processed``, ``chunks_created``."""

    meta: ResponseMeta | None = _meta()

    def __str__(self) -> str:
        state = "ok" if self.success else "failed"
        return f"write_batch {state}: {self.turns_processed} turns, {self.chunks_created} chunks"
