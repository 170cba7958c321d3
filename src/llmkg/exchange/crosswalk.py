"""The crosswalk: is the model (dataset, organization) of an imported record one we already know?

An imported entity is the same as an existing one when
1. one of its identifiers (a Hugging Face repo id, recorded as dct:identifier) is an identifier
   of exactly one existing entity of the same kind, or
2. its name, normalised (case, spaces, hyphens, underscores), equals a label of exactly one
   existing entity of the same kind (a label "Name (ABBR)" also answers to "Name" and "ABBR").

Then the import uses the existing IRI, and its claims sit beside the documents' claims about the
same entity (queries/conflicting-claims.rq finds where they differ). When several entities match,
nothing is merged on a guess: the match is ambiguous, the candidates are reported and a new IRI is
minted. A name match is refused when both sides have identifiers and none is shared.

>>> cw = Crosswalk()
>>> cw.add("https://w3id.org/llmkg/model/falcon-40b", "model", labels=["Falcon 40B"])
>>> cw.resolve("model", "Falcon-40B", [], "https://w3id.org/llmkg/model/falcon-40b-x").how
'name'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
LABELS = ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#altLabel")
IDENTIFIER = "http://purl.org/dc/terms/identifier"
LLMKG = "https://w3id.org/llmkg/ontology#"

# kind -> the class whose instances (with those of its subclasses) are of that kind
KINDS = {"model": LLMKG + "ModelResource", "dataset": LLMKG + "Dataset", "organization": LLMKG + "Organization"}
FAMILY = LLMKG + "ModelFamily"


def name_key(name: str) -> str:
    """`Falcon 40B`, `falcon-40b` and `Falcon_40B` all give `falcon40b`."""
    return re.sub(r"[\s\-_]+", "", name.strip().lower())


def label_keys(label: str) -> set[str]:
    keys = {name_key(label)}
    m = re.fullmatch(r"\s*(.+?)\s*\(([^()]+)\)\s*", label)
    if m:
        keys |= {name_key(m.group(1)), name_key(m.group(2))}
    return {k for k in keys if k}


@dataclass
class Known:
    iri: str
    kinds: set[str] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)
    identifiers: set[str] = field(default_factory=set)
    family: bool = False


@dataclass(frozen=True)
class Resolution:
    iri: str
    how: str  # "identifier", "name" or "new"
    candidates: tuple[str, ...] = ()  # set when the match was ambiguous (how == "new")
    family: bool = False  # the existing entity is a model family
    note: str = ""  # why a possible match was not taken

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1


class Crosswalk:
    def __init__(self) -> None:
        self.known: dict[str, Known] = {}
        self._subclasses: dict[str, set[str]] = {}  # class -> its direct subclasses (from the ontology)

    @classmethod
    def from_quads(cls, quads: Iterable[ox.Quad]) -> Crosswalk:
        """The entities of the ontology and data quads, by kind (subclasses of the kinds' classes
        are found through the rdfs:subClassOf triples among the quads)."""
        cw = cls()
        cw.add_quads(quads)
        return cw

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        quads = list(quads)
        sub: dict[str, set[str]] = {}
        for q in quads:
            if q.predicate.value == SUBCLASS and isinstance(q.object, ox.NamedNode):
                sub.setdefault(q.object.value, set()).add(q.subject.value)
        for k, v in sub.items():
            self._subclasses.setdefault(k, set()).update(v)
        for q in quads:
            if not isinstance(q.subject, ox.NamedNode):
                continue
            s, p = q.subject.value, q.predicate.value
            if p == RDF_TYPE and isinstance(q.object, ox.NamedNode):
                for kind, root in KINDS.items():
                    if q.object.value in self._closure(root):
                        self.known.setdefault(s, Known(s)).kinds.add(kind)
                if q.object.value in self._closure(FAMILY):
                    self.known.setdefault(s, Known(s)).family = True
            elif p in LABELS and isinstance(q.object, ox.Literal):
                self.known.setdefault(s, Known(s)).labels.add(q.object.value)
            elif p == IDENTIFIER and isinstance(q.object, ox.Literal):
                self.known.setdefault(s, Known(s)).identifiers.add(q.object.value.lower())

    def _closure(self, root: str) -> set[str]:
        seen, todo = {root}, [root]
        while todo:
            for c in self._subclasses.get(todo.pop(), ()):
                if c not in seen:
                    seen.add(c)
                    todo.append(c)
        return seen

    def add(self, iri: str, kind: str, labels: Iterable[str] = (), identifiers: Iterable[str] = (),
            family: bool = False) -> None:
        k = self.known.setdefault(iri, Known(iri))
        k.kinds.add(kind)
        k.labels.update(labels)
        k.identifiers.update(i.lower() for i in identifiers)
        k.family = k.family or family

    def exists(self, iri: str) -> bool:
        return iri in self.known

    def resolve(self, kind: str, name: str | None, identifiers: Iterable[str], mint: str) -> Resolution:
        """The existing entity the record names, or `mint` (made unique) when there is none."""
        ids = {i.lower() for i in identifiers if i}
        of_kind = [k for k in self.known.values() if kind in k.kinds]
        by_id = sorted(k.iri for k in of_kind if ids & k.identifiers)
        if len(by_id) == 1:
            return self._found(by_id[0], "identifier")
        if len(by_id) > 1:
            return Resolution(self._unique(mint), "new", tuple(by_id))
        key = name_key(name or "")
        by_name = [k for k in of_kind if key and any(key in label_keys(lb) for lb in k.labels)]
        if len(by_name) > 1:
            return Resolution(self._unique(mint), "new", tuple(sorted(k.iri for k in by_name)))
        if len(by_name) == 1:
            k = by_name[0]
            if ids and k.identifiers and not ids & k.identifiers:
                note = (f"its name matches {k.iri}, whose identifiers ({', '.join(sorted(k.identifiers))}) "
                        "differ: not merged")
                return Resolution(self._unique(mint), "new", note=note)
            return self._found(k.iri, "name")
        minted = self._unique(mint)
        note = ""
        if minted != mint:
            labels = ", ".join(repr(lb) for lb in sorted(self.known[mint].labels)) or "no label"
            note = f"{mint} names another entity ({labels}): not merged"
        return Resolution(minted, "new", note=note)

    def _found(self, iri: str, how: str) -> Resolution:
        return Resolution(iri, how, family=self.known[iri].family)

    def _unique(self, iri: str) -> str:
        if iri not in self.known:
            return iri
        n = 2
        while f"{iri}-{n}" in self.known:
            n += 1
        return f"{iri}-{n}"
