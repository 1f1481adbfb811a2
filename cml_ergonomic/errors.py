"""Every exception cml_ergonomic raises, and how server responses become them.

Our exception hierarchy::

    CMLError
    ├── ConfigurationError            the client was set up wrongly (raised by the constructor)
    ├── ValidationError               an argument broke a schema rule (client side), or a 422 (.errors)
    ├── APIStatusError                any other non-2xx answer (.status_code .response_body .request_id ...)
    │   ├── BadRequestError           400
    │   ├── AuthenticationError       401
    │   ├── AuthorizationError        403
    │   ├── NotFoundError             404
    │   ├── ConflictError             409
    │   ├── RateLimitError            429 (.retry_after)
    │   └── ServerError               5xx
    │       └── ServiceUnavailableError   503
    ├── CMLConnectionError            the server could not be reached (also a builtin ConnectionError)
    │   └── CMLTimeoutError           no answer in time (also a builtin TimeoutError)
    ├── StreamError                   an ``event: error`` in the middle of a stream
    └── ResponseValidationError       a 2xx body that does not match the schema

Every error has ``message`` and ``suggestion``; ``str()`` shows both and the
server's request id. No error ever holds an API key: messages are built from
the response and the request's method and URL, never from its headers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import httpx

from cml_ergonomic._serialize import loads

if TYPE_CHECKING:
    from cml_ergonomic._known_bugs import KnownBug

__all__ = [
    "APIStatusError",
    "AuthenticationError",
    "AuthorizationError",
    "BadRequestError",
    "CMLConnectionError",
    "CMLError",
    "CMLTimeoutError",
    "ConfigurationError",
    "ConflictError",
    "NotFoundError",
    "RateLimitError",
    "ResponseValidationError",
    "ServerError",
    "ServiceUnavailableError",
    "StreamError",
    "ValidationError",
]

_BODY_PREVIEW = 500


class CMLError(Exception):
    """Base of every cml_ergonomic error.

    Attributes:
        message: what went wrong.
        suggestion: what to do about it.
        request_id: the server's ``X-Request-ID`` for the failed request, if any.
        retries: how many retries were made before giving up.
        page: for an error in the middle of an auto-paginated listing, the page it stopped at.
    """

    page: int | None = None

    def __init__(self, message: str, *, suggestion: str = "", request_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.suggestion = suggestion
        self.request_id = request_id
        self.retries = 0

    def __str__(self) -> str:
        parts = [self.message]
        if self.suggestion:
            parts.append(f"Suggestion: {self.suggestion}")
        if self.request_id:
            parts.append(f"request_id={self.request_id}")
        return " | ".join(parts)


class ConfigurationError(CMLError):
    """The client's configuration is wrong; the suggestion says how to fix it."""


class ValidationError(CMLError):
    """An argument broke a rule of the server's schema, found on the client or by the server (422).

    Attributes:
        errors: FastAPI-style entries ``{"loc": [...], "msg": str, "type": str}``.
        field: the first offending field's name, when known.
        status_code: 422 when the server refused it; None for a client-side check (nothing was sent).
        response_body: the server's body, for a 422.
        method: the request's method, for a 422 ("" for a client-side check).
        url: the request's URL, for a 422 ("" for a client-side check).
    """

    def __init__(
        self,
        message: str,
        *,
        errors: list[dict[str, Any]] | None = None,
        suggestion: str = "",
        request_id: str | None = None,
        status_code: int | None = None,
        response_body: Any = None,
        method: str = "",
        url: str = "",
    ) -> None:
        super().__init__(message, suggestion=suggestion, request_id=request_id)
        self.errors = errors or []
        self.status_code = status_code
        self.response_body = response_body
        self.method = method
        self.url = url
        loc = self.errors[0].get("loc", []) if self.errors else []
        self.field: str | None = str(loc[-1]) if loc else None


