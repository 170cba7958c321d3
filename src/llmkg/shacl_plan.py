"""The shapes split for one validation: targets and SHACL-SPARQL constraints evaluated by Oxigraph,
the core constraints by pyshacl.

pyshacl evaluates a SPARQL-based target once per validation and a SPARQL-based constraint once per
focus node, each with rdflib's SPARQL engine (in Python): for a submission of a hundred models that
was two thirds of the validation, and a SPARQL target scanning every triple made every shape pay
for the whole data graph. A `Plan`, compiled once per shapes graph, holds instead:

- every shape's targets as one SPARQL pattern binding `?this` (class targets through
  rdfs:subClassOf*, subjects-of, objects-of, nodes, sh:SPARQLTarget selects);
- each `sh:sparql` SELECT constraint as one query with `$this` joined to its shape's targets (a
  property shape's: the targets of the node shapes that list it with sh:property) and `$PATH`
  replaced by the shape's path: one query per constraint, not per focus node;
- the rest of the shapes graph, without those targets and constraints, for pyshacl: per validation
  each shape gets the focus nodes the queries found, as sh:targetNode (only those of interest, when
  the caller names them: a submission's own nodes).

Each constraint's rows become results as pyshacl makes them (SHACL 1.0 §5.3): the focus node is
`?this`, the value `?value` (or the focus node, for a node shape), the path `?path` (or a property
shape's path), the messages sh:message with `{?var}`/`{$var}` filled in, the severity the shape's.
What cannot be translated so (a constraint on a shape reached through sh:node, sh:or…; a path that is
not one IRI; ASK validators; `$shapesGraph`, `$currentShape`, `?failure`) stays in the shapes graph
for pyshacl, unchanged. tests/shapes/test_shacl_plan.py checks that the reports equal pyshacl's on
every shape case and on the shipped data.

    >>> import rdflib
    >>> shapes = rdflib.Graph().parse(format="turtle", data='''
    ...   @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
    ...   ex:S a sh:NodeShape ; sh:targetClass ex:Thing ;
    ...     sh:sparql [ sh:message "{$this} points at itself" ;
    ...                 sh:select "SELECT $this WHERE { $this <http://example.org/p> $this }" ] .''')
    >>> plan = compile_plan(shapes)
    >>> print(plan.constraints[0].query().split("WHERE", 1)[1].strip())  # doctest: +NORMALIZE_WHITESPACE
    { { SELECT DISTINCT ?this WHERE { ?this a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*
        <http://example.org/Thing> . } }  ?this <http://example.org/p> ?this }
    >>> plan.targets  # nothing is left for pyshacl to check on ex:S, so it needs no focus nodes
    ()
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

import pyoxigraph as ox
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from . import shacl_core
from .rdfconv import to_ox, to_rdflib

TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target)
NESTING = (SH.node, SH["not"], SH.qualifiedValueShape)
LISTS = (SH["or"], SH["and"], SH.xone)
# what a shape may say besides constraints: if nothing else is left, pyshacl need not see its targets
NOT_CONSTRAINTS = {RDF.type, RDFS.label, RDFS.comment, SH.severity, SH.message, SH.deactivated, SH.name,
                   SH.description, SH.order, SH.group, SH.prefixes, *TARGETS}
ADVANCED = (SH.rule, SH.SPARQLFunction, SH.SPARQLTargetType, SH.JSTarget, SH.JSConstraint, SH.JSFunction)
_THIS = re.compile(r"\$this\b")
_PATH = re.compile(r"\$PATH\b")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


@dataclass(frozen=True)
class Target:
    shape: Node
    query: str  # SELECT DISTINCT ?this …


@dataclass(frozen=True)
class Constraint:
    shape: Node
    node: Node | None  # the sh:sparql node (None for a core constraint: shacl_core.py)
    head: str  # prefixes and the SELECT up to its WHERE's opening brace
    targets: str  # the pattern binding ?this to the focus nodes
    tail: str  # the rest of the SELECT
    severity: Node
    messages: tuple[rdflib.Literal, ...]  # the constraint's, then the shape's
    path: Node | None  # a property shape's sh:path
    component: Node = SH.SPARQLConstraintComponent
    datatypes: tuple[Node, ...] = ()  # shacl_core.Translation.datatypes

    def query(self, focus: Iterable[Node] | None = None) -> str:
        """The constraint's query over all its focus nodes, or only over `focus` (IRIs and literals)."""
        values = "" if focus is None else "VALUES ?this { " + " ".join(_n3(n) for n in focus) + " } "
        return f"{self.head} {{ SELECT DISTINCT ?this WHERE {{ {values}{self.targets} }} }} {self.tail}"


