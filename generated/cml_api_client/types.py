"""Contains some shared types for properties"""

from collections.abc import Mapping, MutableMapping
from datetime import UTC, datetime
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar
from uuid import UUID, SafeUUID

from attrs import define
from attrs import fields as attrs_fields
from attrs import has as attrs_has


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# UUID() spends most of its time on the forms a server never sends (braces, "urn:uuid:", no hyphens).
# A UUID is its 128-bit int and an is_safe flag (its __slots__), which is all UUID() sets.
_UUID_SLOTS_KNOWN = {"int", "is_safe"} <= set(getattr(UUID, "__slots__", ()))
_new = object.__new__
_set = object.__setattr__
_UNKNOWN = (
    SafeUUID.unknown
)  # an enum member is looked up through a descriptor: once, here


def parse_uuid(value: str) -> UUID:
    """``UUID(value)``, faster for the canonical 8-4-4-4-12 form: same result, same errors."""
    if (
        _UUID_SLOTS_KNOWN
        and type(value) is str
        and len(value) == 36
        and value[8] == value[13] == value[18] == value[23] == "-"
    ):
        digits = value.replace("-", "")
        if len(digits) == 32:
            try:
                number = int(digits, 16)
            except ValueError:
                return UUID(value)  # raises UUID's own error
            if number >= 0:
                uuid = _new(UUID)
                _set(uuid, "int", number)
                _set(uuid, "is_safe", _UNKNOWN)
                return uuid
    return UUID(value)


def parse_datetime(value: str) -> datetime:
    """An ISO 8601 date-time as an aware datetime in UTC.

    The server sends its times without a zone (``2026-12-02T06:17:16.123456``,
    or with a space for ``T`` in the read stream) and means UTC: a naive value
    is read as UTC, an aware one converted to UTC. Every datetime a model holds
    can then be compared with ``datetime.now(UTC)`` and sent back unchanged.
    """
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is not None:
        return parsed if parsed.tzinfo is UTC else parsed.astimezone(UTC)
    # Every read parses one per memory, and CPython's replace(tzinfo=) costs twice this second parse.
    # A date without a time takes no offset: Python drops it or refuses it, and replace() is left.
    try:
        aware = datetime.fromisoformat(value + "+00:00")
    except ValueError:
        aware = parsed
    return aware if aware.tzinfo is UTC else parsed.replace(tzinfo=UTC)


# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


# --------------------------------------------------------------------------- str() of a model, for people

_TEXT_PREVIEW = 120
_LIST_PREVIEW = 5


def readable(model: Any) -> str:
    """``str()`` of a model: ``Name(field=value, ...)`` with the fields that are set, by their JSON names.

    Unset and None fields are left out, and so are attrs' internals (``additional_properties`` is shown as the
    keys it holds) and the server's private keys (``_similarity`` ...); texts and lists are cut short.
    """
    parts = [
        f"{name}={_readable_value(value)}"
        for name, value in _readable_fields(model)
        if value is not None and not isinstance(value, Unset)
    ]
    return f"{type(model).__name__}({', '.join(parts)})"


def _readable_fields(model: Any) -> list[tuple[str, Any]]:
    fields = [
        (field.name.removesuffix("_"), getattr(model, field.name))
        for field in attrs_fields(type(model))
        if field.name != "additional_properties" and field.init
    ]
    extra = getattr(model, "additional_properties", None) or {}
    return fields + [
        (str(key), value)
        for key, value in extra.items()
        if not str(key).startswith("_")
    ]


def _readable_value(value: Any) -> str:
    if attrs_has(type(value)):
        if not [
            f for f in attrs_fields(type(value)) if f.name != "additional_properties"
        ]:
            extra = getattr(
                value, "additional_properties", {}
            )  # a free-form object (metadata): show it as one
            return _readable_value(
                {k: v for k, v in extra.items() if not str(k).startswith("_")}
            )
        return readable(value)
    if isinstance(value, str):
        return repr(
            value if len(value) <= _TEXT_PREVIEW else value[: _TEXT_PREVIEW - 1] + "…"
        )
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, list):
        if value and attrs_has(type(value[0])):
            return f"[{len(value)} {type(value[0]).__name__}]"
        shown = ", ".join(_readable_value(v) for v in value[:_LIST_PREVIEW])
        more = (
            f", … {len(value) - _LIST_PREVIEW} more"
            if len(value) > _LIST_PREVIEW
            else ""
        )
        return f"[{shown}{more}]"
    if isinstance(value, Mapping):
        shown = ", ".join(
            f"{k}: {_readable_value(v)}" for k, v in list(value.items())[:_LIST_PREVIEW]
        )
        more = (
            f", … {len(value) - _LIST_PREVIEW} more"
            if len(value) > _LIST_PREVIEW
            else ""
        )
        return f"{{{shown}{more}}}"
    return repr(value)


__all__ = [
    "UNSET",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Unset",
    "parse_uuid",
    "readable",
]
