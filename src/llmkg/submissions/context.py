"""In-context validation: a submission checked against the shapes together with the store facts
it touches, never the whole store.

The data graph handed to pyshacl is the submission's triples plus one CONSTRUCT from the store:
- every fact of each IRI the submission makes statements about (so cardinalities count what
  the store already says), with one level of blank nodes (a table cell, a constraint), and the
  rdf:type of the IRIs those facts link to;
- the rdf:type (and a license's category) of every IRI the submission names (so sh:class and the
  dangling-link rule see an existing model as a model, and an IRI neither in the store nor in the
  submission as untyped);
- the chains of derivation, influence and family links upward from every IRI it names, with the
  licenses and license categories along them (the cycle check, the weaker-license warning, the
  family license note);
plus, instead of the whole ontology, the part of it those triples need: the class and property
hierarchy, what the ontology says about each IRI named (a vocabulary concept's type and scheme),
and the concepts of every scheme named (a framework's levels). The inferred graph is left out
(`llmkg build` validates the files before inference, and so does this). Only results about the
submission's own subjects are reported: a referenced model is in the graph for its facts, not
to be judged: only they are the focus nodes validated (validate's `focus`, llmkg.shacl_plan).

Cost: queries and a data graph whose size follows the submission, not the store, so the time does
not grow with the store (bench/validate_submission.py measures it beside a whole-store validation).

    >>> from llmkg.config import Settings
    >>> from llmkg.store import EmbeddedStore
    >>> kg = EmbeddedStore.in_memory()
    >>> q = ox.Quad(ox.NamedNode("https://w3id.org/llmkg/model/x"),
    ...             ox.NamedNode("https://w3id.org/llmkg/ontology#fineTunedFrom"),
    ...             ox.NamedNode("https://w3id.org/llmkg/model/nowhere"), ox.DefaultGraph())
    >>> report = validate_in_context([q], kg, Settings())
    >>> report.conforms, any("nowhere" in r.message for r in report.violations)
    (False, True)
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import lru_cache

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, RDFS, SKOS

from ..config import Settings
from ..rdfconv import to_rdflib
from ..reasoning.inference import graph_iri as inferred_graph
from ..store import KnowledgeGraph, QueryOptions
from ..validate import Report, ontology_graph, validate
from . import report as reports
from . import rules

PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
LLMKG = "https://w3id.org/llmkg/ontology#"
CHAIN_ROOTS = (PROV.wasDerivedFrom, PROV.wasInfluencedBy, rdflib.URIRef(LLMKG + "memberOfFamily"))
MAX_VALUES = 5000  # IRIs per VALUES block: bigger submissions are asked about in several queries
# rdflib's SPARQL parser (pyparsing) is not thread-safe, and pyshacl may parse queries (a constraint
# shacl_plan leaves to it): one validation at a time (it holds the GIL anyway, so nothing is lost)
_PYSHACL = threading.Lock()


def validate_in_context(quads: list[ox.Quad], kg: KnowledgeGraph, settings: Settings,
                        submission: bool = True, exclude: Iterable[str] = ()) -> Report:
    """The report for `quads` validated with the store facts they touch.

    With `submission` (the HTTP service, `llmkg validate` on a file outside data/), the rules of
    rules.py for submissions are added: no named graphs, no provenance records, no IRI under the
    base that nothing defines, not only blank nodes. The store's graphs named in `exclude` (the
    file's own graphs when a data file is validated again, a graph about to be withdrawn) are
    left out of the context, as is the inferred graph. Never raises for invalid data.
    """
    subjects = {q.subject for q in quads}
    named = _iris(t for q in quads for t in (q.subject, q.object))
    context = context_triples(kg, named, subjects, settings, [inferred_graph(settings), *exclude])
    data = rdflib.Graph()
    for t in [*(q.triple for q in quads), *context]:
        data.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    focus = {to_rdflib(s) for s in subjects}
    with _PYSHACL:
        shacl = validate(data, settings, ontology=ontology_part(ontology_graph(settings), data), focus=focus)
    extra = rules.check(quads, context, settings) if submission else []
    return reports.combine(shacl, {str(s) for s in focus}, extra)


def _iris(terms: Iterable[object]) -> list[str]:
    return sorted({t.value for t in terms if isinstance(t, ox.NamedNode)})


def context_triples(kg: KnowledgeGraph, iris: list[str], subjects: set[object], settings: Settings,
                    exclude: Iterable[str] = ()) -> list[ox.Triple]:
    """What the store says that the submission's validation needs (see the module docstring).

    Two steps, so that the store is only ever entered by the IRIs at hand: the IRIs upward of the
    named ones along the chain properties, then one CONSTRUCT keyed by the named IRIs and those.
    """
    chain = chain_properties(settings)
    ancestors: set[str] = set()
    for chunk in _chunks(iris):
        rows = kg.query(ancestors_query(chunk, chain))
        ancestors |= {r["a"].value for r in rows if isinstance(r["a"], ox.NamedNode)}  # type: ignore[union-attr]
    own, named = set(_iris(subjects)), set(iris)
    out: list[ox.Triple] = []
    for chunk in _chunks(sorted(named | ancestors)):
        query = context_query([i for i in chunk if i in own], [i for i in chunk if i in named],
                              [i for i in chunk if i in ancestors], chain, exclude)
        out += list(kg.query(query, QueryOptions()))  # type: ignore[arg-type]
    return out


def _chunks(iris: list[str]) -> Iterable[list[str]]:
    return (iris[i:i + MAX_VALUES] for i in range(0, len(iris), MAX_VALUES))


def ancestors_query(iris: list[str], chain: list[str]) -> str:
    path = "|".join(f"<{p}>" for p in chain)
    return f"SELECT DISTINCT ?a WHERE {{ VALUES ?start {{ {_values(iris)} }} ?start ({path})* ?a }}"


def _values(iris: list[str]) -> str:
    return " ".join(f"<{i}>" for i in iris)


def context_query(own: list[str], named: list[str], ancestors: list[str], chain: list[str],
                  exclude: Iterable[str] = ()) -> str:
    """The facts of `own`, the types (and license categories) of `named`, the chain links of
    `ancestors` with their objects' types, and the licenses (with categories) of `ancestors`.

    Each part starts from one VALUES block of IRIs and filters what it finds: a second VALUES
    block (of properties) makes Oxigraph scan the store instead of looking the IRIs up."""
    skip = ", ".join(f"<{g}>" for g in exclude) or "<urn:llmkg:none>"
    return f"""PREFIX llmkg: <{LLMKG}> PREFIX dct: <http://purl.org/dc/terms/> PREFIX rdf: <{RDF}>
