"""Helpers shared by the HTTP tests (import as `from httpcheck import ...`)."""

from __future__ import annotations

import pyoxigraph as ox
import rdflib

BASE = "https://w3id.org/llmkg/"


def assert_error(response, status: int, code: str | None = None, *contains: str) -> dict:  # noqa: ANN001
    """The one error shape: {"error": {"status", "code", "message", ...}} with the HTTP status."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert err["status"] == status and isinstance(err["message"], str) and err["message"]
    assert set(err) <= {"status", "code", "message", "where", "details"}
    if code:
        assert err["code"] == code, err
    for text in contains:
        assert text in err["message"], err["message"]
    return err


def results(response) -> ox.QuerySolutions | ox.QueryBoolean:  # noqa: ANN001
    """A SPARQL results body parsed by pyoxigraph, in the format its Content-Type names."""
    from llmkg import formats

    fmt = formats.by_media_type(response.headers["content-type"], "results")
    assert fmt is not None, response.headers["content-type"]
    return ox.parse_query_results(response.content, format=fmt.results)


def dataset(response) -> rdflib.Dataset:  # noqa: ANN001
    """An RDF body parsed by rdflib, in the format its Content-Type names."""
    from llmkg import formats

    fmt = formats.by_media_type(response.headers["content-type"], "rdf")
    assert fmt is not None, response.headers["content-type"]
    names = {
        "turtle": "turtle",
        "ntriples": "nt",
        "trig": "trig",
        "nquads": "nquads",
        "jsonld": "json-ld",
        "rdfxml": "xml",
    }
    ds = rdflib.Dataset()
    ds.parse(data=response.content, format=names[fmt.name])
    return ds


def graph(response) -> rdflib.Graph:  # noqa: ANN001
    """The union of the graphs of an RDF body, as one rdflib graph."""
    g = rdflib.Graph()
    for s, p, o, _ in dataset(response).quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def values(response, var: str) -> list[str]:  # noqa: ANN001
    """The values of one variable in a SELECT result in any results format (CSV by the csv module,
    since pyoxigraph does not read CSV: it is lossy)."""
    import csv
    import io

    if response.headers["content-type"].startswith("text/csv"):
        return [row[var] for row in csv.DictReader(io.StringIO(response.text))]
    return [row[var].value if row[var] is not None else "" for row in results(response)]


def boolean(response) -> bool:  # noqa: ANN001
    if response.headers["content-type"].startswith("text/csv"):
        return response.text.strip() == "true"
    return bool(results(response))
