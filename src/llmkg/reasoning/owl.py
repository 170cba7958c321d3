"""OWL classification with HermiT (through owlready2) of the model and derivation triples.

OWL is used where its semantics are the right tool: subclass and sub-property closure and the
defined classes of ontology/llmkg.ttl (llmkg:FineTunedModel ≡ Model ⊓ ∃fineTunedFrom.ModelResource,
llmkg:DerivedModel ≡ ModelResource ⊓ ∃derivedFromModel.ModelResource). HermiT runs on the
ontology plus the typing and derivation triples of models only, not on the whole data: that is
all these axioms can use, and it keeps the build fast. Returns the rdf:type triples HermiT
infers that the data does not assert. Needs `java`; without it, returns nothing and says why.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..config import ONTOLOGY_NS, Settings
from .fetch import rows
from .lineage import RELATIONS

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
NAMED_INDIVIDUAL = "http://www.w3.org/2002/07/owl#NamedIndividual"


class OwlUnavailable(Exception):
    """HermiT could not run (no java), or found the data inconsistent."""


def classify(kg: Any, settings: Settings) -> list[ox.Triple]:
    if shutil.which("java") is None:
        raise OwlUnavailable("java is not installed; OWL classification skipped")
    import owlready2

    data = _model_triples(kg)
    asserted = {(s, o) for s, p, o in data if p == RDF_TYPE}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input.nt"
        triples = list(ox.parse(path=str(settings.ontology_dir / "llmkg.ttl"), format=ox.RdfFormat.TURTLE))
        triples += [ox.Triple(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o)) for s, p, o in data]
        nodes = sorted({s for s, _p, _o in data} | {o for _s, p, o in data if p != RDF_TYPE})
        triples += [ox.Triple(ox.NamedNode(n), ox.NamedNode(RDF_TYPE), ox.NamedNode(NAMED_INDIVIDUAL)) for n in nodes]
        path.write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
        world = owlready2.World()
        world.get_ontology(path.as_uri()).load()
        try:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as e:
            raise OwlUnavailable(f"HermiT found the model typing and derivations inconsistent: {e}") from None
        inferred = set()
        for iri in nodes:
            ind = world[iri]
            for cls in _named_ancestors(ind) if ind is not None else ():
                if cls.startswith(ONTOLOGY_NS) and (iri, cls) not in asserted:
                    inferred.add((iri, cls))
        world.close()
    return [ox.Triple(ox.NamedNode(s), ox.NamedNode(RDF_TYPE), ox.NamedNode(o)) for s, o in sorted(inferred)]


def _named_ancestors(ind: Any) -> set[str]:
    out: set[str] = set()
    for c in ind.is_a:
        for a in getattr(c, "ancestors", lambda: set())():
            iri = getattr(a, "iri", None)
            if iri:
                out.add(iri)
    return out


def _model_triples(kg: Any) -> list[tuple[str, str, str]]:
    """The model classes of every model and family, and the model-to-model derivation triples."""
    derivations = " ".join(f"<{r.iri}>" for r in RELATIONS if r.kind in ("weights", "family"))
    q = f"""SELECT DISTINCT ?s ?p ?o WHERE {{
      {{ ?s a ?o . ?o rdfs:subClassOf* llmkg:ModelResource . FILTER(isIRI(?s)) BIND(<{RDF_TYPE}> AS ?p) }}
      UNION {{ VALUES ?p {{ {derivations} }} ?s ?p ?o . FILTER(isIRI(?o)) }} }}"""
    return [(r["s"], r["p"], r["o"]) for r in rows(kg, q)]
