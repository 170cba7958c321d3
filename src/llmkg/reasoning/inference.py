"""Materialise inferred classes into their own named graph, `{base}graph/llmkg-inferred`.

Two kinds of rule, each where its semantics fit (docs/reasoning.md has the list):
- OWL (open world): HermiT classifies models with the ontology's defined classes and
  subclass/sub-property axioms (reasoning/owl.py).
- Closed-world rules: the SPARQL CONSTRUCT queries in queries/rules/*.rq, whose conclusions
  rest on the absence of facts (no license stated, no constraint on a prohibition).

Queries read the graph like any other, so they can be run with inference (default graph =
union of all graphs) or without it (leave out the inferred graph). Called by build() on the new
store after the files are loaded and before the integrity checks, so the checks see it too.

    >>> summary = materialize(kg, settings)   # doctest: +SKIP
    >>> summary.rules["non-commercial-model"]  # doctest: +SKIP
    12
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..config import Settings
from . import owl

RDFS = "http://www.w3.org/2000/01/rdf-schema#"
DCT = "http://purl.org/dc/terms/"


@dataclass
class InferenceSummary:
    graph: str
    rules: dict[str, int] = field(default_factory=dict)  # rule name -> triples it concluded
    owl_triples: int = 0
    owl_seconds: float = 0.0
    rules_seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def triples(self) -> int:
        return self.owl_triples + sum(self.rules.values())

    def line(self) -> str:
        return (f"inference: {self.triples} triples into {self.graph} (OWL/HermiT {self.owl_triples} in "
                f"{self.owl_seconds:.1f} s; rules {sum(self.rules.values())} in {self.rules_seconds:.1f} s)")


def graph_iri(settings: Settings) -> str:
    """The inferred graph, named like the curators' graph/llmkg-reference: llmkg's, not a source's."""
    return settings.base + "graph/llmkg-inferred"


def rule_files(settings: Settings) -> list[Path]:
    return sorted((settings.queries_dir / "rules").glob("*.rq"))


def materialize(kg: Any, settings: Settings, progress: Callable[[str], None] = lambda _m: None,
                use_owl: bool = True) -> InferenceSummary:
    """Replace the inferred graph with what OWL and the rules conclude from the other graphs."""
    g = graph_iri(settings)
    kg.replace_graphs([], [g])  # rules must not read an older inference
    summary = InferenceSummary(g)
    triples: set[ox.Triple] = set()
    if use_owl:
        started = time.monotonic()
        try:
            found = owl.classify(kg, settings)
            triples |= set(found)
            summary.owl_triples = len(found)
        except owl.OwlUnavailable as e:
            summary.warnings.append(str(e))
            progress(f"warning: {e}")
        summary.owl_seconds = time.monotonic() - started
    started = time.monotonic()
    for path in rule_files(settings):
        found = list(kg.query(path.read_text(encoding="utf-8")))
        summary.rules[path.stem] = len(found)
        triples |= set(found)
    summary.rules_seconds = time.monotonic() - started
    graph = ox.NamedNode(g)
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in sorted(triples, key=str)]
    quads += _describe(graph)
    kg.replace_graphs(quads, [g])
    progress(summary.line())
    return summary


def _describe(graph: ox.NamedNode) -> list[ox.Quad]:
    text = ("Conclusions of llmkg's reasoning, not statements of any source: classes of models inferred by OWL "
            "(HermiT) from the ontology and by the closed-world rules in queries/rules/. Rebuilt with the store; "
            "leave this graph out to query without inference.")
    return [ox.Quad(graph, ox.NamedNode(RDFS + "label"), ox.Literal("llmkg inferences", language="en"), graph),
            ox.Quad(graph, ox.NamedNode(DCT + "description"), ox.Literal(text, language="en"), graph)]
