"""Loading, checking and normalising OpenAPI documents.

A snapshot is the server's own document, re-serialised for review: sorted
keys, two-space indentation, a trailing newline. Nothing else changes, so
``fetch`` twice from the same server gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import httpx

Document = dict[str, Any]

SNAPSHOT_DIR = Path(__file__).resolve().parent.parent / "openapi"


class SchemaError(Exception):
    """An OpenAPI document could not be read or is not an OpenAPI 3 document."""


def normalise(document: Document) -> str:
    """Serialise a document the one way snapshots are written.

    Args:
        document: a parsed OpenAPI document.

    Returns:
        JSON text with sorted keys, two-space indentation and a trailing newline.
    """
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def sha256_text(text: str) -> str:
    """The hex sha256 of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode()).hexdigest()


def check_openapi3(document: object, source: str) -> Document:
    """Make sure ``document`` looks like an OpenAPI 3 document.

    Args:
        document: the parsed JSON.
        source: where it came from, for the message.

    Returns:
        The document, typed.

    Raises:
        SchemaError: it is not an object with ``openapi: 3.x`` and ``paths``.
    """
    if not isinstance(document, dict):
        raise SchemaError(f"{source}: expected a JSON object, got {type(document).__name__}")
    version = document.get("openapi")
    if not isinstance(version, str) or not version.startswith("3."):
        found = (
            f"openapi={version!r}"
            if version
            else ("swagger=" + repr(document["swagger"]) if "swagger" in document else "no 'openapi' field")
        )
        raise SchemaError(f"{source}: not an OpenAPI 3 document ({found})")
    if not isinstance(document.get("paths"), dict):
        raise SchemaError(f"{source}: an OpenAPI document needs a 'paths' object")
    return document


def fetch_document(base_url: str, *, timeout: float = 10.0) -> Document:
    """Fetch ``{base_url}/openapi.json`` from a running server.

    Args:
        base_url: the server's root, e.g. ``http://127.0.0.1:8000``.
        timeout: seconds for connecting and for reading.

    Returns:
        The parsed, checked document.

    Raises:
        SchemaError: the server is unreachable, answers with an error, or
            does not serve an OpenAPI 3 document.
    """
    url = base_url.rstrip("/") + "/openapi.json"
    try:
        response = httpx.get(url, timeout=timeout, follow_redirects=True)
    except httpx.TimeoutException as exc:
        raise SchemaError(
            f"{url}: no answer within {timeout:g}s ({type(exc).__name__}); is the server running?"
        ) from exc
    except httpx.HTTPError as exc:
        raise SchemaError(f"{url}: unreachable ({exc}); start a server (nox -s server) or fix --url") from exc
    if response.status_code != 200:
        raise SchemaError(f"{url}: HTTP {response.status_code}, expected 200 with the OpenAPI document")
    try:
        parsed = response.json()
    except ValueError as exc:
        raise SchemaError(f"{url}: the body is not JSON ({exc})") from exc
    return check_openapi3(parsed, url)


def load_document(source: str | Path, *, timeout: float = 10.0) -> Document:
    """Load a document from a snapshot file or from a server URL.

    Args:
        source: a path to a JSON file, or an ``http(s)://`` base URL of a server.
        timeout: seconds, for a URL.

    Returns:
        The parsed, checked document.

    Raises:
        SchemaError: the file or server cannot be read, or is not OpenAPI 3.
    """
    text = str(source)
    if text.startswith(("http://", "https://")):
        return fetch_document(text.removesuffix("/openapi.json"), timeout=timeout)
    path = Path(source)
    try:
        parsed = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SchemaError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    except ValueError as exc:
        raise SchemaError(f"{path}: not valid JSON ({exc})") from exc
    return check_openapi3(parsed, str(path))


def current_snapshot(directory: Path = SNAPSHOT_DIR) -> Path:
    """The one snapshot the generated client is built from.

    Raises:
        SchemaError: there is no snapshot, or more than one.
    """
    snapshots = sorted(directory.glob("cml-*.json"))
    if len(snapshots) != 1:
        names = ", ".join(p.name for p in snapshots) or "none"
        raise SchemaError(f"expected exactly one openapi/cml-*.json snapshot, found {names}")
    return snapshots[0]
