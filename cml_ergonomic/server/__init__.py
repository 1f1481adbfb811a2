"""A real CML server on 127.0.0.1 for development and integration tests: ``pip install "cml-ergonomic[server]"``.

The harness installs a CML server release (from PyPI, a source archive or a
source tree) into its own cached virtualenv, starts embedded PostgreSQL
(pgvector) and Redis from PyPI wheels, runs the migrations and one or more
uvicorn processes, all on loopback and all children of the calling process,
and stops everything and removes the data when done, on Ctrl-C and on SIGTERM
too. The server runs offline: mock embeddings (retrieval is lexical) and no
LLM. Linux only (PostgreSQL runs as ``nobody`` under root).

Three ways in:

- ``cml-ergonomic server [--server-source SRC]`` in a terminal (prints the ``CML_*`` exports);
- the pytest fixture ``cml_local_server`` (see :mod:`cml_ergonomic.server.pytest_plugin`);
- :func:`running_server` (or :class:`Stack`) in Python.

``import cml_ergonomic`` never imports this package; it needs only the
standard library and the ``uv`` executable (the extra installs it).
"""

from __future__ import annotations

from cml_ergonomic.server.harness import ApiServer, HarnessError, Stack, default_cache_dir, running_server
from cml_ergonomic.server.sources import (
    NEWEST_ON_PYPI,
    SOURCE_ENV,
    ServerSource,
    SourceError,
    default_source,
    parse_source,
    sources_from,
)

__all__ = [
    "NEWEST_ON_PYPI",
    "SOURCE_ENV",
    "ApiServer",
    "HarnessError",
    "ServerSource",
    "SourceError",
    "Stack",
    "default_cache_dir",
    "default_source",
    "parse_source",
    "running_server",
    "sources_from",
]
