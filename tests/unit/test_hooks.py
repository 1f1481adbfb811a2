"""Hooks: the order and content of events, a hook that raises, copies, and never a key or a body in an event."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cml_ergonomic import ConfigurationError, ServerError
from cml_ergonomic.hooks import (
    CallDegraded,
    CallEnded,
    CallFailed,
    CallStarted,
    CircuitChanged,
    Hooks,
    RequestSent,
    ResponseReceived,
    RetryScheduled,
)
from cml_ergonomic.testing import FakeCML
from tests.drivers import ClientDriver
from tests.unit.conftest import FakeClock

READ = ("read_memory", "POST", "/api/v1/memory/read")


class Recorder(Hooks):
    """Keeps every event it is given."""

    def __init__(self) -> None:
        self.events: list[Any] = []

    def __getattribute__(self, name: str) -> Any:
        if name.startswith("on_"):
            return object.__getattribute__(self, "events").append
        return object.__getattribute__(self, name)

    def kinds(self) -> list[str]:
        return [type(event).__name__ for event in self.events]


class Driver(ClientDriver):
    """A sync or async client on a fake, with a recorder; ``call`` awaits only for the async one."""

    def __init__(self, mode: str, fake: FakeCML, **kwargs: Any) -> None:
        self.fake = fake
        self.hooks = Recorder()
        self.clock = FakeClock()
        options = {"hooks": self.hooks, "max_retries": 2, **kwargs}
        super().__init__(fake.async_client(**options) if mode == "async" else fake.client(**options))
        self.client.clock = self.clock.clock()


@pytest.fixture(params=["sync", "async"])
def driver(request: pytest.FixtureRequest) -> Driver:
    return Driver(request.param, FakeCML())


def where(event: Any) -> tuple[str, str, str]:
    return (event.operation, event.method, event.path)


@pytest.mark.anyio
async def test_a_success(driver: Driver) -> None:
    result = await driver.call("read", "dark mode")
    assert driver.hooks.kinds() == ["CallStarted", "RequestSent", "ResponseReceived", "CallEnded"]
    start, sent, answered, ended = driver.hooks.events
    assert {where(e) for e in driver.hooks.events} == {READ}
    assert len({e.call_id for e in driver.hooks.events}) == 1
    assert sent.attempt == answered.attempt == 1
    assert answered.status == 200
    assert answered.request_id == result.meta.request_id
    assert ended == CallEnded(
        start.call_id,
        *READ,
        status=200,
        request_id=result.meta.request_id,
        retries=0,
        elapsed_ms=ended.elapsed_ms,
        degraded=False,
        error_type=None,
    )
    assert ended.elapsed_ms >= answered.elapsed_ms >= 0


@pytest.mark.anyio
async def test_a_retried_failure(driver: Driver) -> None:
    driver.fake.fail_next(1, status=503, retry_after=0.25)
    await driver.call("read", "dark mode")
    assert driver.hooks.kinds() == [
        "CallStarted",
        "RequestSent",
        "ResponseReceived",
        "RetryScheduled",
        "RequestSent",
        "ResponseReceived",
        "CallEnded",
    ]
    events = driver.hooks.events
    assert [e.status for e in events if isinstance(e, ResponseReceived)] == [503, 200]
    assert [e.attempt for e in events if isinstance(e, RequestSent)] == [1, 2]
    (retry,) = [e for e in events if isinstance(e, RetryScheduled)]
    assert (retry.retry, retry.reason, retry.sleep) == (1, "HTTP 503", 0.25)
    assert driver.clock.sleeps == [0.25]
    assert events[-1].retries == 1
    assert events[-1].status == 200


@pytest.mark.anyio
async def test_a_failure(driver: Driver) -> None:
    driver.fake.fail_next(3, status=500)
    with pytest.raises(ServerError) as caught:
        await driver.call("read", "dark mode")
    kinds = driver.hooks.kinds()
    assert kinds[-2:] == ["CallFailed", "CallEnded"]
    assert kinds.count("RetryScheduled") == 2
    failed, ended = driver.hooks.events[-2:]
    assert isinstance(failed, CallFailed)
    assert (failed.error_type, failed.status, failed.retries) == ("ServerError", 500, 2)
    assert failed.request_id == caught.value.request_id
    assert (ended.error_type, ended.status, ended.degraded) == ("ServerError", 500, False)


@pytest.mark.anyio
async def test_a_degraded_read_and_the_circuit(driver: Driver) -> None:
    threshold = driver.client.breaker.threshold
    driver.fake.fail_next(threshold, status=500)
    for _ in range(threshold):
        assert (await driver.call("read_safe", "dark mode", max_retries=0)).degraded
    kinds = driver.hooks.kinds()
    assert kinds[-5:] == ["ResponseReceived", "CallFailed", "CircuitChanged", "CallDegraded", "CallEnded"]
    assert kinds.count("CircuitChanged") == 1
    (change,) = [e for e in driver.hooks.events if isinstance(e, CircuitChanged)]
    assert (change.old, change.new, change.operation) == ("closed", "open", "read_memory")
    assert driver.hooks.events[-1].degraded is True

    driver.hooks.events.clear()
    assert (await driver.call("read_safe", "dark mode")).degraded  # the open circuit answers without a request
    assert driver.hooks.kinds() == ["CallStarted", "CallDegraded", "CallEnded"]
    degraded = driver.hooks.events[1]
    assert isinstance(degraded, CallDegraded)
    assert "circuit" in degraded.reason

    driver.clock.t += driver.client.breaker.cooldown
    driver.hooks.events.clear()
    assert not (await driver.call("read_safe", "dark mode")).degraded
    changes = [(e.old, e.new) for e in driver.hooks.events if isinstance(e, CircuitChanged)]
    assert changes == [("half_open", "closed")]  # the breaker reads half-open as soon as the cooldown passes


@pytest.mark.anyio
async def test_a_streamed_read(driver: Driver) -> None:
    await driver.call("write", "User streams jazz records")
    driver.hooks.events.clear()
    items = await driver.stream("jazz records")
    assert len(items) == 2
    assert driver.hooks.kinds() == ["CallStarted", "RequestSent", "ResponseReceived", "CallEnded"]
    assert where(driver.hooks.events[0])[0] == "read_memory_stream"
    assert driver.hooks.events[-1].status == 200


@pytest.mark.anyio
async def test_a_stream_left_early_still_ends(driver: Driver) -> None:
    await driver.call("write", "User streams jazz records")
    driver.hooks.events.clear()
    assert len(await driver.stream("jazz records", stop_after=1)) == 1
    assert driver.hooks.kinds()[-1] == "CallEnded"


@pytest.mark.anyio
async def test_a_stream_that_cannot_open(driver: Driver) -> None:
    driver.fake.fail_next(3, status=500)
    with pytest.raises(ServerError):
        await driver.stream("jazz records")
    assert driver.hooks.kinds()[-2:] == ["CallFailed", "CallEnded"]


class Raising(Hooks):
    def on_request(self, event: RequestSent) -> None:
        raise RuntimeError("hook bug")

    def on_call_end(self, event: CallEnded) -> None:
        raise ValueError("another hook bug")


@pytest.mark.anyio
async def test_a_raising_hook_is_logged_and_the_call_goes_on(caplog: pytest.LogCaptureFixture) -> None:
    fake, recorder = FakeCML(), Recorder()
    with fake.client(hooks=[Raising(), recorder]) as client, caplog.at_level(logging.WARNING, "cml_ergonomic"):
        written = client.write("still written")
    assert written.chunks_created == 1
    assert recorder.kinds() == ["CallStarted", "RequestSent", "ResponseReceived", "CallEnded"]
    messages = [r.getMessage() for r in caplog.records if r.name == "cml_ergonomic.hooks"]
    assert any("Raising.on_request raised RuntimeError: hook bug" in m for m in messages), messages
    assert any("Raising.on_call_end raised ValueError" in m for m in messages), messages


def test_with_options_keeps_the_hooks_or_replaces_them() -> None:
    fake, first, second = FakeCML(), Recorder(), Recorder()
    with fake.client(hooks=first) as client:
        client.with_options(max_retries=0).read("kept")
        client.with_options(hooks=second).read("replaced")
        client.with_namespace("billing").write("kept too")
    assert [e.operation for e in first.events if isinstance(e, CallStarted)] == ["read_memory", "write_memory"]
    assert [e.operation for e in second.events if isinstance(e, CallStarted)] == ["read_memory"]


def test_without_hooks_nothing_is_emitted(monkeypatch: pytest.MonkeyPatch) -> None:
    from cml_ergonomic.hooks import HookSet

    emitted: list[str] = []
    real_emit = HookSet.emit

    def spy(self: HookSet, name: str, event: Any) -> None:
        emitted.append(name)
        real_emit(self, name, event)

    monkeypatch.setattr(HookSet, "emit", spy)
    fake = FakeCML()
    fake.fail_next(1, status=503)  # a retry, an error and the call's end: every kind of event there is to emit
    with fake.client(hooks=Recorder()) as client:
        client.clock = FakeClock().clock()
        client.read("something to tell")
    assert {"on_call_start", "on_retry", "on_call_end"} <= set(emitted)  # the spy sees what is emitted

    emitted.clear()
    fake.fail_next(1, status=503)
    with fake.client() as client:
        client.clock = FakeClock().clock()
        assert client.hooks is None
        client.read("nothing to tell")
    assert [r.status for r in fake.requests[-2:]] == [503, 200]  # the same call, retry included
    assert emitted == []


@pytest.mark.parametrize("bad", [print, [object()], "hooks"])
def test_hooks_must_be_hooks(bad: Any) -> None:
    with pytest.raises(ConfigurationError, match="Hooks"):
        FakeCML().client(hooks=bad)


# --------------------------------------------------------------------------- no key, no body, ever

keys = st.text(alphabet=st.characters(min_codepoint=48, max_codepoint=122), min_size=12, max_size=40)
contents = st.text(alphabet=st.characters(min_codepoint=65, max_codepoint=122), min_size=16, max_size=60)
faults = st.sampled_from(["none", "500", "503", "429", "reset", "refuse", "wrong-key"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(api_key=keys, admin_key=keys, content=contents, fault=faults)
def test_no_key_or_body_in_any_hook_argument(api_key: str, admin_key: str, content: str, fault: str) -> None:
    assume(api_key != admin_key and content not in (api_key, admin_key))
    fake, recorder = FakeCML(api_key=api_key, admin_api_key=admin_key), Recorder()
    client = fake.client(hooks=recorder, max_retries=1)
    if fault == "wrong-key":
        client = fake.client(hooks=recorder, max_retries=1, api_key=api_key + "x")
    client.clock = FakeClock().clock()
    arm = {
        "500": lambda: fake.fail_next(9, status=500),
        "503": lambda: fake.fail_next(9, status=503),
        "429": lambda: fake.fail_next(9, status=429, retry_after=0.1),
        "reset": lambda: fake.reset_next(9),
        "refuse": lambda: fake.refuse_next(9),
    }
    if fault in arm:
        arm[fault]()
    for call in (
        lambda: client.write(content, metadata={"note": content}),
        lambda: client.read(content),
        lambda: client.read_safe(content),
        lambda: list(client.read_stream(content)),
        lambda: client.delete_all(confirm=True),
    ):
        with contextlib.suppress(Exception):  # the failures are the point; the events are what is checked
            call()
    client.close()
    started = [e.operation for e in recorder.events if isinstance(e, CallStarted)]
    assert started == ["write_memory", "read_memory", "read_memory", "read_memory_stream", "delete_all_memories"]

    def leaked(event: Any) -> list[str]:
        # Each field's own text, unescaped (a repr would hide a secret holding a backslash), and the repr too.
        texts = [repr(event), *_strings(dataclasses.asdict(event))]
        return [secret for secret in (api_key, admin_key, content) if any(secret in text for text in texts)]

    # The check would see a secret in any field: plant each one in a copy of an event.
    planted = recorder.events[0]
    for secret in (api_key, admin_key, content):
        assert secret in leaked(dataclasses.replace(planted, operation=secret))
    for event in recorder.events:
        assert leaked(event) == [], f"{type(event).__name__} carries a secret"


def _strings(value: Any) -> list[str]:
    """Every string inside ``value`` (keys and values of dicts, items of lists and tuples), and str() of the rest."""
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in (*_strings(key), *_strings(item))]
    if isinstance(value, list | tuple | set | frozenset):
        return [text for item in value for text in _strings(item)]
    return [value if isinstance(value, str) else str(value)]
