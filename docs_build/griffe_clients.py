"""griffe extension: the client methods appear in the API reference with the signatures a caller sees.

Each public method is written once (see ``cml_ergonomic._endpoint``): a
builder ``def write(self, content, ...) -> RequestSpec[WriteResult]`` under a
descriptor (``@endpoint``) that turns it into a method returning
``WriteResult`` on the sync client and a coroutine of it on the async one.
Read statically, griffe would show the builder's return type. This extension
rewrites the return type to the caller's (``WriteResult``; ``Iterator[...]``
for a stream; the pager or session opener of the client's kind), and gives
the async classes their own copies of the inherited methods, marked
``async`` (an async iterator for a stream). Parameters and docstrings are
the builder's own, unchanged.
"""

from __future__ import annotations

from typing import Any

import griffe

# descriptor name -> (sync return, async return): "T" unwraps the builder's Spec[T]; a name wraps its arguments.
DESCRIPTORS = {
    "endpoint": ("T", "T"),
    "read_endpoint": ("T", "T"),
    "batch_endpoint": ("T", "T"),
    "stream_endpoint": ("Iterator", "AsyncIterator"),
    "paged_endpoint": ("SyncPager", "AsyncPager"),
    "session_endpoint": ("SessionOpener", "AsyncSessionOpener"),
}
WHERE = {
    "Iterator": "collections.abc",
    "AsyncIterator": "collections.abc",
    "SyncPager": "cml_ergonomic.admin._pager",
    "AsyncPager": "cml_ergonomic.admin._pager",
    "SessionOpener": "cml_ergonomic._session",
    "AsyncSessionOpener": "cml_ergonomic._session",
}
ASYNC_CLASSES = ("_client.AsyncCognitiveMemoryLayer", "_session.AsyncSessionScope")


def descriptor_of(function: griffe.Function) -> str | None:
    """The endpoint descriptor that decorates ``function``, if any."""
    for decorator in function.decorators:
        name = str(decorator.value).rsplit(".", 1)[-1]
        if name in DESCRIPTORS:
            return name
    return None


def caller_returns(function: griffe.Function, descriptor: str, *, is_async: bool) -> Any:
    """The return annotation a caller of the bound method sees."""
    wanted = DESCRIPTORS[descriptor][is_async]
    returns = function.returns
    if wanted == "T":
        return returns.slice if isinstance(returns, griffe.ExprSubscript) else returns
    if descriptor == "session_endpoint":
        return griffe.ExprName(wanted, parent=function.module)
    inner = returns.slice if isinstance(returns, griffe.ExprSubscript) else returns
    return griffe.ExprSubscript(griffe.ExprName(wanted, parent=function.module), inner)


def _functions(obj: griffe.Object) -> list[griffe.Function]:
    found: list[griffe.Function] = []
    for member in obj.members.values():
        if member.is_alias:
            continue
        if isinstance(member, griffe.Function):
            found.append(member)
        elif isinstance(member, griffe.Class | griffe.Module):
            found.extend(_functions(member))
    return found


class ClientMethods(griffe.Extension):
    """Rewrite the client methods' return types; give the async classes their own async copies."""

    def on_package(self, *, pkg: griffe.Module, loader: griffe.GriffeLoader, **kwargs: Any) -> None:
        if pkg.name != "cml_ergonomic":
            return
        copies: set[int] = set()
        for path in ASYNC_CLASSES:  # first, while the builders still carry their Spec[T] return types
            cls = pkg[path]
            for name, member in list(cls.all_members.items()):
                target = member.final_target if member.is_alias else member
                if not isinstance(target, griffe.Function) or not member.is_alias:
                    continue  # the class's own members are left as written
                descriptor = descriptor_of(target)
                if descriptor is None:
                    continue
                copy = griffe.Function(
                    name,
                    parameters=target.parameters,
                    returns=caller_returns(target, descriptor, is_async=True),
                    decorators=target.decorators,
                    docstring=target.docstring,
                    lineno=target.lineno,
                    endlineno=target.endlineno,
                )
                if DESCRIPTORS[descriptor][1] == "T":
                    copy.labels.add("async")
                cls.set_member(name, copy)
                copies.add(id(copy))
        for function in _functions(pkg):
            descriptor = descriptor_of(function)
            if descriptor is not None and id(function) not in copies:
                function.returns = caller_returns(function, descriptor, is_async=False)
