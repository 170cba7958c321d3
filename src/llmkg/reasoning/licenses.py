"""Licenses and their ODRL terms as the sources state them: categories, OSI approval, the rules of
each license's policy, each term's actions, kinds, clauses and constraints, and which graphs say so.
terms.py puts them on the routes that bind a model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .fetch import LLMKG, ODRL, labels, rows, values

COMMERCIALIZE = ODRL + "commercialize"
RULES = {ODRL + "permission": "permission", ODRL + "prohibition": "prohibition", ODRL + "obligation": "obligation"}


@dataclass
class Constraint:
    left: str
    operator: str
    right: str

    def text(self) -> str:
        op = {"gt": ">", "lt": "<", "eq": "=", "gteq": "≥", "lteq": "≤", "isAnyOf": "is any of"}
        operator = op.get(self.operator.rsplit("/", 1)[-1], self.operator)
        return f"{self.left.rsplit('/', 1)[-1]} {operator} {self.right}"


@dataclass
class License:
    iri: str
    label: str
    categories: set[str] = field(default_factory=set)
    osi_approved: set[bool] = field(default_factory=set)
    rank: int | None = None  # the most restrictive rank among its categories
    has_policy: bool = False


@dataclass
class Term:
    iri: str
    label: str = ""
    rules: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    kind_closure: set[str] = field(default_factory=set)
    actions: set[str] = field(default_factory=set)
    clauses: set[str] = field(default_factory=set)
    constraints: list[Constraint] = field(default_factory=list)
    graphs: set[str] = field(default_factory=set)
    labels: dict[str, set[str]] = field(default_factory=dict)  # label -> graphs that give it

    def choose_label(self, reference_graphs: set[str]) -> None:
        """The longest label a source document gives (the curators' only where none does)."""
        def key(item: tuple[str, set[str]]) -> tuple[bool, int, str]:
            return (not (item[1] - reference_graphs), len(item[0]), item[0])
        self.label = max(self.labels.items(), key=key)[0] if self.labels else self.iri.rsplit("/", 1)[-1]


def licenses_of(kg: Any, paths: dict[str, list]) -> dict[str, dict[str, set[str]]]:
    q = f"""SELECT ?n ?l ?g WHERE {{ {values('n', paths)}
      GRAPH ?g {{ ?n dct:license ?l }} FILTER(isIRI(?l)) }}"""
    out: dict[str, dict[str, set[str]]] = {}
    for r in rows(kg, q):
        out.setdefault(r["n"], {}).setdefault(r["l"], set()).add(r["g"])
    return out


def license_info(kg: Any, iris: set[str]) -> dict[str, License]:
    out = {i: License(i, i) for i in iris}
    if not iris:
        return out
    q = f"""SELECT ?l ?cat ?rank ?osi ?pol WHERE {{ {values('l', iris)}
      {{ ?l llmkg:licenseCategory ?cat OPTIONAL {{ ?cat llmkg:permissivenessRank ?rank }} }}
      UNION {{ ?l llmkg:osiApproved ?osi }} UNION {{ ?l odrl:hasPolicy ?pol }} }}"""
    for r in rows(kg, q):
        lic = out[r["l"]]
        if "cat" in r:
            lic.categories.add(r["cat"])
            if "rank" in r:
                lic.rank = max(lic.rank or 0, int(r["rank"]))
        if "osi" in r:
            lic.osi_approved.add(r["osi"] == "true")
        lic.has_policy = lic.has_policy or "pol" in r
    for iri, label in labels(kg, iris).items():
        out[iri].label = label
    return out


def policy_terms(kg: Any, licenses: set[str]) -> dict[str, list[tuple[str, str]]]:
    q = f"""SELECT DISTINCT ?l ?rp ?t WHERE {{ {values('l', licenses)} ?l odrl:hasPolicy ?pol .
      {values('rp', RULES)} ?pol ?rp ?t }}"""
    out: dict[str, list[tuple[str, str]]] = {}
    for r in rows(kg, q):
        out.setdefault(r["l"], []).append((r["t"], RULES[r["rp"]]))
    return out


def term_info(kg: Any, iris: set[str]) -> dict[str, Term]:
    out = {i: Term(i) for i in iris}
    if not iris:
        return out
    props = {"http://www.w3.org/2000/01/rdf-schema#label": "label", ODRL + "action": "actions",
             LLMKG + "termKind": "kinds", LLMKG + "clause": "clauses"}
    q = f"SELECT ?t ?p ?o ?g WHERE {{ {values('t', iris)} {values('p', props)} GRAPH ?g {{ ?t ?p ?o }} }}"
    for r in rows(kg, q):
        term, attr = out[r["t"]], props[r["p"]]
        term.graphs.add(r["g"])
        if attr == "label":
            term.labels.setdefault(r["o"], set()).add(r["g"])
        else:
            getattr(term, attr).add(r["o"])
    q = f"""SELECT DISTINCT ?t ?lo ?op ?ro WHERE {{ {values('t', iris)}
      ?t odrl:constraint ?c . ?c odrl:leftOperand ?lo ; odrl:operator ?op ; odrl:rightOperand ?ro }}"""
    for r in rows(kg, q):
        out[r["t"]].constraints.append(Constraint(r["lo"], r["op"], r["ro"]))
    all_graphs = {g for t in out.values() for g in t.graphs}
    q = f"SELECT DISTINCT ?g WHERE {{ {values('g', all_graphs)} ?g llmkg:recordsSource ?d }}"
    documented = {r["g"] for r in rows(kg, q)}
    for t in out.values():
        t.choose_label(t.graphs - documented)
    closure = kind_closure(kg, {k for t in out.values() for k in t.kinds})
    for t in out.values():
        t.kind_closure = set().union(*(closure.get(k, {k}) for k in t.kinds)) if t.kinds else set()
    return out


def kind_closure(kg: Any, kinds: set[str]) -> dict[str, set[str]]:
    """Each term kind with the kinds above it (skos:broader*), itself included."""
    closure: dict[str, set[str]] = {}
    if kinds:
        for r in rows(kg, f"SELECT ?k ?b WHERE {{ {values('k', kinds)} ?k skos:broader* ?b }}"):
            closure.setdefault(r["k"], set()).add(r["b"])
    return closure
