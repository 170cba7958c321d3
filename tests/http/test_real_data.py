"""The HTTP service over the real graph (the repo's files built by the `built_store` fixture,
opened read-only) and queries/. Marked slow: it reads the whole graph.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from httpcheck import results

from llmkg.http.deps import get_kg, get_named_queries, get_settings
from llmkg.queries import load_all
from llmkg.store import EmbeddedStore

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def real(built_store):
    settings = built_store
    kg = EmbeddedStore.open(settings, read_only=True)
    yield settings, kg, load_all(settings)
    del kg


@pytest.fixture
def rc(client, app, real):
    settings, kg, named = real
    app.dependency_overrides.update(
        {get_kg: lambda: kg, get_settings: lambda: settings, get_named_queries: lambda: named}
    )
    return client


def test_home_lists_the_models(rc, real):
    r = rc.get("/")
    assert r.status_code == 200 and r.text.count('href="/page/model/') >= 10


def test_every_named_query_runs(rc, real):
    for name, q in real[2].items():
        if any(p.required for p in q.params):
            continue
        for accept in ("application/sparql-results+json", "text/csv", "text/turtle"):
            r = rc.get(f"/queries/{name}", headers={"accept": accept})
            assert r.status_code in (200, 406), (name, r.text[:300])


def test_every_model_page_and_description(rc, real):
    models = [
        row["m"].value
        for row in real[1].query(
            "SELECT DISTINCT ?m WHERE { ?m a ?c . ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>* "
            "<https://w3id.org/llmkg/ontology#ModelResource> FILTER(STRSTARTS(STR(?m), 'https://w3id.org/llmkg/')) }"
        )
    ]
    assert models
    base = real[0].base
    for iri in models:
        path = iri[len(base) :]
        assert rc.get(f"/page/{path}").status_code == 200, iri
        r = rc.get(f"/{path}", headers={"accept": "application/n-triples"})
        assert r.status_code == 200 and f"<{iri}>" in r.text, iri


def test_dump_has_every_quad(rc, real):
    r = rc.get("/dumps/llmkg.nq")
    assert len(list(ox.parse(r.content, format=ox.RdfFormat.N_QUADS))) == len(real[1].store)


def test_sparql_over_the_union(rc):
    q = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert int(next(iter(results(rc.get("/sparql", params={"query": q}))))["n"].value) >= 3


def test_void_and_service_description(rc):
    assert rc.get("/.well-known/void").status_code == 200
    assert rc.get("/sparql").status_code == 200