@dataclass(frozen=True)
class Plan:
    core: rdflib.Graph  # the shapes pyshacl evaluates, without the targets in `targets`
    targets: tuple[Target, ...]
    constraints: tuple[Constraint, ...]
    advanced: bool  # whether pyshacl must run SHACL-AF (rules, functions, other targets)


@dataclass(frozen=True)
class Found:
    """One result of a SPARQL constraint, with the terms as rdflib nodes."""

    constraint: Constraint
    focus: Node
    value: Node | None
    path: Node | None
    messages: tuple[str, ...]


# ---------------------------------------------------------------- compiling a shapes graph


_PLANS: dict[tuple[int, bool], tuple[rdflib.Graph, int, Plan]] = {}  # (id(shapes), datatypes) -> (shapes, size, plan)
MAX_PLANS = 8


def compile_plan(shapes: rdflib.Graph, datatypes: bool = False) -> Plan:
    """The plan for `shapes`, kept for as long as that graph object is in use with the same size (the
    shapes graph of a Settings is itself cached, and read again when a file of shapes/ changes).
    Keyed by the object, not by rdflib's Graph equality, which compares identifiers only.
    `datatypes`: translate sh:datatype too (shacl_core.translations), for data that is in a store."""
    key = (id(shapes), datatypes)
    kept = _PLANS.get(key)
    if kept is not None and kept[0] is shapes and kept[1] == len(shapes):
        return kept[2]
    plan = _compile(shapes, datatypes)
    if len(_PLANS) >= MAX_PLANS:
        _PLANS.pop(next(iter(_PLANS)))
    _PLANS[key] = (shapes, len(shapes), plan)
    return plan


def _compile(shapes: rdflib.Graph, datatypes: bool = False) -> Plan:
    nested = _nested(shapes)
    prefixes = _Prefixes(shapes)
    patterns = {s: p for s in _shapes(shapes) if (p := _target_pattern(shapes, s, prefixes)) is not None}
    constraints, moved = [], set()
    for shape, node in sorted(shapes.subject_objects(SH.sparql), key=str):
        c = _constraint(shapes, shape, node, nested, patterns, prefixes)
        if c is not None:
            constraints.append(c)
            moved.add((shape, SH.sparql, node))
    for shape in sorted({s for p in shacl_core.COMPONENTS for s in shapes.subjects(p, None)}, key=str):
        owners = _owners(shapes, shape, nested, patterns)
        for pred, obj, t in shacl_core.translations(shapes, shape, datatypes) if owners else ():
            head = prefixes.text(n for o in owners for n in patterns[o].prefix_nodes) + t.head
            constraints.append(Constraint(
                shape, None, head, _union([patterns[o].text for o in owners]), t.tail,
                shapes.value(shape, SH.severity) or SH.Violation, tuple(sorted(_literals(shapes, shape), key=str)),
                shapes.value(shape, SH.path), t.component, t.datatypes))
            moved.add((shape, pred, obj))
    core = rdflib.Graph()
    for ns, ns_iri in shapes.namespaces():
        core.bind(ns, ns_iri)
    targeted = set(patterns)
    for s, p, o in shapes:
        if (s, p, o) in moved or (p in TARGETS and s in targeted):
            continue
        core.add((s, p, o))
    for s, o in list(core.subject_objects(SH.property)):  # a property shape with nothing left to check
        if o not in targeted and all(p in NOT_CONSTRAINTS or p in (SH.path, SH.flags) for p in core.predicates(o)):
            core.remove((s, SH.property, o))
    still_checking = {s for s in targeted if _has_constraints(core, s)}
    targets = tuple(Target(s, f"{prefixes.text(patterns[s].prefix_nodes)}SELECT DISTINCT ?this WHERE "
                              f"{{ {patterns[s].text} }}") for s in sorted(still_checking, key=str))
    advanced = any((None, p, None) in core for p in ADVANCED) or any(
        (None, RDF.type, t) in core for t in ADVANCED) or any(
        (o, RDF.type, SH.SPARQLTarget) in core for o in core.objects(None, SH.target))
    return Plan(core, targets, tuple(constraints), advanced)


