"""The command line as a new user meets it, against each real server: explain, check, a wrong key, Ctrl-C."""

from __future__ import annotations

import contextlib
import io
import json
import secrets
import signal
import subprocess
import time
from pathlib import Path

from cml_ergonomic.cli import EXIT_API_ERROR, EXIT_OK
from cml_ergonomic.cli._app import run
from cml_ergonomic.cli._output import Output
from tests.conftest import ServerInfo
from tests.integration.test_cli import (
    Ran,
    _done,
    cml,
    connection,
    distinctive_lines,
    fresh_tenant,
    import_command,
    tenant_texts,
    wait_until_done,
    write_file,
)

EXIT_INTERRUPTED = 130  # SIGINT's conventional exit code


def test_admin_explain_names_1_5_1_s_bug_and_works_on_2_0_0(cml_server: ServerInfo) -> None:
    tenant = fresh_tenant("explain")
    phrase = f"the heron {secrets.token_hex(3)} fishes at dawn"
    assert cml(cml_server, tenant, "write", phrase).code == EXIT_OK
    started = time.monotonic()
    result = cml(cml_server, tenant, "admin", "explain", phrase, "--json")
    if cml_server.at_least("2.0.0"):
        assert result.code == EXIT_OK, result.err
        assert phrase in [hit["text"] for hit in result.json()["results"]]
        return
    assert result.code == EXIT_API_ERROR
    error = json.loads(result.err)["error"]
    assert "a known bug of CML server 1.5.1" in error["message"]
    assert error["status_code"] == 500 and "retry later" not in error["suggestion"]
    assert "validation error" not in result.err
    assert "retrying" not in result.err  # not retried (the retry log line would be on stderr)
    assert time.monotonic() - started < 10  # no backoff sleeps (0.5 s + 1 s at least): one attempt


def test_check_says_first_what_an_older_server_lacks(cml_server: ServerInfo) -> None:
    result = cml(cml_server, fresh_tenant("check"), "check")
    if cml_server.at_least("2.0.0"):
        assert result.code == EXIT_OK, result.out + result.err
        assert result.out.startswith("compatible")
        return
    assert result.code == EXIT_API_ERROR
    first = result.out.splitlines()[0]
    assert first.startswith("This server is older than the one this SDK was built for (CML server 2.0.0)")
    assert "admin.consolidation.status()" in first


def test_a_wrong_key_stops_a_real_import_at_once(cml_server: ServerInfo, tmp_path: Path) -> None:
    source = write_file(tmp_path / "in.jsonl", distinctive_lines(40, secrets.token_hex(4)))
    flags = connection(cml_server, fresh_tenant("wrongkey"))
    flags[flags.index("--api-key") + 1] = "not-the-key"
    del flags[flags.index("--tenant") : flags.index("--tenant") + 2]  # a foreign tenant with a non-admin key: exit 2
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(["import", str(source), *flags], output=Output(json_mode=False, stdout=out, stderr=err))
    result = Ran(code, out.getvalue(), err.getvalue())
    assert result.code == EXIT_API_ERROR, result.err
    assert "not sent 40" in result.out
    assert result.err.count("Error:") == 1 and "401" in result.err
    assert "--api-key or set CML_API_KEY" in result.err


def test_ctrl_c_stops_a_real_import_with_counts_and_exit_130(cml_server: ServerInfo, tmp_path: Path) -> None:
    tenant = fresh_tenant("sigint")
    lines = distinctive_lines(120, secrets.token_hex(4))
    source = write_file(tmp_path / "memories.jsonl", lines)
    journal = tmp_path / "journal"
    command, env = import_command(cml_server, tenant, source, journal)
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_until_done(process, journal, 5)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert process.returncode == EXIT_INTERRUPTED, err
    done = _done(journal)
    assert f"written {done}" in out and f"not sent {len(lines) - done}" in out
    assert "Error: interrupted" in err and "Run the same command again to resume" in err
    assert "Traceback" not in err
    resumed = subprocess.run([*command, "--json"], env=env, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == EXIT_OK, resumed.stderr
    assert json.loads(resumed.stdout)["written"] == len(lines) - done
    assert sorted(tenant_texts(cml_server, tenant)) == sorted(line["text"] for line in lines)
