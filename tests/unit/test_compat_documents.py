"""``check_compatibility()`` when ``/openapi.json`` is not an OpenAPI 3 document.

A proxy's HTML page, an empty answer, Swagger 2, JSON of another kind, a document whose references do not
resolve: none of these may read as "compatible", nor as "every operation was removed". The report says the
comparison could not be made (``error``), names no issue and no method, and is not ``compatible``.
"""

from __future__ import annotations

import copy
import logging
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from cml_ergonomic import NotFoundError
from cml_ergonomic._compat import load_snapshot
from tests.unit.conftest import BASE_URL, read_body

pytestmark = pytest.mark.anyio

MakeClient = Any
URL = f"{BASE_URL}/openapi.json"


def _dangling_reference() -> dict[str, Any]:
    live = copy.deepcopy(load_snapshot())
    del live["components"]["schemas"]["ReadMemoryResponse"]  # still referenced by POST /memory/read
    return live


NOT_OPENAPI = {
    "html": {"content": b"<!DOCTYPE html><html><body>Sign in to continue</body></html>", "content_type": "text/html"},
    "empty": {"content": b"", "content_type": "application/json"},
    "list": {"content": b"[]", "content_type": "application/json"},
    "string": {"content": b'"openapi"', "content_type": "application/json"},
    "swagger-2": {"content": b'{"swagger": "2.0", "paths": {}}', "content_type": "application/json"},
    "openapi-2-number": {"content": b'{"openapi": 2, "paths": {}}', "content_type": "application/json"},
}


@pytest.mark.parametrize("case", list(NOT_OPENAPI), ids=str)
async def test_a_document_that_is_not_openapi_3_is_no_verdict(
    make_client: MakeClient, httpx_mock: HTTPXMock, case: str
) -> None:
    answer = NOT_OPENAPI[case]
    httpx_mock.add_response(url=URL, content=answer["content"], headers={"content-type": answer["content_type"]})

    report = await make_client().call("check_compatibility")

    assert report.compatible is False
    assert report.error is not None and "OpenAPI" in report.error
    assert report.issues == []
    assert report.affected_methods == ()
    assert str(report).startswith("compatibility unknown")
    assert ("HTML" in report.error) is (case == "html")  # a login or proxy page is named as such


async def test_check_server_on_an_html_page_warns_and_the_call_goes_on(
    make_client: MakeClient, httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture
) -> None:
    html = NOT_OPENAPI["html"]
    httpx_mock.add_response(url=URL, content=html["content"], headers={"content-type": html["content_type"]})
    httpx_mock.add_response(url=f"{BASE_URL}/api/v1/memory/read", json=read_body())
    d = make_client(check_server=True)

    with caplog.at_level(logging.WARNING, logger="cml_ergonomic"):
        result = await d.call("read", "preferences")

    assert result.total_count == 1
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warned) == 1 and "HTML page" in warned[0]  # not silently skipped


@pytest.mark.parametrize(
    ("document", "named"),
    [
        ({"openapi": "3.1.0", "info": {"title": "x", "version": "1"}}, "paths"),
        ({"openapi": "3.1.0", "paths": ["/api/v1/health"]}, "paths"),
        (None, "ReadMemoryResponse"),  # the snapshot with a component removed that it still refers to
    ],
    ids=["no-paths", "paths-not-an-object", "dangling-ref"],
)
async def test_an_openapi_3_document_that_cannot_be_read_is_no_verdict(
    make_client: MakeClient, httpx_mock: HTTPXMock, document: dict[str, Any] | None, named: str
) -> None:
    httpx_mock.add_response(url=URL, json=_dangling_reference() if document is None else document)

    report = await make_client().call("check_compatibility")

    assert report.compatible is False
    assert report.issues == []
    assert report.error is not None and named in report.error
    assert report.error in str(report)


async def test_a_server_without_the_document_raises(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=URL, status_code=404, json={"detail": "Not Found"})

    with pytest.raises(NotFoundError):
        await make_client(max_retries=0).call("check_compatibility")


async def test_the_same_document_reads_as_compatible(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=URL, json=load_snapshot())

    report = await make_client().call("check_compatibility")

    assert report.compatible is True and report.error is None
    assert str(report).startswith("compatible")
