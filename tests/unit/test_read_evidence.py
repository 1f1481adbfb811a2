"""What server 2.0.0 adds to a read: ``warnings``, ``open_questions`` and ``sufficiency``, typed on every version."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytest_httpx import HTTPXMock

from cml_ergonomic import ReadResult
from tests.unit.conftest import Driver, read_body

MakeClient = Callable[..., Driver]

SUFFICIENCY = {"evidence_strength": 0.4121, "supporting_memories": 0, "retrieved": 3, "sufficient": False}


@pytest.mark.anyio
async def test_a_2_0_read_carries_its_evidence_typed(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    body = read_body(
        warnings=["conflict: lives in Oslo / lives in Bergen"],
        open_questions=["Does the user still live in Oslo?"],
        sufficiency=SUFFICIENCY,
    )
    httpx_mock.add_response(json=body)

    result = await make_client().call("read", "where does the user live")

    assert result.warnings == ["conflict: lives in Oslo / lives in Bergen"]
    assert result.open_questions == ["Does the user still live in Oslo?"]
    assert result.sufficiency == SUFFICIENCY
    assert type(result.sufficiency) is dict  # a plain Sufficiency TypedDict, not the generated wrapper
    text = str(result)
    assert "insufficient evidence: strongest 0.41" in text
    assert "warning: conflict: lives in Oslo / lives in Bergen" in text
    assert "open question: Does the user still live in Oslo?" in text
    assert result.to_dict()["sufficiency"] == SUFFICIENCY  # still serialises as the server sent it


@pytest.mark.anyio
async def test_a_1_5_read_has_empty_evidence(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    body = read_body()
    for name in ("warnings", "open_questions", "sufficiency"):
        assert name not in body  # what 1.5.1 sends
    httpx_mock.add_response(json=body)

    result = await make_client().call("read", "preferences")

    assert result.warnings == [] and result.open_questions == [] and result.sufficiency is None
    assert "warning" not in str(result) and "insufficient" not in str(result)


def test_a_sufficient_read_says_nothing_extra() -> None:
    result = ReadResult.from_dict(read_body(sufficiency={**SUFFICIENCY, "sufficient": True, "evidence_strength": 0.9}))
    assert result.sufficiency is not None and result.sufficiency["sufficient"] is True
    assert "insufficient" not in str(result)


def test_a_degraded_read_has_empty_evidence() -> None:
    result = ReadResult.degraded_empty("q", "the server is down")
    assert result.warnings == [] and result.open_questions == [] and result.sufficiency is None