class APIStatusError(CMLError):
    """The server answered with a non-2xx status.

    Attributes:
        status_code: the HTTP status.
        response_body: the parsed JSON body, or the text when it was not JSON.
        method: the request's HTTP method.
        url: the request's URL.
        retry_after: seconds the server asked us to wait (``Retry-After``), when it said.
        admin: True when the request carried the admin key (an admin operation), so a 401 is about that key.
        known_bug: the known server bug this answer shows (its version is in the message), if it is one;
            such an error is never retried.
    """

    admin: bool = False
    known_bug: KnownBug | None = None

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        response_body: Any = None,
        request_id: str | None = None,
        method: str = "",
        url: str = "",
        suggestion: str = "",
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, suggestion=suggestion, request_id=request_id)
        self.status_code = status_code
        self.response_body = response_body
        self.method = method
        self.url = url
        self.retry_after = retry_after


class BadRequestError(APIStatusError):
    """400: the server rejected the request's content."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing or wrong."""


class AuthorizationError(APIStatusError):
    """403: the key is valid but not allowed to do this (usually: an admin key is needed)."""


class NotFoundError(APIStatusError):
    """404: the resource (memory, session, route) does not exist."""


class ConflictError(APIStatusError):
    """409: the request conflicts with the resource's current state."""


class RateLimitError(APIStatusError):
    """429: too many requests; ``retry_after`` holds the delay the server asked for, if it said."""


class ServerError(APIStatusError):
    """5xx: the server failed."""


class ServiceUnavailableError(ServerError):
    """503: the server or one of its backing services is unavailable."""


class CMLConnectionError(CMLError, ConnectionError):
    """The server could not be reached, or the connection broke.

    Attributes:
        may_have_been_applied: False when the request certainly never reached
            the server (connection refused, connect timeout), so resending is safe.
    """

    def __init__(self, message: str, *, may_have_been_applied: bool, suggestion: str = "") -> None:
        super().__init__(message, suggestion=suggestion)
        self.may_have_been_applied = may_have_been_applied


class CMLTimeoutError(CMLConnectionError, TimeoutError):
    """The server did not answer in time (or the call's deadline passed)."""


class StreamError(CMLError):
    """The server reported an error in the middle of a stream (``event: error``).

    Attributes:
        data: the error event's payload.
    """

    def __init__(self, message: str, *, data: Any = None, suggestion: str = "", request_id: str | None = None) -> None:
        super().__init__(message, suggestion=suggestion, request_id=request_id)
        self.data = data


class ResponseValidationError(CMLError):
    """A 2xx body did not match the schema the client was generated from.

    Attributes:
        response_body: the body as received.
    """

    def __init__(self, message: str, *, response_body: Any = None, request_id: str | None = None) -> None:
        super().__init__(
            message,
            suggestion="The server's API may differ from the one this SDK was built for: "
            "run client.check_compatibility(), or upgrade cml-ergonomic.",
            request_id=request_id,
        )
        self.response_body = response_body


# --------------------------------------------------------------------------- mapping responses

_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: AuthorizationError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitError,
    503: ServiceUnavailableError,
}


def parse_body(response: httpx.Response) -> Any:
    """The body as JSON when it is JSON, else as text; never raises.

    Proxies answer with HTML, crashed servers with plain text or nothing, and
    connections can break mid-body: none of that may escape as a
    ``JSONDecodeError``.
    """
    try:
        content = response.content
    except (httpx.HTTPError, RuntimeError):
        return None
    if not content:
        return None
    try:
        return loads(content)  # the common case, UTF-8 JSON, at orjson's speed
    except ValueError:
        pass
    try:
        text = response.text
    except (httpx.HTTPError, UnicodeDecodeError, RuntimeError):
        return None
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def _detail_text(body: Any) -> str:
    if isinstance(body, Mapping):
        detail = body.get("detail", body.get("message", body.get("error")))
        if isinstance(detail, str):
            return detail
        if isinstance(detail, list):
            return "; ".join(_describe_validation_error(e) for e in detail if isinstance(e, Mapping))
        if detail is not None:
            return json.dumps(detail)[:_BODY_PREVIEW]
        return json.dumps(dict(body))[:_BODY_PREVIEW]
    if isinstance(body, str):
        stripped = body.strip()
        if stripped.lower().startswith(("<!doctype", "<html")):
            return "an HTML page (probably from a proxy or load balancer, not the CML server)"
        return stripped[:_BODY_PREVIEW]
    return "no body"


