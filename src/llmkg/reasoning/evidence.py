"""What the facts say about each released component of a model: the probes frameworks use.

A probe answers, for one kind of evidence named in ontology/frameworks.ttl (llmkg:evidencedBy:
a voc:Components concept, a voc:CodePurposes concept, llmkg:hasPaper or dct:license), whether
the component is released openly, released under terms a framework does not accept, not
released, or unknown, and which facts are missing to decide. PROBES is the one table that ties
framework data to llmkg facts. (Longer than most modules: gathering the facts, judging an item
and the probes are one concern and read best together.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .fetch import DCT, LLMKG, VOC, rows, values
from .licenses import License, license_info
from .terms import Terms

OPEN, RESTRICTED, CLOSED, UNKNOWN = "open", "restricted", "closed", "unknown"
PUBLIC, NONE = VOC + "available-public", VOC + "available-none"


@dataclass
class Evidence:
    status: str
    reasons: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    graphs: set[str] = field(default_factory=set)
    parts: list[str] = field(default_factory=list)  # the statuses combined into this one
    by_evidence: dict[str, str] = field(default_factory=dict)  # evidence concept -> its own status

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "reasons": self.reasons, "missing": self.missing}


@dataclass
class Item:
    """An artifact or dataset of the model: what it is, whether published, its licenses."""

    iri: str
    label: str
    kind: str  # weights | code | paper | pretraining-data | finetuning-data
    availability: set[str] = field(default_factory=set)
    purposes: set[str] = field(default_factory=set)
    licenses: set[str] = field(default_factory=set)
    graphs: set[str] = field(default_factory=set)


@dataclass
class Facts:
    terms: Terms
    items: list[Item]
    assessments: list[dict[str, str]]
    licenses: dict[str, License]
    bases: list[str]

    def of(self, kind: str, purpose: str | None = None) -> list[Item]:
        return [i for i in self.items if i.kind == kind and (purpose is None or purpose in i.purposes)]

    def unlicensed_ancestors(self) -> list[str]:
        """Models the weights derive from (or families they belong to) whose license no source states:
        their terms would bind the parameters too, so a verdict on the parameters waits for them."""
        return sorted({self.terms.label(g.node) for g in self.terms.gaps
                       if g.route and all(s.kind in ("weights", "family") for s in g.route)})

    def binding_licenses(self) -> set[str]:
        """Licenses of the weights' lineage, plus any license that carries a restriction."""
        weights = {r.license for e in self.terms.terms for r in e.routes
                   if r.via == "license" and all(s.kind in ("weights", "family", "artifact") for s in r.steps)}
        restricting = {lic for e in self.terms.restrictions for lic in e.licenses}
        return weights | restricting | self.terms.declared_licenses


def gather(kg: Any, terms: Terms) -> Facts:
    lin = terms.lineage
    holders = {terms.model} | {s.object for s in lin.steps if s.kind == "family" and s.subject in _chain(terms)}
    items = _artifacts(kg, holders, lin.labels) + _datasets(terms)
    _dataset_details(kg, [i for i in items if i.kind.endswith("data")])
    lic_iris = {lic for i in items for lic in i.licenses} | terms.declared_licenses
    q = f"""SELECT ?a ?comp ?score ?na ?level ?table ?g WHERE {{ {values('m', holders)}
      GRAPH ?g {{ ?a a llmkg:OpennessAssessment ; llmkg:assessedModel ?m ; llmkg:component ?comp ;
                  llmkg:levelText ?level .
        OPTIONAL {{ ?a llmkg:score ?score }} OPTIONAL {{ ?a llmkg:notApplicable ?na }}
        OPTIONAL {{ ?a llmkg:inTable/dct:title ?table }} }} }}"""
    return Facts(terms, items, rows(kg, q), terms.licenses | license_info(kg, lic_iris - set(terms.licenses)),
                 _bases(terms))


