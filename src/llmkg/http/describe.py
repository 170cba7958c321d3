"""What the server says about one entity: a CBD-like description, with the graph of each statement.

The description of IRI X is
- every triple with X as subject (and, for a namespace document such as .../ontology, every
  triple of X#anything), from every named graph;
- the triples of blank nodes X points to, two levels deep (table cells, ODRL constraints);
- the labels (rdfs:label, skos:prefLabel, dct:title) of the IRIs X points to, so a reader
  sees names, not only IRIs.
Quad formats (TriG, N-Quads, JSON-LD) keep the named graph each statement comes from, so the
description says who says so; triple formats get the union.
"""

from __future__ import annotations

import pyoxigraph as ox

from ..store import KnowledgeGraph

_DESCRIBE = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT DISTINCT ?s ?p ?o ?g WHERE {
  { GRAPH ?g { <X> ?p ?o } BIND(<X> AS ?s) }
  UNION { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?s), "X_HASH")) }
  UNION { GRAPH ?g { <X> ?p0 ?s . FILTER(isBlank(?s)) ?s ?p ?o } }
  UNION { GRAPH ?g { <X> ?p0 ?b . FILTER(isBlank(?b)) ?b ?p1 ?s . FILTER(isBlank(?s)) ?s ?p ?o } }
  UNION { GRAPH ?g0 { <X> ?p0 ?s . FILTER(isIRI(?s)) }
          GRAPH ?g { ?s ?p ?o } VALUES ?p { rdfs:label skos:prefLabel dct:title } }
}
"""
_EXISTS = """ASK { { GRAPH ?g { <X> ?p ?o } } UNION { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?s), "X_HASH")) } }"""


def _fill(template: str, iri: str) -> str:
    return template.replace("<X>", f"<{iri}>").replace("X_HASH", iri + "#")


def exists(kg: KnowledgeGraph, iri: str) -> bool:
    return bool(kg.query(_fill(_EXISTS, iri)))


def describe(kg: KnowledgeGraph, iri: str) -> list[ox.Quad]:
    """The description's quads, sorted (stable output); empty if the store says nothing of X."""
    rows = kg.query(_fill(_DESCRIBE, iri))
    quads = {ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows}  # type: ignore[union-attr]
    return sorted(quads, key=str)