@dataclass(frozen=True)
class _Pattern:
    text: str  # a group graph pattern binding ?this
    prefix_nodes: tuple[Node, ...]


class _Prefixes:
    """The PREFIX lines of sh:prefixes declarations."""

    def __init__(self, g: rdflib.Graph) -> None:
        self.g = g

    def text(self, nodes: Iterable[Node]) -> str:
        declared: dict[str, str] = {}
        for n in nodes:
            for decl in self.g.objects(n, SH.declare):
                prefix, ns = self.g.value(decl, SH.prefix), self.g.value(decl, SH.namespace)
                if prefix is not None and ns is not None:
                    declared[str(prefix)] = str(ns)
        return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(declared.items()))


def _shapes(g: rdflib.Graph) -> set[Node]:
    found = {s for p in TARGETS for s in g.subjects(p, None)}
    found |= {s for s in g.subjects(RDF.type, RDFS.Class)
              if (s, RDF.type, SH.NodeShape) in g or (s, RDF.type, SH.PropertyShape) in g}
    return {s for s in found if not _deactivated(g, s)}


def _deactivated(g: rdflib.Graph, node: Node) -> bool:
    return any(getattr(o, "value", None) is True for o in g.objects(node, SH.deactivated))


def _target_pattern(g: rdflib.Graph, shape: Node, prefixes: _Prefixes) -> _Pattern | None:
    """The shape's targets as one pattern, or None if one of them is not translatable (then pyshacl
    finds the focus nodes itself)."""
    parts, prefix_nodes = [], []
    if (shape, RDF.type, RDFS.Class) in g:
        return None  # an implicit class target: left to pyshacl
    classes = list(g.objects(shape, SH.targetClass))
    parts += [f"?this a/<{RDFS.subClassOf}>* {_n3(c)} ." for c in classes]
    parts += [f"?this {_n3(p)} ?_o ." for p in g.objects(shape, SH.targetSubjectsOf)]
    parts += [f"?_s {_n3(p)} ?this ." for p in g.objects(shape, SH.targetObjectsOf)]
    nodes = list(g.objects(shape, SH.targetNode))
    if any(isinstance(n, rdflib.BNode) for n in nodes):
        return None
    if nodes:
        parts.append("VALUES ?this { " + " ".join(_n3(n) for n in nodes) + " }")
    for t in g.objects(shape, SH.target):
        select = g.value(t, SH.select)
        if (t, RDF.type, SH.SPARQLTarget) not in g or select is None or not _plain_select(str(select)):
            return None
        prefix_nodes += list(g.objects(t, SH.prefixes))
        parts.append(f"{{ {_THIS.sub('?this', str(select)).strip()} }}")
    if not parts:
        return None
    return _Pattern(_union(parts), tuple(prefix_nodes))


def _union(patterns: list[str]) -> str:
    return patterns[0] if len(patterns) == 1 else " UNION ".join(f"{{ {p} }}" for p in patterns)


def _plain_select(text: str) -> bool:
    """Whether a target's SELECT can be a subquery: no PREFIX/BASE of its own (sh:prefixes are lifted
    to the query's head) and no pre-bound variable but $this."""
    return re.match(r"\s*SELECT\b", text, re.IGNORECASE) is not None and "$" not in _THIS.sub("", text)


def _nested(g: rdflib.Graph) -> set[Node]:
    """Shapes reached other than by targets or sh:property of a targeted shape: their focus nodes are
    value nodes that only pyshacl knows."""
    out = {o for p in NESTING for o in g.objects(None, p)}
    for p in LISTS:
        for head in g.objects(None, p):
            out |= set(Collection(g, head))
    out |= {o for s, o in g.subject_objects(SH.property) if (None, SH.property, s) in g}  # property of a property
    return out


