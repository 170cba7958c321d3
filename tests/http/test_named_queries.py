"""Named queries over HTTP: the list, and each query in every format, as `llmkg query` runs it."""

from __future__ import annotations

import pytest
from httpcheck import BASE, assert_error, graph, results, values

from llmkg import formats, queries


def test_list_as_json(client):
    r = client.get("/queries")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    by_name = {q["name"]: q for q in r.json()}
    assert set(by_name) == {"models", "bigger-than", "fine-tunes"}
    models = by_name["models"]
    assert models["title"] == "Models and their developers"
    assert models["description"].startswith("Every model")
    assert models["parameters"] == [
        {
            "name": "org",
            "type": "iri",
            "required": False,
            "description": "Only the models of this organization (an IRI or an id such as meta)",
        }
    ]


def test_list_as_html(client):
    r = client.get("/queries", headers={"accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert 'href="/queries/models"' in r.text and "Models and their developers" in r.text


@pytest.mark.parametrize("fmt", formats.RESULTS_FORMATS, ids=lambda f: f.name)
def test_run_in_every_results_format(client, fmt):
    r = client.get("/queries/models", params={"org": "meta"}, headers={"accept": fmt.media_type})
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == fmt.media_type
    assert set(values(r, "model")) == {f"{BASE}model/llama-2-7b"}


@pytest.mark.parametrize("fmt", formats.RDF_FORMATS, ids=lambda f: f.name)
def test_construct_named_query_in_every_rdf_format(client, fmt):
    r = client.get("/queries/fine-tunes", headers={"accept": fmt.media_type})
    assert r.status_code == 200 and len(set(graph(r).triples((None, None, None)))) == 3


def test_same_text_as_the_cli(client, app, settings):
    """GET /queries/NAME runs queries.bind(...) of the file: the same rows as the store gives it."""
    named = queries.resolve("bigger-than", settings)
    text = queries.bind(named, {"min": "6800000000"}, settings)
    expected = [(r["model"].value, r["n"].value) for r in app.state.kg.query(text)]
    r = client.get("/queries/bigger-than", params={"min": "6800000000"})
    assert (
        [(row["model"].value, row["n"].value) for row in results(r)]
        == expected
        == [(f"{BASE}model/llama-2-7b", "7000000000")]
    )


def test_iri_parameter_takes_an_iri_or_an_id(client):
    by_id = client.get("/queries/models", params={"org": "openai"})
    by_iri = client.get("/queries/models", params={"org": f"{BASE}org/openai"})
    assert by_id.content == by_iri.content
    assert [row["model"].value for row in results(by_id)] == [f"{BASE}model/text-davinci-003"]


def test_optional_parameter_left_out(client):
    assert len(list(results(client.get("/queries/models")))) >= 2


def test_format_parameter(client):
    r = client.get("/queries/models", params={"format": "csv"})
    assert r.headers["content-type"].startswith("text/csv") and r.text.startswith("model,label,org")


def test_browser_gets_a_page_that_runs_it(client):
    r = client.get("/queries/models", params={"org": "meta"}, headers={"accept": "text/html"})
    assert r.status_code == 200 and 'id="named-form"' in r.text and 'value="meta"' in r.text


def test_unknown_query_is_404(client):
    err = assert_error(client.get("/queries/nope"), 404, "not-found", "'nope'", "models")
    assert err["where"] == {"parameter": "name"}


def test_bad_parameter_is_400_naming_it(client):
    err = assert_error(client.get("/queries/bigger-than", params={"min": "many"}), 400, "bad-request", "'min'")
    assert err["where"] == {"parameter": "min"}


def test_missing_required_parameter(client):
    err = assert_error(client.get("/queries/bigger-than"), 400, "bad-request", "needs parameter 'min'")
    assert err["where"] == {"parameter": "min"}


def test_unknown_parameter(client):
    err = assert_error(client.get("/queries/models", params={"colour": "red"}), 400, "bad-request", "'colour'")
    assert err["where"] == {"parameter": "colour"}


def test_406(client):
    assert_error(client.get("/queries/models", headers={"accept": "image/png"}), 406, "not-acceptable")
