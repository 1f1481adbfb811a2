"""A client library for accessing Cognitive Memory Layer"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .client import AuthenticatedClient, Client

# The CML server authenticates with an API key in this header (its OpenAPI
# security scheme "APIKeyHeader"), not with "Authorization: Bearer".
API_KEY_HEADER = "X-API-Key"


def authenticated_client(
    *, base_url: str, api_key: str, **kwargs: Any
) -> AuthenticatedClient:
    """An AuthenticatedClient that sends ``api_key`` the way the CML server expects it.

    Any further keyword argument is passed to ``AuthenticatedClient``.
    """
    from .client import AuthenticatedClient

    return AuthenticatedClient(
        base_url=base_url,
        token=api_key,
        auth_header_name=API_KEY_HEADER,
        prefix="",
        **kwargs,
    )


def __getattr__(name: str) -> Any:
    # The client classes load on first use: importing a model (cml_api_client.models.*) loads this
    # package, and a program that only parses models never needs them.
    if name in ("AuthenticatedClient", "Client"):
        from . import client

        return getattr(client, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = (
    "API_KEY_HEADER",
    "AuthenticatedClient",
    "Client",
    "authenticated_client",
)