def _describe_validation_error(entry: Mapping[str, Any]) -> str:
    loc = [str(part) for part in entry.get("loc", []) if part != "body"]
    where = ".".join(loc) or "request"
    return f"{where}: {entry.get('msg', 'invalid')}"


def _validation_entries(body: Any) -> list[dict[str, Any]]:
    if isinstance(body, Mapping) and isinstance(body.get("detail"), list):
        return [dict(e) for e in body["detail"] if isinstance(e, Mapping)]
    return []


# After a failure that may have followed the change (a 5xx other than 503, a broken connection, no answer),
# resending a mutating call could apply it twice: the advice is to look first, never to retry.
READ_BACK_FIRST = "the change may have been applied. Read it back before you resend it, so it is not applied twice."


def _suggestion(
    status: int, detail: str, method: str, path: str, admin: bool, entries: list[dict[str, Any]], mutating: bool
) -> str:
    if status == 401 and admin:
        return (
            "Check the admin key: pass admin_api_key=... to the client or set CML_ADMIN_API_KEY "
            "(the server compares it with its AUTH__ADMIN_API_KEY)."
        )
    if status == 401:
        return (
            "Check the API key: pass api_key=... to the client or set CML_API_KEY "
            "(the server compares it with its AUTH__API_KEY)."
        )
    if status == 403:
        if admin or "admin" in detail.lower():
            return (
                "This operation needs the admin key: pass admin_api_key=... or set CML_ADMIN_API_KEY. "
                "X-Tenant-Id also takes effect only with the admin key."
            )
        return "The key is not allowed to do this; an admin key (admin_api_key / CML_ADMIN_API_KEY) may be needed."
    if status == 404:
        resource = _resource_of(path)
        return f"The {resource} was not found: check the id you passed ({method} {path})."
    if status == 422:
        if entries:
            first = entries[0]
            return f"Fix the field '{_describe_validation_error(first).split(':')[0]}': {first.get('msg', 'invalid')}."
        return "The server rejected the request body; check the arguments against the method's docstring."
    if status == 429:
        return "Too many requests: wait and retry, or slow down (the server's AUTH__RATE_LIMIT_REQUESTS_PER_MINUTE)."
    if status == 503:
        return (
            "The server or a service behind it (PostgreSQL, Redis, Neo4j) is unavailable: "
            "check the server's health and logs, then retry."
        )
    if status >= 500 and mutating:
        return (
            f"The server failed after it received the request: {READ_BACK_FIRST} "
            "Report the request id to the server's operators if it persists."
        )
    if status >= 500:
        return "The server failed; retry later, and report the request id to the server's operators if it persists."
    if status == 409:
        return "The request conflicts with the resource's current state; read it again and retry."
    return "Check the arguments against the method's docstring."


def _redirect_advice(response: httpx.Response) -> str:
    """Where a 3xx pointed, and the ``base_url`` to use when only the origin or a trailing slash differs.

    Redirects are never followed: the API key must not travel to another origin.
    """
    location = response.headers.get("location")
    refused = "The SDK does not follow redirects, so that the API key never reaches another address."
    if not location:
        return f"The server answered {response.status_code} without saying where to. {refused}"
    request_url = response.request.url
    target = request_url.join(location)  # httpx has checked it already (a bad one is a RemoteProtocolError)
    asked, went = request_url.path, target.path
    if went.rstrip("/") != asked.rstrip("/"):
        return f"The server redirected to {target}. {refused} Check base_url against the server's address."
    same_origin = (target.scheme, target.host, target.port) == (request_url.scheme, request_url.host, request_url.port)
    if same_origin:
        slash = "with" if went.endswith("/") else "without"
        return (
            f"The server redirected to the same path {slash} a trailing slash ({target}): something in front of "
            f"the CML server rewrites paths. {refused} Point base_url at the CML server itself."
        )
    prefix = _base_path(asked)
    origin = f"{target.scheme}://{target.netloc.decode('ascii')}"
    return f"The server redirected to {target}. {refused} Use base_url='{origin}{prefix}'."


