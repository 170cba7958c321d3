"""What every exporter reads from the store: one snapshot of the curated facts, by SPARQL.

`read(kg, base)` asks the store (embedded or remote, through `KnowledgeGraph.query`) four
questions — every data triple, every instance's classes with their superclasses, the
sub-property closure of llmkg's properties, and which source documents state something about
each entity — and answers with a `Facts` object that exporters walk in Python. The union of
the named graphs is read, so a disagreement between sources shows as two values of a property.

    >>> from llmkg.store import EmbeddedStore
    >>> facts = read(EmbeddedStore.in_memory(), "https://w3id.org/llmkg/")
    >>> facts.models(), facts.datasets()
    ([], [])
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from ...config import ONTOLOGY_NS
from ...store import KnowledgeGraph, QueryOptions

LLMKG = ONTOLOGY_NS
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
DCAT = "http://www.w3.org/ns/dcat#"
ODRL = "http://www.w3.org/ns/odrl/2/"
SPDX_LICENSES = "http://spdx.org/licenses/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

_PREFIXES = f"PREFIX llmkg: <{LLMKG}> PREFIX rdfs: <{RDFS}>\n"
_TRIPLES = "SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(!STRSTARTS(STR(?g), \"{onto}\")) }}"
_CLASSES = "SELECT DISTINCT ?s ?c WHERE { ?s a ?t . ?t rdfs:subClassOf* ?c }"
_SUBPROPERTIES = (
    "SELECT DISTINCT ?p ?super WHERE { ?p rdfs:subPropertyOf* ?super . "
    "FILTER(isIRI(?p) && STRSTARTS(STR(?p), STR(llmkg:))) }"
)
_SOURCES = (  # a graph describes itself in itself (docs/modelling.md)
    "SELECT DISTINCT ?s ?doc WHERE { GRAPH ?g { ?s ?p ?o . ?g llmkg:recordsSource ?doc } "
    "FILTER(isIRI(?s) && ?s != ?doc && ?s != ?g) }"
)
# GRAPH queries run on the store's own dataset: a remote store given the union as default graphs
# (default-graph-uri) would have no named graphs left to match.
_NAMED = QueryOptions(union=False)


@dataclass
class Facts:
    """Subject → predicate → objects (union of graphs), classes with superclasses, sources."""

    base: str
    triples: dict[str, dict[str, list[ox.NamedNode | ox.Literal | ox.BlankNode]]] = field(default_factory=dict)
    classes: dict[str, set[str]] = field(default_factory=dict)
    superproperties: dict[str, set[str]] = field(default_factory=dict)
    source_docs: dict[str, list[str]] = field(default_factory=dict)

    # ------------------------------------------------------------ lookups

    def values(self, s: str, p: str) -> list:
        """Objects of `s p ?o`, including those of p's sub-properties, sorted, without repeats."""
        props = self.triples.get(s, {})
        found = {o for q, objs in props.items() if p == q or p in self.superproperties.get(q, ()) for o in objs}
        return sorted(found, key=str)

    def iris(self, s: str, p: str) -> list[str]:
        return [o.value for o in self.values(s, p) if isinstance(o, ox.NamedNode)]

    def texts(self, s: str, p: str) -> list[str]:
        return [o.value for o in self.values(s, p) if isinstance(o, ox.Literal)]

    def literals(self, s: str, p: str) -> list[ox.Literal]:
        return [o for o in self.values(s, p) if isinstance(o, ox.Literal)]

    def label(self, s: str) -> str:
        """The entity's first label (sorted, so stable), else its IRI's last segment."""
        labels = self.texts(s, RDFS + "label") or self.texts(s, DCT + "title") or self.texts(s, FOAF + "name")
        return labels[0] if labels else s.rstrip("/").rsplit("/", 1)[-1]

    def pages(self, s: str) -> list[str]:
        """Web pages of `s`: foaf:page, foaf:homepage (documents) and dcat:landingPage (imports), without repeats."""
        found = self.iris(s, FOAF + "page") + self.iris(s, FOAF + "homepage") + self.iris(s, DCAT + "landingPage")
        return list(dict.fromkeys(found))

    def descriptions(self, s: str) -> list[str]:
        """rdfs:comment (documents) and dct:description (imports) of `s`."""
        return list(dict.fromkeys(self.texts(s, RDFS + "comment") + self.texts(s, DCT + "description")))

    def is_a(self, s: str, cls: str) -> bool:
        return cls in self.classes.get(s, ())

    def instances(self, cls: str) -> list[str]:
        return sorted(s for s, cs in self.classes.items() if cls in cs and s.startswith(self.base))

    def models(self) -> list[str]:
        return self.instances(LLMKG + "ModelResource")

    def datasets(self) -> list[str]:
        return self.instances(LLMKG + "Dataset")

    def sources(self, s: str) -> list[str]:
        """Source documents whose graphs state something about `s`."""
        return self.source_docs.get(s, [])

    def slug(self, s: str) -> str:
        """`https://…/model/llama-2-7b` → `llama-2-7b`."""
        return s.rstrip("/").rsplit("/", 1)[-1]

    def spdx_id(self, license_iri: str) -> str | None:
        return license_iri[len(SPDX_LICENSES):] if license_iri.startswith(SPDX_LICENSES) else None


def read(kg: KnowledgeGraph, base: str) -> Facts:
    """One snapshot of the store's data graphs (not the ontology's) for exporters."""
    facts = Facts(base)
    triples: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    onto_graphs = base + "graph/ontology/"
    for row in kg.query(_TRIPLES.format(onto=onto_graphs), _NAMED):  # type: ignore[union-attr]
        s = row["s"]
        key = s.value if isinstance(s, ox.NamedNode) else f"_:{s.value}"
        triples[key][row["p"].value].add(row["o"])
    facts.triples = {s: {p: sorted(os, key=str) for p, os in ps.items()} for s, ps in triples.items()}
    classes: dict[str, set[str]] = defaultdict(set)
    for row in kg.query(_PREFIXES + _CLASSES):  # type: ignore[union-attr]
        if isinstance(row["s"], ox.NamedNode) and isinstance(row["c"], ox.NamedNode):
            classes[row["s"].value].add(row["c"].value)
    facts.classes = dict(classes)
    supers: dict[str, set[str]] = defaultdict(set)
    for row in kg.query(_PREFIXES + _SUBPROPERTIES):  # type: ignore[union-attr]
        supers[row["p"].value].add(row["super"].value)
    facts.superproperties = dict(supers)
    sources: dict[str, set[str]] = defaultdict(set)
    for row in kg.query(_PREFIXES + _SOURCES, _NAMED):  # type: ignore[union-attr]
        sources[row["s"].value].add(row["doc"].value)
    facts.source_docs = {s: sorted(d) for s, d in sources.items()}
    return facts


def node(facts: Facts, term: ox.BlankNode | ox.NamedNode) -> dict[str, list]:
    """The properties of a node (an IRI or a blank node) in the snapshot."""
    key = term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}"
    return facts.triples.get(key, {})
