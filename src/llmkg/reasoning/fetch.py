"""Small helpers to read rows, labels and source titles through any store's `query()`.

Everything in llmkg.reasoning reads the graph through these, so it works the same against the
embedded store and a remote SPARQL endpoint.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

PREFIXES = """PREFIX llmkg: <https://w3id.org/llmkg/ontology#>
PREFIX voc: <https://w3id.org/llmkg/vocab/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX odrl: <http://www.w3.org/ns/odrl/2/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""

LLMKG = "https://w3id.org/llmkg/ontology#"
VOC = "https://w3id.org/llmkg/vocab/"
ODRL = "http://www.w3.org/ns/odrl/2/"
DCT = "http://purl.org/dc/terms/"


def rows(kg: Any, sparql: str) -> list[dict[str, str]]:
    """The rows of a SELECT as dicts of variable name to the term's lexical value."""
    result = kg.query(PREFIXES + sparql)
    names = [v.value for v in result.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in result]


def values(var: str, iris: Iterable[str]) -> str:
    """A VALUES clause binding `?var` to the IRIs (an empty one when there are none)."""
    return f"VALUES ?{var} {{ {' '.join(f'<{i}>' for i in sorted(set(iris)))} }}"


@dataclass(frozen=True)
class Source:
    """A named graph that states something, with the title of the document it records."""

    graph: str
    title: str
    document: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"graph": self.graph, "title": self.title, "document": self.document}


def sources(kg: Any, graphs: Iterable[str]) -> dict[str, Source]:
    """Each graph's Source: the recorded document's title, else the graph's own description."""
    graphs = set(graphs)
    if not graphs:
        return {}
    found: dict[str, Source] = {}
    q = f"""SELECT ?g ?doc ?title ?label WHERE {{ {values("g", graphs)}
      OPTIONAL {{ ?g llmkg:recordsSource ?doc . OPTIONAL {{ ?doc dct:title ?title }} }}
      OPTIONAL {{ ?g rdfs:label ?label }} }}"""
    for r in rows(kg, q):
        found.setdefault(r["g"], Source(r["g"], r.get("title") or r.get("label") or short(r["g"]), r.get("doc")))
    return {g: found.get(g, Source(g, short(g))) for g in graphs}


def labels(kg: Any, iris: Iterable[str]) -> dict[str, str]:
    """One label per IRI (rdfs:label, else skos:prefLabel; the shortest, then alphabetical)."""
    iris = set(iris)
    if not iris:
        return {}
    q = f"SELECT ?x ?l WHERE {{ {values('x', iris)} ?x rdfs:label|skos:prefLabel ?l }}"
    best: dict[str, str] = {}
    for r in rows(kg, q):
        cur = best.get(r["x"])
        if cur is None or (len(r["l"]), r["l"]) < (len(cur), cur):
            best[r["x"]] = r["l"]
    return {i: best.get(i, short(i)) for i in iris}


def short(iri: str) -> str:
    """A readable short form: `voc:term-research-only`, `model/alpaca`, `Apache-2.0`."""
    for prefix, ns in (("llmkg:", LLMKG), ("voc:", VOC), ("odrl:", ODRL), ("dct:", DCT)):
        if iri.startswith(ns):
            return prefix + iri[len(ns):]
    if iri.startswith("http://spdx.org/licenses/"):
        return iri.rsplit("/", 1)[1]
    marker = "/llmkg/"
    return iri.split(marker, 1)[1] if marker in iri else iri
