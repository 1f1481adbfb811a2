from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.http_validation_error import HTTPValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    x_tenant_id: None | str | Unset = UNSET,
    x_user_id: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_tenant_id, Unset):
        headers["x-tenant-id"] = x_tenant_id

    if not isinstance(x_user_id, Unset):
        headers["x-user-id"] = x_user_id

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/admin/consolidation/status",
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorDetail | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = response.json()
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
) -> Response[Any | ErrorDetail | HTTPValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    x_tenant_id: None | str | Unset = UNSET,
    x_user_id: None | str | Unset = UNSET,
) -> Response[Any | ErrorDetail | HTTPValidationError]:
    """Consolidation Status

     Whether the background consolidation sweep is running, and how often it has fired.

    Trigger counts rather than config: this subsystem shipped with a documented 6-hour
    interval that had no caller, and reading the diff is what missed that three times.

    Args:
        x_tenant_id (None | str | Unset):
        x_user_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorDetail | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        x_tenant_id=x_tenant_id,
        x_user_id=x_user_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    x_tenant_id: None | str | Unset = UNSET,
    x_user_id: None | str | Unset = UNSET,
) -> Any | ErrorDetail | HTTPValidationError | None:
    """Consolidation Status

     Whether the background consolidation sweep is running, and how often it has fired.

    Trigger counts rather than config: this subsystem shipped with a documented 6-hour
    interval that had no caller, and reading the diff is what missed that three times.

    Args:
        x_tenant_id (None | str | Unset):
        x_user_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorDetail | HTTPValidationError
    """

    return sync_detailed(
        client=client,
        x_tenant_id=x_tenant_id,
        x_user_id=x_user_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    x_tenant_id: None | str | Unset = UNSET,
    x_user_id: None | str | Unset = UNSET,
) -> Response[Any | ErrorDetail | HTTPValidationError]:
    """Consolidation Status

     Whether the background consolidation sweep is running, and how often it has fired.

    Trigger counts rather than config: this subsystem shipped with a documented 6-hour
    interval that had no caller, and reading the diff is what missed that three times.

    Args:
        x_tenant_id (None | str | Unset):
        x_user_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorDetail | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        x_tenant_id=x_tenant_id,
        x_user_id=x_user_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    x_tenant_id: None | str | Unset = UNSET,
    x_user_id: None | str | Unset = UNSET,
) -> Any | ErrorDetail | HTTPValidationError | None:
    """Consolidation Status

     Whether the background consolidation sweep is running, and how often it has fired.

    Trigger counts rather than config: this subsystem shipped with a documented 6-hour
    interval that had no caller, and reading the diff is what missed that three times.

    Args:
        x_tenant_id (None | str | Unset):
        x_user_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorDetail | HTTPValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            x_tenant_id=x_tenant_id,
            x_user_id=x_user_id,
        )
    ).parsed
