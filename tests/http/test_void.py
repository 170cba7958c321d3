"""The VoID description at /.well-known/void."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from httpcheck import BASE, graph

from llmkg import formats

VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
DATASET = rdflib.URIRef(f"{BASE}.well-known/void#llmkg")


@pytest.fixture(scope="module")
def void(app) -> rdflib.Graph:
    from fastapi.testclient import TestClient

    r = TestClient(app).get("/.well-known/void")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    return rdflib.Graph().parse(data=r.text, format="turtle")


def number(g: rdflib.Graph, p: rdflib.URIRef) -> int:
    return int(g.value(DATASET, p))


def test_dataset_with_statistics(void, app):
    kg = app.state.kg
    assert (DATASET, rdflib.RDF.type, VOID.Dataset) in void
    distinct = {q.triple for q in kg.quads()}
    assert number(void, VOID.triples) == len(distinct)
    assert number(void, VOID.distinctSubjects) == len({t.subject for t in distinct})
    entities = {t.subject for t in distinct if isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(BASE)}
    assert number(void, VOID.entities) == len(entities)
    assert number(void, VOID.classes) >= 10


def test_links(void):
    assert void.value(DATASET, VOID.sparqlEndpoint) == rdflib.URIRef("http://testserver/sparql")
    assert void.value(DATASET, VOID.uriSpace) == rdflib.Literal(BASE)
    dumps = {str(d) for d in void.objects(DATASET, VOID.dataDump)}
    assert dumps == {f"http://testserver/dumps/llmkg{f.extension}" for f in formats.RDF_FORMATS}


def test_vocabularies(void):
    vocabularies = {str(v) for v in void.objects(DATASET, VOID.vocabulary)}
    assert {
        "https://w3id.org/llmkg/ontology#",
        "http://www.w3.org/2000/01/rdf-schema#",
        "http://purl.org/dc/terms/",
    } <= vocabularies


def test_a_subset_per_named_graph(void, app):
    subsets = {
        str(void.value(s, SD.name)): int(void.value(s, VOID.triples)) for s in void.objects(DATASET, VOID.subset)
    }
    counts: dict[str, int] = {}
    for q in app.state.kg.quads():
        counts[q.graph_name.value] = counts.get(q.graph_name.value, 0) + 1
    assert subsets == counts
    doc_a = next(s for s in void.objects(DATASET, VOID.subset) if str(void.value(s, SD.name)).endswith("/doc-a"))
    assert void.value(doc_a, rdflib.URIRef("http://purl.org/dc/terms/source")) == rdflib.URIRef(f"{BASE}source/doc-a")


@pytest.mark.parametrize("fmt", formats.RDF_FORMATS, ids=lambda f: f.name)
def test_negotiable(client, fmt):
    r = client.get("/.well-known/void", headers={"accept": fmt.media_type})
    assert r.headers["content-type"].split(";")[0] == fmt.media_type
    assert (DATASET, rdflib.RDF.type, VOID.Dataset) in graph(r)
