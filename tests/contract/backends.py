"""Where the contract suite runs: a backend is a base URL, two keys, and how to reach it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from cml_ergonomic import AsyncCognitiveMemoryLayer, CognitiveMemoryLayer
from cml_ergonomic.testing import FakeCML

TIMEOUT = 30.0  # the real server's first write after start takes ~2 s (model warm-up)


@dataclass
class Backend:
    """A CML server the suite talks to: the fake (``transport`` set) or a real one (plain HTTP)."""

    name: str
    base_url: str
    api_key: str
    admin_api_key: str
    transport: FakeCML | None = None

    def client(self, *, is_async: bool, **overrides: Any) -> Any:
        """An SDK client of the given kind on this backend (both keys unless ``overrides`` say otherwise)."""
        kwargs: dict[str, Any] = {
            "base_url": self.base_url,
            "api_key": self.api_key,
            "admin_api_key": self.admin_api_key,
            "timeout": TIMEOUT,
        }
        kwargs.update(overrides)
        if self.transport is not None:
            if is_async:
                kwargs["async_http_client"] = httpx.AsyncClient(transport=self.transport, base_url=self.base_url)
            else:
                kwargs["http_client"] = httpx.Client(transport=self.transport, base_url=self.base_url)
        return (AsyncCognitiveMemoryLayer if is_async else CognitiveMemoryLayer)(**kwargs)

    def http(self) -> httpx.Client:
        """A plain httpx client on this backend, for checks of the wire protocol itself."""
        return httpx.Client(base_url=self.base_url, transport=self.transport, timeout=TIMEOUT)


def fake_backend() -> Backend:
    fake = FakeCML()
    return Backend("fake", fake.base_url, fake.api_key, fake.admin_api_key, transport=fake)


def real_backend(server: Any) -> Backend:
    return Backend("real", server.base_url, server.api_key, server.admin_api_key)