def _chain(terms: Terms) -> set[str]:
    """The model and the families it belongs to (their artifacts are the model's)."""
    out, frontier = {terms.model}, [terms.model]
    while frontier:
        node = frontier.pop()
        for s in terms.lineage.steps_from(node):
            if s.kind == "family" and s.object not in out:
                out.add(s.object)
                frontier.append(s.object)
    return out


def _bases(terms: Terms) -> list[str]:
    """Upstream models along weight steps that derive from no other model's weights."""
    lin, seen, bases, frontier = terms.lineage, {terms.model}, [], [terms.model]
    while frontier:
        node = frontier.pop()
        ups = [s.object for s in lin.steps_from(node) if s.kind == "weights"]
        if not ups and node != terms.model:
            bases.append(node)
        for up in ups:
            if up not in seen:
                seen.add(up)
                frontier.append(up)
    return sorted(bases) or [terms.model]


def _artifacts(kg: Any, holders: set[str], names: dict[str, str]) -> list[Item]:
    kinds = {LLMKG + "hasWeights": "weights", LLMKG + "hasCode": "code", LLMKG + "hasPaper": "paper"}
    q = f"""SELECT ?rel ?a ?label ?avail ?purpose ?lic ?g WHERE {{ {values('h', holders)} {values('rel', kinds)}
      GRAPH ?g {{ ?h ?rel ?a }} OPTIONAL {{ ?a rdfs:label ?label }} OPTIONAL {{ ?a llmkg:availability ?avail }}
      OPTIONAL {{ ?a llmkg:codePurpose ?purpose }} OPTIONAL {{ ?a dct:license ?lic }} }}"""
    found: dict[str, Item] = {}
    for r in rows(kg, q):
        it = found.setdefault(r["a"], Item(r["a"], r.get("label", r["a"]), kinds[r["rel"]]))
        it.graphs.add(r["g"])
        for attr, key in (("availability", "avail"), ("purposes", "purpose"), ("licenses", "lic")):
            if key in r:
                getattr(it, attr).add(r[key])
    return list(found.values())


def _datasets(terms: Terms) -> list[Item]:
    """Training data of the model (fine-tuning data) and of its weight lineage (pre-training data)."""
    lin, chain, out = terms.lineage, _weight_chain(terms), {}
    for s in lin.steps:
        if s.kind == "data" and s.subject in chain:
            own_tuning = s.subject == terms.model and s.relation == LLMKG + "fineTunedOn"
            kind = "finetuning-data" if own_tuning else "pretraining-data"
            if s.relation == LLMKG + "fineTunedOn" and s.subject != terms.model:
                kind = "pretraining-data"  # an ancestor's tuning data is part of what the model starts from
            out.setdefault((s.object, kind), Item(s.object, lin.labels.get(s.object, s.object), kind,
                                                  graphs=set(s.graphs)))
    return list(out.values())


def _weight_chain(terms: Terms) -> set[str]:
    out, frontier = {terms.model}, [terms.model]
    while frontier:
        for s in terms.lineage.steps_from(frontier.pop()):
            if s.kind in ("weights", "family") and s.object not in out:
                out.add(s.object)
                frontier.append(s.object)
    return out


def _dataset_details(kg: Any, items: list[Item]) -> None:
    if not items:
        return
    q = f"""SELECT ?d ?avail ?lic WHERE {{ {values('d', [i.iri for i in items])}
      {{ ?d llmkg:availability ?avail }} UNION {{ ?d dct:license ?lic }} }}"""
    by_iri: dict[str, list[Item]] = {}
    for i in items:
        by_iri.setdefault(i.iri, []).append(i)
    for r in rows(kg, q):
        for i in by_iri[r["d"]]:
            i.availability |= {r["avail"]} if "avail" in r else set()
            i.licenses |= {r["lic"]} if "lic" in r else set()


# ---------------------------------------------------------------- judging items


Status = tuple[str, list[str], list[str]]  # (status, reasons, missing facts)


