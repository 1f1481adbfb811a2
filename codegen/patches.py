"""Patches applied to an in-memory copy of the server's document before generation.

The snapshot in ``openapi/`` stays the server's own document. These patches
make the generated client true to what the server really does; each names
the quirk it fixes. They never mutate their input.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

from cml_ergonomic._schemadiff import short_operation_id
from codegen.schema import Document

Patch = Callable[[Document], None]

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
API_PREFIX = "/api/v1/"
ERROR_SCHEMA = "ErrorDetail"
# The statuses the server answers with {"detail": "<text>"} though it declares only 200 and 422.
ERROR_STATUSES = ("400", "401", "403", "404", "409", "429", "500", "503")
STREAM_PATH = "/api/v1/memory/read/stream"


def operations(document: Document) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every (path, method, operation) of a document, in document order."""
    for path, item in document.get("paths", {}).items():
        for method in HTTP_METHODS:
            if method in item:
                yield path, method, item[method]


def drop_non_api_routes(document: Document) -> None:
    """The dashboard single-page app (``/dashboard/{rest_of_path}``) serves HTML, not API."""
    for path in [p for p in document["paths"] if not p.startswith(API_PREFIX)]:
        del document["paths"][path]


def short_operation_ids(document: Document) -> None:
    """FastAPI appends the path and method to each id: ``write_memory_api_v1_memory_write_post``."""
    seen: dict[str, str] = {}
    for path, method, operation in operations(document):
        if "operationId" not in operation:
            continue  # the generator names it after its path and method
        # the schema diff shortens ids the same way to tell a renamed module from a respelled id
        short = short_operation_id(operation["operationId"], method, path)
        if short in seen:
            raise ValueError(f"short operation id {short!r} is used by {seen[short]} and {method.upper()} {path}")
        seen[short] = f"{method.upper()} {path}"
        operation["operationId"] = short


def declare_api_key_auth(document: Document) -> None:
    """Every route but health checks ``X-API-Key``; the generated functions must then require it."""
    schemes = document.setdefault("components", {}).setdefault("securitySchemes", {})
    schemes["APIKeyHeader"] = {"type": "apiKey", "in": "header", "name": "X-API-Key"}
    for path, _method, operation in operations(document):
        if path != "/api/v1/health":
            operation["security"] = [{"APIKeyHeader": []}]


def declare_error_bodies(document: Document) -> None:
    """The server sends ``{"detail": str}`` with 400-503 but declares only 422, so they parsed as ``None``."""
    document.setdefault("components", {}).setdefault("schemas", {})[ERROR_SCHEMA] = {
        "title": ERROR_SCHEMA,
        "type": "object",
        "properties": {"detail": {"title": "Detail", "type": "string"}},
        "required": ["detail"],
        "description": "The body of every error the server raises itself (HTTPException).",
    }
    body = {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ERROR_SCHEMA}"}}}}
    for _path, _method, operation in operations(document):
        for status in ERROR_STATUSES:
            operation.setdefault("responses", {}).setdefault(
                status, {"description": f"Error {status}", **copy.deepcopy(body)}
            )


def stream_is_event_stream(document: Document) -> None:
    """``POST /memory/read/stream`` is declared as JSON but answers ``text/event-stream``."""
    if "200" not in document["paths"].get(STREAM_PATH, {}).get("post", {}).get("responses", {}):
        return  # a document without the stream (the schema diff names the code of small test documents too)
    response = document["paths"][STREAM_PATH]["post"]["responses"]["200"]
    response["content"] = {"text/event-stream": {"schema": {"type": "string"}}}
    response["description"] = "Server-sent events: one `data:` per memory item, then `event: done` (or `event: error`)."


# Order matters: ids are shortened after the SPA route is gone, errors are declared on what remains.
PATCHES: tuple[Patch, ...] = (
    drop_non_api_routes,
    short_operation_ids,
    declare_api_key_auth,
    declare_error_bodies,
    stream_is_event_stream,
)


def apply_patches(document: Document) -> Document:
    """Return a patched deep copy of ``document``; the input is left untouched.

    Args:
        document: the server's document, as in the snapshot.

    Returns:
        The document the generator is run on.
    """
    patched = copy.deepcopy(document)
    for patch in PATCHES:
        patch(patched)
    return patched
