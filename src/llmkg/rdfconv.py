"""Move terms and quads between pyoxigraph (the store) and rdflib (pyshacl, owlready2 input)."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
import rdflib
from rdflib.term import Node

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(t: object) -> Node:
    if isinstance(t, ox.NamedNode):
        return rdflib.URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return rdflib.BNode(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return rdflib.Literal(t.value, lang=t.language)
        dt = t.datatype.value
        return rdflib.Literal(t.value, datatype=None if dt == XSD_STRING else rdflib.URIRef(dt))
    raise TypeError(f"cannot convert {t!r}")


def to_ox(t: Node) -> object:
    if isinstance(t, rdflib.URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, rdflib.BNode):
        return ox.BlankNode(str(t))
    if isinstance(t, rdflib.Literal):
        if t.language:
            return ox.Literal(str(t), language=t.language)
        if t.datatype:
            return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
        return ox.Literal(str(t))
    raise TypeError(f"cannot convert {t!r}")


def union_graph(quads: Iterable[ox.Quad], into: rdflib.Graph | None = None) -> rdflib.Graph:
    """All quads' triples in one rdflib graph (the union of their named graphs)."""
    g = into if into is not None else rdflib.Graph()
    for q in quads:
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g
