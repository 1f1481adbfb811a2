"""What a program pays before its first result: the modules a first read loads, and building clients.

The first test runs a fresh interpreter (the test process has imported
everything already): it imports the SDK, makes one read against a canned
HTTP server on 127.0.0.1, and reports what got loaded.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import cml_api_client
import pytest

from cml_ergonomic import AsyncCognitiveMemoryLayer, CognitiveMemoryLayer
from tests.unit.conftest import API_KEY, read_body

PROBE = r"""
import http.server, json, sys, threading

body = sys.stdin.read().encode()


class Canned(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Canned)
threading.Thread(target=server.serve_forever, daemon=True).start()

from cml_ergonomic import CognitiveMemoryLayer

with CognitiveMemoryLayer(api_key="k", base_url=f"http://127.0.0.1:{server.server_address[1]}") as memory:
    result = memory.read("preferences")
report = {
    "memories": len(result.memories),
    "warnings": result.warnings,
    "generated": sorted(m for m in sys.modules if m.split(".")[0] == "cml_api_client"),
    "h2": sorted(m for m in ("h2", "hpack", "hyperframe") if m in sys.modules),
}
# HTTP/2 still loads where it can be used: an https:// client asks for it.
secure = CognitiveMemoryLayer(api_key="k", base_url="https://cml.invalid", http2=True)
report["https_http2"] = secure._http._transport._pool._http2 and "h2" in sys.modules
from httpcore._sync.http2 import HTTP2Connection  # what httpcore imports when a connection negotiates h2

secure.close()
server.shutdown()
print(json.dumps(report))
"""

_IMPORT = re.compile(r"^from \.\.models\.(\w+) import ", re.MULTILINE)


def referenced_models(module: str) -> set[str]:
    """The generated model modules ``module`` needs, directly or through the models it refers to."""
    models_dir = Path(cml_api_client.__file__).parent / "models"
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo += _IMPORT.findall((models_dir / f"{name}.py").read_text(encoding="utf-8"))
    return {f"cml_api_client.models.{name}" for name in seen}


def run_probe(body: dict[str, Any]) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE], input=json.dumps(body), capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    report: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return report


def test_a_first_read_loads_only_the_read_models_and_no_h2() -> None:
    body = read_body("preferences", warnings=["two memories disagree"])
    report = run_probe(body)
    assert report["memories"] == 1 and report["warnings"] == ["two memories disagree"]
    # The bound: the read's response model and the models it refers to, plus the three modules every
    # model needs (the package, its models package, types). Nothing of the API modules, the client
    # classes, or the ~150 other models.
    allowed = referenced_models("read_memory_response") | {
        "cml_api_client",
        "cml_api_client.models",
        "cml_api_client.types",
    }
    loaded = set(report["generated"])
    assert loaded <= allowed, sorted(loaded - allowed)
    all_models = len(list((Path(cml_api_client.__file__).parent / "models").glob("*.py")))
    assert len(loaded) <= len(allowed) < all_models / 4, (len(loaded), len(allowed), all_models)
    assert "cml_api_client.models.read_memory_response" in loaded
    # HTTP/2 is negotiated only over TLS: an http:// client never loads h2 ...
    assert report["h2"] == []
    # ... while an https:// one with http2=True still gets it, and httpcore's HTTP/2 connection imports.
    assert report["https_http2"] is True


@pytest.mark.parametrize("cls", [CognitiveMemoryLayer, AsyncCognitiveMemoryLayer])
def test_clients_share_one_ssl_context_per_kind(cls: type[Any]) -> None:
    first, second = (cls(api_key=API_KEY, base_url="http://cml.test") for _ in range(2))
    secure = [cls(api_key=API_KEY, base_url="https://cml.test", http2=flag) for flag in (True, True, False)]
    try:
        context = first._http._transport._pool._ssl_context
        assert second._http._transport._pool._ssl_context is context
        tls = [c._http._transport._pool._ssl_context for c in secure]
        # httpcore sets the ALPN list from the pool's http2 flag: only pools that agree on it share.
        assert tls[0] is tls[1] and tls[2] is not tls[0] and context not in tls
        assert [c._http._transport._pool._http2 for c in secure] == [True, True, False]
        assert first._http._transport._pool._http2 is False  # http://: HTTP/1.1, whatever http2= says
        for ctx in (context, *tls):
            assert ctx.verify_mode.name == "CERT_REQUIRED" and ctx.check_hostname
        assert tls[0].cert_store_stats()["x509_ca"] > 0  # an https:// pool's context trusts the CA bundle
    finally:
        for client in (first, second, *secure):
            client._closed = True  # nothing was sent; the pools hold no connection


def test_an_http_pools_context_loads_the_ca_bundle_at_its_first_handshake() -> None:
    import ssl

    from cml_ergonomic._pool import _deferred_context

    context = _deferred_context(False)  # a fresh one: the shared one may have shaken hands already
    reference = ssl.create_default_context()
    assert (context.verify_mode, context.check_hostname, context.minimum_version) == (
        reference.verify_mode,
        reference.check_hostname,
        reference.minimum_version,
    )
    assert context.cert_store_stats()["x509_ca"] == 0  # building it cost no CA bundle
    context.wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO(), server_hostname="cml.test")
    assert context.cert_store_stats()["x509_ca"] > 0
