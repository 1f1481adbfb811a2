"""Everything the command line prints: text and tables for people, JSON for scripts, never a key.

One ``Output`` per run. In ``--json`` mode a command emits one JSON document
(``document``) or JSON Lines (``row`` per item of a listing); otherwise rich
tables and plain text. Every string goes through ``redact`` on its way out, so
a key that slipped into a message or a traceback is masked all the same.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import IO, Any

from rich.console import Console
from rich.table import Table

from cml_ergonomic._config import mask


def to_jsonable(value: Any) -> Any:
    """A JSON-able form of a result: generated models via ``to_dict()``, everything else as-is or as text."""
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    return value


class Output:
    """Where a run writes: stdout for results, stderr for errors and progress."""

    def __init__(self, *, json_mode: bool, stdout: IO[str] | None = None, stderr: IO[str] | None = None) -> None:
        self.json_mode = json_mode
        self._stdout = stdout or sys.stdout
        self._stderr = stderr or sys.stderr
        self._secrets: list[str] = []
        self.console = Console(file=self._stdout, highlight=False, soft_wrap=True)
        self.err_console = Console(file=self._stderr, highlight=False, soft_wrap=True)

    @property
    def stdout(self) -> IO[str]:
        """The stream results go to (for data written as-is, like an export to "-")."""
        return self._stdout

    # -- secrets

    def add_secret(self, value: str | None) -> None:
        """Mask ``value`` in everything printed from now on."""
        if value and value not in self._secrets:
            self._secrets.append(value)

    def redact(self, text: str) -> str:
        """``text`` with every known key replaced by its mask."""
        for secret in self._secrets:
            text = text.replace(secret, mask(secret))
        return text

    # -- results

    def document(self, value: Any) -> None:
        """One JSON document (``--json``)."""
        self._write(self._stdout, json.dumps(to_jsonable(value), ensure_ascii=False, default=str) + "\n")

    def row(self, value: Any) -> None:
        """One JSON Lines row of a listing (``--json``)."""
        self._write(self._stdout, json.dumps(to_jsonable(value), ensure_ascii=False, default=str) + "\n")

    def text(self, text: str) -> None:
        """Plain text for people (no markup interpretation)."""
        self._write(self._stdout, text + "\n")

    def table(self, title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """A table for people."""
        table = Table(title=title, show_lines=False, title_justify="left")
        for column in columns:
            table.add_column(column, overflow="fold")
        for values in rows:
            table.add_row(*(self.redact("" if v is None else str(v)) for v in values))
        with self.console.capture() as capture:
            self.console.print(table)
        self._write(self._stdout, capture.get())

    # -- diagnostics

    def error(self, message: str, suggestion: str = "", *, code: int | None = None, **details: Any) -> None:
        """The one error line, and the suggestion on its own line; with ``--json``, one JSON object on stderr.

        Args:
            message: what went wrong, one line.
            suggestion: what to do about it.
            code: the exit code the run ends with (in the JSON object).
            **details: more fields for the JSON object (type, status_code, request_id ...); None values are left out.
        """
        if self.json_mode:
            error: dict[str, Any] = {"message": message, "suggestion": suggestion or None, "exit_code": code}
            error.update((k, v) for k, v in details.items() if v is not None)
            self._write(self._stderr, json.dumps({"error": error}, ensure_ascii=False, default=str) + "\n")
            return
        self._write(self._stderr, f"Error: {message}\n")
        if suggestion:
            self._write(self._stderr, f"Suggestion: {suggestion}\n")

    def note(self, text: str) -> None:
        """A remark on stderr (progress summaries, warnings) that keeps stdout clean for data."""
        self._write(self._stderr, text + "\n")

    def _write(self, stream: IO[str], text: str) -> None:
        stream.write(self.redact(text))
        stream.flush()
