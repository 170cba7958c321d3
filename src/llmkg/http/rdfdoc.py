"""Small RDF documents the server writes about itself (service description, VoID): terms and output."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from .. import formats

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
DCT = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
LLMKG = "https://w3id.org/llmkg/ontology#"
PREFIXES = {"rdf": RDF, "rdfs": RDFS, "xsd": XSD, "sd": SD, "void": VOID, "dct": DCT, "dcat": DCAT, "llmkg": LLMKG}
# for entity descriptions: the vocabularies the data uses
DATA_PREFIXES = {
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "dct": DCT,
    "skos": SKOS,
    "prov": PROV,
    "odrl": "http://www.w3.org/ns/odrl/2/",
    "llmkg": LLMKG,
    "voc": "https://w3id.org/llmkg/vocab/",
}

# the W3C's IRIs for formats (https://www.w3.org/ns/formats/), by our format names
FORMAT_IRIS = {
    "turtle": "http://www.w3.org/ns/formats/Turtle",
    "ntriples": "http://www.w3.org/ns/formats/N-Triples",
    "trig": "http://www.w3.org/ns/formats/TriG",
    "nquads": "http://www.w3.org/ns/formats/N-Quads",
    "jsonld": "http://www.w3.org/ns/formats/JSON-LD",
    "rdfxml": "http://www.w3.org/ns/formats/RDF_XML",
    "srj": "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
    "srx": "http://www.w3.org/ns/formats/SPARQL_Results_XML",
    "csv": "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
    "tsv": "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
}
A = ox.NamedNode(RDF + "type")


def iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def integer(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=ox.NamedNode(XSD + "integer"))


def serialize(triples: Iterable[ox.Triple], fmt: formats.Format) -> bytes:
    """Triples in any RDF format of formats.py (quad formats get them in the default graph)."""
    items: list = list(triples)
    if fmt.quads:
        items = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in items]
    prefixes = PREFIXES if fmt.name in ("turtle", "trig") else None
    return ox.serialize(items, format=fmt.rdf, prefixes=prefixes)


def graph_sizes(kg: object) -> dict[str, int]:
    """Triples per named graph."""
    rows = kg.query(  # type: ignore[attr-defined]
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    )
    return {r["g"].value: int(r["n"].value) for r in rows if isinstance(r["g"], ox.NamedNode)}


def serialize_quads(quads: list[ox.Quad], fmt: formats.Format) -> bytes:
    """Quads keeping their graphs in a quad format; their union (no duplicates) in a triple format."""
    prefixes = DATA_PREFIXES if fmt.name in ("turtle", "trig") else None
    if fmt.quads:
        return ox.serialize(quads, format=fmt.rdf, prefixes=prefixes)
    return ox.serialize(sorted({q.triple for q in quads}, key=str), format=fmt.rdf, prefixes=prefixes)
