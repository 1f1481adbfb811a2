"""Where the harness takes a server from (cml_ergonomic/server/sources.py): parsing, versions, profiles, defaults."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from cml_ergonomic.server import sources
from cml_ergonomic.server.sources import (
    PROFILES,
    ServerSource,
    SourceError,
    built_for_version,
    default_source,
    parse_source,
    profile_for,
    sources_from,
)


def _tree(root: Path, *, version_file: str | None = "2.0.0", pyproject_version: str | None = None) -> Path:
    (root / "src").mkdir(parents=True)
    (root / "uv.lock").write_text("version = 1\n")
    if version_file is not None:
        (root / "VERSION").write_text(version_file + "\n")
    if pyproject_version is not None:
        (root / "pyproject.toml").write_text(f'[project]\nname = "cml"\nversion = "{pyproject_version}"\n')
    return root


def _archive(path: Path, top: str, files: dict[str, str]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(f"{top}/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.mark.parametrize("text", ["1.5.1", "pypi:1.5.1", " 1.5.1 "])
def test_a_version_is_a_pypi_source(text: str) -> None:
    source = parse_source(text)
    assert (source.kind, source.version, source.label, source.cache_key) == ("pypi", "1.5.1", "1.5.1", "1.5.1")


def test_a_tree_takes_its_version_from_its_version_file(tmp_path: Path) -> None:
    source = parse_source(str(_tree(tmp_path / "server", version_file="2.0.0", pyproject_version="9.9.9")))
    assert (source.kind, source.version, source.label) == ("tree", "2.0.0", "2.0.0-tree")
    assert source.location == str((tmp_path / "server").resolve())


def test_a_tree_without_version_file_uses_pyproject(tmp_path: Path) -> None:
    source = parse_source(str(_tree(tmp_path / "server", version_file=None, pyproject_version="2.1.0")))
    assert source.version == "2.1.0"


def test_a_tree_without_any_version_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="VERSION"):
        parse_source(str(_tree(tmp_path / "server", version_file=None)))


def test_a_folder_that_is_not_a_server_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"src/ and uv\.lock"):
        parse_source(str(tmp_path))


def test_an_archive_takes_its_version_from_its_top_folder(tmp_path: Path) -> None:
    archive = _archive(tmp_path / "cml-src.tar.gz", "cml-2.0.0", {"VERSION": "2.0.0\n", "src/x.py": ""})
    source = parse_source(str(archive))
    assert (source.kind, source.version, source.label) == ("archive", "2.0.0", "2.0.0-archive")


def test_two_archives_of_one_version_do_not_share_an_installation(tmp_path: Path) -> None:
    a = parse_source(str(_archive(tmp_path / "a.tar.gz", "a", {"VERSION": "2.0.0"})))
    b = parse_source(str(_archive(tmp_path / "b.tgz", "b", {"VERSION": "2.0.0"})))
    assert a.cache_key != b.cache_key and a.cache_key.startswith("2.0.0-archive-")


def test_an_archive_without_a_version_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no top-level VERSION"):
        parse_source(str(_archive(tmp_path / "x.tar.gz", "x", {"README.md": "hi"})))


def test_a_missing_path_says_what_a_source_is(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"a version on PyPI, a source tree or a \.tar\.gz"):
        parse_source(str(tmp_path / "nowhere.tar.gz"))


def test_profiles_hold_what_differs_between_server_lines() -> None:
    old, new = profile_for("1.5.1"), profile_for("2.0.0")
    assert old.tiktoken_encoding and old.models_auto_download_off and old.bundled_tokenizer
    assert not (new.tiktoken_encoding or new.models_auto_download_off or new.bundled_tokenizer)
    assert profile_for("2.3.1") is new and profile_for("1.4.2") is old
    assert PROFILES[-1].since == "0", "the last profile must catch every older version"


def test_the_built_for_version_is_the_snapshot_name(tmp_path: Path) -> None:
    (tmp_path / "cml-7.1.0.json").write_text("{}")
    assert built_for_version(tmp_path) == "7.1.0"
    (tmp_path / "cml-7.2.0.json").write_text("{}")
    with pytest.raises(SourceError, match="exactly one"):
        built_for_version(tmp_path)


def test_the_default_is_the_built_for_version_when_pypi_has_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "built_for_version", lambda: "1.4.2")
    assert default_source() == ServerSource("pypi", "1.4.2", "1.4.2")


def test_the_default_falls_back_to_pypi_newest_for_an_unpublished_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "built_for_version", lambda: "9.0.0")
    assert default_source() == ServerSource("pypi", sources.NEWEST_ON_PYPI, sources.NEWEST_ON_PYPI)


def test_sources_come_from_arguments_then_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(sources.SOURCE_ENV, "1.4.2, 1.5.1")
    assert [s.version for s in sources_from()] == ["1.4.2", "1.5.1"]
    assert [s.version for s in sources_from(["1.3.0,1.5.1", "1.2.0"])] == ["1.3.0", "1.5.1", "1.2.0"]
    monkeypatch.delenv(sources.SOURCE_ENV)
    assert sources_from() == [default_source()]


def test_a_running_servers_repr_shows_no_key() -> None:
    from cml_ergonomic.server.harness import ApiServer

    server = ApiServer("http://127.0.0.1:1", "normal-key-0123", "admin-key-4567", "tenant", 0, child=None)  # type: ignore[arg-type]
    assert "normal-key-0123" not in repr(server) and "admin-key-4567" not in repr(server)
    assert "http://127.0.0.1:1" in repr(server)
