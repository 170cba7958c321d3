"""Each shape of shapes/ against one conforming and one non-conforming case.

A case is one self-describing TriG file in cases/: the data (any graphs) and, in the graph
<https://w3id.org/llmkg/test/expected>, the report the shapes must give, one sh:ValidationResult
per expected result with its focus node, path (if any), severity, source shape, optionally the
value, and as sh:resultMessage a phrase the message must contain. `<Shape>-ok.trig` expects no
result at all; `<Shape>-bad.trig` expects exactly the listed results, no more, no fewer.
The data of a case is validated on its own, with the repository's ontology and shapes, as
`llmkg validate` and `llmkg build` do.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF, RDFS, SH

from llmkg.config import Settings
from llmkg.validate import Report, validate

ROOT = Path(__file__).resolve().parents[2]
CASES = Path(__file__).parent / "cases"
EXPECTED = rdflib.URIRef("https://w3id.org/llmkg/test/expected")
LLMKGSH = rdflib.Namespace("https://w3id.org/llmkg/shapes#")
SEVERITY = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True)
class Expected:
    focus_node: str
    path: str | None
    severity: str
    shape: str
    value: str | None
    message: str

    @property
    def key(self) -> tuple[str, str | None, str, str]:
        return (self.focus_node, self.path, self.severity, self.shape)


def read_case(path: Path) -> tuple[rdflib.Graph, list[Expected]]:
    ds = rdflib.Dataset()
    ds.parse(path, format="trig")
    data = rdflib.Graph()
    for g in ds.graphs():
        if g.identifier != EXPECTED:
            data += g
    report = ds.graph(EXPECTED)

    def text(r: rdflib.term.Node, p: rdflib.URIRef) -> str | None:
        v = report.value(r, p)
        return None if v is None else str(v)

    expected = [
        Expected(text(r, SH.focusNode), text(r, SH.resultPath), SEVERITY[report.value(r, SH.resultSeverity)],
                 text(r, SH.sourceShape), text(r, SH.value), text(r, SH.resultMessage))
        for r in report.subjects(RDF.type, SH.ValidationResult)
    ]
    return data, expected


def case_files(kind: str) -> list[Path]:
    return sorted(CASES.glob(f"*-{kind}.trig"))


def shape_of(path: Path) -> rdflib.URIRef:
    return LLMKGSH[path.name.rsplit("-", 1)[0]]


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings(root=ROOT)


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    g = rdflib.Graph()
    for f in sorted((ROOT / "shapes").glob("*.ttl")):
        g.parse(f, format="turtle")
    return g


def describe(report: Report) -> str:
    return "\n".join(f"{r.severity} {r.focus_node} {r.path} [{r.shape}] {r.message}" for r in report.results)


@pytest.mark.parametrize("path", case_files("ok"), ids=lambda p: p.stem)
def test_conforming_case_gives_no_result(path, settings):
    data, expected = read_case(path)
    assert expected == [], "an -ok case expects an empty report"
    report = validate(data, settings)
    assert report.conforms and report.results == [], describe(report)


@pytest.mark.parametrize("path", case_files("bad"), ids=lambda p: p.stem)
def test_non_conforming_case_gives_the_expected_report(path, settings):
    data, expected = read_case(path)
    assert expected, "a -bad case lists the results it expects"
    report = validate(data, settings)
    actual = Counter((r.focus_node, r.path, r.severity, r.shape) for r in report.results)
    assert actual == Counter(e.key for e in expected), describe(report)
    for e in expected:
        messages = [r.message for r in report.results if (r.focus_node, r.path, r.severity, r.shape) == e.key
                    and (e.value is None or r.value == e.value)]
        assert messages, f"no result with value {e.value} for {e.key}"
        assert any(e.message.lower() in m.lower() for m in messages), f"{e.key}: {messages}"
    assert report.conforms == (not any(e.severity == "Violation" for e in expected))


def test_every_node_shape_has_a_conforming_and_a_non_conforming_case(shapes):
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    assert {shape_of(p) for p in case_files("ok")} == node_shapes
    assert {shape_of(p) for p in case_files("bad")} == node_shapes


def test_every_constraint_of_every_shape_is_broken_by_some_case(shapes):
    """Each property shape, and each node shape with constraints of its own, is the source of an
    expected result, in the bad case of the node shape it belongs to."""
    owner = {p: n for n, p in shapes.subject_objects(SH.property)}
    broken: dict[rdflib.URIRef, set[rdflib.URIRef]] = {}
    for path in case_files("bad"):
        _data, expected = read_case(path)
        broken[shape_of(path)] = {rdflib.URIRef(e.shape) for e in expected}
    missing = []
    for prop, node in owner.items():
        if not any(prop in b for n, b in broken.items() if (n, SH.property, prop) in shapes):
            missing.append(f"{prop} (of {node})")
    for node in shapes.subjects(RDF.type, SH.NodeShape):
        own = {p for p in shapes.predicates(node) if p not in (RDF.type, RDFS.label, RDFS.comment, SH.property)}
        if own - {SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target, SH.severity, SH.message}:
            if node not in broken.get(node, set()):
                missing.append(str(node))
    assert sorted(missing) == []