def _owners(g: rdflib.Graph, shape: Node, nested: set[Node], patterns: dict[Node, _Pattern]) -> list[Node] | None:
    """The shapes whose targets are `shape`'s focus nodes: itself (a node shape) or the node shapes that
    list it with sh:property; None when some focus nodes are not known from targets alone."""
    if shape in nested or _deactivated(g, shape):
        return None
    path = g.value(shape, SH.path)
    if path is None:
        return [shape] if shape in patterns else None
    if not isinstance(path, rdflib.URIRef):
        return None
    owners = list(g.subjects(SH.property, shape))
    if shape in patterns or not owners or any(o not in patterns or o in nested for o in owners):
        return None
    return owners


def _constraint(g: rdflib.Graph, shape: Node, node: Node, nested: set[Node],
                patterns: dict[Node, _Pattern], prefixes: _Prefixes) -> Constraint | None:
    select = g.value(node, SH.select)
    owners = _owners(g, shape, nested, patterns)
    if select is None or owners is None or _deactivated(g, node):
        return None
    text = str(select)
    if re.search(r"\$(shapesGraph|currentShape)\b|[?$]failure\b", text):
        return None
    path = g.value(shape, SH.path)
    if _PATH.search(text):
        if path is None:
            return None
        text = _PATH.sub(_n3(path), text)
    match = _WHERE.search(text)
    if match is None:
        return None
    head, tail = _THIS.sub("?this", text[:match.end()]), _THIS.sub("?this", text[match.end():])
    prefix_nodes = [*g.objects(node, SH.prefixes), *(n for o in owners for n in patterns[o].prefix_nodes)]
    messages = tuple(sorted(_literals(g, node), key=str)) + tuple(sorted(_literals(g, shape), key=str))
    severity = g.value(shape, SH.severity) or SH.Violation
    return Constraint(shape, node, prefixes.text(prefix_nodes) + head, _union([patterns[o].text for o in owners]), tail,
                      severity, messages, path)


def _literals(g: rdflib.Graph, node: Node) -> list[rdflib.Literal]:
    return [m for m in g.objects(node, SH.message) if isinstance(m, rdflib.Literal)]


def _has_constraints(g: rdflib.Graph, shape: Node) -> bool:
    return any(p not in NOT_CONSTRAINTS for p in g.predicates(shape, None))


def _n3(n: Node) -> str:
    return n.n3()


# ---------------------------------------------------------------- running a plan


def needs_pyshacl(plan: Plan) -> bool:
    """Whether pyshacl has anything to check: shapes with constraints the plan did not translate, found
    by the plan's targets or by targets of their own, or SHACL-AF."""
    return plan.advanced or bool(plan.targets) or any(_has_constraints(plan.core, s) for s in _shapes(plan.core))


def store_of(data: rdflib.Graph) -> ox.Store:
    """An in-memory Oxigraph store with `data`'s triples in its default graph (blank node ids kept)."""
    store = ox.Store()
    store.bulk_extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph()) for s, p, o in data)  # type: ignore[arg-type]
    return store


def focus_nodes(plan: Plan, store: ox.Store, keep: set[Node] | None, union: bool = False) -> dict[Node, list[Node]]:
    """Per targeted shape, its focus nodes (those in `keep`, when given). `union`: the data is the union
    of the store's graphs (else its default graph)."""
    out = {}
    for t in plan.targets:
        found = [to_rdflib(r[0]) for r in store.query(t.query, use_default_graph_as_union=union)]  # type: ignore[union-attr]
        found = [n for n in found if keep is None or n in keep]
        if found:
            out[t.shape] = sorted(found, key=str)
    return out


def core_shapes(plan: Plan, focus: dict[Node, list[Node]]) -> rdflib.Graph:
    """The plan's core shapes with each shape's focus nodes as sh:targetNode."""
    g = rdflib.Graph()
    for t in plan.core:
        g.add(t)
    for ns, iri in plan.core.namespaces():
        g.bind(ns, iri)
    for shape, nodes in focus.items():
        for n in nodes:
            g.add((shape, SH.targetNode, n))
    return g


