"""SPARQL JSON as the endpoint writes it (llmkg/http/execution.py), term by term: what any JSON
parser reads back is the W3C SPARQL 1.1 Query Results JSON of each term, whatever its text holds."""

from __future__ import annotations

import json

import pyoxigraph as ox

from llmkg.http.execution import Answer, sparql_json

XSD = "http://www.w3.org/2001/XMLSchema#"
TRICKY = 'quote " backslash \\ newline \n tab \t bell \x07 non-ASCII ü 模型 emoji 🦙 </script>'


def test_every_kind_of_term_reads_back_as_the_w3c_format_says():
    s = ox.NamedNode("http://example.org/s")
    rows = [
        [s, ox.Literal(TRICKY)],
        [ox.NamedNode("http://example.org/ü?q=x&y"), ox.Literal("chat", language="en-GB")],
        [ox.BlankNode("b0"), ox.Literal("7", datatype=ox.NamedNode(XSD + "integer"))],
        [None, ox.Literal("")],
        [s, None],
        [s, ox.Triple(s, s, ox.Literal("x"))],
    ]
    doc = json.loads(sparql_json(Answer("select", (["s", "o"], rows), None)).decode("utf-8"))
    assert doc["head"] == {"vars": ["s", "o"]}
    assert doc["results"]["bindings"] == [
        {"s": {"type": "uri", "value": "http://example.org/s"}, "o": {"type": "literal", "value": TRICKY}},
        {"s": {"type": "uri", "value": "http://example.org/ü?q=x&y"},
         "o": {"type": "literal", "value": "chat", "xml:lang": "en-gb"}},
        {"s": {"type": "bnode", "value": "b0"}, "o": {"type": "literal", "value": "7", "datatype": XSD + "integer"}},
        {"o": {"type": "literal", "value": ""}},
        {"s": {"type": "uri", "value": "http://example.org/s"}},
        {"s": {"type": "uri", "value": "http://example.org/s"},
         "o": {"type": "triple", "value": {"subject": {"type": "uri", "value": "http://example.org/s"},
                                           "predicate": {"type": "uri", "value": "http://example.org/s"},
                                           "object": {"type": "literal", "value": "x"}}}},
    ]


def test_an_empty_result_and_a_boolean():
    assert json.loads(sparql_json(Answer("select", (["x"], []), None))) == {
        "head": {"vars": ["x"]}, "results": {"bindings": []}}
    assert json.loads(sparql_json(Answer("ask", True, None))) == {"head": {}, "boolean": True}


def test_the_json_is_what_pyoxigraph_itself_parses_back():
    rows = [[ox.NamedNode("http://example.org/s"), ox.Literal(TRICKY, language="de")]]
    parsed = ox.parse_query_results(sparql_json(Answer("select", (["s", "o"], rows), None)),
                                    format=ox.QueryResultsFormat.JSON)
    (solution,) = list(parsed)
    assert solution["o"] == ox.Literal(TRICKY, language="de")