def license_status(facts: Facts, lics: set[str], acceptable: set[str], whose: str = "") -> Status:
    """open if every license is in an acceptable category; restricted if one is not; else unknown."""
    if not lics:
        return UNKNOWN, [], [f"a license of {whose}" if whose else "a license"]
    bad, unknown = [], []
    for iri in sorted(lics):
        lic = facts.licenses.get(iri) or License(iri, iri)
        if False in lic.osi_approved or (lic.categories and not lic.categories & acceptable):
            bad.append(lic.label)
        elif not lic.categories and True not in lic.osi_approved:
            unknown.append(f"the category of license {lic.label}")
    if bad:
        return RESTRICTED, [f"under {', '.join(bad)}, not an open license of the kind required"], unknown
    return (UNKNOWN, [], unknown) if unknown else (OPEN, [], [])


def judge_items(facts: Facts, items: list[Item], acceptable: set[str], what: str) -> Evidence:
    if not items:
        return Evidence(UNKNOWN, missing=[f"whether {what} is released"])
    results = []
    for it in items:
        ev = Evidence(UNKNOWN, graphs=set(it.graphs))
        if not acceptable:  # information only: being named is enough, published or not
            ev.status, ev.reasons = OPEN, [f"{it.label} is named"]
        elif NONE in it.availability:
            ev.status, ev.reasons = CLOSED, [f"{it.label} is not publicly available"]
        elif PUBLIC not in it.availability and not it.availability:
            ev.missing = [f"whether {it.label} is publicly available"]
            st, reasons, missing = license_status(facts, it.licenses, acceptable)
            ev.status = RESTRICTED if st == RESTRICTED else UNKNOWN
            ev.reasons, ev.missing = reasons, ev.missing + [f"{m} of {it.label}" for m in missing]
        else:
            st, reasons, missing = license_status(facts, it.licenses, acceptable)
            if it.availability - {PUBLIC} and st == OPEN:
                st, reasons = RESTRICTED, [f"{it.label} is only partly or conditionally available"]
            if st == OPEN:
                names = ", ".join(sorted(facts.licenses[lic].label for lic in it.licenses if lic in facts.licenses))
                reasons = [f"public under {names}"]
            ev.status, ev.reasons = st, [f"{it.label}: {r}" for r in reasons]
            ev.missing = [f"{m} of {it.label}" for m in missing]
        results.append(ev)
    return combine(results)


def combine(parts: list[Evidence]) -> Evidence:
    """All must be open: closed beats restricted beats unknown beats open."""
    order = [CLOSED, RESTRICTED, UNKNOWN, OPEN]
    status = min((p.status for p in parts), key=order.index) if parts else UNKNOWN
    out = Evidence(status, parts=[s for p in parts for s in (p.parts or [p.status])])
    for p in parts:
        out.reasons += p.reasons
        out.missing += p.missing
        out.graphs |= p.graphs
    return out


# ---------------------------------------------------------------- probes


def _weights(facts: Facts, acceptable: set[str]) -> Evidence:
    items, name = facts.of("weights"), facts.terms.label(facts.terms.model)
    lics = facts.binding_licenses()
    st, reasons, missing = _binding_status(facts, lics, acceptable, name) if acceptable else (OPEN, [], [])
    graphs = {g for i in items for g in i.graphs}
    if items and any(NONE not in i.availability and i.availability for i in items):
        avail = Evidence(OPEN, [f"{i.label} published" for i in items], graphs=graphs)
    elif items and all(NONE in i.availability for i in items):
        return Evidence(CLOSED, [f"{', '.join(i.label for i in items)}: not published"], graphs=graphs)
    elif facts.terms.lineage.is_a(facts.terms.model, "ProprietaryModel"):
        return Evidence(CLOSED, [f"a source says {name} is proprietary (weights not published)"])
    else:
        stated = [a for a in facts.assessments if a["comp"] == VOC + "component-weights" and "score" in a]
        if not stated:
            unpublished = f"whether the weights of {name} are published (llmkg:hasWeights, llmkg:availability)"
            return Evidence(UNKNOWN, missing=[unpublished, *missing])
        best = max(int(a["score"]) for a in stated)  # 3-4: open (with limitations); 2: research only
        avail = Evidence(OPEN if best >= 3 else RESTRICTED if best == 2 else CLOSED,
                         [f"a source scores the weights of {name} {best} on document 002's scale"],
                         graphs={a["g"] for a in stated})
        if avail.status != OPEN:
            return avail
    license_names = ", ".join(sorted(facts.licenses[lic].label for lic in lics if lic in facts.licenses))
    if st == OPEN and acceptable:
        reasons = [f"binding licenses ({license_names}) are all of an accepted kind"]
    return Evidence(st, avail.reasons + reasons, missing, avail.graphs)


