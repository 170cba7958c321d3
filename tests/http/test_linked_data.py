"""Linked data: entity IRIs dereference (303 See Other), descriptions in every RDF format, 404s."""

from __future__ import annotations

import gc
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from fastapi.testclient import TestClient
from httpcheck import BASE, assert_error, graph

from llmkg import formats
from llmkg.config import Settings
from llmkg.http.app import create_app
from llmkg.parse import parse_file

FIXTURE = Path(__file__).parent / "fixtures" / "kg.trig"

LLAMA = rdflib.URIRef(f"{BASE}model/llama-2-7b")
RDFS = rdflib.RDFS
LLMKG = rdflib.Namespace("https://w3id.org/llmkg/ontology#")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def see_other(client, path: str, accept: str | None = None) -> str:  # noqa: ANN001
    r = client.get(path, headers={"accept": accept} if accept else {}, follow_redirects=False)
    assert r.status_code == 303, r.text
    assert "Accept" in r.headers["vary"]
    return r.headers["location"]


def test_browser_is_sent_to_the_page(client):
    assert see_other(client, "/model/llama-2-7b", BROWSER) == "/page/model/llama-2-7b"


@pytest.mark.parametrize("fmt", formats.RDF_FORMATS, ids=lambda f: f.name)
def test_rdf_client_is_sent_to_the_data(client, fmt):
    assert see_other(client, "/model/llama-2-7b", fmt.media_type) == f"/data/model/llama-2-7b{fmt.extension}"


@pytest.mark.parametrize("accept", [None, "*/*", "application/*"])
def test_no_preference_gets_turtle(client, accept):
    assert see_other(client, "/model/llama-2-7b", accept) == "/data/model/llama-2-7b.ttl"


def test_rdf_preferred_over_html_when_ranked_higher(client):
    assert see_other(client, "/model/llama-2-7b", "text/html;q=0.5, text/turtle") == "/data/model/llama-2-7b.ttl"
    assert see_other(client, "/model/llama-2-7b", "text/turtle;q=0.5, text/html") == "/page/model/llama-2-7b"


def test_any_path_under_the_base(client):
    assert see_other(client, "/org/meta", "text/turtle") == "/data/org/meta.ttl"
    assert see_other(client, "/row/doc-a/openness/1", "application/n-triples") == "/data/row/doc-a/openness/1.nt"


def test_follow_to_the_description(client):
    r = client.get("/model/llama-2-7b", headers={"accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    assert (LLAMA, RDFS.label, rdflib.Literal("Llama 2 7B")) in graph(r)


def test_unknown_entity_is_404(client):
    err = assert_error(client.get("/model/no-such-model", follow_redirects=False), 404, "not-found")
    assert err["where"] == {"iri": f"{BASE}model/no-such-model"}
    assert_error(client.get("/data/model/no-such-model.ttl"), 404, "not-found")


def test_unknown_entity_is_a_page_for_browsers(client):
    r = client.get("/model/no-such-model", headers={"accept": BROWSER})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "nothing is known about" in r.text


@pytest.mark.parametrize("fmt", formats.RDF_FORMATS, ids=lambda f: f.name)
def test_description_in_every_format(client, fmt):
    r = client.get(f"/data/model/llama-2-7b{fmt.extension}")
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == fmt.media_type
    assert "Accept" in r.headers["vary"]
    g = graph(r)
    assert (LLAMA, LLMKG.parameterCount, rdflib.Literal(7000000000)) in g
    assert (LLAMA, LLMKG.parameterCount, rdflib.Literal(6700000000)) in g  # both sources, as stated


def test_description_shape(client):
    """Its own triples, labels of what it links to, blank nodes it points to; not others' triples."""
    r = client.get("/data/row/doc-a/openness/1.ttl")
    g = graph(r)
    row = rdflib.URIRef(f"{BASE}row/doc-a/openness/1")
    (cell,) = g.objects(row, LLMKG.cell)
    assert (cell, LLMKG.cellText, rdflib.Literal("Blog")) in g  # the blank node's triples
    llama = graph(client.get("/data/model/llama-2-7b.ttl"))
    assert (rdflib.URIRef(f"{BASE}org/meta"), RDFS.label, rdflib.Literal("Meta")) in llama  # a label it links to
    assert not list(llama.triples((rdflib.URIRef(f"{BASE}org/meta"), rdflib.RDF.type, None)))  # only the label
    assert not list(llama.triples((rdflib.URIRef(f"{BASE}model/alpaca-7b"), None, None)))  # nothing of others


def test_quad_formats_keep_who_says_what(client):
    ds = rdflib.Dataset()
    ds.parse(data=client.get("/data/model/llama-2-7b.trig").text, format="trig")
    by_graph = {str(g): o for _, _, o, g in ds.quads((LLAMA, LLMKG.parameterCount, None, None))}
    assert by_graph == {
        f"{BASE}graph/doc-a": rdflib.Literal(7000000000),
        f"{BASE}graph/doc-b": rdflib.Literal(6700000000),
    }


def test_link_header(client):
    r = client.get("/data/model/llama-2-7b.ttl")
    link = r.headers["link"]
    assert f'<{BASE}model/llama-2-7b>; rel="describes"' in link
    assert '</page/model/llama-2-7b>; rel="alternate"; type="text/html"' in link
    assert '</data/model/llama-2-7b.nt>; rel="alternate"; type="application/n-triples"' in link


def test_data_without_extension_is_negotiated(client):
    r = client.get("/data/model/llama-2-7b", headers={"accept": "application/n-triples"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/n-triples")
    assert_error(client.get("/data/model/llama-2-7b", headers={"accept": "image/png"}), 406, "not-acceptable")


def test_namespace_document_describes_its_hash_terms(client):
    r = client.get("/ontology", headers={"accept": "text/turtle"})
    assert r.status_code == 200
    g = graph(r)
    assert (LLMKG.fineTunedFrom, RDFS.subPropertyOf, LLMKG.derivedFromModel) in g


def test_configured_base(settings, tmp_path):
    """With LLMKG_BASE=http://127.0.0.1:8000/, the request path maps to IRIs under that base."""
    local = Settings(root=settings.root, base="http://127.0.0.1:8000/", store_path=tmp_path / "store")
    store = ox.Store(str(local.store))
    store.extend(parse_file(FIXTURE, local))  # IRIs rebased as they are read
    store.flush()
    del store
    gc.collect()
    app = create_app(local)
    try:
        r = TestClient(app).get("/model/llama-2-7b", headers={"accept": "application/n-triples"})
        assert r.status_code == 200
        assert "<http://127.0.0.1:8000/model/llama-2-7b> <http://www.w3.org/2000/01/rdf-schema#label>" in r.text
        assert f"<{BASE}model/" not in r.text
    finally:
        app.state.kg.close()


def test_head_requests(client):
    r = client.head("/model/llama-2-7b", headers={"accept": "text/turtle"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/data/model/llama-2-7b.ttl"
    r = client.head("/data/model/llama-2-7b.ttl")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle") and not r.content
