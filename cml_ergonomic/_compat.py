"""``check_compatibility()``: does the running server still serve what this SDK calls?

The live server's ``/openapi.json`` is compared with the snapshot the SDK
was generated from, by the same engine as ``python -m codegen diff``
(:mod:`cml_ergonomic._schemadiff`), limited to the operations in the
wrapper's operation map.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

from cml_ergonomic._endpoint import endpoint
from cml_ergonomic._logging import get_logger
from cml_ergonomic._operations import Operation
from cml_ergonomic._request import CallOptions, RequestSpec

if TYPE_CHECKING:
    from cml_ergonomic._schemadiff import Change

log = get_logger("compat")

OPENAPI_DOCUMENT = Operation(
    "openapi_document", "GET", "/openapi.json", read_only=True, methods=("check_compatibility",)
)


@cache
def _snapshot_path() -> Path:
    from importlib import resources  # ~2 ms, for check_compatibility() only

    packaged = resources.files("cml_ergonomic") / "_openapi"
    candidates = [Path(str(packaged)), Path(__file__).resolve().parent.parent / "openapi"]
    for directory in candidates:
        snapshots = sorted(directory.glob("cml-*.json")) if directory.is_dir() else []
        if snapshots:
            return snapshots[-1]
    raise FileNotFoundError("no OpenAPI snapshot (cml-*.json) ships with this installation of cml_ergonomic")


@cache
def load_snapshot() -> dict[str, Any]:
    """The OpenAPI snapshot this SDK was generated from.

    The wheel carries it as ``cml_ergonomic/_openapi/``; a source checkout has it in ``openapi/``.

    Raises:
        FileNotFoundError: neither is there.
    """
    loaded: dict[str, Any] = json.loads(_snapshot_path().read_text(encoding="utf-8"))
    return loaded


def snapshot_version() -> str:
    """The server version this SDK was generated from (the snapshot's ``cml-<version>.json`` name).

    Raises:
        FileNotFoundError: no snapshot ships with this installation.
    """
    return _snapshot_path().stem.removeprefix("cml-")


def _added_later(change: Change) -> Operation | None:
    """The wrapped operation ``change`` says the server lacks, when a later server version added it."""
    from cml_ergonomic._operations import operation_map

    if change.rule != "operation-removed":
        return None
    for operation in operation_map().values():
        if operation.label == change.operation and operation.added is not None:
            return operation
    return None


@dataclass(frozen=True)
class CompatibilityReport:
    """What ``check_compatibility()`` found.

    Attributes:
        issues: the breaking changes that hit operations the wrapper calls.
        error: why the comparison could not be made, if it could not.
    """

    issues: list[Change] = field(default_factory=list)
    error: str | None = None

    @property
    def compatible(self) -> bool:
        """True when every operation the wrapper uses is served as the SDK expects."""
        return not self.issues and self.error is None

    @property
    def affected_methods(self) -> tuple[str, ...]:
        """The wrapper methods that may fail against this server."""
        return tuple(sorted({m for change in self.issues for m in change.methods}))

    @property
    def older_server(self) -> bool:
        """True when all the server lacks are operations a later server version added: it is an older release."""
        return bool(self.issues) and all(_added_later(change) is not None for change in self.issues)

    def _older_server_summary(self) -> str:
        later = [op for op in map(_added_later, self.issues) if op is not None]
        missing = ", ".join(f"{m}() (server {op.added})" for op in later for m in op.methods)
        try:
            built_for = f" (CML server {snapshot_version()})"
        except FileNotFoundError:  # pragma: no cover - every installation ships its snapshot
            built_for = ""
        return (
            f"This server is older than the one this SDK was built for{built_for}: every method works "
            f"except {missing}, which came in later server versions."
        )

    def __str__(self) -> str:
        if self.error:
            return f"compatibility unknown: {self.error}"
        if not self.issues:
            return "compatible: every operation the SDK uses is served as expected"
        lines = [self._older_server_summary()] if self.older_server else []
        lines += [f"{len(self.issues)} breaking change(s); affected methods: {', '.join(self.affected_methods)}"]
        lines += [f"  {c.operation} {c.location}: {c.detail} ({c.rule})" for c in self.issues]
        return "\n".join(lines)


def report_from_document(live: Any) -> CompatibilityReport:
    """Compare a live document with the snapshot.

    Args:
        live: the parsed ``/openapi.json``.

    Returns:
        The report (with ``error`` set when a document cannot be compared).
    """
    from cml_ergonomic._schemadiff import SchemaDiffError, compatibility_issues  # only when a check runs

    if not isinstance(live, dict) or not str(live.get("openapi", "")).startswith("3."):
        what = "an HTML page, " if isinstance(live, str) and live.lstrip()[:1] == "<" else ""
        return CompatibilityReport(
            error=f"the server's /openapi.json is {what}not an OpenAPI 3 document: is base_url the CML server's?"
        )
    try:
        return CompatibilityReport(issues=compatibility_issues(load_snapshot(), live))
    except (SchemaDiffError, FileNotFoundError) as exc:
        return CompatibilityReport(error=str(exc))


def warn_if_incompatible(report: CompatibilityReport) -> None:
    """The ``check_server=True`` check on first use: one WARNING when something does not match."""
    if not report.compatible:
        log.warning("the server at hand differs from the API this SDK was built for: %s", report)


def first_use_check() -> RequestSpec[None]:
    """The request behind ``check_server=True``: never raises for what it finds, only logs."""
    return RequestSpec(
        OPENAPI_DOCUMENT,
        lambda live: warn_if_incompatible(report_from_document(live)),
        options=CallOptions(max_retries=0, deadline=10.0),
        text_body=True,
    )


class CompatibilityMethods:
    """``check_compatibility()`` for both clients."""

    @endpoint
    def check_compatibility(self, **options: Unpack[CallOptions]) -> RequestSpec[CompatibilityReport]:
        """Compare the running server's API with the one this SDK was built for.

        It fetches ``/openapi.json`` and checks, for every operation the
        wrapper uses, paths, methods, required request fields and the
        response fields the wrapper reads. It speaks for the wrapper's
        methods only, and only of what the server lacks: what the server has
        extra, and what only raw callers of the generated client would meet,
        are in the full report (``python -m codegen diff``, its raw column).

        Args:
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``CompatibilityReport``: ``compatible``, ``issues``, ``affected_methods``.

        Raises:
            CMLConnectionError: the server cannot be reached.
            APIStatusError: the server does not serve its document.

        Example:
            >>> report = memory.check_compatibility()  # doctest: +SKIP
            >>> report.compatible  # doctest: +SKIP
            True
        """
        return RequestSpec(OPENAPI_DOCUMENT, report_from_document, options=options, text_body=True)
