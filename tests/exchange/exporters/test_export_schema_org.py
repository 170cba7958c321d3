"""schema.org JSON-LD export parsed as JSON-LD by pyoxigraph and rdflib (no context fetched)."""

from __future__ import annotations

import pyoxigraph as ox
import rdflib

from llmkg.exchange.exporters import export

BASE = "https://w3id.org/llmkg/"
SDO = rdflib.Namespace("https://schema.org/")


def test_schema_org_parses_in_both_rdf_libraries_with_the_expected_types(real_kg, options):
    body = export(real_kg, "schema-org", None, options).content
    triples = list(ox.parse(body, format=ox.RdfFormat.JSON_LD))
    g = rdflib.Graph().parse(data=body, format="json-ld")
    assert len(g) == len(set(triples)) > 500  # the same agent or source is written once per mention
    zephyr, ultrachat = rdflib.URIRef(BASE + "model/zephyr"), rdflib.URIRef(BASE + "dataset/ultrachat")
    assert (zephyr, rdflib.RDF.type, SDO.CreativeWork) in g
    assert (ultrachat, rdflib.RDF.type, SDO.Dataset) in g
    assert (zephyr, SDO.isBasedOn, rdflib.URIRef(BASE + "model/mistral-7b")) in g
    assert (zephyr, SDO.isBasedOn, ultrachat) in g
    assert (zephyr, SDO.license, rdflib.URIRef("http://spdx.org/licenses/MIT")) in g
    assert (zephyr, SDO.subjectOf, rdflib.URIRef(BASE + "source/how-open-is-generative-ai-part-2")) in g


def test_one_model_is_described_with_its_neighbours(real_kg, options):
    g = rdflib.Graph().parse(data=export(real_kg, "schema-org", "model/zephyr", options).content, format="json-ld")
    described = set(g.subjects(rdflib.RDF.type, None)) & {rdflib.URIRef(BASE + p) for p in
                                                         ("model/zephyr", "model/mistral-7b", "dataset/ultrachat")}
    assert len(described) == 3
