"""``forget`` results."""

from __future__ import annotations

from uuid import UUID

import attrs
from cml_api_client.models.forget_response import ForgetResponse

from cml_ergonomic._request import ResponseMeta
from cml_ergonomic._results import _meta


@attrs.define
class ForgetResult(ForgetResponse):
    """The answer to ``forget``: ``affected_count`` memories were forgotten."""

    meta: ResponseMeta | None = _meta()
    planned: tuple[UUID, ...] | None = attrs.field(default=None, eq=False)  # a plan's ids, for forget(plan)

    def with_planned(self, ids: tuple[UUID, ...]) -> ForgetResult:
        """This result, saying which ids the plan sent (``forget(plan)`` forgets those and no other)."""
        self.planned = ids
        return self

    def __str__(self) -> str:
        text = f"forget {'ok' if self.success else 'failed'}: {self.affected_count} affected"
        return text if self.planned is None else f"{text} of the {len(self.planned)} planned"
