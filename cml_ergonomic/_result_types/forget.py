"""``forget`` results."""

from __future__ import annotations

import attrs
from cml_api_client.models.forget_response import ForgetResponse

from cml_ergonomic._request import ResponseMeta
from cml_ergonomic._results import _meta


@attrs.define
class ForgetResult(ForgetResponse):
    """The answer to ``forget``: ``affected_count`` memories were forgotten."""

    meta: ResponseMeta | None = _meta()

    def __str__(self) -> str:
        return f"forget {'ok' if self.success else 'failed'}: {self.affected_count} affected"
