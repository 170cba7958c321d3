"""The W3C SPARQL 1.1 Protocol tests (w3c/rdf-tests, sparql/sparql11/protocol/manifest.ttl).

Each test is one manifest entry, written from its description: the same request line, headers
and body; the same expected status class and result. The graphs the dataset tests load
(data1.rdf, data2.rdf, data3.rdf, each saying `<itself> a foaf:Document`) are put in a store
of their own, swapped in for the app's through `get_kg`.

This endpoint is read-only, so the update_* entries (which expect 2xx from an update service)
are asserted as refusals instead: 4xx, and the store unchanged. The bad_update_* entries
expect 4xx anyway.

Note: in the manifest, query_multiple_dataset's second named-graph-uri is percent-encoded
into the first (`%26named-graph-uri%3D`), a known slip: as written the request names one odd
graph and the expected `true` cannot hold. The test sends the two parameters meant.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from httpcheck import results

from llmkg.http.deps import get_kg
from llmkg.store import EmbeddedStore

K = "http://kasei.us/2009/09/sparql/data/"
FORM = {"content-type": "application/x-www-form-urlencoded"}
DIRECT = {"content-type": "application/sparql-query"}
UPDATE = {"content-type": "application/sparql-update"}
ENC_DATA = {i: f"http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata{i}.rdf" for i in range(4)}


@pytest.fixture
def kasei() -> EmbeddedStore:
    kg = EmbeddedStore.in_memory()
    doc = ox.NamedNode("http://xmlns.com/foaf/0.1/Document")
    a = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    for i in (1, 2, 3):
        g = ox.NamedNode(f"{K}data{i}.rdf")
        kg.store.add(ox.Quad(g, a, doc, g))
    return kg


@pytest.fixture
def w3c(client, app, kasei):
    app.dependency_overrides[get_kg] = lambda: kasei
    return client


def is_true(response) -> bool:  # noqa: ANN001
    assert 200 <= response.status_code < 400, response.text
    return bool(results(response))


def unchanged(kg: EmbeddedStore) -> bool:
    return len(kg.store) == 3


# ---------------------------------------------------------------- queries


def test_query_post_form(w3c):
    r = w3c.post(f"/sparql/?default-graph-uri={ENC_DATA[0]}", content=b"query=ASK%20%7B%7D", headers=FORM)
    assert is_true(r)


def test_query_dataset_default_graphs_get(w3c):
    q = (
        "ASK%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf%3E%20a%20%3Ftype%20.%20"
        "%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf%3E%20a%20%3Ftype%20.%20%7D"
    )
    r = w3c.get(f"/sparql/?query={q}&default-graph-uri={ENC_DATA[1]}&default-graph-uri={ENC_DATA[2]}")
    assert is_true(r)


def test_query_dataset_default_graphs_post(w3c):
    body = f"ASK {{ <{K}data1.rdf> a ?type . <{K}data2.rdf> a ?type . }}"
    r = w3c.post(
        f"/sparql/?default-graph-uri={ENC_DATA[1]}&default-graph-uri={ENC_DATA[2]}",
        content=body.encode(),
        headers=DIRECT,
    )
    assert is_true(r)


def test_query_dataset_named_graphs_post(w3c):
    body = f"ASK {{ GRAPH ?g1 {{ <{K}data1.rdf> a ?type }} GRAPH ?g2 {{ <{K}data2.rdf> a ?type }} }}"
    r = w3c.post(
        f"/sparql/?named-graph-uri={ENC_DATA[1]}&named-graph-uri={ENC_DATA[2]}", content=body.encode(), headers=DIRECT
    )
    assert is_true(r)


def test_query_dataset_named_graphs_get(w3c):
    q = f"ASK {{ GRAPH ?g1 {{ <{K}data1.rdf> a ?type }} GRAPH ?g2 {{ <{K}data2.rdf> a ?type }} }}"
    r = w3c.get(
        "/sparql/", params=[("query", q), ("named-graph-uri", f"{K}data1.rdf"), ("named-graph-uri", f"{K}data2.rdf")]
    )
    assert is_true(r)


def test_query_dataset_full(w3c):
    body = f"""ASK {{
  <{K}data3.rdf> a ?type
  GRAPH ?g1 {{ <{K}data1.rdf> a ?type }}
  GRAPH ?g2 {{ <{K}data2.rdf> a ?type }}
}}"""
    r = w3c.post(
        f"/sparql/?default-graph-uri={ENC_DATA[3]}&named-graph-uri={ENC_DATA[1]}&named-graph-uri={ENC_DATA[2]}",
        content=body.encode(),
        headers=DIRECT,
    )
    assert is_true(r)


def test_query_multiple_dataset(w3c):
    """Protocol graphs win over the query's FROM (the manifest's encoding slip corrected)."""
    body = (
        f"ASK FROM <{K}data3.rdf> {{ GRAPH ?g1 {{ <{K}data1.rdf> a ?type }} GRAPH ?g2 {{ <{K}data2.rdf> a ?type }} }}"
    )
    r = w3c.post(
        f"/sparql/?named-graph-uri={ENC_DATA[1]}&named-graph-uri={ENC_DATA[2]}", content=body.encode(), headers=DIRECT
    )
    assert is_true(r)


def test_query_get(w3c):
    assert is_true(w3c.get(f"/sparql/?query=ASK%20%7B%7D&default-graph-uri={ENC_DATA[0]}"))


def test_query_content_type_select(w3c):
    r = w3c.post(f"/sparql/?default-graph-uri={ENC_DATA[0]}", content=b"SELECT (1 AS ?value) {}", headers=DIRECT)
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] in (
        "application/sparql-results+xml",
        "application/sparql-results+json",
        "text/tab-separated-values",
        "text/csv",
    )
    assert [row["value"].value for row in results(r)] == ["1"]


def test_query_content_type_ask(w3c):
    r = w3c.post(f"/sparql/?default-graph-uri={ENC_DATA[0]}", content=b"ASK {}", headers=DIRECT)
    assert r.headers["content-type"].split(";")[0] in (
        "application/sparql-results+xml",
        "application/sparql-results+json",
    )
    assert is_true(r)


@pytest.mark.parametrize(
    "body", [b"DESCRIBE <http://example.org/>", b"CONSTRUCT { <s> <p> 1 } WHERE {}"], ids=["describe", "construct"]
)
def test_query_content_type_describe_and_construct(w3c, body):
    r = w3c.post(f"/sparql/?default-graph-uri={ENC_DATA[0]}", content=body, headers=DIRECT)
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] in ("application/rdf+xml", "text/turtle", "application/n-triples")


def test_relative_iris_resolve_against_the_endpoint(w3c):
    r = w3c.post(
        "/sparql/", content=b"CONSTRUCT { <s> <p> 1 } WHERE {}", headers={**DIRECT, "accept": "application/n-triples"}
    )
    assert r.text.startswith("<http://testserver/s> <http://testserver/p> ")  # RFC 3986 against .../sparql


def test_query_post_direct(w3c):
    assert is_true(w3c.post("/sparql/", content=b"ASK {}", headers=DIRECT))


# ---------------------------------------------------------------- bad queries: 4xx


def test_bad_query_method(w3c):
    r = w3c.put(f"/sparql/?query=ASK%20%7B%7D&default-graph-uri={ENC_DATA[0]}", content=b"", headers=FORM)
    assert 400 <= r.status_code < 500


def test_bad_multiple_queries(w3c):
    assert 400 <= w3c.get("/sparql/?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D").status_code < 500


def test_bad_query_wrong_media_type(w3c):
    assert 400 <= w3c.post("/sparql/", content=b"ASK {}", headers={"content-type": "text/plain"}).status_code < 500


def test_bad_query_missing_form_type(w3c):
    assert 400 <= w3c.post("/sparql/", content=b"query=ASK%20%7B%7D").status_code < 500


def test_bad_query_missing_direct_type(w3c):
    assert 400 <= w3c.post("/sparql/", content=b"ASK {}").status_code < 500


def test_bad_query_non_utf8(w3c):
    body = "ASK {}".encode("utf-16")  # with a BOM, as the manifest says
    r = w3c.post("/sparql/", content=body, headers={"content-type": "application/sparql-query; charset=UTF-16"})
    assert 400 <= r.status_code < 500


def test_bad_query_non_utf8_without_charset(w3c):
    r = w3c.post("/sparql/", content="ASK {}".encode("utf-16"), headers=DIRECT)
    assert r.status_code == 400


def test_bad_query_syntax(w3c):
    assert 400 <= w3c.get("/sparql/?query=ASK%20%7B").status_code < 500


# ---------------------------------------------------------------- updates: refused, nothing written

UPDATE_CASES = {
    "update_dataset_default_graph": (
        f"/sparql/?using-graph-uri={ENC_DATA[1]}",
        UPDATE,
        f"CLEAR ALL ; INSERT DATA {{ GRAPH <{K}data1.rdf> {{ <{K}data1.rdf> a <x:y> }} }}",
    ),
    "update_dataset_default_graphs": (
        f"/sparql/?using-graph-uri={ENC_DATA[1]}&using-graph-uri={ENC_DATA[2]}",
        UPDATE,
        "DROP ALL",
    ),
    "update_dataset_named_graphs": (f"/sparql/?using-named-graph-uri={ENC_DATA[1]}", UPDATE, "DROP ALL"),
    "update_dataset_full": (
        f"/sparql/?using-graph-uri={ENC_DATA[1]}&using-named-graph-uri={ENC_DATA[2]}",
        UPDATE,
        "DROP ALL",
    ),
    "update_post_form": ("/sparql/", FORM, "update=CLEAR+ALL"),
    "update_post_direct": ("/sparql/", UPDATE, "CLEAR ALL"),
    "update_base_uri": (
        "/sparql/",
        UPDATE,
        "CLEAR GRAPH <http://example.org/protocol-base-test/> ;\n"
        "INSERT DATA { GRAPH <http://example.org/protocol-base-test/> "
        "{ <http://example.org/s> <http://example.org/p> <test> } }",
    ),
    "bad_multiple_updates": ("/sparql/", FORM, "update=CLEAR%20NAMED&update=CLEAR%20DEFAULT"),
    "bad_update_wrong_media_type": ("/sparql/", {"content-type": "text/plain"}, "CLEAR NAMED"),
    "bad_update_missing_form_type": ("/sparql/", {}, "update=CLEAR%20NAMED"),
    "bad_update_syntax": ("/sparql/", FORM, "update=CLEAR%20XYZ"),
    "bad_update_dataset_conflict": (
        "/sparql/?using-named-graph-uri=http%3A%2F%2Fexample%2Fpeople",
        UPDATE,
        "WITH <http://example/addresses> DELETE { ?p <x:n> 'Bill' } WHERE { ?p <x:n> 'Bill' }",
    ),
}


@pytest.mark.parametrize("name", list(UPDATE_CASES))
def test_update_refused(w3c, kasei, name):
    path, headers, body = UPDATE_CASES[name]
    r = w3c.post(path, content=body.encode(), headers=headers)
    assert 400 <= r.status_code < 500, r.text
    assert unchanged(kasei)


def test_bad_update_get(w3c, kasei):
    r = w3c.get("/sparql/?update=CLEAR%20ALL")
    assert 400 <= r.status_code < 500 and unchanged(kasei)


def test_bad_update_non_utf8(w3c, kasei):
    r = w3c.post(
        "/sparql/",
        content="CLEAR NAMED".encode("utf-16"),
        headers={"content-type": "application/sparql-update; charset=UTF-16"},
    )
    assert 400 <= r.status_code < 500 and unchanged(kasei)
