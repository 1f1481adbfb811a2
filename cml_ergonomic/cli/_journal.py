"""The import journal: which lines of a file a target already holds, kept across interruptions.

One short line per event, appended with one ``write`` each (the file is opened
unbuffered), so a process killed at any moment leaves every completed event on
disk: ``sent KEY`` before a request, ``done KEY`` after the server accepted it.
A key that was sent and never marked done is *in doubt*: the server may or may
not have stored it. Import resolves those before sending them again.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterable
from pathlib import Path


def default_path(source: Path, base_url: str, tenant: str | None) -> Path:
    """``<file>.<target>.journal``: one journal per import file and target (server and tenant)."""
    target = hashlib.sha256(f"{base_url}\n{tenant or ''}".encode()).hexdigest()[:10]
    return source.with_name(f"{source.name}.{target}.journal")


class Journal:
    """An append-only record of sent and stored lines (kept in memory only when ``path`` is None)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.done: set[str] = set()
        self.in_doubt: set[str] = set()
        if path is not None and path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                event, _, key = line.partition(" ")
                if event == "sent":
                    self.in_doubt.add(key)
                elif event == "done":
                    self.done.add(key)
        self.in_doubt -= self.done
        self._lock = threading.Lock()
        self._fd: int | None = None

    def __enter__(self) -> Journal:
        if self.path is not None:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def _append(self, event: str, keys: Iterable[str]) -> None:
        if self.path is None:
            return
        data = "".join(f"{event} {key}\n" for key in keys).encode()
        with self._lock:
            assert self._fd is not None, "open the journal with `with`"
            os.write(self._fd, data)  # one O_APPEND write: whole lines, even if the process dies next

    def sent(self, keys: Iterable[str]) -> None:
        """Mark ``keys`` as about to be sent."""
        self._append("sent", keys)

    def stored(self, keys: Iterable[str]) -> None:
        """Mark ``keys`` as stored by the target."""
        keys = list(keys)
        self._append("done", keys)
        with self._lock:
            self.done.update(keys)
            self.in_doubt.difference_update(keys)
