"""``stats`` results."""

from __future__ import annotations

import attrs
from cml_api_client.models.memory_stats import MemoryStats

from cml_ergonomic._request import ResponseMeta
from cml_ergonomic._results import _meta


@attrs.define
class Stats(MemoryStats):
    """The answer to ``stats``: counts by state and by type."""

    meta: ResponseMeta | None = _meta()

    def __str__(self) -> str:
        types = ", ".join(f"{k}={v}" for k, v in sorted(self.by_type.additional_properties.items()))
        return (
            f"{self.total_memories} memories ({self.active_memories} active, {self.silent_memories} silent, "
            f"{self.archived_memories} archived; {types or 'no types'}), "
            f"avg confidence {self.avg_confidence:.2f}, {self.estimated_size_mb:.2f} MB"
        )
