"""The benchmark's floor server (bench/floor_server.py) answers what the engine answers.

Its latency is only meaningful if it does the same work as the endpoints it stands beside: run
the query over the union of the named graphs and send the whole result as SPARQL JSON.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pyoxigraph as ox
from bench.floor_server import make_app
from fastapi.testclient import TestClient

EX = "http://example.org/"


def test_the_floor_server_answers_over_the_union_of_named_graphs():
    store = ox.Store()
    for g, name in (("g1", "a"), ("g2", "b")):
        store.add(ox.Quad(ox.NamedNode(EX + name), ox.NamedNode(EX + "p"), ox.Literal(name), ox.NamedNode(EX + g)))
    client = TestClient(make_app(store))
    body = urlencode({"query": f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?s"})
    r = client.post("/sparql", content=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/sparql-results+json"
    doc = json.loads(r.content)
    assert doc["head"]["vars"] == ["s", "o"]
    rows = [(b["s"]["value"], b["o"]["value"]) for b in doc["results"]["bindings"]]
    assert rows == [(EX + "a", "a"), (EX + "b", "b")]
