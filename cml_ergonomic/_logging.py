"""The ``cml_ergonomic`` logger tree, its secret-redacting filter, and ``configure_logging``.

Whatever a record holds, the filter masks every API key a client was given
(``***abcd``) before any handler sees it, in the message, its arguments and
any header mapping. Memory content is cut to 50 characters where it is
logged, and bodies (which may hold embedding vectors) are never logged.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Mapping
from typing import Any

from cml_ergonomic._config import mask

LOGGER_NAME = "cml_ergonomic"
logger = logging.getLogger(LOGGER_NAME)

CONTENT_PREVIEW = 50
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}


def preview(text: str, limit: int = CONTENT_PREVIEW) -> str:
    """At most ``limit`` characters of memory content, for a log line."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class RedactingFilter(logging.Filter):
    """Replaces every registered secret with its mask in each record that passes."""

    def __init__(self) -> None:
        super().__init__()
        self._secrets: frozenset[str] = frozenset()
        self._lock = threading.Lock()

    def register(self, secret: str) -> None:
        """Add a secret to redact from now on."""
        if secret:
            with self._lock:
                self._secrets = self._secrets | {secret}

    def redact(self, text: str) -> str:
        """``text`` with every registered secret masked."""
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, mask(secret))
        return text

    def _clean(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.redact(value)
        if isinstance(value, Mapping):
            return {k: self._clean(v) for k, v in value.items()}
        if isinstance(value, tuple | list):
            return type(value)(self._clean(v) for v in value)
        if self._secrets and not isinstance(value, int | float | bool | type(None)):
            text = str(value)
            cleaned = self.redact(text)
            return cleaned if cleaned != text else value
        return value

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        if isinstance(record.msg, str):
            record.msg = self.redact(record.msg)
        if record.args:
            record.args = self._clean(record.args)
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


redactor = RedactingFilter()
logger.addFilter(redactor)


class _RedactingHandlerFilter(logging.Filter):
    # Records of child loggers (cml_ergonomic.retry, ...) skip the parent logger's filters,
    # so the handler that configure_logging installs carries the redactor too.
    def filter(self, record: logging.LogRecord) -> bool:
        return redactor.filter(record)


def get_logger(name: str) -> logging.Logger:
    """A child of the ``cml_ergonomic`` logger with the redacting filter attached."""
    child = logging.getLogger(f"{LOGGER_NAME}.{name}")
    if redactor not in child.filters:
        child.addFilter(redactor)
    return child


def configure_logging(level: str | int = "WARNING", handler: logging.Handler | None = None) -> logging.Logger:
    """Send cml_ergonomic's log records to ``handler`` (default: stderr) at ``level``.

    Args:
        level: a name (``"debug"``, ``"INFO"``, ...) or a ``logging`` level number.
        handler: where records go; it gets the redacting filter.

    Returns:
        The ``cml_ergonomic`` logger.

    Raises:
        ValueError: an unknown level name.

    Example:
        >>> import cml_ergonomic
        >>> _ = cml_ergonomic.configure_logging("debug")
    """
    if isinstance(level, str):
        if level.lower() not in _LEVELS:
            raise ValueError(f"unknown log level {level!r}; use one of {', '.join(_LEVELS)}")
        level = _LEVELS[level.lower()]
    handler = handler or logging.StreamHandler()
    handler.addFilter(_RedactingHandlerFilter())
    if handler.formatter is None:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for existing in [h for h in logger.handlers if getattr(h, "_cml_installed", False)]:
        logger.removeHandler(existing)
    handler._cml_installed = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(level)
    return logger


def configure_from_env() -> None:
    """Apply ``CML_LOG=debug|info|warning`` once, at import."""
    level = os.environ.get("CML_LOG")
    if level:
        configure_logging(level)
