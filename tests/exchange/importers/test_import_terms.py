"""Every llmkg: and voc: term the importers write is declared in ontology/."""

from __future__ import annotations

import rdflib
from import_helpers import ROOT

from llmkg.exchange.importers.terms import LLMKG, VOC


def declared() -> set[str]:
    g = rdflib.Graph()
    for f in (ROOT / "ontology").glob("*.ttl"):
        g.parse(f, format="turtle")
    return {str(s) for s in g.subjects(rdflib.RDF.type, None)}


def test_importer_terms_exist_in_the_ontology():
    known = declared()
    for ns in (LLMKG, VOC):
        missing = sorted(n for n in ns.names if ns[n].value not in known)
        assert not missing, f"not declared in ontology/: {missing}"
