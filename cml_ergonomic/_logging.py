"""The ``cml_ergonomic`` logger tree, its secret-redacting filter, and ``configure_logging``.

Whatever a record holds, the filter masks the API keys of the clients that
are alive (``***abcd``) before any handler sees it, in the message, its
arguments and any header mapping. Memory content is cut to 50 characters
where it is logged, and bodies (which may hold embedding vectors) are never
logged.

The filter knows a key only while a client that holds it exists: each client
registers its keys, and they are forgotten when the last client holding them
is garbage-collected, so a service that builds a client per tenant key keeps
a bounded list. A key shorter than :data:`MIN_REDACTED_LENGTH` characters is
masked only as the value of an ``X-API-Key`` header, never inside text: a key
``"a"`` would otherwise turn every ``/api/`` in every line into ``/***pi/``.

Like any library, the package logger has a ``NullHandler``: nothing is
printed unless the application configures logging (``logging.basicConfig``,
:func:`configure_logging`) or sets ``CML_LOG``.
"""

from __future__ import annotations

import collections
import logging
import os
import threading
import weakref
from collections.abc import Mapping
from typing import Any

from cml_ergonomic._config import mask

LOGGER_NAME = "cml_ergonomic"
logger = logging.getLogger(LOGGER_NAME)
# Python's last-resort handler prints WARNINGs of a library nobody configured to stderr; this stops that.
logger.addHandler(logging.NullHandler())

# Shorter keys are masked only as X-API-Key header values: inside text they would match parts of words.
MIN_REDACTED_LENGTH = 8
KEY_HEADERS = frozenset({"x-api-key"})

CONTENT_PREVIEW = 50
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}


def preview(text: str, limit: int = CONTENT_PREVIEW) -> str:
    """At most ``limit`` characters of memory content, for a log line."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class RedactingFilter(logging.Filter):
    """Replaces the keys of live clients with their mask in each record that passes."""

    def __init__(self) -> None:
        super().__init__()
        self._counts: dict[str, int] = {}  # key -> how many live owners registered it
        self._secrets: tuple[str, ...] = ()  # those masked inside text, longest first
        self._lock = threading.Lock()
        # Keys whose owner was collected. A finalizer may run in any thread, at any allocation, even
        # while this thread holds the lock: it only appends here, and the next register() or len() settles.
        self._released: collections.deque[str] = collections.deque()

    def register(self, secret: str, owner: object) -> None:
        """Mask ``secret`` while ``owner`` (a client) is alive.

        Args:
            secret: the key.
            owner: the object whose lifetime bounds the registration (weakly referenced).
        """
        if not secret:
            return
        with self._lock:
            self._settle()
            self._counts[secret] = self._counts.get(secret, 0) + 1
            self._rebuild()
        weakref.finalize(owner, self._released.append, secret)

    def _settle(self) -> None:
        changed = False
        while self._released:
            secret = self._released.popleft()
            left = self._counts.get(secret, 0) - 1
            if left > 0:
                self._counts[secret] = left
            else:
                self._counts.pop(secret, None)
            changed = True
        if changed:
            self._rebuild()

    def _rebuild(self) -> None:
        long_enough = [s for s in self._counts if len(s) >= MIN_REDACTED_LENGTH]
        self._secrets = tuple(sorted(long_enough, key=len, reverse=True))

    def __len__(self) -> int:
        """How many distinct keys are registered (for tests of the bound)."""
        with self._lock:
            self._settle()
            return len(self._counts)

    def redact(self, text: str) -> str:
        """``text`` with every registered key (of at least MIN_REDACTED_LENGTH characters) masked."""
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, mask(secret))
        return text

    def _clean(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.redact(value)
        if isinstance(value, Mapping):
            return {
                k: (
                    mask(v)
                    if isinstance(k, str) and k.lower() in KEY_HEADERS and isinstance(v, str)
                    else self._clean(v)
                )
                for k, v in value.items()
            }
        if isinstance(value, tuple | list):
            return type(value)(self._clean(v) for v in value)
        if self._secrets and not isinstance(value, int | float | bool | type(None)):
            text = str(value)
            cleaned = self.redact(text)
            return cleaned if cleaned != text else value
        return value

    def filter(self, record: logging.LogRecord) -> bool:
        if self._released and self._lock.acquire(blocking=False):  # not from inside register()
            try:
                self._settle()
            finally:
                self._lock.release()
        if isinstance(record.msg, str) and self._secrets:
            record.msg = self.redact(record.msg)
        if record.args:
            record.args = self._clean(record.args)
        if record.exc_info and record.exc_info[1] is not None and self._secrets:
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
