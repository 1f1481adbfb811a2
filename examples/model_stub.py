"""A scripted OpenAI-compatible chat model on 127.0.0.1, for running agents offline.

It answers ``POST /v1/chat/completions`` the way the real API does, but each
answer comes from a script: a list of moves played in order, one per
request, each a function of the request it answers (so a move can read the
tool results the client sent back). It records every request it received, so
a test can check what the model was shown. The real ``openai`` client talks
to it through ``base_url``; nothing leaves the machine.

Example:
    >>> with ModelStub([call("memory_read", {"query": "food"}), say("Done.")]) as stub:  # doctest: +SKIP
    ...     client = OpenAI(base_url=stub.base_url, api_key="offline")
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Move = Callable[[dict[str, Any]], dict[str, Any]]  # the request body -> the assistant message


def call(name: str, arguments: dict[str, Any] | Callable[[dict[str, Any]], dict[str, Any]]) -> Move:
    """A move that calls one tool; ``arguments`` may be computed from the request."""
    return calls((name, arguments))


def calls(*wanted: tuple[str, dict[str, Any] | Callable[[dict[str, Any]], dict[str, Any]]]) -> Move:
    """A move that calls several tools at once."""

    def move(request: dict[str, Any]) -> dict[str, Any]:
        tool_calls = []
        for index, (name, arguments) in enumerate(wanted):
            args = arguments(request) if callable(arguments) else arguments
            tool_calls.append(
                {
                    "id": f"call_{len(request['messages'])}_{index}",
                    "type": "function",
                    "function": {"name": name, "arguments": json.dumps(args)},
                }
            )
        return {"role": "assistant", "content": None, "tool_calls": tool_calls}

    return move


def say(text: str | Callable[[dict[str, Any]], str]) -> Move:
    """A move that answers with text; ``text`` may be computed from the request."""
    return lambda request: {"role": "assistant", "content": text(request) if callable(text) else text}


def tool_results(request: dict[str, Any]) -> list[dict[str, Any]]:
    """The tool results in a request (parsed), most recent last."""
    return [json.loads(m["content"]) for m in request["messages"] if m.get("role") == "tool"]


def system_prompt(request: dict[str, Any]) -> str:
    """The system prompt of a request."""
    return next((m["content"] for m in request["messages"] if m.get("role") == "system"), "")


class ModelStub:
    """The stub server; a context manager that starts it on an ephemeral port and stops it.

    Attributes:
        requests: every request body received, in order.
        base_url: what to give ``OpenAI(base_url=...)``.
    """

    def __init__(self, script: Iterable[Move]) -> None:
        self._moves = list(script)
        self._lock = threading.Lock()
        self.requests: list[dict[str, Any]] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> ModelStub:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def unplayed(self) -> int:
        """Moves of the script not played yet."""
        return len(self._moves)

    def extend(self, script: Iterable[Move]) -> None:
        """Add moves to the end of the script."""
        with self._lock:
            self._moves.extend(script)

    def _answer(self, request: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        with self._lock:
            self.requests.append(request)
            if not self._moves:
                return 500, {"error": {"message": "the model stub's script is finished", "type": "server_error"}}
            move = self._moves.pop(0)
        message = move(request)
        finish = "tool_calls" if message.get("tool_calls") else "stop"
        return 200, {
            "id": f"chatcmpl-stub-{len(self.requests)}",
            "object": "chat.completion",
            "created": 0,
            "model": request.get("model", "stub"),
            "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        }

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                if self.path.rstrip("/") != "/v1/chat/completions":
                    status, answer = 404, {"error": {"message": f"no route {self.path}", "type": "invalid_request"}}
                else:
                    status, answer = stub._answer(body)
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass  # quiet: the example prints its own story

        return Handler
