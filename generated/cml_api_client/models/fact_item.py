from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, parse_datetime, readable

T = TypeVar("T", bound="FactItem")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "category",
        "confidence",
        "evidence_count",
        "id",
        "is_current",
        "key",
        "tenant_id",
        "value",
        "version",
        "created_at",
        "updated_at",
    }
)


@_attrs_define
class FactItem:
    """Serialised semantic fact for dashboard display.

    Reconciled canonical: timestamps are ``datetime`` (the SDK's type). Server
    routes pass ISO-8601 strings, which pydantic coerces; the JSON wire output
    (ISO-8601) is unchanged.

        Attributes:
            category (str):
            confidence (float):
            evidence_count (int):
            id (str):
            is_current (bool):
            key (str):
            tenant_id (str):
            value (str):
            version (int):
            created_at (datetime.datetime | None | Unset):
            updated_at (datetime.datetime | None | Unset):
    """

    category: str
    confidence: float
    evidence_count: int
    id: str
    is_current: bool
    key: str
    tenant_id: str
    value: str
    version: int
    created_at: datetime.datetime | None | Unset = UNSET
    updated_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category = self.category

        confidence = self.confidence

        evidence_count = self.evidence_count

        id = self.id

        is_current = self.is_current

        key = self.key

        tenant_id = self.tenant_id

        value = self.value

        version = self.version

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
                "confidence": confidence,
                "evidence_count": evidence_count,
                "id": id,
                "is_current": is_current,
                "key": key,
                "tenant_id": tenant_id,
                "value": value,
                "version": version,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        category = src_dict["category"]

        confidence = src_dict["confidence"]

        evidence_count = src_dict["evidence_count"]

        id = src_dict["id"]

        is_current = src_dict["is_current"]

        key = src_dict["key"]

        tenant_id = src_dict["tenant_id"]

        value = src_dict["value"]

        version = src_dict["version"]

        created_at = _parse_created_at(src_dict.get("created_at", UNSET))

        updated_at = _parse_updated_at(src_dict.get("updated_at", UNSET))

        fact_item = cls(
            category=category,
            confidence=confidence,
            evidence_count=evidence_count,
            id=id,
            is_current=is_current,
            key=key,
            tenant_id=tenant_id,
            value=value,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        fact_item.additional_properties = d
        return fact_item

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


def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        created_at_type_0 = parse_datetime(data)

        return created_at_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("datetime.datetime | None | Unset", data)


def _parse_updated_at(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        updated_at_type_0 = parse_datetime(data)

        return updated_at_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("datetime.datetime | None | Unset", data)
