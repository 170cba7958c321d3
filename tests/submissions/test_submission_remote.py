"""Submissions against a remote SPARQL 1.1 store (an Oxigraph server): the commit is one SPARQL
Update request, a withdrawal another, and the start-up reconciliation works through the protocol."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from subcheck import BASE, bearer, fixture
from subserver import free_port

from llmkg.build import data_files, ontology_files, ontology_graph_iri
from llmkg.config import Settings
from llmkg.http.app import create_app
from llmkg.parse import parse_file
from llmkg.store import RemoteStore
from llmkg.submissions import files


@pytest.fixture
def oxigraph(tmp_path: Path) -> Iterator[str]:
    exe = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if exe is None:
        pytest.fail("the oxigraph server (PyPI package `oxigraph`, in the test extra) is not installed")
    port = free_port()
    proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path / "oxigraph"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture
def remote(sub_settings: Settings, oxigraph: str) -> Settings:
    settings = sub_settings.with_(endpoint=oxigraph + "/query", update_endpoint=oxigraph + "/update")
    kg = RemoteStore(settings.endpoint or "", settings.update_endpoint)
    for path in ontology_files(settings):
        kg.replace_graphs(parse_file(path, settings, graph=ontology_graph_iri(path, settings)), [])
    for path in data_files(settings):
        kg.replace_graphs(parse_file(path, settings), [])
    return settings


def graph_size(settings: Settings, graph: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    rows = RemoteStore(settings.endpoint or "").query(query)
    return int(next(iter(rows))["n"].value)  # type: ignore[call-overload]


@pytest.mark.server
def test_submit_withdraw_and_reconcile_over_the_sparql_protocol(remote, tokens):
    with TestClient(create_app(remote)) as client:
        r = client.post("/submissions", content=fixture("fine-tune.ttl"), headers=bearer(tokens["alice"]))
        assert r.status_code == 201, r.text
        sid, graph = r.json()["id"], r.json()["graph"]
        assert graph_size(remote, graph) == 6 + 12
        typo = client.post("/submissions", content=fixture("typo.ttl"), headers=bearer(tokens["alice"]))
        assert typo.status_code == 422
    # the store loses the graph behind the server's back (a crash before the update): the file is there
    RemoteStore(remote.endpoint or "", remote.update_endpoint).replace_graphs([], [graph])
    assert graph_size(remote, graph) == 0
    with TestClient(create_app(remote)) as client:  # start-up: reconciled from data/submissions/
        assert graph_size(remote, graph) == 6 + 12
        label = client.get("/sparql", headers={"accept": "application/sparql-results+json"}, params={
            "query": f"ASK {{ <{BASE}model/acme-llama-2-13b-tune> ?p ?o }}"}).json()["boolean"]
        assert label is True
        r = client.delete(f"/submissions/{sid}", headers={"authorization": f"Bearer {tokens['alice']}"})
        assert r.status_code == 200 and r.json()["status"] == "withdrawn"
    assert graph_size(remote, graph) == 0 and not files.trig_path(remote, sid).exists()
