"""How a failure becomes one line, a suggestion and an exit code, in the command line's own terms."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from cml_ergonomic.cli import EXIT_API_ERROR, EXIT_UNREACHABLE, EXIT_USAGE
from cml_ergonomic.errors import (
    AuthenticationError,
    AuthorizationError,
    CMLConnectionError,
    CMLError,
    ConfigurationError,
    ValidationError,
)


class UsageProblem(Exception):
    """A command was called wrongly (exit 2); raised by the commands' own checks."""

    def __init__(self, message: str, suggestion: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.suggestion = suggestion


MESSAGE_LIMIT = 400  # a server's message can be a whole validation dump; the error stays one readable line

# The SDK's advice names constructor arguments and methods; a shell user has flags and commands. Applied in order
# (the admin key before the API key, whose name it contains).
_CLI_TERMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"([Pp])ass admin_api_key=(?:'\.\.\.'|\.\.\.)(?: to the client)?", r"\1ass --admin-api-key"),
        (r"(?<![\w-])admin_api_key(?:=(?:'\.\.\.'|\.\.\.))?", "--admin-api-key"),
        (r"([Pp])ass api_key=(?:'\.\.\.'|\.\.\.)(?: to the client)?", r"\1ass --api-key"),
        (r"(?<![\w-])api_key(?:=(?:'\.\.\.'|\.\.\.))?", "--api-key"),
        (r"(?<![\w-])base_url='([^']*)'", r"--base-url \1"),
        (r"(?<![\w-])base_url\b", "--base-url"),
        (r"(?<![\w-])timeout=([\d.]+)", r"--timeout \1"),
        (r"raise deadline=", "raise --timeout"),
        (r"run client\.check_compatibility\(\)", "run cml-ergonomic check"),
        (r"the method's docstring", "the command's --help"),
        (r"the CML_(\w+) variable", r"CML_\1"),
    )
)
# The pager's note is for code that iterates a listing; the commands say themselves what an early stop means.
_LISTING_NOTE = re.compile(r" \(the listing stopped at page \d+; the \d+ item\(s\) before it are valid\)")


def cli_terms(text: str) -> str:
    """``text`` with the SDK's argument names replaced by the command line's flags and commands."""
    for pattern, replacement in _CLI_TERMS:
        text = pattern.sub(replacement, text)
    return text


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1] + "…"


@dataclass(frozen=True)
class Failure:
    """What the user sees of an error (``details`` only in the ``--json`` error object)."""

    code: int
    message: str
    suggestion: str
    details: dict[str, Any] = field(default_factory=dict)


def _key_advice(exc: AuthenticationError | AuthorizationError) -> str:
    """Which flag to fix, by the key the refused request carried."""
    admin = getattr(exc, "admin", False)
    if isinstance(exc, AuthenticationError):
        if admin:
            return (
                "Check the admin key: pass --admin-api-key or set CML_ADMIN_API_KEY "
                "(the server compares it with its AUTH__ADMIN_API_KEY)."
            )
        return "Check the API key: pass --api-key or set CML_API_KEY (the server compares it with its AUTH__API_KEY)."
    return cli_terms(exc.suggestion)


def describe(exc: BaseException) -> Failure:
    """The exit code, message and suggestion for ``exc``.

    Args:
        exc: what went wrong.

    Returns:
        The failure: 2 for usage and configuration (and an argument refused before sending),
        3 when the server could not be reached, 1 for any other API error.
    """
    if isinstance(exc, UsageProblem):
        return Failure(EXIT_USAGE, exc.message, exc.suggestion, {"type": "UsageError"})
    details: dict[str, Any] = {"type": type(exc).__name__}
    if isinstance(exc, ConfigurationError):
        return Failure(EXIT_USAGE, cli_terms(exc.message), cli_terms(exc.suggestion), details)
    if isinstance(exc, ValidationError) and exc.status_code is None:
        # refused before sending: the arguments are wrong
        return Failure(EXIT_USAGE, exc.message, cli_terms(exc.suggestion), {**details, "field": exc.field})
    if isinstance(exc, CMLConnectionError):
        suggestion = exc.suggestion or "Check --base-url (or CML_BASE_URL) and that the server is running."
        return Failure(EXIT_UNREACHABLE, exc.message, cli_terms(suggestion), details)
    if isinstance(exc, CMLError):
        message = _LISTING_NOTE.sub("", exc.message)
        status = getattr(exc, "status_code", None)
        if status is not None and not message.startswith(str(status)):
            message = f"{message} (HTTP {status})"
        if exc.request_id:
            message = f"{message} [request_id={exc.request_id}]"
        details.update(status_code=status, request_id=exc.request_id)
        if isinstance(exc, AuthenticationError | AuthorizationError):
            suggestion = _key_advice(exc)
        else:
            suggestion = cli_terms(exc.suggestion)
        return Failure(EXIT_API_ERROR, _one_line(message), suggestion, details)
    if isinstance(exc, UnicodeDecodeError):  # standard input (write -) or a file that is not UTF-8 text
        return Failure(EXIT_USAGE, f"the input is not UTF-8 text ({exc.reason} at byte {exc.start})", "", details)
    if isinstance(exc, OSError):
        # A failed rename names its source (a temporary file) first; the user knows the destination they gave.
        name = exc.filename2 or exc.filename
        return Failure(EXIT_USAGE, f"{exc.strerror or exc}: {name}" if name else str(exc), "", details)
    return Failure(EXIT_API_ERROR, f"{type(exc).__name__}: {exc}", "Run again with --debug for the traceback.", details)
