"""Which generated module and models a schema change touches, named as the generator names them.

A raw caller imports ``cml_api_client.api.<tag>.<module>`` and the models in
``cml_api_client.models``; the schema diff (:mod:`cml_ergonomic._schemadiff`)
says what changed in terms of the OpenAPI document. This module maps one onto
the other by running the pinned generator's own parser (openapi-python-client,
with ``codegen/config.yaml``) on the document as ``codegen/patches.py``
patches it, so the names are the ones ``generated/`` has, not a guess at the
generator's naming rules (inline models, ``_type_0`` unions, ``_item``s).

Where the change is:

* the operation (added, removed, renamed, documented): its module;
* a parameter: the module, and the enum or model class of the parameter's type;
* a request or response field: the module, the model that holds the field
  (``MemoryItem`` for ``response.memories[].text``), and the model or enum of
  the field's own type when that class is what changed or appears/disappears.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path

from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.openapi import Endpoint
from openapi_python_client.parser.properties import EnumProperty, LiteralEnumProperty, ModelProperty
from openapi_python_client.parser.properties.list_property import ListProperty
from openapi_python_client.parser.properties.protocol import PropertyProtocol
from openapi_python_client.parser.properties.union import UnionProperty

from cml_ergonomic._schemadiff import Change, SchemaDiff
from codegen.generate import CONFIG, GENERATED_DIR, ROOT
from codegen.patches import apply_patches
from codegen.schema import Document

_ITEMS, _VALUES = "[]", "{}"
_TYPE_CHANGES = frozenset(
    {"type-changed", "made-nullable", "made-non-nullable", "enum-values-added", "enum-values-removed"}
    | {"enum-restricted", "enum-unrestricted", "enum-reordered"}
)
_Named = ModelProperty | EnumProperty | LiteralEnumProperty


def _text(value: object) -> str:
    """The plain text of the generator's ``UntrustedString`` (or of a str)."""
    getter = getattr(value, "get_untrusted_value", None)
    return str(getter()) if callable(getter) else str(value)


@cache
def _config() -> Config:
    return Config.from_sources(ConfigFile.load_from_path(CONFIG), MetaType.NONE, "openapi.json", "utf-8", False, None)


