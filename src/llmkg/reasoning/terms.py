"""Effective terms of a model: its own license's and every inherited one's, each with its paths.

A term binds a model when the model reaches, by the walk of lineage.TRANSITIONS, a node (an
ancestor model, a family, a weights artifact, a training dataset, a model that generated
training data) that a source says is under a license whose ODRL policy holds the term. Every
such route is kept (shortest first), with the graphs that state each step, so a reader sees
model → fine-tuned from → … → license → term and who says so.

    >>> t = effective_terms(kg, "https://w3id.org/llmkg/model/alpaca")   # doctest: +SKIP
    >>> t.commercial.verdict                                              # doctest: +SKIP
    'prohibited'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .fetch import VOC, Source, labels, sources
from .licenses import COMMERCIALIZE, License, Term, kind_closure, license_info, licenses_of, policy_terms, term_info
from .lineage import TRANSITIONS, Lineage, Step, fetch_lineage
from .stated import DATA_COMPONENTS, StatedLimit, stated_limits

MAX_ROUTES_PER_NODE = 6
MAX_DEPTH = 40
NO_COMMERCIAL_KIND = VOC + "term-commercial-use-prohibited"
DECLARING_KINDS = {"family", "artifact"}  # steps after which a license still counts as declared
WEIGHT_KINDS = {"weights", "family"}  # steps along which what binds a model's weights binds its derivatives


@dataclass(frozen=True)
class Route:
    """model → steps → holder, which a source says is under `license` (which holds the term).

    With via="assessment", `license` is instead a source's openness assessment of the data of
    `holder` (a stated limit, see stated.py) and the last step names that data.
    """

    steps: tuple[Step, ...]
    holder: str
    license: str
    license_graphs: tuple[str, ...]
    via: str = "license"  # license | assessment

    @property
    def declared(self) -> bool:
        return self.via == "license" and all(s.kind in DECLARING_KINDS for s in self.steps)


@dataclass
class EffectiveTerm:
    term: Term
    licenses: set[str]
    routes: list[Route]

    @property
    def declared(self) -> bool:
        return any(r.declared for r in self.routes)

    @property
    def restriction(self) -> bool:
        return "prohibition" in self.term.rules

    @property
    def unconstrained(self) -> bool:
        return not self.term.constraints

    @property
    def prohibits_commercial_use(self) -> bool:
        return self.restriction and (COMMERCIALIZE in self.term.actions or NO_COMMERCIAL_KIND in self.term.kind_closure)

    @property
    def permits_commercial_use(self) -> bool:
        return "permission" in self.term.rules and COMMERCIALIZE in self.term.actions


@dataclass
class Gap:
    """A node on a terms-carrying route whose terms no source states."""

    node: str
    route: tuple[Step, ...]
    message: str


@dataclass
class Terms:
    model: str
    lineage: Lineage
    licenses: dict[str, License]
    terms: list[EffectiveTerm]
    gaps: list[Gap]
    sources: dict[str, Source]
    labels: dict[str, str]
    declared_licenses: set[str]
    limit_names: dict[str, str] = field(default_factory=dict)  # stated limit (assessment IRI) -> short name

    @property
    def restrictions(self) -> list[EffectiveTerm]:
        return [t for t in self.terms if t.restriction]

    @property
    def inherited_restrictions(self) -> list[EffectiveTerm]:
        declared_terms = {t.term.iri for t in self.terms if t.declared}
        return [t for t in self.restrictions if t.term.iri not in declared_terms]

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or self.lineage.labels.get(iri) or iri

    def route_end(self, r: Route) -> str:
        """What a route ends in: the license's name, or the stated limit's short name."""
        if r.via == "license":
            return self.licenses[r.license].label
        return self.limit_names.get(r.license) or self.label(r.license)


def walk(lineage: Lineage) -> dict[str, list[tuple[Step, ...]]]:
    """Simple paths from the model to every node terms travel from.

    At most MAX_ROUTES_PER_NODE routes per node and state of the walk (a model reached as an
    ancestor and as the generator of training data is followed in both roles), so diamonds of
    merges do not multiply routes without end; a cycle, which validation rejects, cannot loop.
    """
    found: dict[str, list[tuple[Step, ...]]] = {lineage.root: [()]}
    taken: dict[tuple[str, str], int] = {}
    frontier: list[tuple[str, str, tuple[Step, ...]]] = [(lineage.root, "model", ())]
    while frontier:  # breadth first, so the shortest routes come first
        nxt = []
        for node, state, path in frontier:
            visited = {lineage.root} | {s.object for s in path}
            for step in lineage.steps_from(node):
                to_state = TRANSITIONS.get((state, step.kind))
                if to_state is None or step.object in visited or len(path) >= MAX_DEPTH:
                    continue
                if taken.get((step.object, to_state), 0) < MAX_ROUTES_PER_NODE:
                    taken[step.object, to_state] = taken.get((step.object, to_state), 0) + 1
                    found.setdefault(step.object, []).append(path + (step,))
                    nxt.append((step.object, to_state, path + (step,)))
        frontier = nxt
    return found


def effective_terms(kg: Any, model: str) -> Terms:
    """Every term that binds `model`, each with all its routes (shortest first) and sources."""
    lineage = fetch_lineage(kg, model)
    paths = walk(lineage)
    held = licenses_of(kg, paths)
    licenses = license_info(kg, {lic for lics in held.values() for lic in lics})
    held_terms = policy_terms(kg, set(licenses))
    info = term_info(kg, {t for ts in held_terms.values() for t, _ in ts})
    by_term: dict[str, EffectiveTerm] = {}
    for node, node_paths in paths.items():
        for lic, lic_graphs in held.get(node, {}).items():
            for term_iri, rule in held_terms.get(lic, []):
                term = info[term_iri]
                term.rules.add(rule)
                et = by_term.setdefault(term_iri, EffectiveTerm(term, set(), []))
                et.licenses.add(lic)
                et.routes += [Route(p, node, lic, tuple(sorted(lic_graphs))) for p in node_paths]
    limits = _limits(kg, lineage, paths)
    by_term |= {et.term.iri: et for et, _name in limits}
    for et in by_term.values():
        et.routes = sorted(set(et.routes), key=_route_order)
    terms = sorted(by_term.values(),
                   key=lambda t: (not t.restriction, len(t.routes[0].steps), t.term.label, t.term.iri))
    graphs = {g for s in lineage.steps for g in s.graphs} | {g for h in held.values() for gs in h.values() for g in gs}
    graphs |= {g for t in by_term.values() for g in t.term.graphs}
    extra = set(licenses) | set(info) | {k for t in by_term.values() for k in t.term.kinds | t.term.actions}
    declared = {lic for node, ps in paths.items() for lic in held.get(node, {})
                if any(all(s.kind in DECLARING_KINDS for s in p) for p in ps)}
    gaps = [g for g in _gaps(lineage, paths, held) if g.node != model or not declared]
    names = labels(kg, extra) | lineage.labels | {et.term.iri: et.term.label for et, _name in limits}
    return Terms(model, lineage, licenses, terms, gaps, sources(kg, graphs), names, declared,
                 {et.term.iri: name for et, name in limits})


def _route_order(r: Route) -> tuple:
    """Shortest first, then by holder, license and the steps themselves: the same order every run."""
    return (len(r.steps), r.holder, r.license, [(s.subject, s.relation, s.object) for s in r.steps])


def _limits(kg: Any, lineage: Lineage, paths: dict[str, list[tuple[Step, ...]]]) -> list[tuple[EffectiveTerm, str]]:
    """The stated limits on the data of the model and of its weight ancestors, as terms (with short names)."""
    weight_paths = {n: [p for p in ps if all(s.kind in WEIGHT_KINDS for s in p)] for n, ps in paths.items()}
    weight_paths = {n: ps for n, ps in weight_paths.items() if ps}
    found = stated_limits(kg, weight_paths)
    closure = kind_closure(kg, {limit.kind for limit in found})
    out = []
    for limit in found:
        term = Term(limit.iri, limit.label, rules={"prohibition"}, kinds={limit.kind}, actions={COMMERCIALIZE},
                    graphs=set(limit.graphs))
        term.kind_closure = closure.get(limit.kind, {limit.kind})
        out.append((EffectiveTerm(term, set(), _limit_routes(lineage, limit, weight_paths[limit.model])),
                    limit.short_label))
    return out


def _limit_routes(lineage: Lineage, limit: StatedLimit, to_model: list[tuple[Step, ...]]) -> list[Route]:
    """Through each dataset of the limited component, or to the model when no dataset is named."""
    data = [s for s in lineage.steps_from(limit.model) if s.relation in DATA_COMPONENTS[limit.component]]
    ends: list[tuple[Step, ...]] = [(s,) for s in data] or [()]
    return [Route(p + end, limit.model, limit.iri, limit.graphs, via="assessment") for p in to_model for end in ends]


GAP_TEXT = {"generated": "generated training data", "data": "is training data", "dataset": "is source data",
            "weights": "is an ancestor", "model": "is the model itself"}


def _gaps(lineage: Lineage, paths: dict[str, list], held: dict[str, dict]) -> list[Gap]:
    """Nodes whose terms would travel to the model but that no source gives a license."""
    gaps = []
    for node, node_paths in sorted(paths.items()):
        if node in held or not node_paths:
            continue
        path = node_paths[0]
        kinds = [s.kind for s in path]
        last = kinds[-1] if kinds else "model"
        if last == "artifact" or (last == "family" and node != lineage.root):
            continue
        what = GAP_TEXT.get(last, "is upstream")
        if last == "weights" and "generated" in kinds:
            what = "is an ancestor of a model that generated training data"
        elif last == "weights" and "data" in kinds:
            what = "is upstream of training data"
        gaps.append(Gap(node, path, f"{lineage.labels.get(node, node)} {what}, but no source states its license"))
    return gaps


__all__ = ["effective_terms", "walk", "Terms", "EffectiveTerm", "Route", "Term", "License", "Gap", "COMMERCIALIZE"]
