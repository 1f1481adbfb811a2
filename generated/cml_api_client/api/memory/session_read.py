from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.http_validation_error import HTTPValidationError
from ...models.read_memory_request import ReadMemoryRequest
from ...models.read_memory_response import ReadMemoryResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    session_id: str,
    *,
    body: ReadMemoryRequest,
    x_tenant_id: None | str | Unset = UNSET,
    x_user_id: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_tenant_id, Unset):
        headers["x-tenant-id"] = x_tenant_id

    if not isinstance(x_user_id, Unset):
        headers["x-user-id"] = x_user_id

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/session/{session_id}/read".format(
            session_id=quote(str(session_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | HTTPValidationError | ReadMemoryResponse | None:
    if response.status_code == 200:
        response_200 = ReadMemoryResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorDetail.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorDetail.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorDetail.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorDetail.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ErrorDetail.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorDetail.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorDetail.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ErrorDetail.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorDetail | HTTPValidationError | ReadMemoryResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    session_id: str,
    *,
    client: AuthenticatedClient,
    body: ReadMemoryRequest,
    x_tenant_id: None | str | Unset = UNSET,
    x_user_id: None | str | Unset = UNSET,
) -> Response[ErrorDetail | HTTPValidationError | ReadMemoryResponse]:
    """Session Read

     [Deprecated] Use /memory/read instead. This endpoint is session-scoped by path `session_id`.

    Args:
        session_id (str):
        x_tenant_id (None | str | Unset):
        x_user_id (None | str | Unset):
        body (ReadMemoryRequest): Request to retrieve memories. Holistic: tenant-only.

            Reconciled canonical: the response-format field is ``response_format`` with
            input alias ``format`` (populate_by_name), and ``max_results`` carries
            ``ge=1``. The wire input key stays ``format`` (via the alias).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | HTTPValidationError | ReadMemoryResponse]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        body=body,
        x_tenant_id=x_tenant_id,
        x_user_id=x_user_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    session_id: str,
    *,
    client: AuthenticatedClient,
    body: ReadMemoryRequest,
    x_tenant_id: None | str | Unset = UNSET,
    x_user_id: None | str | Unset = UNSET,
) -> ErrorDetail | HTTPValidationError | ReadMemoryResponse | None:
    """Session Read

     [Deprecated] Use /memory/read instead. This endpoint is session-scoped by path `session_id`.

    Args:
        session_id (str):
        x_tenant_id (None | str | Unset):
        x_user_id (None | str | Unset):
        body (ReadMemoryRequest): Request to retrieve memories. Holistic: tenant-only.

            Reconciled canonical: the response-format field is ``response_format`` with
            input alias ``format`` (populate_by_name), and ``max_results`` carries
            ``ge=1``. The wire input key stays ``format`` (via the alias).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | HTTPValidationError | ReadMemoryResponse
    """

    return sync_detailed(
        session_id=session_id,
        client=client,
        body=body,
        x_tenant_id=x_tenant_id,
        x_user_id=x_user_id,
    ).parsed


async def asyncio_detailed(
    session_id: str,
    *,
    client: AuthenticatedClient,
    body: ReadMemoryRequest,
    x_tenant_id: None | str | Unset = UNSET,
    x_user_id: None | str | Unset = UNSET,
) -> Response[ErrorDetail | HTTPValidationError | ReadMemoryResponse]:
    """Session Read

     [Deprecated] Use /memory/read instead. This endpoint is session-scoped by path `session_id`.

    Args:
        session_id (str):
        x_tenant_id (None | str | Unset):
        x_user_id (None | str | Unset):
        body (ReadMemoryRequest): Request to retrieve memories. Holistic: tenant-only.

            Reconciled canonical: the response-format field is ``response_format`` with
            input alias ``format`` (populate_by_name), and ``max_results`` carries
            ``ge=1``. The wire input key stays ``format`` (via the alias).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | HTTPValidationError | ReadMemoryResponse]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        body=body,
        x_tenant_id=x_tenant_id,
        x_user_id=x_user_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    session_id: str,
    *,
    client: AuthenticatedClient,
    body: ReadMemoryRequest,
    x_tenant_id: None | str | Unset = UNSET,
    x_user_id: None | str | Unset = UNSET,
) -> ErrorDetail | HTTPValidationError | ReadMemoryResponse | None:
    """Session Read

     [Deprecated] Use /memory/read instead. This endpoint is session-scoped by path `session_id`.

    Args:
        session_id (str):
        x_tenant_id (None | str | Unset):
        x_user_id (None | str | Unset):
        body (ReadMemoryRequest): Request to retrieve memories. Holistic: tenant-only.

            Reconciled canonical: the response-format field is ``response_format`` with
            input alias ``format`` (populate_by_name), and ``max_results`` carries
            ``ge=1``. The wire input key stays ``format`` (via the alias).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | HTTPValidationError | ReadMemoryResponse
    """

    return (
        await asyncio_detailed(
            session_id=session_id,
            client=client,
            body=body,
            x_tenant_id=x_tenant_id,
            x_user_id=x_user_id,
        )
    ).parsed
