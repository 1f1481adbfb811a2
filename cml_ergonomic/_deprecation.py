"""``deprecated``: mark a function or a client method as deprecated, pointing at its replacement."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any, TypeVar, cast

F = TypeVar("F")


def deprecated(alternative: str, removal_version: str, *, name: str | None = None) -> Callable[[F], F]:
    """Decorate a function (or a client method made with ``endpoint``) so that calling it warns.

    The ``DeprecationWarning`` points at the caller's line, not at the SDK.

    Args:
        alternative: what to call instead.
        removal_version: the release that removes it.
        name: the deprecated name, when it differs from the function's (an alias).

    Returns:
        The decorator.

    Example:
        >>> @deprecated("new_thing", "2.0")
        ... def old_thing() -> int:
        ...     return 1
    """

    def decorate(target: F) -> F:
        from cml_ergonomic._endpoint import _ClientMethod

        # A client method's builder runs one frame deeper (inside the bound method), so warn one level higher.
        if isinstance(target, _ClientMethod):
            wrapped = type(target)(_wrap(target.build, alternative, removal_version, name, stacklevel=3))
            return cast(F, wrapped)
        return cast(F, _wrap(cast(Callable[..., Any], target), alternative, removal_version, name, stacklevel=2))

    return decorate


def _wrap(
    function: Callable[..., Any], alternative: str, removal_version: str, name: str | None, stacklevel: int
) -> Callable[..., Any]:
    name = name or function.__name__
    message = f"{name}() is deprecated and will be removed in {removal_version}; use {alternative}()"

    @functools.wraps(function)
    def warn_then_call(*args: Any, **kwargs: Any) -> Any:
        warnings.warn(message, DeprecationWarning, stacklevel=stacklevel)
        return function(*args, **kwargs)

    warn_then_call.__name__ = warn_then_call.__qualname__ = name
    doc = function.__doc__ or ""
    warn_then_call.__doc__ = f"Deprecated: use ``{alternative}()`` (removed in {removal_version}).\n\n{doc}"
    return warn_then_call
