"""What building a connection pool needs, done once per process: httpcore without h2, and the SSL context.

A plain ``httpx.Client()`` costs tens of milliseconds on top of the import
of httpx, and a client that builds several pays each time:

- ``import httpcore`` imports ``h2`` (with hpack and hyperframe) whenever it
  is installed, though HTTP/2 is negotiated only over TLS and httpcore
  imports its HTTP/2 connection class again, by itself, when a connection
  negotiates ``h2``. :func:`load_httpcore` imports httpcore with h2 hidden
  from the importing thread, so that a client of an ``http://`` server never
  loads it; an ``https://`` client with ``http2=True`` still does (httpx
  imports it when the pool is built). The one visible trace: httpcore's
  top-level ``HTTP2Connection`` names are then its "h2 is not installed"
  placeholders; httpcore's own connections never use those names.
- each ``httpx.HTTPTransport`` builds an SSL context and loads the CA bundle
  into it. :func:`shared_ssl_context` builds it once per process. httpcore
  sets a context's ALPN protocols before every handshake, from its pool's
  ``http2`` setting, so pools share a context only with pools that set the
  same list; and the context is keyed by the environment variables httpx
  reads (``SSL_CERT_FILE``, ``SSL_CERT_DIR``), so it is the one httpx would
  have built.
- a pool for an ``http://`` server needs no CA bundle unless something sends
  an ``https://`` URL through it (``client.raw`` with an absolute URL). Its
  context (:func:`deferred_ssl_context`) is httpx's, except that it loads
  the CA bundle before its first handshake rather than when it is built.
  Should that ever not happen, verification fails closed: a context that
  requires certificates and trusts none accepts no server.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    import ssl
    from collections.abc import Sequence
    from importlib.machinery import ModuleSpec
    from types import ModuleType

_lock = threading.Lock()
_contexts: dict[tuple[Any, ...], ssl.SSLContext] = {}


class _HideH2:
    """Makes ``import h2`` fail in one thread (the one importing httpcore); other threads are unaffected.

    A meta path finder by duck typing (``importlib.abc`` alone costs milliseconds to import).
    """

    def __init__(self) -> None:
        self.thread = threading.get_ident()

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if (fullname == "h2" or fullname.startswith("h2.")) and threading.get_ident() == self.thread:
            raise ModuleNotFoundError(f"{fullname} is loaded when a connection negotiates HTTP/2", name=fullname)
        return None


def load_httpcore() -> None:
    """Import httpcore, without h2 unless something imported h2 already."""
    if "httpcore" in sys.modules:
        return
    with _lock:
        if "httpcore" in sys.modules or "h2" in sys.modules:
            import httpcore

            return
        hide = _HideH2()
        sys.meta_path.insert(0, hide)
        try:
            import httpcore  # noqa: F401
        finally:
            sys.meta_path.remove(hide)


def shared_ssl_context(http2: bool) -> ssl.SSLContext | bool:
    """The process's SSL context for pools with this ``http2`` setting (True: let httpx build its own).

    httpx before 0.28 has no public way to build the context it would build,
    so there each pool builds its own, as before.
    """
    create: Any = getattr(httpx, "create_ssl_context", None)
    if create is None:  # pragma: no cover - httpx < 0.28
        return True
    key = (http2, os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))
    context = _contexts.get(key)
    if context is None:
        with _lock:
            context = _contexts.get(key)
            if context is None:
                context = _contexts[key] = create()
    return context


def _ca_locations() -> dict[str, str]:
    """Where httpx (``verify=True``, ``trust_env=True``) takes its CA certificates from."""
    if os.environ.get("SSL_CERT_FILE"):
        return {"cafile": os.environ["SSL_CERT_FILE"]}
    if os.environ.get("SSL_CERT_DIR"):
        return {"capath": os.environ["SSL_CERT_DIR"]}
    import certifi

    return {"cafile": certifi.where()}


def _deferred_context(http2: bool) -> ssl.SSLContext:
    import ssl

    class DeferredCAContext(ssl.SSLContext):
        """httpx's default context, whose CA certificates load before its first handshake."""

        _ca_lock = threading.Lock()
        _ca_loaded = False

        def _load_ca(self) -> None:
            with self._ca_lock:
                if not self._ca_loaded:
                    self.load_verify_locations(**_ca_locations())
                    self._ca_loaded = True

        def wrap_socket(self, *args: Any, **kwargs: Any) -> Any:
            if not self._ca_loaded:
                self._load_ca()
            return super().wrap_socket(*args, **kwargs)

        def wrap_bio(self, *args: Any, **kwargs: Any) -> Any:
            if not self._ca_loaded:
                self._load_ca()
            return super().wrap_bio(*args, **kwargs)

    # What ssl.create_default_context() sets for a client, as httpx builds it, minus the CA load.
    context = DeferredCAContext(ssl.PROTOCOL_TLS_CLIENT)
    context.verify_mode = ssl.CERT_REQUIRED
    context.check_hostname = True
    keylog = os.environ.get("SSLKEYLOGFILE")
    if keylog and not sys.flags.ignore_environment:
        context.keylog_filename = keylog
    return context


def deferred_ssl_context(http2: bool) -> ssl.SSLContext | bool:
    """Like :func:`shared_ssl_context`, for pools that will most likely never make a TLS handshake."""
    if getattr(httpx, "create_ssl_context", None) is None:  # pragma: no cover - httpx < 0.28
        return True
    key = ("deferred", http2, os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))
    context = _contexts.get(key)
    if context is None:
        with _lock:
            context = _contexts.get(key)
            if context is None:
                context = _contexts[key] = _deferred_context(http2)
    return context


def negotiates_http2(base_url: str, http2: bool) -> bool:
    """Whether a pool for ``base_url`` needs HTTP/2 at all: only over TLS, where ALPN can select it.

    httpcore speaks HTTP/2 over plain ``http://`` only with prior knowledge
    (HTTP/1.1 disabled), which these pools never ask for; so ``http2=True``
    on an ``http://`` URL changes nothing but the imports.
    """
    return http2 and base_url.lower().startswith("https://")
