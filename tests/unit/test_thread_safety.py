"""One sync client shared by 8 threads while another thread flips the tenant.

A local HTTP server on 127.0.0.1 echoes the ``X-Tenant-Id`` it received inside a
valid stats body. Tenants are numbered in the order they are set, so every
request must carry a tenant set no earlier than just before it started and no
later than just after it returned: never a torn, missing or stale one.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from cml_ergonomic import CognitiveMemoryLayer

THREADS, CALLS = 8, 500


class _EchoTenant(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real server
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms delayed-ACK stalls

    def do_GET(self) -> None:
        tenant = self.headers.get("X-Tenant-Id", "")
        body = json.dumps(
            {
                "total_memories": 0,
                "active_memories": 0,
                "silent_memories": 0,
                "archived_memories": 0,
                "by_type": {"tenant": int(tenant.removeprefix("t")) if tenant.startswith("t") else -1},
                "avg_confidence": 0.0,
                "avg_importance": 0.0,
                "estimated_size_mb": 0.0,
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def echo_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _EchoTenant)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_set_tenant_under_eight_threads(echo_server: str) -> None:
    published = 0  # the last tenant whose set_tenant() has returned
    announced = 0  # the tenant about to be set
    stop = threading.Event()
    client = CognitiveMemoryLayer(api_key="stress-key-0000", base_url=echo_server, tenant_id="t0", max_retries=0)

    def flip() -> None:
        nonlocal published, announced
        while not stop.is_set():
            announced = published + 1
            client.set_tenant(f"t{announced}")
            published = announced
            stop.wait(0.001)  # flip often, but leave the GIL to the workers

    def work(_: int) -> list[tuple[int, int, int]]:
        seen = []
        for _ in range(CALLS):
            low = published
            echoed = client.stats().by_type.additional_properties["tenant"]
            seen.append((low, echoed, announced))
        return seen

    flipper = threading.Thread(target=flip, daemon=True)
    flipper.start()
    try:
        with ThreadPoolExecutor(THREADS) as pool:
            results = [row for rows in pool.map(work, range(THREADS)) for row in rows]
    finally:
        stop.set()
        flipper.join(5)
        client.close()

    assert len(results) == THREADS * CALLS
    torn = [(low, echoed, high) for low, echoed, high in results if not low <= echoed <= high]
    assert not torn, f"{len(torn)} requests carried a tenant outside their window, e.g. {torn[:3]}"
    assert len({echoed for _, echoed, _ in results}) > 10, "the tenant barely changed: the test proved nothing"
