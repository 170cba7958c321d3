"""Crash safety: the server process is killed (SIGKILL) in the middle of a stream of submissions;
after a restart no acknowledged submission is missing and no partial one is present."""

from __future__ import annotations

import random
import threading
import time

import httpx
import pytest
from subcheck import BASE
from subserver import Live, start_server

from llmkg.submissions import files

MODELS = 60  # per submission: 3 statements each
PROVENANCE = 12  # statements the server adds to each graph (no description, no source URL)
PREFIX = BASE + "graph/submission/"


def body(tag: str) -> bytes:
    lines = ["@prefix llmkg: <https://w3id.org/llmkg/ontology#> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .", "@prefix dct: <http://purl.org/dc/terms/> ."]
    for j in range(MODELS):
        lines.append(f'<{BASE}model/crash-{tag}-{j}> a llmkg:Model ; rdfs:label "Crash {tag} {j}" ; '
                     "dct:license <http://spdx.org/licenses/MIT> .")
    return "\n".join(lines).encode()


def stream(url: str, token: str, name: str, acked: dict[str, str], sent: list[str], stop: threading.Event) -> None:
    """Submit one submission after another until the server dies; remember what was acknowledged."""
    with httpx.Client(timeout=60) as client:
        for i in range(10_000):
            if stop.is_set():
                return
            tag = f"{name}{i}"
            sent.append(tag)
            try:
                r = client.post(url + "/submissions", content=body(tag),
                                headers={"content-type": "text/turtle", "authorization": f"Bearer {token}"})
            except httpx.HTTPError:
                return  # the server is gone
            assert r.status_code == 201, r.text
            acked[r.json()["id"]] = tag


def sparql(client: httpx.Client, url: str, query: str) -> list[dict]:
    r = client.get(url + "/sparql", params={"query": query}, headers={"accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.text
    return r.json()["results"]["bindings"]


def check_after_restart(server: Live, acked: dict[str, str], sent: list[str]) -> None:
    with httpx.Client(timeout=60) as client:
        sizes = {b["g"]["value"][len(PREFIX):]: int(b["n"]["value"]) for b in sparql(client, server.url, f"""
            SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{PREFIX}")) }}
            GROUP BY ?g""")}
        # every acknowledged submission is there, whole
        for sid in acked:
            assert sizes.get(sid) == 3 * MODELS + PROVENANCE, (sid, sizes.get(sid))
            assert client.get(f"{server.url}/submissions/{sid}").json()["status"] == "accepted"
        # nothing partial anywhere: every graph is whole, and every sent submission is all there or absent
        assert set(sizes.values()) <= {3 * MODELS + PROVENANCE}
        labels = {b["tag"]["value"]: int(b["n"]["value"]) for b in sparql(client, server.url, """
            SELECT ?tag (COUNT(?m) AS ?n) WHERE { ?m <http://www.w3.org/2000/01/rdf-schema#label> ?l .
              FILTER(STRSTARTS(?l, "Crash ")) BIND(STRBEFORE(SUBSTR(?l, 7), " ") AS ?tag) } GROUP BY ?tag""")}
        assert set(labels) <= set(sent)
        assert set(labels.values()) <= {MODELS}
    # files and store agree: one file per graph, no record without its file, no temporary left
    s = server.settings
    assert set(files.accepted_ids(s)) == set(sizes)
    assert set(files.recorded_ids(s)) == set(sizes)
    assert not list(files.folder(s).glob(".*.tmp"))


@pytest.mark.server
@pytest.mark.slow
def test_sigkill_in_a_stream_of_submissions_loses_nothing_acknowledged_and_leaves_nothing_partial(live, tokens):
    server, acked, sent = live, {}, []
    started = []
    rng = random.Random(4)
    try:
        for round_ in range(3):
            stop = threading.Event()
            writers = [threading.Thread(target=stream, args=(server.url, tokens[who], f"r{round_}{who}", acked, sent,
                                                             stop)) for who in ("alice", "bob")]
            for w in writers:
                w.start()
            deadline = time.monotonic() + 120
            target = len(acked) + 3
            while len(acked) < target and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(rng.uniform(0, 1.5))  # somewhere in the next submissions: parsing, validating, committing
            server.kill()
            stop.set()
            for w in writers:
                w.join(60)
            assert len(acked) >= target, "the server acknowledged too few submissions before the kill"
            server = start_server(server.settings)
            started.append(server)
            check_after_restart(server, acked, sent)
    finally:
        for s in started:
            s.stop()
