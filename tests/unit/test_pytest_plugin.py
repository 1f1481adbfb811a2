"""The pytest plugin: its fixtures reach a user's test suite through the pytest11 entry point, and only fixtures."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

USER_TESTS = """
import pytest

def test_sync(cml_client, cml_fake):
    cml_client.write("User prefers dark mode")
    assert cml_client.read("dark mode").memories[0].text == "User prefers dark mode"
    assert [r.path for r in cml_fake.requests] == ["/api/v1/memory/write", "/api/v1/memory/read"]

def test_fault(cml_client, cml_fake):
    cml_fake.fail_next(3, status=500)
    assert cml_client.read_safe("anything").degraded

def test_async(cml_async_client, cml_fake):
    import asyncio
    asyncio.run(cml_async_client.write("Async note"))
    assert [m.text for m in cml_fake.memories()] == ["Async note"]

def test_each_test_gets_a_fresh_fake(cml_fake):
    assert not cml_fake.requests
"""


def test_fixtures_come_from_the_entry_point(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_user=USER_TESTS)
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=4)


def test_the_plugin_can_be_turned_off(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_user=USER_TESTS)
    result = pytester.runpytest_subprocess("-q", "-p", "no:cml_ergonomic", "-p", "no:cacheprovider")
    result.assert_outcomes(errors=4)
    result.stdout.fnmatch_lines(["*fixture 'cml_*' not found*"])


def test_the_plugin_adds_no_hooks_or_options() -> None:
    from cml_ergonomic.testing import pytest_plugin

    hooks = [name for name in vars(pytest_plugin) if name.startswith("pytest_")]
    assert hooks == []
