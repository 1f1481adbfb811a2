from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, readable

T = TypeVar("T", bound="RetrievalExplainExecutionStep")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "source",
        "success",
        "elapsed_ms",
        "error",
        "filters",
        "query_preview",
        "result_count",
        "result_preview",
        "timed_out",
    }
)


@_attrs_define
class RetrievalExplainExecutionStep:
    """Observed execution details for a retrieval step.

    Attributes:
        source (str):
        success (bool):
        elapsed_ms (float | Unset):  Default: 0.0.
        error (None | str | Unset):
        filters (RetrievalExplainExecutionStepFilters | Unset):
        query_preview (None | str | Unset):
        result_count (int | Unset):  Default: 0.
        result_preview (list[RetrievalExplainExecutionStepResultPreviewItem] | Unset):
        timed_out (bool | Unset):  Default: False.
    """

    source: str
    success: bool
    elapsed_ms: float | Unset = 0.0
    error: None | str | Unset = UNSET
    filters: RetrievalExplainExecutionStepFilters | Unset = UNSET
    query_preview: None | str | Unset = UNSET
    result_count: int | Unset = 0
    result_preview: list[RetrievalExplainExecutionStepResultPreviewItem] | Unset = UNSET
    timed_out: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source = self.source

        success = self.success

        elapsed_ms = self.elapsed_ms

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        filters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.filters, Unset):
            filters = self.filters.to_dict()

        query_preview: None | str | Unset
        if isinstance(self.query_preview, Unset):
            query_preview = UNSET
        else:
            query_preview = self.query_preview

        result_count = self.result_count

        result_preview: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.result_preview, Unset):
            result_preview = []
            for result_preview_item_data in self.result_preview:
                result_preview_item = result_preview_item_data.to_dict()
                result_preview.append(result_preview_item)

        timed_out = self.timed_out

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "source": source,
                "success": success,
            }
        )
        if elapsed_ms is not UNSET:
            field_dict["elapsed_ms"] = elapsed_ms
        if error is not UNSET:
            field_dict["error"] = error
        if filters is not UNSET:
            field_dict["filters"] = filters
        if query_preview is not UNSET:
            field_dict["query_preview"] = query_preview
        if result_count is not UNSET:
            field_dict["result_count"] = result_count
        if result_preview is not UNSET:
            field_dict["result_preview"] = result_preview
        if timed_out is not UNSET:
            field_dict["timed_out"] = timed_out

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        source = src_dict["source"]

        success = src_dict["success"]

        elapsed_ms = src_dict.get("elapsed_ms", UNSET)

        error = src_dict.get("error", UNSET)

        _filters = src_dict.get("filters", UNSET)
        filters: RetrievalExplainExecutionStepFilters | Unset
        if isinstance(_filters, Unset):
            filters = UNSET
        else:
            filters = RetrievalExplainExecutionStepFilters.from_dict(_filters)

        query_preview = src_dict.get("query_preview", UNSET)

        result_count = src_dict.get("result_count", UNSET)

        _result_preview = src_dict.get("result_preview", UNSET)
        result_preview: list[RetrievalExplainExecutionStepResultPreviewItem] | Unset = (
            UNSET
        )
        if _result_preview is not UNSET:
            result_preview = []
            for result_preview_item_data in _result_preview:
                result_preview_item = (
                    RetrievalExplainExecutionStepResultPreviewItem.from_dict(
                        result_preview_item_data
                    )
                )

                result_preview.append(result_preview_item)

        timed_out = src_dict.get("timed_out", UNSET)

        retrieval_explain_execution_step = cls(
            source=source,
            success=success,
            elapsed_ms=elapsed_ms,
            error=error,
            filters=filters,
            query_preview=query_preview,
            result_count=result_count,
            result_preview=result_preview,
            timed_out=timed_out,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        retrieval_explain_execution_step.additional_properties = d
        return retrieval_explain_execution_step

    def __str__(self) -> str:
        return readable(self)

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# Imported after the class is defined, so that models that refer to each other can import each other.
from ..models.retrieval_explain_execution_step_filters import (
    RetrievalExplainExecutionStepFilters,
)
from ..models.retrieval_explain_execution_step_result_preview_item import (
    RetrievalExplainExecutionStepResultPreviewItem,
)
