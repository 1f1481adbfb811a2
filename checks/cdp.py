"""A small Chrome DevTools Protocol client over one WebSocket: enough to drive a headless Chromium in a test.

Chromium is Debian's ``chromium`` package (never a browser downloaded at run
time). It starts with a fresh profile, no network besides loopback in use,
and ``--remote-debugging-port=0``; the port it chose is read from the
``DevToolsActivePort`` file it writes into the profile.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from websockets.sync.client import ClientConnection, connect

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
    "--remote-debugging-port=0",
)


class CDPError(RuntimeError):
    """The browser answered a command with an error, or never answered."""


class Page:
    """One tab, driven through a flattened DevTools session."""

    def __init__(self, socket: ClientConnection, session_id: str) -> None:
        self._socket = socket
        self._session = session_id
        self._ids = itertools.count(1)

    def send(self, method: str, timeout: float = 30.0, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its answer (events that arrive meanwhile are dropped)."""
        message_id = next(self._ids)
        self._socket.send(
            json.dumps({"id": message_id, "method": method, "params": params, "sessionId": self._session})
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            reply = json.loads(self._socket.recv(timeout=max(0.1, deadline - time.monotonic())))
            if reply.get("id") == message_id:
                if "error" in reply:
                    raise CDPError(f"{method}: {reply['error']}")
                return dict(reply.get("result", {}))
        raise CDPError(f"{method}: no answer in {timeout} s")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (awaited if it is a promise)."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise CDPError(f"{expression!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 20.0) -> Any:
        """Poll a JavaScript expression until it is truthy; return its value."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.1)
        raise CDPError(f"still false after {timeout} s: {expression}")

    def goto(self, url: str) -> None:
        """Navigate and wait until the document and its scripts have loaded."""
        self.send("Page.navigate", url=url)
        self.wait_for(
            f"location.href.startsWith({json.dumps(url.split('#')[0])}) && document.readyState === 'complete'"
        )

    def screenshot(self, path: Path) -> Path:
        """Save a PNG of the viewport."""
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path


def chromium_path() -> str | None:
    """Debian's chromium, if installed."""
    return shutil.which("chromium")


@contextlib.contextmanager
def browser_page(profile: Path) -> Iterator[Page]:
    """Start headless Chromium with a fresh profile in ``profile``, open one tab, and stop it all at the end."""
    binary = chromium_path()
    if binary is None:
        raise CDPError("no `chromium` on PATH: apt-get install -y chromium (nox -s docs does it when it can)")
    profile.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        [binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not port_file.exists() or len(port_file.read_text().split()) < 2:
            if process.poll() is not None or time.monotonic() > deadline:
                raise CDPError(f"chromium exited ({process.returncode}) or never opened its DevTools port")
            time.sleep(0.1)
        port, path = port_file.read_text().split()[:2]
        with connect(f"ws://127.0.0.1:{port}{path}", max_size=None, open_timeout=30) as socket:
            socket.send(json.dumps({"id": 1, "method": "Target.createTarget", "params": {"url": "about:blank"}}))
            target = _answer(socket, 1)["targetId"]
            socket.send(
                json.dumps(
                    {"id": 2, "method": "Target.attachToTarget", "params": {"targetId": target, "flatten": True}}
                )
            )
            page = Page(socket, _answer(socket, 2)["sessionId"])
            page.send("Page.enable")
            page.send("Runtime.enable")
            yield page
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def _answer(socket: ClientConnection, message_id: int) -> dict[str, Any]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        reply = json.loads(socket.recv(timeout=30))
        if reply.get("id") == message_id:
            if "error" in reply:
                raise CDPError(str(reply["error"]))
            return dict(reply["result"])
    raise CDPError("the browser did not answer")
