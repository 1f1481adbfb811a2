"""``cml-ergonomic mcp`` end to end against FakeCML, through the official MCP client, on both transports.

The same checks run against both real servers in ``tests/integration/test_agents_real.py``.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.agents_mcp import exercise_tools, free_port, http_server, http_session, raw_post, stdio_session

pytestmark = [pytest.mark.anyio, pytest.mark.timeout(120)]


async def test_stdio_serves_every_tool_error_and_resource() -> None:
    async with stdio_session(None) as session:
        await exercise_tools(session)


async def test_streamable_http_serves_every_tool_error_and_resource() -> None:
    with http_server(None) as url:
        async with http_session(url) as session:
            await exercise_tools(session)


def test_http_refuses_a_foreign_host_or_origin_and_accepts_its_own() -> None:
    with http_server(None) as url:
        port = url.split(":")[2].split("/")[0]
        assert raw_post(url, {}).status_code == 200
        assert raw_post(url, {"origin": f"http://localhost:{port}"}).status_code == 200
        assert raw_post(url, {"host": "evil.example"}).status_code == 421  # a rebound domain
        assert raw_post(url, {"host": f"evil.example:{port}"}).status_code == 421
        assert raw_post(url, {"origin": "http://evil.example"}).status_code == 403


async def test_http_with_a_token_refuses_requests_without_it() -> None:
    with http_server(None, token="s3cret-token") as url:
        assert raw_post(url, {}).status_code == 401
        assert raw_post(url, {"authorization": "Bearer wrong"}).status_code == 401
        assert raw_post(url, {"authorization": "Bearer s3cret-token"}).status_code == 200
        async with http_session(url, token="s3cret-token") as session:
            assert len((await session.list_tools()).tools) == 5


@pytest.mark.parametrize(
    ("flags", "env", "message"),
    [
        (["--host", "0.0.0.0"], {}, "--allow-remote"),
        (["--host", "0.0.0.0", "--allow-remote"], {}, "bearer token"),
    ],
)
def test_a_non_loopback_address_needs_the_flag_and_a_token(flags: list[str], env: dict[str, str], message: str) -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "cml_ergonomic.mcp",
            "--fake",
            "--transport",
            "http",
            "--port",
            str(free_port()),
            *flags,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", **env},
    )
    assert run.returncode == 2, run.stderr
    assert message in run.stderr and run.stdout == ""


def test_import_cml_ergonomic_loads_neither_mcp_nor_openai() -> None:
    code = (
        "import sys, cml_ergonomic, cml_ergonomic.agents, cml_ergonomic.mcp; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mcp', 'openai', 'mcp_types', 'starlette')))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
