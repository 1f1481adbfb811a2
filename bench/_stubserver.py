"""A minimal HTTP/1.1 server for ``bench/throughput.py``: every request gets the same canned answer at once.

    python -m bench._stubserver BODY_FILE [--lifetime SECONDS]

Run as its own process (so it does not share the client's event loop or
GIL), on 127.0.0.1 and an ephemeral port, which it prints as ``PORT <n>``.
It speaks just enough HTTP/1.1 for httpx: keep-alive, requests with a
``Content-Length`` body, no pipelining guarantees beyond answering in order.
It stops when its standard input closes (the benchmark ended or died) or
after ``--lifetime`` seconds, whichever comes first.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import threading
from pathlib import Path

_CONTENT_LENGTH = b"\r\ncontent-length:"


def canned_response(recording: Path) -> bytes:
    doc = json.loads(recording.read_text(encoding="utf-8"))
    body = doc["body"].encode("utf-8")
    headers = [
        f"HTTP/1.1 {doc['status']} OK",
        f"content-type: {doc['headers'].get('content-type', 'application/json')}",
        f"content-length: {len(body)}",
        f"x-request-id: {doc['headers'].get('x-request-id', 'stub')}",
    ]
    return ("\r\n".join(headers) + "\r\n\r\n").encode("ascii") + body


class CannedProtocol(asyncio.Protocol):
    response = b""

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(self.buffer[:end]).lower()
            length = 0
            at = head.find(_CONTENT_LENGTH)
            if at >= 0:
                stop = head.find(b"\r\n", at + 2)
                length = int(head[at + len(_CONTENT_LENGTH) : stop if stop >= 0 else None])
            total = end + 4 + length
            if len(self.buffer) < total:
                return
            del self.buffer[:total]
            assert self.transport is not None
            self.transport.write(self.response)


async def serve(lifetime: float) -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()

    def watch_stdin() -> None:
        sys.stdin.buffer.read()  # returns at EOF: the parent closed the pipe or died
        loop.call_soon_threadsafe(stop.set)

    threading.Thread(target=watch_stdin, daemon=True).start()
    server = await loop.create_server(CannedProtocol, "127.0.0.1", 0, backlog=1024)
    port = server.sockets[0].getsockname()[1]
    print(f"PORT {port}", flush=True)
    async with server:
        try:
            await asyncio.wait_for(stop.wait(), timeout=lifetime)
        except TimeoutError:
            print("stub server: lifetime reached, stopping", file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("recording", type=Path, help="a bench/recordings/*.json file")
    parser.add_argument("--lifetime", type=float, default=600.0, help="stop after this many seconds (default 600)")
    args = parser.parse_args()
    CannedProtocol.response = canned_response(args.recording)
    asyncio.run(serve(args.lifetime))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
