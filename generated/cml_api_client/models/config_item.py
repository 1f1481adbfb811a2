from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, readable

T = TypeVar("T", bound="ConfigItem")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "key",
        "default_value",
        "description",
        "env_var",
        "is_editable",
        "is_required",
        "is_secret",
        "options",
        "requires_restart",
        "source",
        "value",
    }
)


@_attrs_define
class ConfigItem:
    """A single config setting.

    Attributes:
        key (str):
        default_value (Any | Unset):
        description (str | Unset):  Default: ''.
        env_var (str | Unset):  Default: ''.
        is_editable (bool | Unset):  Default: False.
        is_required (bool | Unset):  Default: False.
        is_secret (bool | Unset):  Default: False.
        options (list[str] | None | Unset):
        requires_restart (bool | Unset):  Default: True.
        source (str | Unset):  Default: 'default'.
        value (Any | Unset):
    """

    key: str
    default_value: Any | Unset = UNSET
    description: str | Unset = ""
    env_var: str | Unset = ""
    is_editable: bool | Unset = False
    is_required: bool | Unset = False
    is_secret: bool | Unset = False
    options: list[str] | None | Unset = UNSET
    requires_restart: bool | Unset = True
    source: str | Unset = "default"
    value: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        default_value = self.default_value

        description = self.description

        env_var = self.env_var

        is_editable = self.is_editable

        is_required = self.is_required

        is_secret = self.is_secret

        options: list[str] | None | Unset
        if isinstance(self.options, Unset):
            options = UNSET
        elif isinstance(self.options, list):
            options = self.options

        else:
            options = self.options

        requires_restart = self.requires_restart

        source = self.source

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
            }
        )
        if default_value is not UNSET:
            field_dict["default_value"] = default_value
        if description is not UNSET:
            field_dict["description"] = description
        if env_var is not UNSET:
            field_dict["env_var"] = env_var
        if is_editable is not UNSET:
            field_dict["is_editable"] = is_editable
        if is_required is not UNSET:
            field_dict["is_required"] = is_required
        if is_secret is not UNSET:
            field_dict["is_secret"] = is_secret
        if options is not UNSET:
            field_dict["options"] = options
        if requires_restart is not UNSET:
            field_dict["requires_restart"] = requires_restart
        if source is not UNSET:
            field_dict["source"] = source
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        key = src_dict["key"]

        default_value = src_dict.get("default_value", UNSET)

        description = src_dict.get("description", UNSET)

        env_var = src_dict.get("env_var", UNSET)

        is_editable = src_dict.get("is_editable", UNSET)

        is_required = src_dict.get("is_required", UNSET)

        is_secret = src_dict.get("is_secret", UNSET)

        options = _parse_options(src_dict.get("options", UNSET))

        requires_restart = src_dict.get("requires_restart", UNSET)

        source = src_dict.get("source", UNSET)

        value = src_dict.get("value", UNSET)

        config_item = cls(
            key=key,
            default_value=default_value,
            description=description,
            env_var=env_var,
            is_editable=is_editable,
            is_required=is_required,
            is_secret=is_secret,
            options=options,
            requires_restart=requires_restart,
            source=source,
            value=value,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        config_item.additional_properties = d
        return config_item

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


def _parse_options(data: object) -> list[str] | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, list):
            raise TypeError()
        options_type_0 = cast("list[str]", data)

        return options_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("list[str] | None | Unset", data)
