"""The explanation of one model as data: effective terms with their routes and sources, the
commercial-use verdict, conflicts, missing facts, flags, openness under each framework and the
classes materialised in the inferred graph. `to_json()` is the JSON of the CLI and HTTP API,
`text.render()` its text, `to_rdf()` the facts that produce it.

    >>> e = explain(kg, resolve_model(kg, "alpaca", settings))   # doctest: +SKIP
    >>> e.commercial.verdict                                      # doctest: +SKIP
    'prohibited'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from ..config import Settings
from ..errors import not_found
from ..queries import expand_id
from .fetch import DCT, LLMKG, ODRL, labels, rows, short, sources, values
from .frameworks import Openness, assess
from .inference import graph_iri
from .judgements import CommercialUse, Conflict, Flag, commercial_use, conflicts, license_flags
from .lineage import Step
from .terms import EffectiveTerm, Route, Terms, effective_terms

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@dataclass
class Explanation:
    terms: Terms
    commercial: CommercialUse
    conflicts: list[Conflict]
    flags: list[Flag]
    openness: Openness
    inferred: list[tuple[str, str]] = field(default_factory=list)  # (class IRI, label)

    @property
    def model(self) -> str:
        return self.terms.model

    @property
    def label(self) -> str:
        return self.terms.label(self.model)

    def source_numbers(self) -> dict[str, int]:
        """Sources numbered for citation: documents first (by title), the curators' graph last."""
        docs = sorted(self.terms.sources.values(), key=lambda s: (s.document is None, s.title))
        return {s.graph: i for i, s in enumerate(docs, 1)}

    def to_json(self) -> dict[str, Any]:
        t = self.terms
        return {
            "model": {"iri": self.model, "label": self.label},
            "declared_licenses": [_license_json(t, lic) for lic in sorted(t.declared_licenses)],
            "commercial_use": {"verdict": self.commercial.verdict, "reason": self.commercial.reason,
                               "terms": [e.term.iri for e in self.commercial.deciding]},
            "terms": [_term_json(t, e) for e in t.terms],
            "conflicts": [{"action": c.action, "permission": c.permission.term.iri,
                           "prohibition": c.prohibition.term.iri, "resolution": c.resolution} for c in self.conflicts],
            "missing_terms": [{"node": g.node, "label": t.label(g.node), "message": g.message,
                               "path": [_step_json(t, s) for s in g.route]} for g in t.gaps],
            "flags": [{"kind": f.kind, "message": f.message, "terms": [e.term.iri for e in f.terms],
                       "sources": [t.sources[g].title for g in f.graphs if g in t.sources]} for f in self.flags],
            "openness": _openness_json(self.openness),
            "inferred_classes": [{"iri": c, "label": lbl} for c, lbl in self.inferred],
            "lineage": [_step_json(t, s) for s in t.lineage.steps],
            "sources": [s.to_json() for s in t.sources.values()],
        }

    def to_rdf(self) -> list[ox.Triple]:
        """The stated facts behind the explanation: lineage steps, licenses, terms and labels."""
        t, out = self.terms, set()
        for s in t.lineage.steps:
            out.add(_triple(s.subject, s.relation, s.object))
        for e in t.terms:
            for r in e.routes:
                if r.via == "license":
                    out.add(_triple(r.holder, DCT + "license", r.license))
                else:  # a stated limit: the assessment of the holder's data
                    out.add(_triple(r.license, LLMKG + "assessedModel", r.holder))
            rule = {"permission": "permission", "prohibition": "prohibition", "obligation": "obligation"}
            for lic in e.licenses:
                for kind in e.term.rules:
                    out.add(_triple(lic, ODRL + rule[kind], e.term.iri))
            for k in e.term.kinds:
                out.add(_triple(e.term.iri, LLMKG + "termKind", k))
        for c, _label in self.inferred:
            out.add(_triple(self.model, RDF_TYPE, c))
        named = {s.subject for s in t.lineage.steps} | {s.object for s in t.lineage.steps} | set(t.licenses)
        for iri in sorted(named | {e.term.iri for e in t.terms}):
            out.add(ox.Triple(ox.NamedNode(iri), ox.NamedNode(RDFS_LABEL), ox.Literal(t.label(iri))))
        return sorted(out, key=str)


def explain(kg: Any, model: str, settings: Settings | None = None) -> Explanation:
    t = effective_terms(kg, model)
    openness = assess(kg, t)
    flags = license_flags(t) + _called_open_source(kg, t, openness)
    inferred = _inferred(kg, model, settings) if settings else []
    return Explanation(t, commercial_use(t), conflicts(t), flags, openness, inferred)


def resolve_model(kg: Any, text: str, settings: Settings) -> str:
    """A model IRI from an IRI, a path (`model/alpaca`), a slug (`alpaca`) or a label (`Code LLaMA`).

    404 naming what was asked, with the models whose labels contain it as suggestions.
    """
    wanted = text.strip()
    if not wanted:
        raise not_found("no model given", model=text)
    iri = expand_id("model", wanted, settings)
    if _safe(iri) and _is_model(kg, iri):
        return iri
    needle = _literal(wanted.lower())
    q = f"""SELECT DISTINCT ?m ?l WHERE {{ ?m a ?c . ?c rdfs:subClassOf* llmkg:ModelResource .
      ?m rdfs:label|skos:altLabel ?l . FILTER(CONTAINS(LCASE(STR(?l)), {needle})) }}"""
    found = rows(kg, q)
    exact = sorted({r["m"] for r in found if r["l"].lower() == wanted.lower()})
    if len(exact) == 1:
        return exact[0]
    near = sorted({(r["m"], r["l"]) for r in found})[:10]
    hint = "; did you mean " + ", ".join(f"{short(m)} ({lbl})" for m, lbl in near) if near else ""
    raise not_found(f"no model {text!r} in the knowledge graph{hint}", model=text)


