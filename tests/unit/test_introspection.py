"""What IDEs, ``help()`` and tool frameworks (pydantic-ai, LangChain) read of every public method.

``typing.get_type_hints`` must resolve (the result types are imported only for
the type checker in the modules that define the methods), the signature must
show what the method returns for its kind of client, and ``help()`` must
present a function of the client's module, not a descriptor object.
"""

from __future__ import annotations

import asyncio
import inspect
import pydoc
import typing
from collections.abc import AsyncIterator, Awaitable, Iterator
from functools import cached_property
from typing import Any

import pytest

from cml_ergonomic import AsyncCognitiveMemoryLayer, CognitiveMemoryLayer, MemoryItem, ReadResult, WriteResult
from cml_ergonomic._endpoint import Resource, _ClientMethod
from cml_ergonomic._request import RequestSpec
from cml_ergonomic._session import AsyncSessionOpener, SessionOpener
from cml_ergonomic.admin._pager import AsyncPager, SyncPager
from cml_ergonomic.admin._results import MemoryDetail
from cml_ergonomic.testing import FakeCML
from tests.unit.test_client_api import public_method_names

BUILDER_TYPES = ("RequestSpec", "StreamSpec", "BatchSpec", "PageWalk")


def client_methods(cls: type) -> list[str]:
    return [n for n in public_method_names(cls) if isinstance(inspect.getattr_static(cls, n), _ClientMethod)]


def resources(root: Any, prefix: str = "admin") -> list[tuple[str, Any]]:
    """Every resource under ``root`` (``client.admin`` and its sub-resources), by dotted name."""
    found = [(prefix, root)]
    for name in dir(type(root)):
        if name.startswith("_") or not isinstance(inspect.getattr_static(type(root), name), cached_property | property):
            continue
        value = getattr(root, name)
        if isinstance(value, Resource):
            found += resources(value, f"{prefix}.{name}")
    return found


def resource_methods(client: Any) -> list[tuple[str, Any]]:
    methods = []
    for dotted, resource in resources(client.admin):
        for name in dir(type(resource)):
            if not name.startswith("_") and isinstance(inspect.getattr_static(type(resource), name), _ClientMethod):
                methods.append((f"{dotted}.{name}", getattr(resource, name)))
    return methods


def check_method(method: Any, label: str, *, module: str) -> Any:
    hints = typing.get_type_hints(method)  # raised NameError: name 'WriteResult' is not defined
    returned = hints["return"]
    signature = inspect.signature(method)
    assert signature.return_annotation is not inspect.Signature.empty, f"{label} shows no return type"
    assert signature.return_annotation == returned, label
    assert not any(word in str(returned) for word in BUILDER_TYPES), f"{label} returns {returned}, a builder's type"
    assert all(not isinstance(p.annotation, str) for p in signature.parameters.values()), label
    heading = pydoc.render_doc(method, renderer=pydoc.plaintext).splitlines()[0]
    assert heading == f"Python Library Documentation: function {method.__name__} in module {module}", heading
    assert inspect.getdoc(method), label
    return returned


@pytest.mark.parametrize("cls", [CognitiveMemoryLayer, AsyncCognitiveMemoryLayer], ids=lambda c: c.__name__)
def test_every_client_method_read_on_the_class_is_introspectable(cls: type) -> None:
    names = client_methods(cls)
    assert len(names) >= 20 and "write" in names and "read_stream" in names
    for name in names:
        check_method(getattr(cls, name), f"{cls.__name__}.{name}", module="cml_ergonomic._client")


def test_every_method_of_a_client_and_its_admin_resources_is_introspectable() -> None:
    fake = FakeCML()
    sync, asynchronous = fake.client(), fake.async_client()
    try:
        for client in (sync, asynchronous):
            is_async = isinstance(client, AsyncCognitiveMemoryLayer)
            for name in client_methods(type(client)):
                returned = check_method(getattr(client, name), name, module="cml_ergonomic._client")
                if name not in ("session",) and not name.startswith("read_stream"):
                    assert (typing.get_origin(returned) is Awaitable) is is_async, (name, returned)
            methods = resource_methods(client)
            assert len(methods) >= 40 and "admin.memories.list" in dict(methods)
            for dotted, method in methods:
                check_method(method, dotted, module=method.__module__)
                assert method.__module__.startswith("cml_ergonomic.admin"), dotted
    finally:
        sync.close()
        asyncio.run(asynchronous.aclose())


def test_the_return_types_are_the_results() -> None:
    sync, asynchronous = CognitiveMemoryLayer, AsyncCognitiveMemoryLayer
    assert typing.get_type_hints(sync.write)["return"] is WriteResult
    assert typing.get_type_hints(asynchronous.write)["return"] == Awaitable[WriteResult]
    assert typing.get_type_hints(sync.read)["return"] is ReadResult
    stream = typing.get_type_hints(sync.read_stream)["return"]
    assert typing.get_origin(stream) is Iterator and MemoryItem in typing.get_args(typing.get_args(stream)[0])
    assert typing.get_origin(typing.get_type_hints(asynchronous.read_stream)["return"]) is AsyncIterator
    assert typing.get_type_hints(sync.session)["return"] is SessionOpener
    assert typing.get_type_hints(asynchronous.session)["return"] is AsyncSessionOpener
    hints = typing.get_type_hints(sync.write)
    assert hints["content"] is str and "self" not in hints


def test_the_admin_return_types_follow_the_client_kind() -> None:
    fake = FakeCML()
    sync, asynchronous = fake.client(), fake.async_client()
    try:
        assert typing.get_type_hints(sync.admin.memories.get)["return"] is MemoryDetail
        assert typing.get_type_hints(asynchronous.admin.memories.get)["return"] == Awaitable[MemoryDetail]
        assert typing.get_origin(typing.get_type_hints(sync.admin.memories.list)["return"]) is SyncPager
        assert typing.get_origin(typing.get_type_hints(asynchronous.admin.memories.list)["return"]) is AsyncPager
    finally:
        sync.close()
        asyncio.run(asynchronous.aclose())


def test_help_on_a_method_shows_the_client_s_function() -> None:
    text = pydoc.render_doc(CognitiveMemoryLayer.write, renderer=pydoc.plaintext)
    assert text.splitlines()[0] == "Python Library Documentation: function write in module cml_ergonomic._client"
    assert "-> cml_ergonomic._result_types.write.WriteResult" in text
    assert "Help on endpoint" not in pydoc.render_doc(CognitiveMemoryLayer.write)
    assert "RequestSpec" not in text
    assert CognitiveMemoryLayer.write.__qualname__ == "CognitiveMemoryLayer.write"
    assert AsyncCognitiveMemoryLayer.write.__qualname__ == "AsyncCognitiveMemoryLayer.write"


def test_a_builder_s_own_type_is_not_what_the_method_returns() -> None:
    static = inspect.getattr_static(CognitiveMemoryLayer, "write")
    assert typing.get_origin(typing.get_type_hints(static.build, localns={"WriteResult": WriteResult})["return"]) is (
        RequestSpec
    )


def test_the_descriptor_itself_still_calls_the_method() -> None:
    fake = FakeCML()
    with fake.client() as client:
        descriptor = inspect.getattr_static(CognitiveMemoryLayer, "stats")
        assert descriptor(client).total_memories == 0  # vars(cls)["stats"](client), as for a function
        assert CognitiveMemoryLayer.stats(client).total_memories == 0
