"""The running service, in both store modes, queried by the tools researchers use:
SPARQLWrapper, rdflib's SPARQLStore, and plain HTTP — as a new user would after `make serve`."""

from __future__ import annotations

import csv
import io
import json
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper

pytestmark = [pytest.mark.server, pytest.mark.slow]

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
COUNT_MODELS = """PREFIX llmkg: <https://w3id.org/llmkg/ontology#>
SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a llmkg:FoundationModel }"""


def get(url: str, accept: str | None = None, follow: bool = True) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        return None


def test_sparqlwrapper_gets_the_same_answer_in_both_modes(embedded_server, remote_server):
    answers = []
    for s in (embedded_server, remote_server):
        w = SPARQLWrapper(s.url + "/sparql")
        w.setQuery(COUNT_MODELS)
        w.setReturnFormat(JSON)
        answers.append(int(w.query().convert()["results"]["bindings"][0]["n"]["value"]))
    assert answers[0] == answers[1] > 10


def test_rdflib_sparqlstore_reads_the_endpoint(server):
    g = Graph(store=SPARQLStore(server.url + "/sparql", returnFormat="json"))
    rows = list(g.query("SELECT ?t WHERE { ?d a <https://w3id.org/llmkg/ontology#SourceDocument> ; "
                        "<http://purl.org/dc/terms/title> ?t }"))
    titles = {str(r[0]) for r in rows}
    assert "How Open is Generative AI? Part 2" in titles
    assert len(titles) == 5


def test_named_query_over_http_reproduces_document_002s_table(server):
    status, headers, body = get(server.url + "/queries/openness-matrix", accept="text/csv")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    got = list(csv.DictReader(io.StringIO(body.decode())))
    with (GOLDEN / "openness-matrix.csv").open(encoding="utf-8") as fh:
        assert got == list(csv.DictReader(fh))


def test_a_model_iri_dereferences_to_its_page_and_its_data(server):
    status, headers, _ = get(server.url + "/model/llama-2-7b", accept="text/html", follow=False)
    assert status == 303 and "/page/model/llama-2-7b" in headers["location"]
    status, _, page = get(server.url + "/model/llama-2-7b", accept="text/html")
    assert status == 200 and b"LLaMA-2 7B" in page
    status, headers, ttl = get(server.url + "/model/llama-2-7b", accept="text/turtle")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    triples = list(ox.parse(ttl, format=ox.RdfFormat.TURTLE))
    assert any(t.subject == ox.NamedNode("https://w3id.org/llmkg/model/llama-2-7b") for t in triples)


def test_the_dump_holds_every_named_graph(server):
    status, _, body = get(server.url + "/dumps/llmkg.nq")
    assert status == 200
    graphs = {q.graph_name.value for q in ox.parse(body, format=ox.RdfFormat.N_QUADS)}
    assert "https://w3id.org/llmkg/graph/how-open-is-generative-ai-part-2" in graphs
    assert len([g for g in graphs if "/graph/" in g]) >= 6


def test_updates_are_refused_and_change_nothing(server):
    before = _count(server)
    req = urllib.request.Request(server.url + "/sparql", data=b"update=DROP+ALL", method="POST",
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req, timeout=30)
    assert 400 <= e.value.code < 500
    assert _count(server) == before


def _count(server) -> int:
    q = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    _, _, body = get(f"{server.url}/sparql?query={q}", accept="application/sparql-results+json")
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