def _is_model(kg: Any, iri: str) -> bool:
    q = f"SELECT ?c WHERE {{ <{iri}> a ?c . ?c rdfs:subClassOf* llmkg:ModelResource }} LIMIT 1"
    return bool(rows(kg, q))


def _literal(text: str) -> str:
    """A SPARQL string literal for any text (backslashes, quotes and line breaks escaped)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def _safe(iri: str) -> bool:
    return not any(ch in iri for ch in ' <>"{}|\\^`') and not any(ord(ch) < 0x21 for ch in iri)


def _inferred(kg: Any, model: str, settings: Settings) -> list[tuple[str, str]]:
    q = f"""SELECT DISTINCT ?c WHERE {{ GRAPH <{graph_iri(settings)}> {{ <{model}> a ?c }}
      FILTER(STRSTARTS(STR(?c), STR(llmkg:))) }}"""
    classes = sorted(r["c"] for r in rows(kg, q))
    names = labels(kg, classes)
    return [(c, names[c]) for c in classes]


def _called_open_source(kg: Any, t: Terms, o: Openness) -> list[Flag]:
    chain = {t.model} | {s.object for s in t.lineage.steps if s.kind == "family" and s.subject == t.model}
    q = f"SELECT ?m ?g WHERE {{ {values('m', chain)} GRAPH ?g {{ ?m llmkg:calledOpenSource true }} }}"
    claims = rows(kg, q)
    osaid = o.verdicts["OSAID"]
    if not claims or osaid.verdict != "not met":
        return []
    graphs = sorted({r["g"] for r in claims})
    t.sources.update(sources(kg, set(graphs) - set(t.sources)))
    failing = "; ".join(f"{r.label}: {', '.join(r.evidence.reasons[-1:]) or r.status}" for r in osaid.components
                        if r.status == "not met")
    who = ", ".join(sorted({t.label(r["m"]) for r in claims}))
    return [Flag("called-open-source", f"called open source ({who}), but the OSI Open Source AI Definition is not "
                 f"met: {failing}", [], graphs)]


def _triple(s: str, p: str, o: str) -> ox.Triple:
    return ox.Triple(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o))


def _license_json(t: Terms, iri: str) -> dict[str, Any]:
    lic = t.licenses[iri]
    return {"iri": iri, "label": lic.label, "categories": sorted(lic.categories), "rank": lic.rank,
            "osi_approved": sorted(lic.osi_approved)}


def _step_json(t: Terms, s: Step) -> dict[str, Any]:
    return {"from": s.subject, "from_label": t.label(s.subject), "relation": s.relation, "relation_label": s.label,
            "to": s.object, "to_label": t.label(s.object), "kind": s.kind,
            "sources": [t.sources[g].title for g in s.graphs if g in t.sources]}


def _route_json(t: Terms, r: Route) -> dict[str, Any]:
    """A route: the path, then the license the holder is under, or (via "assessment") the source's
    assessment that states a limit on the holder's data."""
    name = t.route_end(r)
    return {"path": [_step_json(t, s) for s in r.steps], "holder": r.holder, "holder_label": t.label(r.holder),
            "via": r.via, r.via: r.license, f"{r.via}_label": name, "declared": r.declared,
            f"{r.via}_sources": [t.sources[g].title for g in r.license_graphs if g in t.sources]}


def _term_json(t: Terms, e: EffectiveTerm) -> dict[str, Any]:
    return {"term": e.term.iri, "label": e.term.label, "rules": sorted(e.term.rules),
            "kinds": [{"iri": k, "label": t.label(k)} for k in sorted(e.term.kinds)],
            "actions": sorted(e.term.actions), "constraints": [c.text() for c in e.term.constraints],
            "clauses": sorted(e.term.clauses), "declared": e.declared, "restriction": e.restriction,
            "licenses": [_license_json(t, lic) for lic in sorted(e.licenses)],
            "routes": [_route_json(t, r) for r in e.routes],
            "term_sources": [t.sources[g].title for g in sorted(e.term.graphs) if g in t.sources]}


def _openness_json(o: Openness) -> dict[str, Any]:
    return {
        "stated": {comp: [{k: v for k, v in a.items() if k in ("score", "na", "level", "table")}
                          | {"source_graph": a["g"]} for a in cells] for comp, cells in o.stated.items()},
        "frameworks": {name: {"label": v.label, "verdict": v.verdict, "levels": v.levels, "missing": v.missing,
                              "see_also": v.see_also,
                              "components": [{"component": r.component, "label": r.label, "status": r.status}
                                             | r.evidence.to_json() for r in v.components]}
                       for name, v in o.verdicts.items()},
        "comparison": o.comparison,
        "disagreements": o.disagreements,
    }