CONSTRUCT {{
  ?s ?p ?o . ?o ?bp ?bo . ?o a ?ot . ?bo a ?bot .
  ?r ?rp ?t .
  ?a ?cp ?b . ?b a ?bt .
  ?a dct:license ?lic . ?lic llmkg:licenseCategory ?cat . ?lic a ?lt .
}} WHERE {{
  {{ VALUES ?s {{ {_values(own)} }} GRAPH ?g {{ ?s ?p ?o }} FILTER(?g NOT IN ({skip}))
     OPTIONAL {{ FILTER(isIRI(?o)) GRAPH ?og {{ ?o a ?ot }} FILTER(?og NOT IN ({skip})) }}
     OPTIONAL {{ FILTER(isBlank(?o)) GRAPH ?g {{ ?o ?bp ?bo }}
                OPTIONAL {{ FILTER(isIRI(?bo)) GRAPH ?bg {{ ?bo a ?bot }} FILTER(?bg NOT IN ({skip})) }} }} }}
  UNION {{ VALUES ?r {{ {_values(named)} }} GRAPH ?g {{ ?r ?rp ?t }}
           FILTER(?rp IN (rdf:type, llmkg:licenseCategory) && ?g NOT IN ({skip})) }}
  UNION {{ VALUES ?a {{ {_values(ancestors)} }} ?a ?cp ?b FILTER(?cp IN ({", ".join(f"<{p}>" for p in chain)}))
           OPTIONAL {{ GRAPH ?g {{ ?b a ?bt }} FILTER(?g NOT IN ({skip})) }} }}
  UNION {{ VALUES ?a {{ {_values(ancestors)} }} ?a dct:license ?lic .
           OPTIONAL {{ ?lic llmkg:licenseCategory ?cat }}
           OPTIONAL {{ GRAPH ?g {{ ?lic a ?lt }} FILTER(?g NOT IN ({skip})) }} }}
}}"""


def chain_properties(settings: Settings) -> list[str]:
    """Every sub-property of prov:wasDerivedFrom and prov:wasInfluencedBy in the ontology, and
    llmkg:memberOfFamily: the links a shape may follow from one entity to another."""
    return list(_chain_properties(ontology_graph(settings)))


@lru_cache(maxsize=4)
def _chain_properties(onto: rdflib.Graph) -> tuple[str, ...]:
    found = set(CHAIN_ROOTS)
    for root in (PROV.wasDerivedFrom, PROV.wasInfluencedBy):
        found |= set(onto.transitive_subjects(RDFS.subPropertyOf, root))
    return tuple(sorted(str(p) for p in found))


# ---------------------------------------------------------------- the ontology a data graph needs


def ontology_part(onto: rdflib.Graph, data: rdflib.Graph) -> rdflib.Graph:
    """The hierarchy, the descriptions of the IRIs `data` names (and of what those name, one step
    further), and the concepts of every concept scheme among them, each with its blank nodes.

    Mixing in the whole ontology (~1,500 triples) made every validation pay for shapes that target
    vocabulary concepts; this part gives the same results for the nodes of `data`.
    """
    out = rdflib.Graph()
    for t in _hierarchy(onto):
        out.add(t)
    seen: set[rdflib.term.Node] = set()
    frontier = {t for triple in data for t in triple if isinstance(t, rdflib.URIRef)}
    for _ in range(2):
        frontier = {o for n in frontier - seen for o in _describe(onto, n, out, seen)}
    schemes = [n for n in seen if (n, RDF.type, SKOS.ConceptScheme) in onto]
    for scheme in schemes:
        for concept in onto.subjects(SKOS.inScheme, scheme):
            _describe(onto, concept, out, seen)
    return out


@lru_cache(maxsize=4)
def _hierarchy(onto: rdflib.Graph) -> tuple[tuple[rdflib.term.Node, ...], ...]:
    return tuple(t for p in (RDFS.subClassOf, RDFS.subPropertyOf) for t in onto.triples((None, p, None)))


def _describe(onto: rdflib.Graph, node: rdflib.term.Node, out: rdflib.Graph,
              seen: set[rdflib.term.Node]) -> list[rdflib.term.Node]:
    """Copy `node`'s triples (and its blank nodes', recursively) into `out`; the IRIs it names."""
    seen.add(node)
    named = []
    for p, o in onto.predicate_objects(node):
        out.add((node, p, o))
        if isinstance(o, rdflib.BNode) and o not in seen:
            _describe(onto, o, out, seen)
        elif isinstance(o, rdflib.URIRef):
            named.append(o)
    return named
