"""SHACL validation of data against shapes/, returning the report as data.

`validate(data_graph, settings)` never raises for invalid data: the Report says what is
wrong. It raises LlmkgError only when validation could not run (unparsable shapes).

    >>> from llmkg.config import from_env
    >>> validate(rdflib.Graph(), from_env()).conforms
    True
    >>> unnamed = rdflib.Graph().parse(
    ...     data="<https://w3id.org/llmkg/model/m> a <https://w3id.org/llmkg/ontology#Model> .", format="turtle")
    >>> report = validate(unnamed, from_env())
    >>> report.conforms, [(r.focus_node, r.shape) for r in report.violations]
    (False, [('https://w3id.org/llmkg/model/m', 'https://w3id.org/llmkg/shapes#ModelLabel')])
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pyshacl
import rdflib
from pyshacl.rdfutil.inoculate import inoculate
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from . import shacl_plan
from .config import Settings
from .errors import syntax_error
from .rdfconv import to_ox, to_rdflib

SEVERITY = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True)
class Result:
    severity: str
    focus_node: str
    message: str
    shape: str | None = None
    path: str | None = None
    value: str | None = None
    constraint: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class Report:
    conforms: bool
    results: list[Result] = field(default_factory=list)
    graph: rdflib.Graph | None = None

    @property
    def violations(self) -> list[Result]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[Result]:
        return [r for r in self.results if r.severity == "Warning"]

    def to_json(self) -> dict[str, Any]:
        return {
            "conforms": self.conforms,
            "violations": len(self.violations),
            "warnings": len(self.warnings),
            "results": [r.to_json() for r in self.results],
        }

    def summary(self) -> str:
        return f"{len(self.violations)} violation(s), {len(self.warnings)} warning(s)"


def load_turtle_dir(folder: Path) -> rdflib.Graph:
    """Every *.ttl of `folder` in one graph; a syntax error is an LlmkgError naming the file and line."""
    g = rdflib.Graph()
    for f in sorted(folder.glob("*.ttl")):
        try:
            g.parse(f, format="turtle")
        except SyntaxError as e:  # rdflib's BadSyntax, whose `lines` counts from 0
            line = getattr(e, "lines", None)
            raise syntax_error(
                f"Turtle syntax error: {getattr(e, '_why', None) or e.msg}",
                file=str(f), line=None if line is None else line + 1,
            ) from None
    return g


@lru_cache(maxsize=4)
def _cached_dir(folder: str, stamp: tuple[float, ...]) -> rdflib.Graph:
    return load_turtle_dir(Path(folder))


def shapes_graph(settings: Settings) -> rdflib.Graph:
    return _cached_dir(str(settings.shapes_dir), _stamp(settings.shapes_dir))


def ontology_graph(settings: Settings) -> rdflib.Graph:
    return _cached_dir(str(settings.ontology_dir), _stamp(settings.ontology_dir))


def _stamp(folder: Path) -> tuple[float, ...]:
    return tuple(f.stat().st_mtime for f in sorted(folder.glob("*.ttl")))


def validate(data: rdflib.Graph, settings: Settings, shapes: rdflib.Graph | None = None,
             ontology: rdflib.Graph | None = None, focus: set[Node] | None = None) -> Report:
    """Validate `data` (with the ontology mixed in, for subclass targets) against the shapes.

    `ontology` replaces the whole ontology by the part of it that `data` needs (submissions/context.py);
    `focus` limits the report to those focus nodes (a submission's own), which is all that is then
    evaluated. Targets and SPARQL constraints run in Oxigraph, the core constraints in pyshacl
    (shacl_plan.py); the report is the one pyshacl alone would give.
    """
    plan = shacl_plan.compile_plan(shapes if shapes is not None else shapes_graph(settings))
    merged = rdflib.Graph()
    for prefix, namespace in data.namespaces():  # pyshacl's generic messages write prefixed names
        merged.bind(prefix, namespace, replace=True)
    for t in data:
        merged.add(t)
    inoculate(merged, ontology if ontology is not None else ontology_graph(settings))  # as pyshacl mixes it in
    store = shacl_plan.store_of(merged)
    targets = shacl_plan.focus_nodes(plan, store, focus)
    found = shacl_plan.as_written(shacl_plan.run_constraints(plan, store, focus), merged)
    _conforms, graph, _text = pyshacl.validate(
        merged,
        shacl_graph=shacl_plan.core_shapes(plan, targets),
        inference="none",
        allow_warnings=True,
        advanced=plan.advanced,
        inplace=True,
    )
    conforms = shacl_plan.add_to_report(graph, found)
    results = _results(graph)
    if focus is not None:  # a shape whose targets pyshacl finds itself (shacl_plan could not) reports on all
        asked = {str(n) for n in focus}
        results = [r for r in results if r.focus_node in asked]
        conforms = not any(r.severity == "Violation" for r in results)
    return Report(conforms, results, graph)


def validate_store(store: ox.Store, settings: Settings, shapes: rdflib.Graph | None = None) -> Report:
    """Validate the union of a store's graphs where it is (the store `llmkg build` is making, before the
    ontology and inferences go in), without copying it out: every constraint runs in Oxigraph
    (shacl_plan with sh:datatype too, shacl_core.py). The ontology's axioms are mixed in as pyshacl
    does, in a graph that is removed again. Literals are judged as the store holds them (by value:
    "2"^^xsd:positiveInteger is an xsd:integer there). Shapes that the plan cannot translate are
    left to pyshacl, over a copy of the store's triples (bounded by memory, as before)."""
    shapes = shapes if shapes is not None else shapes_graph(settings)
    plan = shacl_plan.compile_plan(shapes, datatypes=True)
    if shacl_plan.needs_pyshacl(plan):
        data = rdflib.Graph()
        for q in store.quads_for_pattern(None, None, None, None):
            data.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        return validate(data, settings, shapes=shapes)
    axioms = rdflib.Graph()
    inoculate(axioms, ontology_graph(settings))
    graph = ox.NamedNode(f"{settings.base}graph/validation-axioms-{uuid.uuid4().hex}")  # no data graph's name
    store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph) for s, p, o in axioms)  # type: ignore[arg-type]
    try:
        found = shacl_plan.run_constraints(plan, store, None, union=True)
    finally:
        store.remove_graph(graph)
    report = rdflib.Graph()
    conforms = shacl_plan.add_to_report(report, found)
    return Report(conforms, _results(report), report)


