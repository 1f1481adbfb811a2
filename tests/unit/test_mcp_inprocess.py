"""The MCP server's parts in this process: the server through the SDK's in-memory transport, the HTTP guards
through an ASGI client, the command line's refusals. The same server runs as a process in ``test_mcp_server.py``.
"""

from __future__ import annotations

import httpx
import pytest
from mcp import ClientSession
from mcp.client._memory import InMemoryTransport
from mcp.shared.exceptions import MCPError

from cml_ergonomic.mcp import build_server, main
from cml_ergonomic.mcp._http import BearerToken, is_loopback, security_settings
from cml_ergonomic.testing import API_KEY, FakeCML
from tests.agents_mcp import exercise_tools

pytestmark = pytest.mark.anyio


async def test_the_server_in_process_serves_every_tool_error_and_resource() -> None:
    async with (
        FakeCML().async_client() as client,
        InMemoryTransport(build_server(client)) as (read, write),
        ClientSession(read, write) as session,
    ):
        await session.initialize()
        await exercise_tools(session)


async def test_a_failing_resource_is_an_error_without_the_key() -> None:
    fake = FakeCML()
    async with (
        fake.async_client(max_retries=0) as client,
        InMemoryTransport(build_server(client)) as (read, write),
        ClientSession(read, write) as session,
    ):
        await session.initialize()
        fake.fail_next(1, status=500, detail=f"boom {API_KEY}")
        with pytest.raises(MCPError) as failure:
            await session.read_resource("cml://stats")
        assert "500" in str(failure.value) and API_KEY not in str(failure.value)
        listed = await session.list_tools()
        assert {t.name: t.annotations.read_only_hint for t in listed.tools if t.annotations} == {
            "memory_write": False,
            "memory_read": True,
            "memory_update": False,
            "memory_forget": False,
            "memory_stats": True,
        }


async def test_the_bearer_token_guards_every_request() -> None:
    async def app(scope: dict, receive: object, send: object) -> None:  # type: ignore[type-arg]
        await send({"type": "http.response.start", "status": 200, "headers": []})  # type: ignore[operator]
        await send({"type": "http.response.body", "body": b"in"})  # type: ignore[operator]

    guarded = BearerToken(app, "t0k3n")  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=httpx.ASGITransport(guarded), base_url="http://127.0.0.1") as http:
        assert (await http.post("/mcp")).status_code == 401
        refused = await http.post("/mcp", headers={"authorization": "Bearer t0k3"})
        assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
        assert (await http.post("/mcp", headers={"authorization": "Bearer t0k3n"})).text == "in"


def test_loopback_and_the_allowed_names() -> None:
    assert [is_loopback(h) for h in ("127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost")] == [True] * 5
    assert [is_loopback(h) for h in ("0.0.0.0", "10.0.0.1", "example.com")] == [False] * 3
    local = security_settings("127.0.0.1", 8765)
    assert local.enable_dns_rebinding_protection
    assert local.allowed_hosts == ["127.0.0.1:8765", "localhost:8765", "[::1]:8765"]
    assert "http://evil.example" not in local.allowed_origins
    remote = security_settings("10.0.0.5", 9000, ["mem.example:443"], ["https://app.example"])
    assert remote.allowed_hosts == ["10.0.0.5:9000", "mem.example:443"]
    assert remote.allowed_origins == ["http://10.0.0.5:9000", "https://10.0.0.5:9000", "https://app.example"]


@pytest.mark.parametrize(
    ("argv", "env", "message"),
    [
        (["--transport", "http", "--host", "0.0.0.0"], {}, "--allow-remote"),
        (["--transport", "http", "--host", "0.0.0.0", "--allow-remote"], {}, "bearer token"),
        (["--forget-cap", "0"], {}, "forget_cap"),
        (["--tools", "memory_wipe"], {}, "not a memory tool"),
        ([], {}, "CML_API_KEY"),
    ],
)
def test_the_command_refuses_with_exit_code_2(
    argv: list[str], env: dict[str, str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = [] if message == "CML_API_KEY" else ["--fake"]
    assert main([*fake, *argv]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""


async def test_the_http_transport_in_process_with_a_token() -> None:
    import anyio

    from cml_ergonomic.mcp._cli import _run, build_parser
    from tests.agents_mcp import free_port, http_session, raw_post

    port = free_port()
    args = build_parser().parse_args(["--fake", "--transport", "http", "--port", str(port), "--tools", "memory_stats"])
    url = f"http://127.0.0.1:{port}/mcp"
    async with anyio.create_task_group() as group:
        group.start_soon(_run, args, "t0k3n")
        with anyio.fail_after(20):
            while True:
                try:
                    await anyio.connect_tcp("127.0.0.1", port)
                    break
                except OSError:
                    await anyio.sleep(0.05)
        refused = await anyio.to_thread.run_sync(lambda: raw_post(url, {}))
        assert refused.status_code == 401
        async with http_session(url, token="t0k3n") as session:
            assert [t.name for t in (await session.list_tools()).tools] == ["memory_stats"]
        group.cancel_scope.cancel()
