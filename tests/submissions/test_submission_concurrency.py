"""Concurrent submitters and readers against a real server: readers never see a half-applied
submission; two submitters at once both succeed, or one fails cleanly when together they would
not conform."""

from __future__ import annotations

import threading

import httpx
import pytest
from subcheck import BASE, LLMKG, fixture, results
from test_submission_crash import MODELS, PROVENANCE, body

PREFIX = BASE + "graph/submission/"
SIZES = f"""SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{PREFIX}")) }}
GROUP BY ?g"""


def post(url: str, token: str, data: bytes) -> httpx.Response:
    with httpx.Client(timeout=120) as client:
        return client.post(url + "/submissions", content=data,
                           headers={"content-type": "text/turtle", "authorization": f"Bearer {token}"})


def together(*calls) -> list:
    """Run the calls at the same moment (a barrier), each in its own thread; their results in order."""
    barrier, out = threading.Barrier(len(calls)), [None] * len(calls)

    def run(i: int, call) -> None:  # noqa: ANN001
        barrier.wait()
        out[i] = call()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    return out


@pytest.mark.server
@pytest.mark.slow
def test_readers_never_see_a_half_applied_submission(live, tokens):
    seen, stop, errors = [], threading.Event(), []

    def read() -> None:
        with httpx.Client(timeout=60) as client:
            while not stop.is_set():
                r = client.get(live.url + "/sparql", params={"query": SIZES},
                               headers={"accept": "application/sparql-results+json"})
                if r.status_code != 200:
                    errors.append(r.text)
                    return
                seen.append(sorted(int(b["n"]["value"]) for b in r.json()["results"]["bindings"]))

    readers = [threading.Thread(target=read) for _ in range(2)]
    for t in readers:
        t.start()
    try:
        for i in range(3):
            answers = together(lambda i=i: post(live.url, tokens["alice"], body(f"alice{i}")),
                               lambda i=i: post(live.url, tokens["bob"], body(f"bob{i}")))
            assert [a.status_code for a in answers] == [201, 201], [a.text for a in answers]
    finally:
        stop.set()
        for t in readers:
            t.join(60)
    assert not errors
    assert len(seen) > 10
    assert all(n == 3 * MODELS + PROVENANCE for sizes in seen for n in sizes)  # never a part of a graph
    with httpx.Client(timeout=60) as client:
        final = client.get(live.url + "/sparql", params={"query": SIZES},
                           headers={"accept": "application/sparql-results+json"})
    assert sorted(int(b["n"]["value"]) for b in final.json()["results"]["bindings"]) == [3 * MODELS + PROVENANCE] * 6


@pytest.mark.server
def test_two_submitters_whose_submissions_conflict_one_succeeds_one_fails_cleanly(live, tokens):
    # each scores the same assessment; alone each conforms, together the assessment has two scores
    one, two = together(lambda: post(live.url, tokens["alice"], fixture("assessment-score-1.ttl")),
                        lambda: post(live.url, tokens["bob"], fixture("assessment-score-2.ttl")))
    assert sorted([one.status_code, two.status_code]) == [201, 422], (one.text, two.text)
    refused = one if one.status_code == 422 else two
    focus = BASE + "assessment/acme-eval/bloom/weights"
    report = refused.json()["error"]["details"]
    assert ("Violation", focus, LLMKG + "score", "", "AssessmentScoreRange") in results(report)
    with httpx.Client(timeout=60) as client:
        r = client.get(live.url + "/sparql", headers={"accept": "application/sparql-results+json"},
                       params={"query": f"SELECT ?score WHERE {{ <{focus}> <{LLMKG}score> ?score }}"})
        assert len(r.json()["results"]["bindings"]) == 1
        listed = client.get(live.url + "/submissions").json()["submissions"]
    assert len(listed) == 1