def validate_with_pyshacl(data: rdflib.Graph, settings: Settings) -> Report:
    """pyshacl alone over the whole shapes graph and ontology: the reference `validate` is checked against
    (tests/shapes/test_shacl_plan.py) and the whole-store figure of bench/validate_submission.py."""
    conforms, graph, _text = pyshacl.validate(data, shacl_graph=shapes_graph(settings),
                                              ont_graph=ontology_graph(settings), inference="none",
                                              allow_warnings=True, advanced=True)
    return Report(bool(conforms), _results(graph), graph)


def _results(g: rdflib.Graph) -> list[Result]:
    def one(node: rdflib.term.Node, prop: rdflib.URIRef) -> str | None:
        v = g.value(node, prop)
        return None if v is None else str(v)

    out = [
        Result(
            severity=SEVERITY.get(g.value(r, SH.resultSeverity), "Info"),
            focus_node=one(r, SH.focusNode) or "",
            message=one(r, SH.resultMessage) or "(no message)",
            shape=one(r, SH.sourceShape),
            path=one(r, SH.resultPath),
            value=one(r, SH.value),
            constraint=one(r, SH.sourceConstraintComponent),
        )
        for r in g.subjects(RDF.type, SH.ValidationResult)
    ]
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    return sorted(out, key=lambda r: (order[r.severity], r.focus_node, r.path or "", r.message, r.value or "",
                                      r.constraint or "", r.shape or ""))
