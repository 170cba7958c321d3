"""Dumps: every RDF format, streamed, isomorphic to the store (quads) or to its union (triples)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from httpcheck import assert_error

from llmkg import formats


def canonical(quads) -> set[ox.Quad]:  # noqa: ANN001
    ds = ox.Dataset(quads)
    ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return set(ds)


def in_default_graph(triples) -> list[ox.Quad]:  # noqa: ANN001
    return [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]


@pytest.fixture(scope="module")
def store_quads(app) -> list[ox.Quad]:
    return list(app.state.kg.quads())


@pytest.mark.parametrize("fmt", formats.RDF_FORMATS, ids=lambda f: f.name)
def test_dump_round_trips(client, store_quads, fmt):
    r = client.get(f"/dumps/llmkg{fmt.extension}")
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == fmt.media_type
    parsed = list(ox.parse(r.content, format=fmt.rdf))
    if fmt.quads:
        assert canonical(parsed) == canonical(store_quads)
    else:
        union = {q.triple for q in store_quads}
        assert canonical(in_default_graph(parsed)) == canonical(in_default_graph(union))


def test_trig_dump_is_isomorphic_for_rdflib(client, store_quads):
    ds = rdflib.Dataset()
    ds.parse(data=client.get("/dumps/llmkg.trig").text, format="trig")
    graphs = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert graphs == {q.graph_name.value for q in store_quads}
    assert sum(len(g) for g in ds.graphs()) == len(store_quads)


def test_dump_is_streamed(client):
    with client.stream("GET", "/dumps/llmkg.nq") as r:
        assert "content-length" not in r.headers  # chunked, not built in memory first
        assert sum(len(c) for c in r.iter_bytes()) > 10_000


def test_unknown_dump(client):
    assert_error(client.get("/dumps/llmkg.yaml"), 404, "not-found", "llmkg.trig")