class GeneratedClient:
    """The generated client of one document, as the generator would write it.

    Args:
        document: an OpenAPI document as the server serves it (unpatched).
        package: where the generated package lives, for the file names.

    Raises:
        ValueError: the generator cannot parse the document.
    """

    def __init__(self, document: Document, package: Path = GENERATED_DIR) -> None:
        data = GeneratorData.from_dict(apply_patches(document), config=_config())
        if not isinstance(data, GeneratorData):
            raise ValueError(f"the generator cannot parse the document: {data.header}")
        self._package = package
        self._models: dict[str, _Named] = {m.class_info.name: m for m in [*data.models, *data.enums]}
        self._model_files = frozenset(self._model_file(model) for model in self._models.values())
        self._endpoints: dict[tuple[str, str], tuple[str, Endpoint]] = {
            (endpoint.method.upper(), _text(endpoint.path)): (str(tag), endpoint)
            for tag, collection in data.endpoint_collections_by_tag.items()
            for endpoint in collection.endpoints
        }

    def _file(self, *parts: str) -> str:
        target = self._package.joinpath(*parts)
        return str(target.relative_to(ROOT)) if target.is_relative_to(ROOT) else str(target)

    @property
    def module_files(self) -> frozenset[str]:
        """Every operation module the generator writes for this document."""
        return frozenset(self.module(method, path) for method, path in self._endpoints)

    @property
    def model_files(self) -> frozenset[str]:
        """Every model and enum module the generator writes for this document."""
        return self._model_files

    def has_model(self, file: str) -> bool:
        """Whether the generator writes this model (or enum) file."""
        return file in self._model_files

    def module(self, method: str, path: str) -> str:
        """The generated module of an operation (``generated/cml_api_client/api/<tag>/<name>.py``); empty if none."""
        found = self._endpoints.get((method.upper(), path))
        return self._file("api", found[0], f"{found[1].name}.py") if found else ""

    def _model_file(self, model: _Named) -> str:
        return self._file("models", f"{model.class_info.module_name}.py")

    def _built(self, prop: PropertyProtocol) -> PropertyProtocol:
        """The model as the generator built it (a referenced model may be a copy without its properties)."""
        if isinstance(prop, _Named):
            return self._models.get(prop.class_info.name, prop)
        return prop

    def _alternatives(self, prop: PropertyProtocol) -> Iterator[PropertyProtocol]:
        """The property itself, or the members of a union (``X | None`` is a union)."""
        if isinstance(prop, UnionProperty):
            for member in prop.inner_properties:
                yield from self._alternatives(member)
        else:
            yield self._built(prop)

    def _children(self, prop: PropertyProtocol, segment: str) -> Iterator[tuple[PropertyProtocol, _Named | None]]:
        """What ``segment`` leads to from ``prop``, with the model that holds it."""
        for member in self._alternatives(prop):
            if segment == _ITEMS and isinstance(member, ListProperty):
                yield member.inner_property, None
            elif isinstance(member, ModelProperty):
                if segment == _VALUES and member.additional_properties is not None:
                    yield member.additional_properties, member
                for field in [*(member.required_properties or []), *(member.optional_properties or [])]:
                    if _text(field.name) == segment:
                        yield field, member

    def _own_classes(self, prop: PropertyProtocol) -> list[_Named]:
        """The models and enums a property's type names directly (through unions, lists and maps)."""
        found: list[_Named] = []
        for member in self._alternatives(prop):
            if isinstance(member, _Named):
                found.append(member)
            elif isinstance(member, ListProperty):
                found += self._own_classes(member.inner_property)
        return found

    def _root(
        self, endpoint: Endpoint, part: str, path: tuple[str, ...]
    ) -> tuple[PropertyProtocol | None, tuple[str, ...]]:
        """The property a change's field path starts from, and the rest of the path."""
        if part == "request":
            bodies = sorted(endpoint.bodies, key=lambda body: "json" not in _text(body.content_type))
            return (bodies[0].prop if bodies else None), path
        if part == "response":
            # the diff compares the 200 answer, else the first 2xx; so does this
            answers = sorted(
                (r for r in endpoint.responses.patterns if r.status_code.pattern.startswith("2")),
                key=lambda r: (r.status_code.pattern != "200", r.status_code.pattern),
            )
            return (answers[0].prop if answers else None), path
        if part == "parameter" and len(path) >= 2:
            place, name = path[0], path[1]
            parameters: list[PropertyProtocol] = getattr(endpoint, f"{place}_parameters", [])
            for parameter in parameters:
                if (_text(parameter.name).lower() if place == "header" else _text(parameter.name)) == name:
                    return parameter, path[2:]
        return None, ()

    def locate(self, change: Change) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The model files that hold a changed field, and those of the field's own type.

        Args:
            change: a change of an operation of this client's document.

        Returns:
            ``(holders, own)``; both empty when the operation or field is not in this client.
        """
        method, _, path = change.operation.partition(" ")
        found = self._endpoints.get((method, path))
        root, rest = self._root(found[1], change.part, change.path) if found else (None, ())
        if root is None:
            return (), ()
        props, holders = [root], []
        for segment in rest:
            steps = [step for prop in props for step in self._children(prop, segment)]
            props, holders = [prop for prop, _ in steps], [holder for _, holder in steps if holder is not None]
        own = [model for prop in props for model in self._own_classes(prop)]
        return self._files(holders), self._files(own)

    def operation_models(self, method: str, path: str) -> tuple[str, ...]:
        """Every model file an operation's parameters, request body and success answer reach.

        Args:
            method: the HTTP method.
            path: the path template.

        Returns:
            The files, in the order they are reached; empty when the operation is not here.
        """
        found = self._endpoints.get((method, path))
        if found is None:
            return ()
        endpoint = found[1]
        pending: list[PropertyProtocol] = [
            root
            for part, key in [("request", ()), ("response", ())]
            if (root := self._root(endpoint, part, key)[0]) is not None
        ]
        for place in ("path", "query", "header", "cookie"):
            pending += getattr(endpoint, f"{place}_parameters", [])
        reached: dict[str, _Named] = {}
        while pending:
            for model in self._own_classes(pending.pop(0)):
                if model.class_info.name in reached:
                    continue
                reached[model.class_info.name] = model
                if isinstance(model, ModelProperty):
                    pending += [*(model.required_properties or []), *(model.optional_properties or [])]
                    if model.additional_properties is not None:
                        pending.append(model.additional_properties)
        return self._files(list(reached.values()))

    def _files(self, models: list[_Named]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self._model_file(model) for model in models))


def _client(document: Document) -> GeneratedClient | None:
    # The generator takes a second or more on the real schema; a report (and a test run) often reads one twice.
    return _parsed(json.dumps(document, sort_keys=True))


@lru_cache(maxsize=8)
def _parsed(encoded: str) -> GeneratedClient | None:
    try:
        return GeneratedClient(json.loads(encoded))
    except (ValueError, KeyError, TypeError):
        return None  # a document the generator cannot read: the report names no generated code for it


def _named(change: Change, old: GeneratedClient | None, new: GeneratedClient | None) -> Change:
    method, _, path = change.operation.partition(" ")
    modules = [client.module(method, path) for client in (old, new) if client is not None]
    models: list[str] = []
    for client, other in ((old, new), (new, old)):
        if client is None:
            continue
        if change.kind in ("operation-added", "operation-removed"):
            # the models only this operation used appear or go with it
            own = client.operation_models(method, path)
            models += [name for name in own if other is None or not other.has_model(name)]
            continue
        holders, own = client.locate(change)
        models += holders
        if not change.path or change.kind in _TYPE_CHANGES:
            models += own  # the class of the field's type is what changed
        elif change.kind.endswith(("-added", "-removed")):
            models += [name for name in own if other is None or not other.has_model(name)]  # it appears or goes
    return dataclasses.replace(
        change, module=" → ".join(dict.fromkeys(m for m in modules if m)), models=tuple(dict.fromkeys(models))
    )


def name_changes(diff: SchemaDiff, old: Document, new: Document) -> SchemaDiff:
    """The diff with each change's generated module and models filled in.

    Args:
        diff: ``compare(old, new)``.
        old: the old document.
        new: the new document.

    Returns:
        A new diff; a change keeps empty names where the generator cannot read a document.
    """
    old_client, new_client = _client(old), _client(new)
    return SchemaDiff([_named(change, old_client, new_client) for change in diff.changes])
