"""What the fake server's route handlers take and give: one request, one answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Call:
    """One authenticated, validated request, as a route handler sees it."""

    method: str
    path: str
    params: dict[str, str]
    body: Any
    tenant: str
    admin: bool
    path_params: dict[str, str] = field(default_factory=dict)


@dataclass
class Answer:
    """A handler's answer: a status and a JSON body (or raw bytes, for the event stream)."""

    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None  # a body sent as is (the event stream)


Handler = Callable[[Call], Answer]


def detail(status: int, text: str) -> Answer:
    """The server's error answer: ``{"detail": text}``."""
    return Answer(status, {"detail": text})
