from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, parse_datetime, parse_uuid, readable

T = TypeVar("T", bound="DashboardJobItem")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "id",
        "job_type",
        "status",
        "tenant_id",
        "completed_at",
        "dry_run",
        "duration_seconds",
        "error",
        "result",
        "started_at",
        "user_id",
    }
)


@_attrs_define
class DashboardJobItem:
    """A single job history entry.

    Attributes:
        id (UUID):
        job_type (str):
        status (str):
        tenant_id (str):
        completed_at (datetime.datetime | None | Unset):
        dry_run (bool | Unset):  Default: False.
        duration_seconds (float | None | Unset):
        error (None | str | Unset):
        result (DashboardJobItemResultType0 | None | Unset):
        started_at (datetime.datetime | None | Unset):
        user_id (None | str | Unset):
    """

    id: UUID
    job_type: str
    status: str
    tenant_id: str
    completed_at: datetime.datetime | None | Unset = UNSET
    dry_run: bool | Unset = False
    duration_seconds: float | None | Unset = UNSET
    error: None | str | Unset = UNSET
    result: DashboardJobItemResultType0 | None | Unset = UNSET
    started_at: datetime.datetime | None | Unset = UNSET
    user_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        job_type = self.job_type

        status = self.status

        tenant_id = self.tenant_id

        completed_at: None | str | Unset
        if isinstance(self.completed_at, Unset):
            completed_at = UNSET
        elif isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        dry_run = self.dry_run

        duration_seconds: float | None | Unset
        if isinstance(self.duration_seconds, Unset):
            duration_seconds = UNSET
        else:
            duration_seconds = self.duration_seconds

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        result: dict[str, Any] | None | Unset
        if isinstance(self.result, Unset):
            result = UNSET
        elif isinstance(self.result, DashboardJobItemResultType0):
            result = self.result.to_dict()
        else:
            result = self.result

        started_at: None | str | Unset
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        elif isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "job_type": job_type,
                "status": status,
                "tenant_id": tenant_id,
            }
        )
        if completed_at is not UNSET:
            field_dict["completed_at"] = completed_at
        if dry_run is not UNSET:
            field_dict["dry_run"] = dry_run
        if duration_seconds is not UNSET:
            field_dict["duration_seconds"] = duration_seconds
        if error is not UNSET:
            field_dict["error"] = error
        if result is not UNSET:
            field_dict["result"] = result
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if user_id is not UNSET:
            field_dict["user_id"] = user_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        id = parse_uuid(src_dict["id"])

        job_type = src_dict["job_type"]

        status = src_dict["status"]

        tenant_id = src_dict["tenant_id"]

        completed_at = _parse_completed_at(src_dict.get("completed_at", UNSET))

        dry_run = src_dict.get("dry_run", UNSET)

        duration_seconds = src_dict.get("duration_seconds", UNSET)

        error = src_dict.get("error", UNSET)

        result = _parse_result(src_dict.get("result", UNSET))

        started_at = _parse_started_at(src_dict.get("started_at", UNSET))

        user_id = src_dict.get("user_id", UNSET)

        dashboard_job_item = cls(
            id=id,
            job_type=job_type,
            status=status,
            tenant_id=tenant_id,
            completed_at=completed_at,
            dry_run=dry_run,
            duration_seconds=duration_seconds,
            error=error,
            result=result,
            started_at=started_at,
            user_id=user_id,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        dashboard_job_item.additional_properties = d
        return dashboard_job_item

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


def _parse_completed_at(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        completed_at_type_0 = parse_datetime(data)

        return completed_at_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("datetime.datetime | None | Unset", data)


def _parse_result(data: object) -> DashboardJobItemResultType0 | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, dict):
            raise TypeError()
        result_type_0 = DashboardJobItemResultType0.from_dict(data)

        return result_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("DashboardJobItemResultType0 | None | Unset", data)


def _parse_started_at(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        started_at_type_0 = parse_datetime(data)

        return started_at_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("datetime.datetime | None | Unset", data)


# Imported after the class is defined, so that models that refer to each other can import each other.
from ..models.dashboard_job_item_result_type_0 import DashboardJobItemResultType0
