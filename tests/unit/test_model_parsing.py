"""The generated models' own from_dict (codegen/templates/model.py.jinja): fast, and as faithful as before."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from cml_api_client.models.memory_item import MemoryItem
from cml_api_client.types import parse_uuid

from tests.unit.conftest import memory_item

UUID_INPUTS: list[Any] = [
    str(uuid.uuid4()),
    str(uuid.uuid4()).upper(),
    "{" + str(uuid.uuid4()) + "}",
    uuid.uuid4().hex,
    "urn:uuid:" + str(uuid.uuid4()),
    "aaaaaaaa-aaaa-aaaa-aaaa-aaaa-aaaaaaa",  # 36 characters, a hyphen too many
    "-aaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa",  # a sign int() would accept
    "aaaaaaa_-aaaa-aaaa-aaaa-aaaaaaaaaaaa",  # an underscore int() would accept
    "zzzzzzzz-aaaa-aaaa-aaaa-aaaaaaaaaaaa",
    "",
    123,
    None,
]


def outcome(parse: Any, value: Any) -> tuple[Any, ...]:
    try:
        parsed = parse(value)
    except Exception as exc:
        return (type(exc),)
    return (type(parsed), parsed, str(parsed), parsed.is_safe, hash(parsed))


@pytest.mark.parametrize("value", UUID_INPUTS, ids=repr)
def test_parse_uuid_is_uuid(value: Any) -> None:
    assert outcome(parse_uuid, value) == outcome(uuid.UUID, value)


def test_unknown_fields_are_kept_and_the_source_is_left_alone() -> None:
    raw = {**memory_item("User prefers tea"), "new_field": {"a": 1}}
    before = {k: (dict(v) if isinstance(v, dict) else v) for k, v in raw.items()}
    item = MemoryItem.from_dict(raw)
    assert item.additional_properties == {"new_field": {"a": 1}}
    # the same dict back, the naive time now with the UTC it meant
    assert item.to_dict() == {**raw, "metadata": raw["metadata"], "timestamp": raw["timestamp"] + "+00:00"}
    assert raw == before  # nothing popped from the caller's dict
    item.additional_properties["more"] = 1
    assert "more" not in raw
    assert MemoryItem.from_dict(memory_item()).additional_properties == {}


def test_a_missing_required_field_still_raises() -> None:
    raw = memory_item()
    del raw["text"]
    with pytest.raises(KeyError):
        MemoryItem.from_dict(raw)
    with pytest.raises((TypeError, AttributeError)):
        MemoryItem.from_dict(["not", "an", "object"])  # type: ignore[arg-type]


def test_the_type_check_sees_every_distinct_item_of_a_read() -> None:
    from cml_ergonomic._results import ReadResult
    from cml_ergonomic._shape import check_shape
    from tests.unit.conftest import read_body

    good = memory_item("User prefers tea")
    body = read_body("q", memories=[good], episodes=[dict(good)])
    result = ReadResult.from_dict(body)
    check_shape(result, body)  # episodes repeat the memories: fine, and checked once
    assert result.episodes[0] is result.memories[0]
    bad = {**memory_item("User prefers coffee"), "confidence": True}  # a bool is not a float here
    for lists in ({"facts": [bad]}, {"episodes": [dict(good), bad]}, {"memories": [good, bad]}):
        body = read_body("q", **{"memories": [good], **lists})
        with pytest.raises(TypeError, match="confidence"):
            check_shape(ReadResult.from_dict(body), body)
