"""How a failure becomes one line, a suggestion and an exit code."""

from __future__ import annotations

from dataclasses import dataclass

from cml_ergonomic.cli import EXIT_API_ERROR, EXIT_UNREACHABLE, EXIT_USAGE
from cml_ergonomic.errors import CMLConnectionError, CMLError, ConfigurationError, ValidationError


class UsageProblem(Exception):
    """A command was called wrongly (exit 2); raised by the commands' own checks."""

    def __init__(self, message: str, suggestion: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.suggestion = suggestion


MESSAGE_LIMIT = 400  # a server's message can be a whole validation dump; the error stays one readable line


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1] + "…"


@dataclass(frozen=True)
class Failure:
    """What the user sees of an error."""

    code: int
    message: str
    suggestion: str


def describe(exc: BaseException) -> Failure:
    """The exit code, message and suggestion for ``exc``.

    Args:
        exc: what went wrong.

    Returns:
        The failure: 2 for usage and configuration (and an argument refused before sending),
        3 when the server could not be reached, 1 for any other API error.
    """
    if isinstance(exc, UsageProblem):
        return Failure(EXIT_USAGE, exc.message, exc.suggestion)
    if isinstance(exc, ConfigurationError):
        return Failure(EXIT_USAGE, exc.message, exc.suggestion)
    if isinstance(exc, ValidationError) and exc.status_code is None:
        return Failure(EXIT_USAGE, exc.message, exc.suggestion)  # refused before sending: the arguments are wrong
    if isinstance(exc, CMLConnectionError):
        return Failure(
            EXIT_UNREACHABLE,
            exc.message,
            exc.suggestion or "Check --base-url (or CML_BASE_URL) and that the server is running.",
        )
    if isinstance(exc, CMLError):
        message = exc.message
        status = getattr(exc, "status_code", None)
        if status is not None and not message.startswith(str(status)):
            message = f"{message} (HTTP {status})"
        if exc.request_id:
            message = f"{message} [request_id={exc.request_id}]"
        return Failure(EXIT_API_ERROR, _one_line(message), exc.suggestion)
    if isinstance(exc, OSError):
        # A failed rename names its source (a temporary file) first; the user knows the destination they gave.
        name = exc.filename2 or exc.filename
        return Failure(EXIT_USAGE, f"{exc.strerror or exc}: {name}" if name else str(exc), "")
    return Failure(EXIT_API_ERROR, f"{type(exc).__name__}: {exc}", "Run again with --debug for the traceback.")
