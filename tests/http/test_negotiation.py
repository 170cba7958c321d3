"""Content negotiation rules (q-values, wildcards, aliases, HTML preference)."""

from __future__ import annotations

import pytest

from llmkg import formats
from llmkg.errors import LlmkgError
from llmkg.http.negotiation import by_parameter, choose, parse_accept, prefers_html

R, G = formats.RESULTS_FORMATS, formats.RDF_FORMATS


@pytest.mark.parametrize(
    "accept,offered,expected",
    [
        (None, R, "srj"),
        ("", G, "turtle"),
        ("*/*", G, "turtle"),
        ("application/n-triples, text/turtle;q=0.9", G, "ntriples"),
        ("text/turtle;q=0.1, application/rdf+xml;q=0.2", G, "rdfxml"),
        ("application/*", G, "turtle"),  # through its alias application/x-turtle; the server's order decides
        ("text/plain", G, "ntriples"),  # an alias
        ("application/xml", R, "srx"),
        ("application/xml", G, "rdfxml"),  # aliases by kind
        ("TEXT/CSV", R, "csv"),
        ("text/csv; charset=utf-8", R, "csv"),
        ("text/csv;q=garbage, text/tab-separated-values", R, "tsv"),
    ],
)
def test_choose(accept, offered, expected):
    assert choose(accept, offered).name == expected


def test_most_specific_range_wins():
    assert choose("text/turtle;q=0, text/*;q=1", G).name != "turtle"


def test_nothing_acceptable():
    with pytest.raises(LlmkgError) as e:
        choose("image/png, text/html", G)
    assert e.value.status == 406 and e.value.message.startswith("no acceptable format; try text/turtle, ")


def test_parse_accept_skips_junk():
    assert [(r.type, r.subtype, r.q) for r in parse_accept("junk, text/html;level=1;q=0.5, */*")] == [
        ("text", "html", 0.5),
        ("*", "*", 1.0),
    ]


@pytest.mark.parametrize(
    "accept,html",
    [
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", True),  # Firefox/Chrome
        ("*/*", False),
        (None, False),
        ("text/turtle", False),
        ("text/html;q=0.4, text/turtle", False),
        ("text/html, text/turtle", True),
        ("text/*", False),
    ],
)
def test_prefers_html(accept, html):
    assert prefers_html(accept) is html


def test_format_parameter_names():
    assert by_parameter("json", R).name == "srj" and by_parameter("json", G).name == "jsonld"
    assert by_parameter("ttl", G).name == "turtle" and by_parameter("application/n-quads", G).name == "nquads"
    with pytest.raises(LlmkgError):
        by_parameter("csv", G)
