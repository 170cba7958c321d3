"""A submission's report: the SHACL results about its own nodes plus the submission rules' results,
as data (validate.Report), as JSON (Report.to_json) and as a SHACL sh:ValidationReport graph.

    >>> from llmkg.validate import Result
    >>> r = combine(Report(True, [], None), set(), [Result("Violation", "https://x/a", "bad", "https://x/S")])
    >>> r.conforms, len(rdf(r))
    (False, 9)
"""

from __future__ import annotations

import rdflib
from rdflib.namespace import RDF, SH

from .. import formats
from ..validate import Report, Result

SEVERITY_IRI = {"Violation": SH.Violation, "Warning": SH.Warning, "Info": SH.Info}
_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


def combine(shacl: Report, keep: set[str], extra: list[Result]) -> Report:
    """The SHACL results whose focus node is in `keep`, plus `extra`, in one report and graph."""
    results = [r for r in shacl.results if r.focus_node in keep] + extra
    results.sort(key=lambda r: (_ORDER[r.severity], r.focus_node, r.path or "", r.message, r.value or "",
                                r.constraint or "", r.shape or ""))
    report = Report(not any(r.severity == "Violation" for r in results), results, None)
    report.graph = _graph(report, shacl.graph, keep, extra)
    return report


def rdf(report: Report) -> rdflib.Graph:
    """The report as a SHACL sh:ValidationReport (what pyshacl writes, limited to the kept results)."""
    if report.graph is None:
        report.graph = _graph(report, None, set(), report.results)
    return report.graph


def serialize(report: Report, fmt: formats.Format) -> bytes:
    """The SHACL report in Turtle or JSON-LD (or any rdflib-writable format of the table)."""
    names = {"turtle": "turtle", "jsonld": "json-ld", "ntriples": "nt", "rdfxml": "xml", "trig": "trig",
             "nquads": "nquads"}
    return rdf(report).serialize(format=names[fmt.name], encoding="utf-8")


def _graph(report: Report, source: rdflib.Graph | None, keep: set[str], extra: list[Result]) -> rdflib.Graph:
    g = rdflib.Graph()
    g.bind("sh", SH)
    node = rdflib.BNode()
    g.add((node, RDF.type, SH.ValidationReport))
    g.add((node, SH.conforms, rdflib.Literal(report.conforms)))
    if source is not None:
        for r in source.subjects(RDF.type, SH.ValidationResult):
            if str(source.value(r, SH.focusNode)) in keep:
                g.add((node, SH.result, r))
                _copy_cbd(source, r, g)
    for result in extra:
        g.add((node, SH.result, _result_node(g, result)))
    return g


def _copy_cbd(source: rdflib.Graph, node: rdflib.term.Node, into: rdflib.Graph) -> None:
    for p, o in source.predicate_objects(node):
        into.add((node, p, o))
        if isinstance(o, rdflib.BNode) and (o, None, None) not in into:
            _copy_cbd(source, o, into)


def _result_node(g: rdflib.Graph, r: Result) -> rdflib.BNode:
    n = rdflib.BNode()
    g.add((n, RDF.type, SH.ValidationResult))
    g.add((n, SH.resultSeverity, SEVERITY_IRI[r.severity]))
    g.add((n, SH.focusNode, _term(r.focus_node)))
    g.add((n, SH.resultMessage, rdflib.Literal(r.message)))
    if r.shape:
        g.add((n, SH.sourceShape, rdflib.URIRef(r.shape)))
    g.add((n, SH.sourceConstraintComponent, rdflib.URIRef(r.constraint or SH.SPARQLConstraintComponent)))
    if r.path:
        g.add((n, SH.resultPath, rdflib.URIRef(r.path)))
    if r.value:
        g.add((n, SH.value, _term(r.value)))
    return n


def _term(value: str) -> rdflib.term.Node:
    return rdflib.URIRef(value) if ":" in value and " " not in value else rdflib.BNode(value)
