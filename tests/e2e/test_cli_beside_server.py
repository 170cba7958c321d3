"""The CLI beside a running `llmkg serve`: reads go through the server that writes the store.

Oxigraph cannot safely read a store from a second process while another writes it (the writer's
compactions delete files the reader still reads), so the server leaves a note in the store
folder and the CLI's read commands query it over HTTP (src/llmkg/serving.py).
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from .conftest import BIN, start

pytestmark = [pytest.mark.server, pytest.mark.slow]
NOTE = "llmkg-server.json"


@pytest.fixture
def own_store(e2e_env, tmp_path) -> dict[str, str]:
    """A copy of the e2e store, so this test's servers do not lock the session's."""
    copy = tmp_path / "store"
    shutil.copytree(Path(e2e_env["LLMKG_STORE"]).resolve(), copy, ignore=shutil.ignore_patterns(NOTE))
    return dict(e2e_env, LLMKG_STORE=str(copy))


def serve(env: dict[str, str]):
    return start([str(BIN / "llmkg"), "serve", "--no-build", "--port", "{port}", "--log-level", "warning"], env, "/")


def cli_query(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "llmkg"), "query", "openness-matrix", "--format", "csv"],
                          env=env, capture_output=True, text=True, timeout=120)


def test_while_a_server_writes_the_store_the_cli_reads_through_it(own_store):
    server = serve(own_store)
    note = Path(own_store["LLMKG_STORE"]) / NOTE
    try:
        assert json.loads(note.read_text())["url"] == server.url
        done = cli_query(own_store)
        assert done.returncode == 0, done.stderr
        assert f"reading through the server at {server.url}" in done.stderr
        import urllib.request

        with urllib.request.urlopen(f"{server.url}/queries/openness-matrix?format=csv") as r:
            over_http = r.read().decode()
        assert done.stdout.splitlines() == over_http.splitlines()
        assert len(done.stdout.splitlines()) > 10
    finally:
        server.stop()
    assert not note.exists()  # a server that stops takes its note with it
    alone = cli_query(own_store)
    assert alone.returncode == 0 and "reading through" not in alone.stderr
    assert alone.stdout == done.stdout


def test_a_killed_servers_note_is_ignored(own_store):
    server = serve(own_store)
    note = Path(own_store["LLMKG_STORE"]) / NOTE
    server.proc.send_signal(signal.SIGKILL)
    server.proc.wait(10)
    assert note.exists()
    done = cli_query(own_store)
    assert done.returncode == 0, done.stderr
    assert "reading through" not in done.stderr and len(done.stdout.splitlines()) > 10