def run_constraints(plan: Plan, store: ox.Store, keep: set[Node] | None, union: bool = False) -> list[Found]:
    out = []
    for c in plan.constraints:
        seen = set()
        # a VALUES block can hold IRIs and literals, not blank nodes: then the rows are filtered below
        named = keep is not None and not any(isinstance(n, rdflib.BNode) for n in keep)
        solutions = store.query(c.query(sorted(keep, key=str) if named and keep is not None else None),
                                use_default_graph_as_union=union)
        names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
        for row in solutions:  # type: ignore[union-attr]
            bound = {n: to_rdflib(row[i]) for i, n in enumerate(names) if row[i] is not None}
            this = bound.pop("this", None)
            if this is None or (keep is not None and this not in keep):
                continue
            path, value = bound.pop("path", None), bound.pop("value", None)
            if c.datatypes and _well_typed_for_rdflib(value, c.datatypes):
                continue
            key = (this, path, value, frozenset(bound.items()))
            if key in seen:
                continue
            seen.add(key)
            if value is None and c.path is None:
                value = this
            filled = {**bound, **{k: v for k, v in (("this", this), ("path", path), ("value", value)) if v is not None}}
            messages = tuple(_fill(str(m), filled) if c.node is not None else str(m) for m in c.messages)
            out.append(Found(c, this, value, path if path is not None else c.path, messages))
    return out


def _well_typed_for_rdflib(value: Node | None, datatypes: tuple[Node, ...]) -> bool:
    """A literal Oxigraph could not cast but rdflib reads (" 12"^^xsd:integer): pyshacl accepts it."""
    return isinstance(value, rdflib.Literal) and value.datatype in datatypes and value.ill_typed is not True


def as_written(found: list[Found], data: rdflib.Graph) -> list[Found]:
    """Each result's value as `data` writes it: Oxigraph gives literals back by value ("8000.0"^^xsd:decimal
    as "8000"), pyshacl as written."""
    out = []
    for f in found:
        v = f.value
        if isinstance(v, rdflib.Literal) and f.path is not None and (f.focus, f.path, v) not in data:
            v = next((o for o in data.objects(f.focus, f.path)
                      if isinstance(o, rdflib.Literal) and o.datatype is not None and _same_value(o, v)), v)
            f = replace(f, value=v)
        out.append(f)
    return out


def _same_value(a: rdflib.Literal, b: rdflib.Literal) -> bool:
    try:
        return bool(a.eq(b))
    except TypeError:
        return False


def _fill(message: str, names: dict[str, Node]) -> str:
    for var, val in names.items():
        message = re.sub(r"\{[?$]" + re.escape(var) + r"\}", lambda _m, v=val: str(v), message)
    return message


def add_to_report(report: rdflib.Graph, found: list[Found]) -> bool:
    """Write `found` into pyshacl's report graph as sh:ValidationResults; whether it still conforms."""
    root = report.value(None, RDF.type, SH.ValidationReport, any=True)
    if root is None:
        root = rdflib.BNode()
        report.add((root, RDF.type, SH.ValidationReport))
    for f in found:
        r = rdflib.BNode()
        report.add((root, SH.result, r))
        for p, o in ((RDF.type, SH.ValidationResult), (SH.focusNode, f.focus), (SH.resultPath, f.path),
                     (SH.value, f.value), (SH.resultSeverity, f.constraint.severity),
                     (SH.sourceShape, f.constraint.shape), (SH.sourceConstraint, f.constraint.node),
                     (SH.sourceConstraintComponent, f.constraint.component)):
            if o is not None:
                report.add((r, p, o))
        for m in f.messages:
            report.add((r, SH.resultMessage, rdflib.Literal(m)))
    conforms = not any((r, SH.resultSeverity, SH.Violation) in report for r in report.objects(root, SH.result))
    report.set((root, SH.conforms, rdflib.Literal(conforms)))
    return conforms
