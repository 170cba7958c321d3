"""The SPARQL 1.1 Protocol endpoint: request kinds, datasets, formats, errors, read-only, CORS."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
import rdflib
from fastapi.testclient import TestClient
from httpcheck import BASE, assert_error, boolean, graph, results, values

from llmkg import formats

SELECT_MODELS = """PREFIX llmkg: <https://w3id.org/llmkg/ontology#>
SELECT DISTINCT ?m WHERE { ?m llmkg:fineTunedFrom ?x } ORDER BY ?m"""
CONSTRUCT = """PREFIX llmkg: <https://w3id.org/llmkg/ontology#>
CONSTRUCT { ?s llmkg:fineTunedFrom ?o } WHERE { ?s llmkg:fineTunedFrom ?o }"""
FINE_TUNED = {f"{BASE}model/alpaca-7b", f"{BASE}model/vicuna-7b"}
FORM = {"content-type": "application/x-www-form-urlencoded"}
DIRECT = {"content-type": "application/sparql-query"}


def subjects(response) -> set[str]:  # noqa: ANN001
    return {row["m"].value for row in results(response)}


# ---------------------------------------------------------------- the three ways to send a query


def test_get(client):
    r = client.get("/sparql", params={"query": SELECT_MODELS})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert subjects(r) == FINE_TUNED


def test_post_form(client):
    r = client.post("/sparql", content=urlencode({"query": SELECT_MODELS}), headers=FORM)
    assert r.status_code == 200 and subjects(r) == FINE_TUNED


def test_post_direct(client):
    r = client.post("/sparql", content=SELECT_MODELS.encode(), headers=DIRECT)
    assert r.status_code == 200 and subjects(r) == FINE_TUNED


def test_post_direct_with_utf8_charset(client):
    r = client.post("/sparql", content=b"ASK {}", headers={"content-type": "application/sparql-query; charset=UTF-8"})
    assert r.status_code == 200 and bool(results(r)) is True


def test_trailing_slash_is_the_same_endpoint(client):
    assert client.get("/sparql/", params={"query": "ASK {}"}).status_code == 200


# ---------------------------------------------------------------- formats


@pytest.mark.parametrize("fmt", formats.RESULTS_FORMATS, ids=lambda f: f.name)
def test_select_in_every_results_format(client, fmt):
    r = client.get("/sparql", params={"query": SELECT_MODELS}, headers={"accept": fmt.media_type})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == fmt.media_type
    assert "Accept" in r.headers["vary"]
    assert set(values(r, "m")) == FINE_TUNED


@pytest.mark.parametrize("fmt", formats.RESULTS_FORMATS, ids=lambda f: f.name)
def test_ask_in_every_results_format(client, fmt):
    r = client.get(
        "/sparql", params={"query": f"ASK {{ <{BASE}model/alpaca-7b> ?p ?o }}"}, headers={"accept": fmt.media_type}
    )
    assert r.status_code == 200
    assert boolean(r) is True


@pytest.mark.parametrize("fmt", formats.RDF_FORMATS, ids=lambda f: f.name)
def test_construct_in_every_rdf_format(client, fmt):
    r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": fmt.media_type})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == fmt.media_type
    g = graph(r)
    pred = rdflib.URIRef("https://w3id.org/llmkg/ontology#fineTunedFrom")
    assert {str(s) for s, _, _ in g.triples((None, pred, None))} == FINE_TUNED
    assert len(set(g.triples((None, None, None)))) == 3


def test_describe_is_rdf(client):
    r = client.get("/sparql", params={"query": f"DESCRIBE <{BASE}model/alpaca-7b>"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    assert (rdflib.URIRef(f"{BASE}model/alpaca-7b"), None, None) in graph(r)


def test_literals_survive_serialization(client):
    q = f"SELECT ?c WHERE {{ <{BASE}model/llama-2-7b> <http://www.w3.org/2000/01/rdf-schema#comment> ?c }}"
    for fmt in formats.RESULTS_FORMATS:
        r = client.get("/sparql", params={"query": q}, headers={"accept": fmt.media_type})
        (value,) = values(r, "c")
        assert "“quotes” & <angle brackets>" in value
    row = results(client.get("/sparql", params={"query": q}))
    assert next(iter(row))["c"].language == "en"


@pytest.mark.parametrize(
    "accept,expected",
    [
        ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
        ("application/sparql-results+json;q=0.2, text/tab-separated-values;q=0.9", "text/tab-separated-values"),
        ("text/*", "text/csv"),
        ("*/*", "application/sparql-results+json"),
        ("application/json", "application/sparql-results+json"),  # an alias, answered with the canonical type
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/sparql-results+xml"),
    ],
)
def test_accept_negotiation(client, accept, expected):
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        ("csv", "text/csv"),
        ("json", "application/sparql-results+json"),
        ("xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
    ],
)
def test_format_parameter_overrides_accept(client, value, expected):
    r = client.get(
        "/sparql", params={"query": "SELECT * {}", "format": value}, headers={"accept": "text/tab-separated-values"}
    )
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == expected


def test_format_parameter_for_graphs(client):
    r = client.get("/sparql", params={"query": CONSTRUCT, "format": "ntriples"})
    assert r.headers["content-type"].split(";")[0] == "application/n-triples"
    assert (
        client.get("/sparql", params={"query": CONSTRUCT, "format": "json"})
        .headers["content-type"]
        .startswith("application/ld+json")
    )


def test_unknown_format_parameter(client):
    err = assert_error(client.get("/sparql", params={"query": "ASK {}", "format": "yaml"}), 400, "bad-request", "yaml")
    assert err["where"] == {"parameter": "format"}


def test_406_names_what_would_work(client):
    r = client.get("/sparql", params={"query": "SELECT * {}"}, headers={"accept": "image/png"})
    err = assert_error(r, 406, "not-acceptable", "no acceptable format; try application/sparql-results+json")
    assert err["details"] == [f.media_type for f in formats.RESULTS_FORMATS]


def test_406_for_a_graph_names_rdf_formats(client):
    r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": "application/sparql-results+json"})
    err = assert_error(r, 406, "not-acceptable", "try text/turtle")
    assert err["details"] == [f.media_type for f in formats.RDF_FORMATS]


def test_q_zero_excludes(client):
    r = client.get(
        "/sparql", params={"query": "ASK {}"}, headers={"accept": "application/sparql-results+json;q=0, */*;q=0.1"}
    )
    assert r.headers["content-type"].split(";")[0] == "application/sparql-results+xml"


# ---------------------------------------------------------------- datasets


def test_default_graph_is_the_union_of_named_graphs(client):
    q = f"ASK {{ <{BASE}model/vicuna-7b> ?p ?o . <{BASE}model/text-davinci-003> ?q ?r }}"  # doc-b and doc-a
    assert bool(results(client.get("/sparql", params={"query": q}))) is True


def test_default_graph_uri_restricts_the_default_graph(client):
    q = "SELECT DISTINCT ?m WHERE { ?m <https://w3id.org/llmkg/ontology#fineTunedFrom> ?x }"
    r = client.get("/sparql", params={"query": q, "default-graph-uri": f"{BASE}graph/doc-a"})
    assert {row["m"].value for row in results(r)} == {f"{BASE}model/alpaca-7b"}
    both = [f"{BASE}graph/doc-a", f"{BASE}graph/doc-b"]
    r = client.get("/sparql", params=[("query", q)] + [("default-graph-uri", g) for g in both])
    assert {row["m"].value for row in results(r)} == FINE_TUNED


def test_named_graph_uri_restricts_graph_and_empties_default(client):
    q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    r = client.get("/sparql", params={"query": q, "named-graph-uri": f"{BASE}graph/doc-b"})
    assert [row["g"].value for row in results(r)] == [f"{BASE}graph/doc-b"]
    r = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }", "named-graph-uri": f"{BASE}graph/doc-b"})
    assert bool(results(r)) is False  # the protocol dataset has no default graph


def test_from_in_the_query_is_honoured(client):
    q = f"SELECT DISTINCT ?m FROM <{BASE}graph/doc-b> WHERE {{ ?m <https://w3id.org/llmkg/ontology#fineTunedFrom> ?x }}"
    assert {row["m"].value for row in results(client.get("/sparql", params={"query": q}))} == FINE_TUNED
    q = f"ASK FROM <{BASE}graph/doc-b> {{ <{BASE}model/text-davinci-003> ?p ?o }}"  # only in doc-a
    assert bool(results(client.get("/sparql", params={"query": q}))) is False


# ---------------------------------------------------------------- errors


def test_syntax_error_names_line_and_column(client):
    r = client.get("/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p \n}"})
    err = assert_error(r, 400, "syntax-error", "SPARQL syntax error")
    assert err["where"]["line"] == 3 and err["where"]["column"] >= 1 and err["where"]["parameter"] == "query"


def test_wrong_content_type_is_415(client):
    r = client.post("/sparql", content=b"ASK {}", headers={"content-type": "text/plain"})
    err = assert_error(
        r, 415, "unsupported-media-type", "application/x-www-form-urlencoded", "application/sparql-query"
    )
    assert err["where"] == {"header": "Content-Type"}


def test_missing_content_type_is_415(client):
    assert_error(client.post("/sparql", content=b"query=ASK%20%7B%7D"), 415)


def test_post_without_query(client):
    assert_error(client.post("/sparql", content=b"", headers=FORM), 400, "bad-request", "no query")


def test_two_queries(client):
    assert_error(
        client.get("/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")]), 400, "bad-request", "exactly one"
    )


def test_body_too_large(client):
    big = b"ASK {} #" + b"x" * 1_000_001
    assert_error(client.post("/sparql", content=big, headers=DIRECT), 413, "too-large")


def test_method_not_allowed(client):
    r = client.put("/sparql", params={"query": "ASK {}"})
    assert_error(r, 405, "method-not-allowed")
    assert "GET" in r.headers["allow"] and "POST" in r.headers["allow"]


def test_service_is_refused_by_default(client):
    q = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    err = assert_error(client.get("/sparql", params={"query": q}), 400, "bad-request", "SERVICE")
    assert err["where"] == {"parameter": "query"}


def test_service_word_in_strings_iris_and_names_is_not_service(client):
    q = """PREFIX ex: <http://example.org/service/>
    SELECT ?service WHERE { BIND("SERVICE <x> {}" AS ?service) OPTIONAL { ?service ex:service <http://x/SERVICE> } }"""
    assert client.get("/sparql", params={"query": q}).status_code == 200


# ---------------------------------------------------------------- service description


def test_service_description(client):
    r = client.get("/sparql")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=r.text, format="turtle")
    SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = g.value(None, rdflib.RDF.type, SD.Service)
    assert service is not None
    assert g.value(service, SD.endpoint) == rdflib.URIRef("http://testserver/sparql")
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in g
    assert (service, SD.feature, SD.UnionDefaultGraph) in g
    result_formats = set(g.objects(service, SD.resultFormat))
    assert rdflib.URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in result_formats
    assert rdflib.URIRef("http://www.w3.org/ns/formats/Turtle") in result_formats
    assert len(result_formats) == len(formats.FORMATS)
    dataset = g.value(service, SD.defaultDataset)
    names = {str(g.value(ng, SD.name)) for ng in g.objects(dataset, SD.namedGraph)}
    assert {f"{BASE}graph/doc-a", f"{BASE}graph/doc-b", f"{BASE}graph/llmkg-reference"} <= names


def test_behind_a_proxy_the_endpoint_url_carries_the_mount_path(app):
    """Served under /llmkg (uvicorn --root-path), the description names /llmkg/sparql."""
    proxied = TestClient(app, root_path="/llmkg")
    g = rdflib.Graph().parse(data=proxied.get("/sparql").text, format="turtle")
    SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert set(g.objects(None, SD.endpoint)) == {rdflib.URIRef("http://testserver/llmkg/sparql")}


@pytest.mark.parametrize("fmt", formats.RDF_FORMATS, ids=lambda f: f.name)
def test_service_description_is_negotiable(client, fmt):
    r = client.get("/sparql", headers={"accept": fmt.media_type})
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == fmt.media_type
    assert len(graph(r)) > 10


def test_browser_gets_the_editor(client):
    r = client.get("/sparql", headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert 'id="sparql-form"' in r.text


# ---------------------------------------------------------------- CORS


def test_cors_simple_request(client):
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"origin": "https://example.org"})
    assert r.headers["access-control-allow-origin"] == "*"


def test_cors_preflight(client):
    r = client.options(
        "/sparql",
        headers={
            "origin": "https://example.org",
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
        },
    )
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == "*"
    assert "POST" in r.headers["access-control-allow-methods"]
