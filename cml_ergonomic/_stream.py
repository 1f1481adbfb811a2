"""Reading the server-sent events of ``POST /memory/read/stream``.

The server sends one ``data: <memory item JSON>`` per memory, then
``event: done`` with ``{total_count, elapsed_ms, retrieval_meta}``. Errors
arrive inside an HTTP 200 as ``event: error``; they become a StreamError.
httpx-sse splits the stream into events; this module says what each means.
"""

from __future__ import annotations

import json
from typing import Any

from cml_ergonomic.errors import StreamError

DONE, ERROR = "done", "error"


def interpret_read_event(event: str, data: str) -> Any:
    """Turn one event of the read stream into what the iterator yields.

    Args:
        event: the event name (``message`` when the server sent none).
        data: the event's data.

    Returns:
        A ``MemoryItem`` for a memory, a ``StreamDone`` dict for ``done``, or None for events to skip.

    Raises:
        StreamError: an ``error`` event, or data that is not the JSON the stream promises.
    """
    if event == ERROR:
        payload = _json(data, event)
        detail = payload.get("detail", payload.get("error", data)) if isinstance(payload, dict) else payload
        raise StreamError(
            f"the server reported an error in the stream: {detail}",
            data=payload,
            suggestion="Retry the read; if it persists, check the server's logs.",
        )
    if not data.strip():
        return None
    payload = _json(data, event)
    if event == DONE:
        if not isinstance(payload, dict):
            raise StreamError(f"the stream's done event is not an object: {data[:200]!r}", data=payload)
        return payload
    from cml_ergonomic._results import MemoryItem

    try:
        return MemoryItem.from_dict(payload)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:  # what the generated parser raises on bad data
        raise StreamError(
            f"a stream event is not a memory item ({type(exc).__name__}: {exc})",
            data=payload,
            suggestion="The server's API may differ from this SDK's: run client.check_compatibility().",
        ) from None


def _json(data: str, event: str) -> Any:
    try:
        return json.loads(data)
    except ValueError:
        raise StreamError(f"the stream's {event!r} event is not JSON: {data[:200]!r}", data=data) from None
