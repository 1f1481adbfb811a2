"""Session scopes: ``with memory.session(...) as s`` (or ``async with``).

On entry the session is created through the API; inside, every write and
turn made through the scope carries its ``session_id``. Nothing happens on
exit: the server expires the session after its TTL. An exception inside the
block propagates unchanged.

Reads through the scope are the client's reads: the 1.5.1 server scopes
``/memory/read`` by tenant, not by session, so they return the tenant's
memories (session context, ``s.context()``, is what the session holds).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, TypeVar, Unpack, overload

from cml_ergonomic._endpoint import AsyncExecutor, SyncExecutor, _ClientMethod, endpoint
from cml_ergonomic._methods import MemoryMethods, ReadArgs, TurnOptions, WriteOptions
from cml_ergonomic._request import CallOptions, RequestSpec

if TYPE_CHECKING:
    from cml_ergonomic._client import AsyncCognitiveMemoryLayer, CognitiveMemoryLayer
    from cml_ergonomic._results import CreateSessionResult, ReadResult, SessionContext, TurnResult, WriteResult

C = TypeVar("C", bound=MemoryMethods)
P = ParamSpec("P")
T = TypeVar("T")


class _ScopeMethods(Generic[C]):
    """The scope's methods, written once for both kinds of scope."""

    def __init__(self, client: C, created: CreateSessionResult) -> None:
        self._client = client
        self.created = created
        self.session_id: str = created.session_id

    def __repr__(self) -> str:
        return f"{type(self).__name__}(session_id={self.session_id!r})"

    @endpoint
    def write(self, content: str, **kwargs: Unpack[WriteOptions]) -> RequestSpec[WriteResult]:
        """``write`` with this session's id (the same keyword arguments but ``session_id``).

        Args:
            content: the text to remember.
            **kwargs: any keyword argument of the client's ``write`` but ``session_id``.

        Returns:
            ``WriteResult``.

        Raises:
            ValidationError: a bad argument.
            APIStatusError: an error answer.

        Example:
            >>> s.write("User prefers dark mode")  # doctest: +SKIP
        """
        return MemoryMethods.write.build(self._client, content, session_id=self.session_id, **kwargs)

    @endpoint
    def turn(self, user_message: str, **kwargs: Unpack[TurnOptions]) -> RequestSpec[TurnResult]:
        """``turn`` with this session's id.

        Args:
            user_message: what the user said.
            **kwargs: any keyword argument of the client's ``turn`` but ``session_id``.

        Returns:
            ``TurnResult``.

        Raises:
            ValidationError: a bad argument.
            APIStatusError: an error answer.

        Example:
            >>> s.turn("What do I prefer?").memory_context  # doctest: +SKIP
        """
        return MemoryMethods.turn.build(self._client, user_message, session_id=self.session_id, **kwargs)

    @endpoint
    def read(self, query: str, **kwargs: Unpack[ReadArgs]) -> RequestSpec[ReadResult]:
        """The client's ``read``; the server scopes reads by tenant, not by session.

        Args:
            query: what to look for.
            **kwargs: any keyword argument of the client's ``read``.

        Returns:
            ``ReadResult``.

        Raises:
            ValidationError: a bad argument.
            APIStatusError: an error answer.

        Example:
            >>> s.read("preferences")  # doctest: +SKIP
        """
        return MemoryMethods.read.build(self._client, query, **kwargs)

    @endpoint
    def context(self, **options: Unpack[CallOptions]) -> RequestSpec[SessionContext]:
        """What this session holds (``GET /session/{id}/context``).

        Args:
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``SessionContext`` with the session's ``messages``.

        Raises:
            APIStatusError: an error answer.

        Example:
            >>> s.context().messages  # doctest: +SKIP
        """
        return MemoryMethods.get_session_context.build(self._client, self.session_id, **options)


class SessionScope(_ScopeMethods["CognitiveMemoryLayer"], SyncExecutor):
    """A session of the sync client; see :mod:`cml_ergonomic._session`."""

    def _execute(self, spec: RequestSpec[T]) -> T:
        return self._client._execute(spec)


class AsyncSessionScope(_ScopeMethods["AsyncCognitiveMemoryLayer"], AsyncExecutor):
    """A session of the async client; see :mod:`cml_ergonomic._session`."""

    async def _execute(self, spec: RequestSpec[T]) -> T:
        return await self._client._execute(spec)


class session_endpoint(_ClientMethod, Generic[P]):
    """Descriptor: a create-session builder becomes ``session()``, returning the client's kind of opener."""

    runner = "_open_session"
    build: Callable[Concatenate[Any, P], RequestSpec[CreateSessionResult]]

    def __init__(self, build: Callable[Concatenate[Any, P], RequestSpec[CreateSessionResult]]) -> None:
        super().__init__(build)

    def returns(self, built: Any, is_async: bool) -> Any:
        """The opener of the client's kind: ``with`` (sync) or ``async with`` (async)."""
        return AsyncSessionOpener if is_async else SessionOpener

    @overload
    def __get__(self, obj: None, owner: type) -> session_endpoint[P]: ...
    @overload
    def __get__(self, obj: SyncExecutor, owner: type) -> Callable[P, SessionOpener]: ...
    @overload
    def __get__(self, obj: AsyncExecutor, owner: type) -> Callable[P, AsyncSessionOpener]: ...
    def __get__(self, obj: Any, owner: type) -> Any:
        return self._bind(obj, owner)


class SessionMethods:
    """``session()`` for both clients."""

    @session_endpoint
    def session(
        self, *, name: str | None = None, ttl_hours: int = 24, metadata: Mapping[str, Any] | None = None
    ) -> RequestSpec[CreateSessionResult]:
        """A session scope: ``with memory.session(...) as s`` (``async with`` on the async client).

        The session is created through the API when the block is entered;
        ``s.write`` and ``s.turn`` carry its id; ``s.read`` is the client's
        read (the server scopes reads by tenant); ``s.context()`` returns what
        the session holds. Nothing happens on exit: the session expires after
        ``ttl_hours``. An exception inside the block propagates unchanged.

        Args:
            name: a label for the session.
            ttl_hours: hours until it expires (default 24).
            metadata: any JSON-able details.

        Returns:
            A context manager whose ``__enter__`` (``__aenter__``) returns a ``SessionScope`` (``AsyncSessionScope``).

        Raises:
            ValidationError: a bad argument (raised at once, before the block).
            APIStatusError: the server refused to create the session (on entry).

        Example:
            >>> with memory.session(name="onboarding") as s:  # doctest: +SKIP
            ...     s.write("User prefers dark mode")
            ...     s.context()
        """
        return MemoryMethods.create_session.build(self, name=name, ttl_hours=ttl_hours, metadata=metadata)


class SessionOpener:
    """``with memory.session(...) as s``: creates the session on entry; nothing on exit."""

    def __init__(self, client: CognitiveMemoryLayer, spec: RequestSpec[CreateSessionResult]) -> None:
        self._client, self._spec = client, spec

    def __enter__(self) -> SessionScope:
        return SessionScope(self._client, self._client._execute(self._spec))

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None  # the TTL expires the session; exceptions propagate unchanged


class AsyncSessionOpener:
    """``async with memory.session(...) as s``: creates the session on entry; nothing on exit."""

    def __init__(self, client: AsyncCognitiveMemoryLayer, spec: RequestSpec[CreateSessionResult]) -> None:
        self._client, self._spec = client, spec

    async def __aenter__(self) -> AsyncSessionScope:
        return AsyncSessionScope(self._client, await self._client._execute(self._spec))

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None
