from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, readable

T = TypeVar("T", bound="SessionContextResponse")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "session_id",
        "context_string",
        "messages",
        "scratch_pad",
        "tool_results",
    }
)


@_attrs_define
class SessionContextResponse:
    """Full session context for LLM injection.

    Attributes:
        session_id (str):
        context_string (str | Unset):  Default: ''.
        messages (list[MemoryItem] | Unset):
        scratch_pad (list[MemoryItem] | Unset):
        tool_results (list[MemoryItem] | Unset):
    """

    session_id: str
    context_string: str | Unset = ""
    messages: list[MemoryItem] | Unset = UNSET
    scratch_pad: list[MemoryItem] | Unset = UNSET
    tool_results: list[MemoryItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        session_id = self.session_id

        context_string = self.context_string

        messages: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.messages, Unset):
            messages = []
            for messages_item_data in self.messages:
                messages_item = messages_item_data.to_dict()
                messages.append(messages_item)

        scratch_pad: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.scratch_pad, Unset):
            scratch_pad = []
            for scratch_pad_item_data in self.scratch_pad:
                scratch_pad_item = scratch_pad_item_data.to_dict()
                scratch_pad.append(scratch_pad_item)

        tool_results: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tool_results, Unset):
            tool_results = []
            for tool_results_item_data in self.tool_results:
                tool_results_item = tool_results_item_data.to_dict()
                tool_results.append(tool_results_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "session_id": session_id,
            }
        )
        if context_string is not UNSET:
            field_dict["context_string"] = context_string
        if messages is not UNSET:
            field_dict["messages"] = messages
        if scratch_pad is not UNSET:
            field_dict["scratch_pad"] = scratch_pad
        if tool_results is not UNSET:
            field_dict["tool_results"] = tool_results

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        session_id = src_dict["session_id"]

        context_string = src_dict.get("context_string", UNSET)

        _messages = src_dict.get("messages", UNSET)
        messages: list[MemoryItem] | Unset = UNSET
        if _messages is not UNSET:
            messages = []
            for messages_item_data in _messages:
                messages_item = MemoryItem.from_dict(messages_item_data)

                messages.append(messages_item)

        _scratch_pad = src_dict.get("scratch_pad", UNSET)
        scratch_pad: list[MemoryItem] | Unset = UNSET
        if _scratch_pad is not UNSET:
            scratch_pad = []
            for scratch_pad_item_data in _scratch_pad:
                scratch_pad_item = MemoryItem.from_dict(scratch_pad_item_data)

                scratch_pad.append(scratch_pad_item)

        _tool_results = src_dict.get("tool_results", UNSET)
        tool_results: list[MemoryItem] | Unset = UNSET
        if _tool_results is not UNSET:
            tool_results = []
            for tool_results_item_data in _tool_results:
                tool_results_item = MemoryItem.from_dict(tool_results_item_data)

                tool_results.append(tool_results_item)

        session_context_response = cls(
            session_id=session_id,
            context_string=context_string,
            messages=messages,
            scratch_pad=scratch_pad,
            tool_results=tool_results,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        session_context_response.additional_properties = d
        return session_context_response

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
from ..models.memory_item import MemoryItem
