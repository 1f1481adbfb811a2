"""``update`` results."""

from __future__ import annotations

import attrs
from cml_api_client.models.update_memory_response import UpdateMemoryResponse

from cml_ergonomic._request import ResponseMeta
from cml_ergonomic._results import _meta


@attrs.define
class UpdateResult(UpdateMemoryResponse):
    """The answer to ``update``: ``version`` is the memory's new version."""

    meta: ResponseMeta | None = _meta()

    def __str__(self) -> str:
        return f"update {'ok' if self.success else 'failed'}: memory {self.memory_id} is now version {self.version}"
