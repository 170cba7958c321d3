"""A small builder for the triples of an RDF export, and its serialization via formats.py."""

from __future__ import annotations

import hashlib

import pyoxigraph as ox

from ... import formats

Term = ox.NamedNode | ox.BlankNode | ox.Literal

XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "it6": "http://data.europa.eu/it6/",
    "odrl": "http://www.w3.org/ns/odrl/2/",
    "prov": "http://www.w3.org/ns/prov#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": XSD,
    "spdx": "http://spdx.org/licenses/",
    "lang": "http://publications.europa.eu/resource/authority/language/",
}


class Triples:
    """Triples added in any order, serialized sorted, so an export is the same on every run."""

    def __init__(self) -> None:
        self.triples: set[ox.Triple] = set()

    def add(self, s: str | ox.NamedNode | ox.BlankNode, p: str, o: str | Term) -> None:
        subject = ox.NamedNode(s) if isinstance(s, str) else s
        obj = ox.NamedNode(o) if isinstance(o, str) else o
        self.triples.add(ox.Triple(subject, ox.NamedNode(p), obj))

    def typed(self, s: str, *classes: str) -> None:
        for c in classes:
            self.add(s, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", c)

    def text(self, s: str, p: str, value: str | ox.Literal) -> None:
        self.add(s, p, value if isinstance(value, ox.Literal) else ox.Literal(value))

    def serialize(self, fmt: formats.Format | None, base_prefixes: dict[str, str]) -> bytes:
        fmt = fmt or formats.by_name("turtle")
        assert fmt is not None and fmt.kind == "rdf"
        ordered = sorted(self.triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        if fmt.quads:
            ordered = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in ordered]
        return ox.serialize(ordered, format=fmt.rdf, prefixes={**PREFIXES, **base_prefixes})


def bnode(*parts: str) -> ox.BlankNode:
    """A blank node named after what it stands for, so that an export is the same bytes on every run."""
    return ox.BlankNode("b" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24])


def literal(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))
