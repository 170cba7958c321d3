"""SHACL core constraints as SPARQL: the components the shapes use, each one query over all focus nodes.

pyshacl checks a core constraint value by value in Python, so its time grows with every focus node
(1,772 s for a whole store of 50k models, docs/submissions.md). Each constraint here becomes the tail of one
SELECT that shacl_plan joins to the shape's targets, so Oxigraph evaluates it over every focus node at
once. The rows are the results pyshacl gives (SHACL 1.0 §4): focus node, value, path, the component,
the shape's messages as written (core messages are not templates).

Translated, on a property shape whose sh:path is one IRI or on a node shape (the value is the focus
node): sh:class, sh:datatype, sh:nodeKind, sh:pattern (with sh:flags), sh:minExclusive,
sh:minInclusive, sh:maxExclusive, sh:maxInclusive, sh:in, sh:minCount, sh:maxCount (property shapes
only), and sh:or of shapes made of those value conditions. A shape without sh:message is left to
pyshacl, whose generic messages are its own; so is every other component.

Oxigraph stores a literal by its value: "2"^^xsd:positiveInteger is held as "2"^^xsd:integer and
"8000.0"^^xsd:decimal as "8000". Validating an rdflib graph (the files as written), sh:datatype is
therefore left to pyshacl (`datatypes=False`); validating a store (`llmkg build`), the literals are
judged as the store holds them. Where the two engines judge a literal differently: a value typed with
the shape's datatype whose lexical form Oxigraph cannot cast ("1e3"^^xsd:decimal) is a result only if
rdflib also finds it ill typed, as pyshacl does (`Translation.datatypes`, checked by shacl_plan on the
rows); a datatype both cannot check (xsd:gYear, xsd:language) is matched by name, as pyshacl does.

    >>> import rdflib
    >>> g = rdflib.Graph().parse(format="turtle", data='''
    ...   @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
    ...   ex:S sh:path ex:age ; sh:minInclusive 0 ; sh:maxCount 1 ; sh:message "one age, not negative" .''')
    >>> [(str(pred).split("#")[1], t.tail) for pred, _obj, t in translations(g, rdflib.URIRef("http://example.org/S"))]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('maxCount', '?this <http://example.org/age> ?_v . } GROUP BY ?this HAVING (COUNT(DISTINCT ?_v) > 1)'),
     ('minInclusive', '?this <http://example.org/age> ?value .
       FILTER(!(COALESCE(?value >= "0"^^<http://www.w3.org/2001/XMLSchema#integer>, false))) }')]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

# datatypes whose lexical forms Oxigraph checks by casting (STR → datatype), and those neither rdflib
# nor pyshacl checks (any lexical form is accepted): the others are left to pyshacl
CASTABLE = {XSD.integer, XSD.decimal, XSD.boolean, XSD.date, XSD.dateTime, XSD.double, XSD.float}
UNCHECKED = {XSD.string, XSD.gYear, XSD.gYearMonth, XSD.language}
NODE_KINDS = {
    SH.IRI: "isIRI(?value)", SH.Literal: "isLiteral(?value)", SH.BlankNode: "isBlank(?value)",
    SH.BlankNodeOrIRI: "!isLiteral(?value)", SH.BlankNodeOrLiteral: "!isIRI(?value)",
    SH.IRIOrLiteral: "!isBlank(?value)",
}
RANGES = {SH.minExclusive: ">", SH.minInclusive: ">=", SH.maxExclusive: "<", SH.maxInclusive: "<="}
COMPONENTS = {
    SH["class"]: SH.ClassConstraintComponent, SH.datatype: SH.DatatypeConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent, SH.pattern: SH.PatternConstraintComponent,
    SH.minExclusive: SH.MinExclusiveConstraintComponent, SH.minInclusive: SH.MinInclusiveConstraintComponent,
    SH.maxExclusive: SH.MaxExclusiveConstraintComponent, SH.maxInclusive: SH.MaxInclusiveConstraintComponent,
    SH["in"]: SH.InConstraintComponent, SH["or"]: SH.OrConstraintComponent,
    SH.minCount: SH.MinCountConstraintComponent, SH.maxCount: SH.MaxCountConstraintComponent,
}
# what a shape inside sh:or may say besides its value conditions
_DESCRIPTIVE = {RDF.type, RDFS.label, RDFS.comment, SH.name, SH.description, SH.message, SH.severity}


@dataclass(frozen=True)
class Translation:
    head: str  # the SELECT up to its WHERE's opening brace
    tail: str  # after the focus nodes' pattern: the values and the filter, the closing brace, any GROUP BY
    component: Node
    datatypes: tuple[Node, ...] = ()  # a row whose value is typed so, and well typed for rdflib, is no result


@dataclass(frozen=True)
class _Condition:
    text: str  # a SPARQL boolean expression over ?value: true when the value conforms
    datatypes: tuple[Node, ...] = ()


def translations(g: rdflib.Graph, shape: Node, datatypes: bool = True) -> Iterator[tuple[Node, Node, Translation]]:
    """(predicate, object, translation) for each constraint of `shape` that has an exact SPARQL form.
    The caller has checked that the shape is reached only by its targets or by sh:property.
    `datatypes=False` leaves sh:datatype (and sh:or naming datatypes) out: Oxigraph stores literals by
    value, so a store made from an rdflib graph no longer tells "2"^^xsd:positiveInteger from
    "2"^^xsd:integer, which pyshacl does."""
    if not any(isinstance(m, rdflib.Literal) for m in g.objects(shape, SH.message)):
        return
    path = g.value(shape, SH.path)
    if path is not None and not isinstance(path, rdflib.URIRef):
        return
    for pred, obj in sorted(g.predicate_objects(shape), key=lambda po: (str(po[0]), str(po[1]))):
        if pred not in COMPONENTS or (not datatypes and _names_datatypes(g, pred, obj)):
            continue
        if pred in (SH.minCount, SH.maxCount):
            t = _count(pred, obj, path)
        else:
            condition = _condition(g, shape, pred, obj)
            t = None if condition is None else _values(condition, COMPONENTS[pred], path)
        if t is not None:
            yield pred, obj, t


def _names_datatypes(g: rdflib.Graph, pred: Node, obj: Node) -> bool:
    if pred == SH.datatype:
        return True
    return pred == SH["or"] and any((m, SH.datatype, None) in g for m in Collection(g, obj))


def _values(condition: _Condition, component: Node, path: Node | None) -> Translation:
    values = f"?this {path.n3()} ?value ." if path is not None else "BIND(?this AS ?value)"
    return Translation("SELECT DISTINCT ?this ?value WHERE {", f"{values} FILTER(!({condition.text})) }}",
                       component, condition.datatypes)


def _count(pred: Node, obj: Node, path: Node | None) -> Translation | None:
    if path is None or not isinstance(obj, rdflib.Literal) or not isinstance(obj.value, int):
        return None
    n = obj.value
    if pred == SH.minCount:
        tail = f"OPTIONAL {{ ?this {path.n3()} ?_v }} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?_v) < {n})"
    else:
        tail = f"?this {path.n3()} ?_v . }} GROUP BY ?this HAVING (COUNT(DISTINCT ?_v) > {n})"
    return Translation("SELECT ?this WHERE {", tail, COMPONENTS[pred])


def _condition(g: rdflib.Graph, shape: Node, pred: Node, obj: Node) -> _Condition | None:
    if pred == SH["class"]:
        if not isinstance(obj, rdflib.URIRef):
            return None
        return _Condition(f"EXISTS {{ ?value a/<{RDFS.subClassOf}>* {obj.n3()} }}")
    if pred == SH.datatype:
        return _datatype(obj)
    if pred == SH.nodeKind:
        return _Condition(NODE_KINDS[obj]) if obj in NODE_KINDS else None
    if pred == SH.pattern:
        flags = g.value(shape, SH.flags)
        if not isinstance(obj, rdflib.Literal) or (flags is not None and not isinstance(flags, rdflib.Literal)):
            return None
        extra = f", {rdflib.Literal(str(flags)).n3()}" if flags is not None else ""
        return _Condition(f"(!isBlank(?value) && REGEX(STR(?value), {rdflib.Literal(str(obj)).n3()}{extra}))")
    if pred in RANGES:
        if not isinstance(obj, rdflib.Literal):
            return None
        return _Condition(f"COALESCE(?value {RANGES[pred]} {obj.n3()}, false)")
    if pred == SH["in"]:
        members = list(Collection(g, obj))
        if any(isinstance(m, rdflib.BNode) for m in members):
            return None
        alternatives = " || ".join(f"sameTerm(?value, {m.n3()})" for m in members)
        return _Condition(f"({alternatives})" if members else "false")
    if pred == SH["or"]:
        return _or(g, list(Collection(g, obj)))
    return None


def _datatype(d: Node) -> _Condition | None:
    if d == RDFS.Literal:
        return _Condition("isLiteral(?value)")
    if d == RDF.langString:
        return _Condition("(isLiteral(?value) && LANG(?value) != \"\")")
    typed = f"isLiteral(?value) && DATATYPE(?value) = {d.n3()}"
    if d in CASTABLE:
        return _Condition(f"({typed} && COALESCE(isLiteral({d.n3()}(STR(?value))), false))", (d,))
    return _Condition(f"({typed})") if d in UNCHECKED else None


def _or(g: rdflib.Graph, members: list[Node]) -> _Condition | None:
    """sh:or of shapes that only state value conditions; a datatype checked by casting must be a
    member's only condition (so that rdflib's verdict on a row can stand for the member's)."""
    alternatives, datatypes = [], []
    for m in members:
        parts = []
        for pred, obj in sorted(g.predicate_objects(m), key=lambda po: (str(po[0]), str(po[1]))):
            if pred in _DESCRIPTIVE or pred == SH.flags:
                continue
            if pred not in COMPONENTS or pred in (SH["or"], SH.minCount, SH.maxCount):
                return None
            c = _condition(g, m, pred, obj)
            if c is None:
                return None
            parts.append(c)
        if not parts:
            return None
        if any(p.datatypes for p in parts):
            if len(parts) > 1:
                return None
            datatypes += parts[0].datatypes
        alternatives.append(" && ".join(p.text for p in parts))
    if not alternatives:
        return None
    return _Condition("(" + " || ".join(f"({a})" for a in alternatives) + ")", tuple(datatypes))