def _base_path(path: str) -> str:
    """The part of a request's path that comes from base_url (before ``/api/`` or ``/openapi.json``)."""
    for marker in ("/api/", "/openapi.json"):
        index = path.find(marker)
        if index >= 0:
            return path[:index]
    return ""


def _resource_of(path: str) -> str:
    if "/session/" in path:
        return "session"
    if "/memory/update" in path or "/memory/forget" in path:
        return "memory"
    if "/admin/" in path:
        return "user"
    return "resource"


def error_from_response(
    response: httpx.Response,
    *,
    admin: bool = False,
    retry_after: float | None = None,
    mutating: bool = False,
) -> APIStatusError | ValidationError:
    """Turn a non-2xx response into the matching typed exception.

    Args:
        response: the response (its body may be HTML, empty, truncated or JSON).
        admin: whether the operation needs the admin key (shapes the 403 suggestion).
        mutating: whether the operation changes server state (a 5xx then says to read it back first).
        retry_after: the parsed ``Retry-After`` delay, for a 429.

    Returns:
        The exception to raise; a 422 gives a ValidationError.
    """
    body = parse_body(response)
    request = response.request
    method, url = request.method, str(request.url)
    path = request.url.path
    status = response.status_code
    request_id = response.headers.get("x-request-id")
    detail = _detail_text(body)
    entries = _validation_entries(body)
    suggestion = _suggestion(status, detail, method, path, admin, entries, mutating)
    message = f"{method} {path} failed with {status}: {detail}"
    if status == 422:
        return ValidationError(
            message,
            errors=entries,
            suggestion=suggestion,
            request_id=request_id,
            status_code=status,
            response_body=body,
            method=method,
            url=url,
        )
    cls = _STATUS_CLASSES.get(status) or (ServerError if status >= 500 else APIStatusError)
    if 300 <= status < 400:
        suggestion = _redirect_advice(response)
    if retry_after is not None and status == 429:
        suggestion = f"The server asked to wait {retry_after:g}s before retrying."
    error = cls(
        message,
        status_code=status,
        response_body=body,
        request_id=request_id,
        method=method,
        url=url,
        suggestion=suggestion,
        retry_after=retry_after,
    )
    error.admin = admin
    return error


def connection_error(exc: httpx.TransportError, *, method: str, url: str, mutating: bool) -> CMLConnectionError:
    """Turn an httpx transport failure into our error, saying whether the request may have been applied.

    Args:
        exc: the httpx exception.
        method: the request's method.
        url: the request's URL (no credentials are ever part of it).
        mutating: whether the operation changes server state.

    Returns:
        A CMLTimeoutError for timeouts, else a CMLConnectionError.
    """
    never_sent = isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)
    base = url.split("/api/", 1)[0]
    if isinstance(exc, httpx.ConnectError):
        suggestion = f"Could not connect to {base}: is the CML server running there? Check base_url / CML_BASE_URL."
    elif never_sent:
        suggestion = f"Connecting to {base} timed out: check the network and base_url, or raise the connect timeout."
    elif mutating and isinstance(exc, httpx.TimeoutException):
        suggestion = f"No answer came in time after the request was sent: {READ_BACK_FIRST}"
    elif mutating:
        suggestion = f"The connection broke after the request was sent: {READ_BACK_FIRST}"
    else:
        suggestion = "The server did not answer in time or dropped the connection; retry, or raise the timeout."
    cls = CMLTimeoutError if isinstance(exc, httpx.TimeoutException) else CMLConnectionError
    kind = type(exc).__name__
    return cls(
        f"{method} {url} failed: {kind}: {exc or 'no detail'}",
        may_have_been_applied=not never_sent,
        suggestion=suggestion,
    )
