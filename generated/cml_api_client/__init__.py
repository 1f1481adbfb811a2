"""A client library for accessing Cognitive Memory Layer"""

from .client import AuthenticatedClient, Client

# The CML server authenticates with an API key in this header (its OpenAPI
# security scheme "APIKeyHeader"), not with "Authorization: Bearer".
API_KEY_HEADER = "X-API-Key"


def authenticated_client(
    *, base_url: str, api_key: str, **kwargs
) -> AuthenticatedClient:
    """An AuthenticatedClient that sends ``api_key`` the way the CML server expects it.

    Any further keyword argument is passed to ``AuthenticatedClient``.
    """
    return AuthenticatedClient(
        base_url=base_url,
        token=api_key,
        auth_header_name=API_KEY_HEADER,
        prefix="",
        **kwargs,
    )


__all__ = (
    "API_KEY_HEADER",
    "AuthenticatedClient",
    "Client",
    "authenticated_client",
)
