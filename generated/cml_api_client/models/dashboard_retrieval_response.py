from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, readable

T = TypeVar("T", bound="DashboardRetrievalResponse")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "query",
        "elapsed_ms",
        "llm_context",
        "results",
        "total_count",
    }
)


@_attrs_define
class DashboardRetrievalResponse:
    """Retrieval test results.

    Attributes:
        query (str):
        elapsed_ms (float | Unset):  Default: 0.0.
        llm_context (None | str | Unset):
        results (list[RetrievalResultItem] | Unset):
        total_count (int | Unset):  Default: 0.
    """

    query: str
    elapsed_ms: float | Unset = 0.0
    llm_context: None | str | Unset = UNSET
    results: list[RetrievalResultItem] | Unset = UNSET
    total_count: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        query = self.query

        elapsed_ms = self.elapsed_ms

        llm_context: None | str | Unset
        if isinstance(self.llm_context, Unset):
            llm_context = UNSET
        else:
            llm_context = self.llm_context

        results: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.results, Unset):
            results = []
            for results_item_data in self.results:
                results_item = results_item_data.to_dict()
                results.append(results_item)

        total_count = self.total_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "query": query,
            }
        )
        if elapsed_ms is not UNSET:
            field_dict["elapsed_ms"] = elapsed_ms
        if llm_context is not UNSET:
            field_dict["llm_context"] = llm_context
        if results is not UNSET:
            field_dict["results"] = results
        if total_count is not UNSET:
            field_dict["total_count"] = total_count

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        query = src_dict["query"]

        elapsed_ms = src_dict.get("elapsed_ms", UNSET)

        llm_context = src_dict.get("llm_context", UNSET)

        _results = src_dict.get("results", UNSET)
        results: list[RetrievalResultItem] | Unset = UNSET
        if _results is not UNSET:
            results = []
            for results_item_data in _results:
                results_item = RetrievalResultItem.from_dict(results_item_data)

                results.append(results_item)

        total_count = src_dict.get("total_count", UNSET)

        dashboard_retrieval_response = cls(
            query=query,
            elapsed_ms=elapsed_ms,
            llm_context=llm_context,
            results=results,
            total_count=total_count,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        dashboard_retrieval_response.additional_properties = d
        return dashboard_retrieval_response

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
from ..models.retrieval_result_item import RetrievalResultItem
