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
    """A copy of the e2e store, laid out as `llmkg build` makes it (a link to a folder in stores/),
    so this test's servers do not lock the session's store."""
    copy = tmp_path / "stores" / "copied"
    shutil.copytree(Path(e2e_env["LLMKG_STORE"]).resolve(), copy, ignore=shutil.ignore_patterns(NOTE))
    (tmp_path / "store").symlink_to(copy)
    return dict(e2e_env, LLMKG_STORE=str(tmp_path / "store"))


def serve(env: dict[str, str]):
    return start([str(BIN / "llmkg"), "serve", "--no-build", "--port", "{port}", "--log-level", "warning"], env, "/")


def cli_query(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "llmkg"), "query", "openness-matrix", "--format", "csv"],
                          env=env, capture_output=True, text=True, timeout=120)


def test_while_a_server_writes_the_store_the_cli_reads_through_it(own_store):
    server = serve(own_store)
    note = Path(own_store["LLMKG_STORE"]).resolve() / NOTE
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
    note = Path(own_store["LLMKG_STORE"]).resolve() / NOTE
    server.proc.send_signal(signal.SIGKILL)
    server.proc.wait(10)
    assert note.exists()
    done = cli_query(own_store)
    assert done.returncode == 0, done.stderr
    assert "reading through" not in done.stderr and len(done.stdout.splitlines()) > 10


def test_a_rebuild_keeps_the_store_a_server_still_serves(own_store):
    served = Path(own_store["LLMKG_STORE"]).resolve()
    server = serve(own_store)
    try:
        done = subprocess.run([str(BIN / "llmkg"), "build", "--force"], env=own_store,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        assert f"the server at {server.url} still serves the previous build" in done.stdout + done.stderr
        assert served.is_dir() and Path(own_store["LLMKG_STORE"]).resolve() != served
        import urllib.request

        with urllib.request.urlopen(f"{server.url}/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D") as r:
            assert r.status == 200 and b"true" in r.read()
        alone = cli_query(own_store)  # the new build: nobody writes it, the CLI opens it itself
        assert alone.returncode == 0 and "reading through" not in alone.stderr
    finally:
        server.stop()
    again = subprocess.run([str(BIN / "llmkg"), "build", "--force"], env=own_store, capture_output=True, text=True,
                           timeout=600)
    assert again.returncode == 0, again.stderr
    assert not served.exists()  # served by nobody now: removed like any old build


def test_through_a_capped_server_a_query_hears_why_and_a_dump_is_whole(own_store, tmp_path):
    server = serve(dict(own_store, LLMKG_RESULT_LIMIT="50"))
    try:
        big = subprocess.run([str(BIN / "llmkg"), "query", "-", "--format", "csv"], input="SELECT * { ?s ?p ?o }",
                             env=own_store, capture_output=True, text=True, timeout=120)
        through = tmp_path / "through.nq"
        dumped = subprocess.run([str(BIN / "llmkg"), "dump", "--format", "nquads", "-o", str(through)],
                                env=own_store, capture_output=True, text=True, timeout=120)
    finally:
        server.stop()
    assert big.returncode == 1
    assert "413" in big.stderr and "more than 50 rows (LLMKG_RESULT_LIMIT)" in big.stderr
    assert dumped.returncode == 0, dumped.stderr  # the server's /dumps, which no cap applies to
    assert f"reading through the server at {server.url}" in dumped.stderr
    alone = tmp_path / "alone.nq"
    done = subprocess.run([str(BIN / "llmkg"), "dump", "--format", "nquads", "-o", str(alone)], env=own_store,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert sorted(through.read_text().splitlines()) == sorted(alone.read_text().splitlines())
    assert len(alone.read_text().splitlines()) > 5000


def test_a_second_server_on_the_same_store_says_which_server_has_it(own_store):
    server = serve(own_store)
    try:
        second = subprocess.run([str(BIN / "llmkg"), "serve", "--no-build", "--port", "1"], env=own_store,
                                capture_output=True, text=True, timeout=120)
    finally:
        server.stop()
    assert second.returncode == 1
    assert second.stderr.startswith(f"error: the store is open for writing by the llmkg server at {server.url}")
    assert "Traceback" not in second.stderr
