"""What an entity page shows, read from the store: facts with their sources, openness, links.

Every fact is listed with the source(s) that state it: the named graph holding the triple, the
document that graph records (llmkg:recordsSource), and that document's dct:title.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from ..store import KnowledgeGraph

PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX llmkg: <https://w3id.org/llmkg/ontology#>
"""
_FACTS = (
    PREFIXES
    + """SELECT ?p ?o ?g ?source WHERE {
  GRAPH ?g { <X> ?p ?o }
  OPTIONAL { GRAPH ?g { ?g llmkg:recordsSource ?source } }
}"""
)
_BLANKS = """SELECT DISTINCT ?b ?p ?o WHERE { GRAPH ?g { <X> ?p0 ?b . FILTER(isBlank(?b)) ?b ?p ?o } }"""
_INCOMING = """SELECT DISTINCT ?s ?p WHERE { GRAPH ?g { ?s ?p <X> } FILTER(isIRI(?s)) } ORDER BY ?p ?s LIMIT 300"""
_IS_MODEL = PREFIXES + "ASK { <X> a ?c . ?c rdfs:subClassOf* llmkg:ModelResource }"
_ASSESSMENTS = (
    PREFIXES
    + """SELECT ?component ?component_label ?score ?na ?level ?rationale ?table ?source WHERE {
  GRAPH ?g {
    ?a a llmkg:OpennessAssessment ; llmkg:assessedModel <X> ; llmkg:component ?component .
    OPTIONAL { ?a llmkg:levelText ?level } OPTIONAL { ?a llmkg:score ?score }
    OPTIONAL { ?a llmkg:notApplicable ?na } OPTIONAL { ?a llmkg:rationale ?rationale }
    OPTIONAL { ?a llmkg:inTable/dct:title ?table }
    OPTIONAL { ?g llmkg:recordsSource ?source }
  }
  OPTIONAL { ?component skos:prefLabel ?component_label }
} ORDER BY ?source ?table ?component"""
)
_LABELS = (
    PREFIXES
    + """SELECT ?x ?label WHERE {
  VALUES ?x { XS } ?x rdfs:label|skos:prefLabel|dct:title ?label
}"""
)
# facts shown first, in this order; the rest by property label
FIRST = [
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://purl.org/dc/terms/title",
]


@dataclass
class Value:
    term: object
    graphs: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    parts: list[tuple[object, object]] = field(default_factory=list)  # a blank node's own facts


@dataclass
class Fact:
    predicate: ox.NamedNode
    values: list[Value]


@dataclass
class EntityView:
    iri: str
    facts: list[Fact]
    incoming: list[tuple[object, object]]
    assessments: list[dict]
    is_model: bool
    labels: dict[str, str]

    def label(self, term: object) -> str:
        if isinstance(term, ox.NamedNode):
            return self.labels.get(term.value) or short(term.value)
        if isinstance(term, ox.BlankNode):
            return "(details)"
        return getattr(term, "value", str(term))

    @property
    def title(self) -> str:
        return self.labels.get(self.iri) or short(self.iri)


def short(iri: str) -> str:
    """The last segment of an IRI, as a fallback label."""
    return iri.rstrip("/").rsplit("#", 1)[-1].rsplit("/", 1)[-1] or iri


def q(kg: KnowledgeGraph, template: str, iri: str) -> list:
    return list(kg.query(template.replace("<X>", f"<{iri}>")))  # type: ignore[call-overload]


def load(kg: KnowledgeGraph, iri: str) -> EntityView:
    by_pred: dict[str, dict[str, Value]] = {}
    preds: dict[str, ox.NamedNode] = {}
    for r in q(kg, _FACTS, iri):
        preds[r["p"].value] = r["p"]
        v = by_pred.setdefault(r["p"].value, {}).setdefault(str(r["o"]), Value(r["o"]))
        if r["g"].value not in v.graphs:
            v.graphs.append(r["g"].value)
        if r["source"] is not None and r["source"].value not in v.sources:
            v.sources.append(r["source"].value)
    blanks: dict[str, list] = {}
    for r in q(kg, _BLANKS, iri):
        blanks.setdefault(str(r["b"]), []).append((r["p"], r["o"]))
    for values in by_pred.values():
        for v in values.values():
            v.parts = blanks.get(str(v.term), [])
    incoming = [(r["s"], r["p"]) for r in q(kg, _INCOMING, iri)]
    is_model = bool(kg.query(_IS_MODEL.replace("<X>", f"<{iri}>")))
    assessments = [_row(r) for r in q(kg, _ASSESSMENTS, iri)] if is_model else []
    facts = [Fact(preds[p], list(vals.values())) for p, vals in by_pred.items()]
    view = EntityView(iri, facts, incoming, assessments, is_model, {})
    view.labels = labels(kg, _iris_in(view))
    view.facts.sort(
        key=lambda f: (
            FIRST.index(f.predicate.value) if f.predicate.value in FIRST else len(FIRST),
            view.label(f.predicate).lower(),
        )
    )
    return view


def _row(r: ox.QuerySolution) -> dict:
    names = ["component", "component_label", "score", "na", "level", "rationale", "table", "source"]
    return {n: r[n] for n in names}


def _iris_in(view: EntityView) -> set[str]:
    found = {view.iri}
    for f in view.facts:
        found.add(f.predicate.value)
        for v in f.values:
            found.update(
                t.value for t in [v.term, *(x for part in v.parts for x in part)] if isinstance(t, ox.NamedNode)
            )
            found.update(v.graphs + v.sources)
    found.update(t.value for pair in view.incoming for t in pair)
    found.update(a["source"].value for a in view.assessments if a["source"] is not None)
    return found


def labels(kg: KnowledgeGraph, iris: set[str]) -> dict[str, str]:
    """A label per IRI (English or untagged preferred), for those that have one."""
    out: dict[str, str] = {}
    ranked: dict[str, int] = {}
    items = sorted(iris)
    for i in range(0, len(items), 200):
        values = " ".join(f"<{x}>" for x in items[i : i + 200])
        for r in kg.query(_LABELS.replace("XS", values)):  # type: ignore[union-attr]
            lang = r["label"].language or ""
            rank = 0 if lang in ("", "en") else 1
            key = r["x"].value
            if key not in out or rank < ranked[key] or (rank == ranked[key] and r["label"].value < out[key]):
                out[key], ranked[key] = r["label"].value, rank
    return out
