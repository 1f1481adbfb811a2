"""Server bugs the SDK recognises by their answer, so the error says what they are instead of "retry later".

A known bug fails the same way every time: retrying it only waits longer for the
same answer, so a recognised one is never retried (see ``_retry.retry_reason``).
Each entry names the operation, the status and a text the body's ``detail`` holds,
all of which must match.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class KnownBug:
    """One server bug, as its answer shows it.

    Attributes:
        operation: the operation's key (``Operation.key``).
        status: the HTTP status it answers.
        markers: texts that all appear in the body's ``detail``.
        versions: the server versions that have it, for the message.
        what: what goes wrong, for the message.
        advice: what to do instead.
    """

    operation: str
    status: int
    markers: tuple[str, ...]
    versions: str
    what: str
    advice: str

    def matches(self, operation: str, status: int, body: Any) -> bool:
        """Whether an answer of ``operation`` is this bug."""
        if operation != self.operation or status != self.status or not isinstance(body, dict):
            return False
        detail = body.get("detail")
        return isinstance(detail, str) and all(marker in detail for marker in self.markers)


KNOWN_BUGS: tuple[KnownBug, ...] = (
    KnownBug(
        operation="dashboard_retrieval_explain",
        status=500,
        markers=("validation error", "DashboardRetrievalExplainResponse"),
        versions="1.5.1",
        what="its retrieval/explain fails to build its own response model whenever the query finds anything",
        advice="It fails the same way on every attempt, so it was not retried; server 2.0.0 fixes it.",
    ),
)


def known_bug(operation: str, status: int, body: Any) -> KnownBug | None:
    """The known server bug an answer shows, or None.

    Args:
        operation: the operation's key.
        status: the answer's status.
        body: the parsed body.

    Returns:
        The bug, when the answer matches one.
    """
    for bug in KNOWN_BUGS:
        if bug.matches(operation, status, body):
            return bug
    return None
