"""POST /validate: any RDF syntax in, the report out (JSON, SHACL Turtle or JSON-LD, a page);
bad input is refused at the boundary with a status and a place; nothing is ever written."""

from __future__ import annotations

import http.server
import threading

import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib.namespace import SH
from subcheck import BASE, LLMKG, SHAPES, TURTLE, fixture, results, state

from llmkg.http.app import create_app

JSONLD = {"content-type": "application/ld+json"}


def post(client, body: bytes, headers: dict[str, str] = TURTLE, **params: str):
    return client.post("/validate", content=body, headers=headers, params=params)


def error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    err = response.json()["error"]
    assert err["status"] == status and err["code"] == code
    return err


# ---------------------------------------------------------------- the report


def test_the_default_answer_is_a_json_report(client):
    r = post(client, fixture("fine-tune.ttl"))
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert body["conforms"] is True and body["triples"] == 6
    assert results(body["report"]) == {("Warning", BASE + "model/acme-llama-2-13b-tune",
                                        "http://purl.org/dc/terms/license", "http://spdx.org/licenses/MIT",
                                        "LicenseLessRestrictiveThanAncestor")}


def test_violations_say_focus_node_path_value_severity_message_and_shape(client):
    body = post(client, fixture("typo.ttl")).json()
    assert body["conforms"] is False and body["report"]["violations"] == 4
    first = body["report"]["results"][0]
    assert set(first) >= {"severity", "focus_node", "path", "value", "message", "shape"}
    assert ("Violation", BASE + "model/acme-typo-tune", LLMKG + "fineTunedFrom", BASE + "model/llama-2-13",
            "NoDanglingReference") in results(body["report"])


@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld")])
def test_the_report_is_a_shacl_validation_report_by_accept(client, accept, fmt):
    r = post(client, fixture("typo.ttl"), {**TURTLE, "accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    g = rdflib.Graph().parse(data=r.content, format=fmt)
    (report,) = g.subjects(rdflib.RDF.type, SH.ValidationReport)
    assert g.value(report, SH.conforms).toPython() is False
    found = {(str(g.value(n, SH.focusNode)), str(g.value(n, SH.resultPath)), str(g.value(n, SH.sourceShape)))
             for n in g.objects(report, SH.result)}
    assert (BASE + "model/acme-typo-tune", LLMKG + "fineTunedFrom", SHAPES + "NoDanglingReference") in found
    assert len(found) == 4


def test_a_browser_gets_a_page_with_the_results(client):
    r = post(client, fixture("typo.ttl"), {**TURTLE, "accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "Does not conform" in r.text and "4 violation(s)" in r.text
    assert "https://w3id.org/llmkg/model/llama-2-13</code>" in r.text and "a typo in the slug?" in r.text


def test_the_page_form_validates_pasted_turtle(client):
    form = client.get("/validate", headers={"accept": "text/html"})
    assert form.status_code == 200 and '<form class="editor" method="post" action="/validate">' in form.text
    r = client.post("/validate", data={"data": fixture("cycle.ttl").decode(), "format": "text/turtle"},
                    headers={"accept": "text/html"})
    assert r.status_code == 200 and "is derived from itself" in r.text


def test_json_ld_with_an_inline_context_is_read(client):
    body = post(client, fixture("fine-tune.jsonld"), JSONLD).json()
    assert body["conforms"] is True and body["triples"] == 3


def test_validation_writes_nothing(client, app, sub_settings):
    before = state(app.state.kg, sub_settings)
    for name in ("fine-tune.ttl", "typo.ttl", "cycle.ttl"):
        assert post(client, fixture(name)).status_code == 200
    assert state(app.state.kg, sub_settings) == before


def test_an_unacceptable_accept_is_406_naming_what_works(client):
    err = error(post(client, fixture("fine-tune.ttl"), {**TURTLE, "accept": "text/csv"}), 406, "not-acceptable")
    assert "application/json" in err["message"] and "text/turtle" in err["message"]


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("media_type,body,line,column", [
    ("text/turtle", b"@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b .\n", 3, 11),
    ("application/n-triples", b"<http://example.org/a> <http://example.org/b> <rel> .\n", 1, 47),
    ("application/ld+json", b'{"@id": "http://example.org/a",\n  "http://example.org/b": [1,,2]}', 2, 30),
    ("application/rdf+xml", b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>\n<rdf:Description>\n"
     b"</rdf:RDF>", 3, 3),
])
def test_unparsable_rdf_is_400_with_line_and_column(client, media_type, body, line, column):
    err = error(post(client, body, {"content-type": media_type}), 400, "syntax-error")
    assert err["where"]["line"] == line and err["where"]["column"] == column
    assert err["where"]["body"] == media_type


@pytest.mark.parametrize("content_type", ["application/json", "text/html", "application/pdf", None])
def test_an_unknown_content_type_is_415_listing_the_accepted_ones(client, content_type):
    headers = {"content-type": content_type} if content_type else {}
    err = error(client.post("/validate", content=fixture("fine-tune.ttl"), headers=headers), 415,
                "unsupported-media-type")
    assert "text/turtle" in err["message"] and "application/ld+json" in err["message"]


@pytest.mark.parametrize("limit,message", [
    ({"max_body_bytes": 100}, "larger than 100 bytes (LLMKG_MAX_BODY_BYTES)"),
    ({"max_triples": 5}, "more than 5 triples (LLMKG_MAX_TRIPLES)"),
])
def test_a_body_over_the_size_or_triple_limit_is_413(sub_settings, limit, message):
    app = create_app(sub_settings.with_(**limit))
    with TestClient(app) as client:
        err = error(post(client, fixture("fine-tune.ttl")), 413, "too-large")
    assert message in err["message"] and "split it" in err["message"]


@pytest.fixture
def context_server():
    """A web server that counts requests: a remote @context must never be fetched."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.send_header("content-type", "application/ld+json")
            self.end_headers()
            self.wfile.write(b'{"@context": {"label": "http://www.w3.org/2000/01/rdf-schema#label"}}')

        def log_message(self, *args):  # noqa: ANN002
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/context.jsonld", hits
    server.shutdown()


@pytest.mark.parametrize("template", [
    b'{"@context": "URL", "@id": "https://w3id.org/llmkg/model/x", "label": "X"}',
    b'{"@context": ["URL", {"ex": "http://example.org/"}], "@id": "https://w3id.org/llmkg/model/x", "label": "X"}',
    b'{"@context": {"@import": "URL"}, "@id": "https://w3id.org/llmkg/model/x", "label": "X"}',
    b'{"@id": "https://w3id.org/llmkg/model/x", "http://example.org/p": {"@context": "URL", "label": "X"}}',
])
def test_a_remote_json_ld_context_is_refused_and_never_fetched(client, context_server, template):
    url, hits = context_server
    err = error(post(client, template.replace(b"URL", url.encode()), JSONLD), 400, "remote-context")
    assert url in err["message"] and "never fetches" in err["message"]
    assert hits == []


@pytest.mark.parametrize("body", [b"", b"# only a comment\n", b"@prefix ex: <http://example.org/> .\n"])
def test_an_empty_submission_is_explained(client, body):
    err = error(post(client, body), 400, "empty-submission")
    assert "holds no triples" in err["message"]


def test_a_blank_node_only_submission_is_explained_in_the_report(client):
    body = post(client, fixture("blank-nodes.ttl")).json()
    assert body["conforms"] is False
    (violation,) = [r for r in body["report"]["results"] if r["severity"] == "Violation"]
    assert violation["shape"] == SHAPES + "SubmissionBlankNodesRule"
    assert "every subject of the submission is a blank node" in violation["message"]
