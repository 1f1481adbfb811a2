"""Test your code against CML without a server: ``FakeCML``, an in-memory server proven against the real one.

``FakeCML`` is an httpx transport, so both clients use it through their
``http_client=`` / ``async_http_client=`` arguments (``fake.client()`` and
``fake.async_client()`` wire them for you). Nothing here imports a test
framework; the pytest fixtures live in :mod:`cml_ergonomic.testing.pytest_plugin`,
loaded by pytest when ``cml-ergonomic[testing]`` is installed.

Examples:
    >>> from cml_ergonomic.testing import FakeCML
    >>> fake = FakeCML()
    >>> memory = fake.client()
    >>> _ = memory.write("User's cat is called Miso")
    >>> [m.text for m in memory.read("cat name").memories]
    ["User's cat is called Miso"]
    >>> _ = fake.fail_next(2, status=503)  # the next two requests answer 503; the SDK retries them
    >>> memory.close()
"""

from __future__ import annotations

from cml_ergonomic.testing._clock import VirtualClock
from cml_ergonomic.testing._fake import ADMIN_API_KEY, API_KEY, BASE_URL, FakeCML, RecordedRequest
from cml_ergonomic.testing._faults import Fault

__all__ = ["ADMIN_API_KEY", "API_KEY", "BASE_URL", "FakeCML", "Fault", "RecordedRequest", "VirtualClock"]
