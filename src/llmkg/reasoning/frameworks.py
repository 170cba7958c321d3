"""Openness of a model under several frameworks, computed from one fact base.

The frameworks are data (ontology/frameworks.ttl, read from the store): each class, dimension
or requirement lists the components it needs, the license categories it accepts and the llmkg
evidence that shows each component. Verdicts are three-valued: met / not met / unknown, and an
unknown verdict lists the facts that are missing. Document 002's scores are reported as stated.

    >>> v = assess(kg, effective_terms(kg, "https://w3id.org/llmkg/model/zephyr"))   # doctest: +SKIP
    >>> v.verdicts["OSAID"].verdict                                                     # doctest: +SKIP
    'not met'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .evidence import CLOSED, OPEN, PROBES, RESTRICTED, UNKNOWN, Evidence, Facts, combine, gather
from .fetch import LLMKG, VOC, rows, values
from .terms import Terms, effective_terms

SKOS = "http://www.w3.org/2004/02/skos/core#"
MOF, OSAI, OSAID = VOC + "ModelOpennessFramework", VOC + "OpenSourceAIIndex", VOC + "OpenSourceAIDefinition"
SCHEMES = (MOF, VOC + "MOFComponents", OSAI, OSAID)
# document 002's components, as the evidence concepts the frameworks name
STATED_AS = {VOC + "component-data-processing-code": VOC + "code-data-processing"}
COMPARED = (VOC + "component-weights", VOC + "component-pretraining-data", VOC + "component-finetuning-data",
            VOC + "code-data-processing", VOC + "code-training")


@dataclass
class Concept:
    iri: str
    label: str = ""
    notation: str = ""
    scheme: str = ""
    requires: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    acceptable: set[str] = field(default_factory=set)
    evidence: list[str] = field(default_factory=list)
    base: bool = False
    broader: str | None = None
    see_also: list[str] = field(default_factory=list)


@dataclass
class ComponentResult:
    component: str
    label: str
    status: str  # met | not met | unknown | n/a  (open | partial | closed | unknown for the index)
    evidence: Evidence


@dataclass
class Verdict:
    framework: str
    label: str
    verdict: str
    components: list[ComponentResult]
    missing: list[str] = field(default_factory=list)  # facts about this model that would decide it
    levels: dict[str, str] = field(default_factory=dict)  # MOF class -> met | not met | unknown
    unrecorded: list[str] = field(default_factory=list)  # components llmkg has no facts on at all
    see_also: list[str] = field(default_factory=list)


@dataclass
class Openness:
    stated: dict[str, list[dict[str, str]]]  # document 002's cells by component
    verdicts: dict[str, Verdict]
    comparison: dict[str, dict[str, str]]  # evidence concept -> framework -> open | not open | unknown
    disagreements: list[tuple[str, list[str], list[str]]]  # (component, open under, not open under)


def load_frameworks(kg: Any) -> dict[str, Concept]:
    props = {SKOS + "prefLabel": "label", SKOS + "notation": "notation", LLMKG + "requiresComponent": "requires",
             LLMKG + "requiresLevel": "levels", LLMKG + "acceptableLicenseCategory": "acceptable",
             LLMKG + "evidencedBy": "evidence", LLMKG + "assessesBaseModel": "base", SKOS + "broader": "broader",
             SKOS + "inScheme": "scheme", "http://www.w3.org/2000/01/rdf-schema#seeAlso": "see_also"}
    q = f"""SELECT DISTINCT ?c ?p ?o WHERE {{
      {{ {values('s', SCHEMES)} ?c skos:inScheme ?s }} UNION {{ {values('c', SCHEMES)} }}
      {values('p', props)} ?c ?p ?o }}"""
    out: dict[str, Concept] = {}
    for r in rows(kg, q):
        c, attr = out.setdefault(r["c"], Concept(r["c"])), props[r["p"]]
        cur = getattr(c, attr)
        if isinstance(cur, list):
            cur.append(r["o"])
        elif isinstance(cur, set):
            cur.add(r["o"])
        elif attr == "base":
            c.base = r["o"] == "true"
        else:
            setattr(c, attr, r["o"])
    return out


def assess(kg: Any, terms: Terms, frameworks: dict[str, Concept] | None = None) -> Openness:
    fw = frameworks or load_frameworks(kg)
    facts = gather(kg, terms)
    base_facts = [facts] if facts.bases == [terms.model] else [gather(kg, effective_terms(kg, b)) for b in facts.bases]

    def probe(c: Concept) -> Evidence:
        parts: list[Evidence] = []
        by_evidence: dict[str, list[Evidence]] = {}
        for fx in (base_facts if c.base else [facts]):
            for e in c.evidence:
                ev = PROBES[e](fx, c.acceptable)
                if ev.status != "n/a":
                    parts.append(ev)
                    by_evidence.setdefault(e, []).append(ev)
        if not c.evidence:
            return Evidence(UNKNOWN, parts=["unrecorded"])
        if not parts:
            return Evidence("n/a", ["not applicable"])
        out = combine(parts)
        out.by_evidence = {e: combine(evs).status for e, evs in by_evidence.items()}
        return out

    verdicts = {"MOF": _mof(fw, probe), "OSAI": _index(fw, probe), "OSAID": _osaid(fw, probe)}
    stated = _stated(facts)
    comparison = _compare(fw, verdicts, stated)
    return Openness(stated, verdicts, comparison, _disagreements(comparison, fw))


def _status(ev: Evidence) -> str:
    return {OPEN: "met", RESTRICTED: "not met", CLOSED: "not met"}.get(ev.status, ev.status)


def _all(results: list[ComponentResult]) -> str:
    st = {r.status for r in results if r.status != "n/a"}
    return "not met" if "not met" in st else "unknown" if "unknown" in st else "met"


def _mof(fw: dict[str, Concept], probe) -> Verdict:  # noqa: ANN001
    classes = [c for c in fw.values() if c.scheme == MOF]
    comps: dict[str, ComponentResult] = {}
    levels: dict[str, str] = {}
    for cls in sorted(classes, key=lambda c: len(_closure(fw, c))):
        results = []
        for comp in _closure(fw, cls):
            if comp not in comps:
                ev = probe(fw[comp])
                comps[comp] = ComponentResult(comp, fw[comp].label, _status(ev), ev)
            results.append(comps[comp])
        levels[cls.label] = _all(results)
    met = [label for label, v in levels.items() if v == "met"]
    if met:
        verdict = met[-1]
    else:
        verdict = "below Class III" if levels and next(iter(levels.values())) == "not met" else "unknown"
    scheme = fw.get(MOF, Concept(MOF, "Model Openness Framework"))
    return Verdict("MOF", scheme.label, verdict, list(comps.values()), _missing(comps.values()), levels,
                   see_also=scheme.see_also, unrecorded=_unrecorded(comps.values()))


def _closure(fw: dict[str, Concept], cls: Concept) -> list[str]:
    out = list(cls.requires)
    for lower in cls.levels:
        out = _closure(fw, fw[lower]) + [c for c in out if c not in _closure(fw, fw[lower])]
    return out


def _index(fw: dict[str, Concept], probe) -> Verdict:  # noqa: ANN001
    dims = sorted((c for c in fw.values() if c.scheme == OSAI and c.notation), key=lambda c: int(c.notation))
    results = []
    for d in dims:
        ev = probe(d)
        parts = set(ev.parts or [ev.status]) - {"n/a"}
        value = ("n/a" if ev.status == "n/a" else "open" if parts == {OPEN} else "closed" if parts == {CLOSED}
                 else "unknown" if parts <= {UNKNOWN, OPEN, "unrecorded"} and parts - {OPEN} else "partial")
        results.append(ComponentResult(d.iri, d.label, value, ev))
    counts = {v: sum(r.status == v for r in results) for v in ("open", "partial", "closed", "unknown")}
    verdict = ", ".join(f"{n} {v}" for v, n in counts.items() if n)
    scheme = fw.get(OSAI, Concept(OSAI, "European Open Source AI Index"))
    return Verdict("OSAI", scheme.label, verdict, results, _missing(results), see_also=scheme.see_also,
                   unrecorded=_unrecorded(results))


def _osaid(fw: dict[str, Concept], probe) -> Verdict:  # noqa: ANN001
    top = fw.get(VOC + "osaid-open-source-ai")
    results = []
    for req in (top.requires if top else []):
        ev = probe(fw[req])
        results.append(ComponentResult(req, fw[req].label, _status(ev), ev))
    scheme = fw.get(OSAID, Concept(OSAID, "OSI Open Source AI Definition"))
    return Verdict("OSAID", scheme.label, _all(results) if results else "unknown", results, _missing(results),
                   see_also=scheme.see_also, unrecorded=_unrecorded(results))


def _missing(results) -> list[str]:  # noqa: ANN001
    out: list[str] = []
    for r in results:
        for m in r.evidence.missing:
            if m not in out and r.status in ("unknown", "met"):
                out.append(m)
    return out


def _unrecorded(results) -> list[str]:  # noqa: ANN001
    return [r.label for r in results if r.evidence.parts == ["unrecorded"]]


def _stated(facts: Facts) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for a in sorted(facts.assessments, key=lambda a: (a["comp"], a.get("table", ""))):
        out.setdefault(a["comp"], []).append(a)
    return out


def _compare(fw: dict[str, Concept], verdicts: dict[str, Verdict], stated: dict) -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {e: {} for e in COMPARED}
    for comp, cells in stated.items():
        key = STATED_AS.get(comp, comp)
        scores = [int(c["score"]) for c in cells if "score" in c]
        if key in table and scores:
            table[key]["002"] = "open" if min(scores) >= 3 else "not open" if max(scores) <= 2 else "mixed"
    for name, v in verdicts.items():
        for r in v.components:
            c = fw.get(r.component)
            if c is None or c.base or not c.acceptable or r.status == "n/a":
                continue
            for e in (e for e in c.evidence if e in table):
                # this evidence's own status (MOF "Datasets" is judged on pre-training and fine-tuning
                # data together; the row of each shows how that data fares)
                norm = {OPEN: "open", RESTRICTED: "not open", CLOSED: "not open"}.get(
                    r.evidence.by_evidence.get(e, UNKNOWN), "unknown")
                prev = table[e].get(name, "unknown")
                table[e][name] = norm if prev in ("unknown", norm) else prev if norm == "unknown" else "mixed"
    return table


def _disagreements(table: dict[str, dict[str, str]], fw: dict[str, Concept]) -> list[tuple[str, list[str], list[str]]]:
    out = []
    for comp, row in table.items():
        opened = sorted(k for k, v in row.items() if v == "open")
        closed = sorted(k for k, v in row.items() if v == "not open")
        if opened and closed:
            out.append((comp, opened, closed))
    return out
