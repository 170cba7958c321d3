"""The rules a submission obeys beyond the shapes, as report results (never exceptions).

SHACL sees one merged graph, so what depends on where a statement is or who may make it is
checked here. Each rule has a name under the shapes namespace (reported as the result's shape),
documented in docs/submissions.md:

- SubmissionOwnGraphRule (Violation): statements are in the default graph; the server gives the
  submission its own graph.
- SubmissionProvenanceRule (Violation): no statement about graph records, source documents,
  submissions, agents or vocabulary terms.
- SubmissionBlankNodesRule (Violation): at least one subject has an IRI (blank nodes alone can be
  neither found nor linked).
- SubmissionUndefinedIriRule (Violation): an IRI under the base that the submission links to is
  typed in the store or the submission.
"""

from __future__ import annotations

import pyoxigraph as ox

from ..config import ONTOLOGY_NS, VOCAB_NS, Settings
from ..validate import Result

SHAPES = "https://w3id.org/llmkg/shapes#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RESERVED_PATHS = ("graph/", "source/", "submission/", "agent/")
PROVENANCE_CLASSES = {ONTOLOGY_NS + c for c in ("GraphRecord", "SourceDocument")}
# links already checked by the shapes' NoDanglingReference (common.ttl): not reported twice
SHAPE_CHECKED = ("http://purl.org/dc/terms/license", "http://www.w3.org/ns/prov#wasDerivedFrom")


def check(quads: list[ox.Quad], context: list[ox.Triple], settings: Settings) -> list[Result]:
    return [*own_graph(quads), *provenance(quads, context, settings), *blank_nodes_only(quads),
            *undefined_iris(quads, context, settings)]


def own_graph(quads: list[ox.Quad]) -> list[Result]:
    graphs = sorted({q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode | ox.BlankNode)})
    return [Result("Violation", g, f"the submission puts statements in the named graph <{g}>: a submission "
                   "cannot write into other graphs (curated sources, other submissions); the server stores it "
                   "as its own graph. Send the statements in the default graph (Turtle, or TriG without a "
                   "graph name).", SHAPES + "SubmissionOwnGraphRule") for g in graphs]


def provenance(quads: list[ox.Quad], context: list[ox.Triple], settings: Settings) -> list[Result]:
    typed = {t.subject.value for t in [*(q.triple for q in quads), *context]
             if t.predicate.value == RDF_TYPE and t.object.value in PROVENANCE_CLASSES}
    reserved = tuple(settings.base + p for p in RESERVED_PATHS) + (ONTOLOGY_NS, VOCAB_NS)
    bad = sorted({q.subject.value for q in quads if isinstance(q.subject, ox.NamedNode)
                  and (q.subject.value in typed or q.subject.value.startswith(reserved))})
    return [Result("Violation", s, f"the submission makes statements about <{s}>, a graph record, source "
                   "document, submission, agent or vocabulary term: those are written by curators and by the "
                   "server (who submitted, when, from where). Remove these statements; give a description "
                   "and source URL with the submission instead.", SHAPES + "SubmissionProvenanceRule")
            for s in bad]


def blank_nodes_only(quads: list[ox.Quad]) -> list[Result]:
    if any(isinstance(q.subject, ox.NamedNode) for q in quads):
        return []
    first = next(q.subject for q in quads)
    return [Result("Violation", first.value if hasattr(first, "value") else str(first),
                   "every subject of the submission is a blank node: nothing in it could be found, linked or "
                   "withdrawn by name. Give the main resources IRIs under https://w3id.org/llmkg/ "
                   "(model/<slug>, dataset/<slug>, license/<slug>…).", SHAPES + "SubmissionBlankNodesRule")]


def undefined_iris(quads: list[ox.Quad], context: list[ox.Triple], settings: Settings) -> list[Result]:
    triples = [q.triple for q in quads]
    known = {t.subject.value for t in [*triples, *context] if t.predicate.value == RDF_TYPE}
    out = {}
    for t in triples:
        o, p = t.object, t.predicate.value
        if (not isinstance(o, ox.NamedNode) or not _ours(o.value, settings) or o.value in known
                or p.startswith(ONTOLOGY_NS) or p in SHAPE_CHECKED or p == RDF_TYPE):
            continue
        focus = t.subject.value if hasattr(t.subject, "value") else str(t.subject)
        out[(focus, p, o.value)] = Result(
            "Violation", focus, f"<{o.value}> is neither in the store nor in the submission (nothing gives it an "
            "rdf:type): fix the IRI (a typo in the slug?) or describe it with its class.",
            SHAPES + "SubmissionUndefinedIriRule", p, o.value)
    return [out[k] for k in sorted(out)]


def _ours(iri: str, settings: Settings) -> bool:
    return iri.startswith(settings.base) and not iri.startswith((ONTOLOGY_NS, VOCAB_NS))
