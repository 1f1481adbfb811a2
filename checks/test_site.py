"""The built documentation site, as a reader's browser shows it: headless Chromium on a local copy.

The site is built with ``mkdocs build --strict`` (or taken from
``CML_DOCS_SITE``, where ``nox -s docs`` has just built it), served on
127.0.0.1 by the standard library, and driven through the DevTools protocol
(:mod:`checks.cdp`) in Debian's ``chromium``. Screenshots are kept as test
artefacts in ``.artifacts/site/`` (not committed).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from checks.cdp import Page, browser_page

ROOT = Path(__file__).resolve().parents[1]
ARTEFACTS = ROOT / ".artifacts" / "site"


def _nav_section(title: str) -> list[tuple[str, str]]:
    """(title, page) of one section of mkdocs.yml's nav."""
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    section = next(entry[title] for entry in nav if isinstance(entry, dict) and title in entry)
    return [next(iter(item.items())) for item in section if isinstance(item, dict)]


GUIDES = _nav_section("Guides")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if built := os.environ.get("CML_DOCS_SITE"):
        return Path(built)
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    with browser_page(tmp_path_factory.mktemp("chromium-profile")) as tab:
        yield tab


def test_home_page_renders(page: Page, base_url: str) -> None:
    page.goto(base_url)
    assert page.evaluate("document.title").startswith("cml-ergonomic")
    article = page.evaluate("document.querySelector('article').innerText")
    assert "Quick start" in article and "python3 -m nox -s demo" in article, article[:500]
    # The README's example is on the home page, highlighted as code.
    assert page.evaluate("document.querySelectorAll('article .highlight code').length") >= 3
    # Material's stylesheet and script loaded: the header is laid out and the search box exists.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in {"sticky", "fixed"}
    assert page.evaluate("!!document.querySelector('.md-search__input')")
    page.screenshot(ARTEFACTS / "home.png")


def test_navigation_reaches_every_guide(page: Page, base_url: str) -> None:
    page.goto(base_url)
    links = page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('nav.md-nav--primary a.md-nav__link[href]')]"
        ".map(a => [a.innerText.trim(), a.href]))"
    )
    missing = [title for title, _ in GUIDES if title not in links]
    assert not missing, f"guides not in the navigation: {missing}; it has {sorted(links)}"
    for title, source in GUIDES:
        page.goto(links[title])
        heading = page.evaluate("document.querySelector('article h1')?.innerText ?? ''")
        assert heading and "404" not in heading, f"{title} ({links[title]}) shows {heading!r}"
        active = page.evaluate("document.querySelector('nav.md-nav--primary .md-nav__link--active')?.innerText ?? ''")
        assert active.strip() == title, f"{source}: the navigation marks {active!r} as the current page"


def test_the_api_page_shows_the_signature_of_write(page: Page, base_url: str) -> None:
    anchor = "cml_ergonomic.CognitiveMemoryLayer.write"
    page.goto(f"{base_url}reference/clients/#{anchor}")
    signature = page.evaluate(
        f"document.getElementById({json.dumps(anchor)}).closest('.doc-object')"
        ".querySelector('.doc-signature').innerText"
    )
    flat = " ".join(signature.split())
    assert flat.startswith("write( content: str, *,"), flat
    for part in ("context_tags: Sequence[str] | None = None", "**options: Unpack[CallOptions]", ") -> WriteResult"):
        assert part in flat, f"{part!r} not in {flat!r}"
    docs = page.evaluate(
        f"document.getElementById({json.dumps(anchor)}).closest('.doc-object').querySelector('.doc-contents').innerText"
    )
    assert "Store a memory." in docs and "ValidationError" in docs, docs[:500]
    page.evaluate(f"document.getElementById({json.dumps(anchor)}).scrollIntoView()")
    page.screenshot(ARTEFACTS / "api-write.png")


def test_search_finds_read_safe(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.evaluate(
        "(() => { const box = document.querySelector('.md-search__input'); box.focus(); box.value = 'read_safe';"
        " box.dispatchEvent(new Event('focus')); box.dispatchEvent(new Event('input', {bubbles: true})); })()"
    )
    results = page.wait_for(
        "[...document.querySelectorAll('.md-search-result__item a')].map(a => a.href + ' ' + a.innerText)",
        timeout=30,
    )
    page.screenshot(ARTEFACTS / "search-read_safe.png")
    assert any("read_safe" in result for result in results), results[:10]
    target = next(result.split()[0] for result in results if "read_safe" in result.split()[0])
    page.goto(target)
    assert "read_safe" in page.evaluate("document.querySelector('article').innerText")
