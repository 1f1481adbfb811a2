"""Client configuration: constructor arguments, their environment fallbacks, and their checks.

Every mistake is caught here, in the constructor, with a ConfigurationError
that says how to fix it; nothing is sent before the configuration is sound.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import httpx

from cml_ergonomic.errors import ConfigurationError

DEFAULT_BASE_URL = "http://localhost:8000"
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
DEFAULT_RETRY_AFTER_CAP = 60.0


class Secret:
    """A string that never shows itself: not in ``repr``, ``str``, logs or tracebacks.

    ``reveal()`` is the one way to read it, used only where the header is built.
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The secret value."""
        return self._value

    @property
    def hint(self) -> str:
        """``***`` and the last four characters, enough to tell two keys apart."""
        return mask(self._value)

    def __repr__(self) -> str:
        return f"Secret({self.hint!r})"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


def mask(value: str) -> str:
    """``***abcd``: a secret's last four characters behind a mask (all masked when short)."""
    return "***" + value[-4:] if len(value) >= 12 else "***"


@dataclass(frozen=True, slots=True)
class ClientConfig:
    """The resolved, checked configuration of a client. Immutable; ``with_options`` makes copies."""

    api_key: Secret
    base_url: str
    tenant_id: str | None
    user_id: str | None
    admin_api_key: Secret | None
    timeout: httpx.Timeout
    max_retries: int
    deadline: float | None  # None: derived per call from the timeout and the retries
    retry_after_cap: float
    http2: bool
    default_headers: Mapping[str, str] = field(default_factory=dict)
    # The deadline of a call that sets none: ``deadline`` when given, else derived from the timeout and the retries.
    call_deadline: float = field(init=False)

    def __post_init__(self) -> None:
        from cml_ergonomic._retry import derived_deadline

        given = self.deadline
        object.__setattr__(
            self, "call_deadline", given if given is not None else derived_deadline(self.timeout, self.max_retries)
        )

    def __repr__(self) -> str:
        return f"ClientConfig(base_url={self.base_url!r}, tenant_id={self.tenant_id!r}, api_key={self.api_key!r})"

    def evolve(self, **changes: Any) -> ClientConfig:
        """A copy with ``changes`` applied (already checked by the caller)."""
        return replace(self, **changes)


def _env(name: str) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else None


def resolve_timeout(value: float | httpx.Timeout | None, *, source: str = "timeout") -> httpx.Timeout:
    """Turn a float or ``httpx.Timeout`` into a checked ``httpx.Timeout``.

    Args:
        value: seconds for every phase, an ``httpx.Timeout``, or None for the default.
        source: how the user named it, for the message.

    Returns:
        The timeout.

    Raises:
        ConfigurationError: the value is negative or zero, or not a number.
    """
    if value is None:
        return DEFAULT_TIMEOUT
    if isinstance(value, httpx.Timeout):
        phases = (value.connect, value.read, value.write, value.pool)
        if any(p is not None and p <= 0 for p in phases):
            raise ConfigurationError(
                f"{source} has a phase <= 0: {value!r}",
                suggestion="Use positive seconds, or None for no limit on a phase.",
            )
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigurationError(
            f"{source} must be seconds (float) or httpx.Timeout, got {type(value).__name__}",
            suggestion="e.g. timeout=10.0 or timeout=httpx.Timeout(30.0, connect=5.0)",
        )
    if value <= 0:
        raise ConfigurationError(f"{source} must be positive, got {value}", suggestion="e.g. timeout=10.0")
    return httpx.Timeout(float(value))


def check_retries(value: object, *, source: str = "max_retries") -> int:
    """Check a retry count.

    Raises:
        ConfigurationError: not a whole number >= 0.
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigurationError(
            f"{source} must be a whole number >= 0, got {value!r}", suggestion="e.g. max_retries=2 (0 disables retries)"
        )
    return value


def check_deadline(value: object, *, source: str = "deadline") -> float:
    """Check a per-call deadline in seconds.

    Raises:
        ConfigurationError: not a positive number.
    """
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ConfigurationError(f"{source} must be positive seconds, got {value!r}", suggestion="e.g. deadline=60")
    return float(value)


def _number_env(name: str, kind: type[int] | type[float], example: str) -> Any:
    raw = _env(name)
    if raw is None:
        return None
    try:
        return kind(raw)
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        raise ConfigurationError(f"{name}={raw!r} is not {what}", suggestion=f"e.g. {name}={example}") from None


def _check_base_url(url: str) -> str:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise ConfigurationError(
            f"base_url {url!r} is not a URL ({exc})", suggestion="e.g. base_url='http://localhost:8000'"
        ) from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ConfigurationError(
            f"base_url {url!r} needs a scheme and a host",
            suggestion=f"Write it in full, e.g. 'http://{url.split('://')[-1] or 'localhost:8000'}'.",
        )
    return url.rstrip("/")


def resolve_config(
    *,
    api_key: str | None,
    base_url: str | None,
    tenant_id: str | None,
    user_id: str | None,
    admin_api_key: str | None,
    timeout: float | httpx.Timeout | None,
    max_retries: int | None,
    deadline: float | None,
    retry_after_cap: float,
    http2: bool,
    default_headers: Mapping[str, str] | None,
) -> ClientConfig:
    """Merge constructor arguments with their ``CML_*`` environment fallbacks and check them.

    Returns:
        The configuration.

    Raises:
        ConfigurationError: a value is missing or wrong; the suggestion says how to fix it.
    """
    key = api_key if api_key is not None else _env("CML_API_KEY")
    if not key:
        raise ConfigurationError(
            "no API key was given", suggestion="Pass api_key='...' to the client, or set the CML_API_KEY variable."
        )
    admin = admin_api_key if admin_api_key is not None else _env("CML_ADMIN_API_KEY")
    env_timeout: float | None = _number_env("CML_TIMEOUT", float, "30")
    env_retries: int | None = _number_env("CML_MAX_RETRIES", int, "2")
    return ClientConfig(
        api_key=Secret(key),
        base_url=_check_base_url(base_url or _env("CML_BASE_URL") or DEFAULT_BASE_URL),
        tenant_id=tenant_id if tenant_id is not None else _env("CML_TENANT_ID"),
        user_id=user_id if user_id is not None else _env("CML_USER_ID"),
        admin_api_key=Secret(admin) if admin else None,
        timeout=resolve_timeout(
            timeout if timeout is not None else env_timeout, source="timeout" if timeout is not None else "CML_TIMEOUT"
        ),
        max_retries=check_retries(
            max_retries
            if max_retries is not None
            else (env_retries if env_retries is not None else DEFAULT_MAX_RETRIES),
            source="max_retries" if max_retries is not None else "CML_MAX_RETRIES",
        ),
        deadline=check_deadline(deadline) if deadline is not None else None,
        retry_after_cap=check_deadline(retry_after_cap, source="retry_after_cap"),
        http2=bool(http2),
        default_headers=dict(default_headers or {}),
    )