def _code(purpose: str) -> Callable[[Facts, set[str]], Evidence]:
    label = {"code-training": "training code", "code-inference": "inference code",
             "code-data-processing": "data-processing code"}[purpose]

    def probe(facts: Facts, acceptable: set[str]) -> Evidence:
        return judge_items(facts, facts.of("code", VOC + purpose), acceptable, label)
    return probe


def _data(kind: str) -> Callable[[Facts, set[str]], Evidence]:
    def probe(facts: Facts, acceptable: set[str]) -> Evidence:
        items = facts.of(kind)
        if kind == "finetuning-data" and not items and not _is_derived(facts):
            return Evidence("n/a", ["not a fine-tuned model"])
        if not items:
            what = {"finetuning-data": "fine-tuned on (llmkg:fineTunedOn)",
                    "pretraining-data": "pre-trained on (llmkg:pretrainedOn)"}[kind]
            return Evidence(UNKNOWN, missing=[f"which data it was {what}"])
        return judge_items(facts, items, acceptable, kind)
    return probe


def _is_derived(facts: Facts) -> bool:
    return any(s.kind == "weights" for s in facts.terms.lineage.steps if s.subject in _chain(facts.terms))


def _paper(facts: Facts, acceptable: set[str]) -> Evidence:
    items = facts.of("paper")
    if not items:
        return Evidence(UNKNOWN, missing=["whether a paper or report is published (llmkg:hasPaper)"])
    for i in items:
        i.availability = i.availability or {PUBLIC}  # a paper a source cites is published
    return judge_items(facts, items, acceptable, "a paper")


def _licenses(facts: Facts, acceptable: set[str]) -> Evidence:
    name, lics = facts.terms.label(facts.terms.model), facts.binding_licenses()
    st, reasons, missing = _binding_status(facts, lics, acceptable, name)
    if st == OPEN:
        names = ", ".join(sorted(facts.licenses[lic].label for lic in lics if lic in facts.licenses))
        reasons = [f"binding licenses ({names}) are all of an accepted kind"]
    return Evidence(st, reasons, missing)


def _binding_status(facts: Facts, lics: set[str], acceptable: set[str], name: str) -> Status:
    """license_status of the licenses that bind the model, unknown (not open) while an ancestor's
    license is missing."""
    st, reasons, missing = license_status(facts, lics, acceptable, name)
    unlicensed = facts.unlicensed_ancestors()
    if unlicensed and st == OPEN:
        st = UNKNOWN
    return st, reasons, missing + [f"a license of {a}" for a in unlicensed if st != RESTRICTED]


PROBES: dict[str, Callable[[Facts, set[str]], Evidence]] = {
    VOC + "component-weights": _weights,
    VOC + "component-pretraining-data": _data("pretraining-data"),
    VOC + "component-finetuning-data": _data("finetuning-data"),
    VOC + "code-training": _code("code-training"),
    VOC + "code-inference": _code("code-inference"),
    VOC + "code-data-processing": _code("code-data-processing"),
    LLMKG + "hasPaper": _paper,
    DCT + "license": _licenses,
}
