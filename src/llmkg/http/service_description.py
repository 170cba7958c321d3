"""The SPARQL 1.1 Service Description of /sparql (https://www.w3.org/TR/sparql11-service-description/).

[] a sd:Service ; sd:endpoint </sparql> ; sd:supportedLanguage sd:SPARQL11Query ;
   sd:resultFormat <…/SPARQL_Results_JSON>, … ; sd:feature sd:UnionDefaultGraph ;
   sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ;
                       sd:namedGraph [ a sd:NamedGraph ; sd:name <graph/…> ; sd:graph [ … void:triples n ] ] ] .
"""

from __future__ import annotations

import pyoxigraph as ox

from .. import formats
from ..store import KnowledgeGraph
from .rdfdoc import FORMAT_IRIS, SD, VOID, A, graph_sizes, integer, iri


def service_description(kg: KnowledgeGraph, endpoint: str) -> list[ox.Triple]:
    service = ox.BlankNode("service")
    out = [
        ox.Triple(service, A, iri(SD + "Service")),
        ox.Triple(service, iri(SD + "endpoint"), iri(endpoint)),
        ox.Triple(service, iri(SD + "supportedLanguage"), iri(SD + "SPARQL11Query")),
        ox.Triple(service, iri(SD + "feature"), iri(SD + "UnionDefaultGraph")),
        ox.Triple(service, iri(SD + "defaultEntailmentRegime"), iri("http://www.w3.org/ns/entailment/Simple")),
    ]
    for fmt in formats.FORMATS:
        out.append(ox.Triple(service, iri(SD + "resultFormat"), iri(FORMAT_IRIS[fmt.name])))
    ds = ox.BlankNode("dataset")
    default = ox.BlankNode("default")
    out += [
        ox.Triple(service, iri(SD + "defaultDataset"), ds),
        ox.Triple(ds, A, iri(SD + "Dataset")),
        ox.Triple(ds, iri(SD + "defaultGraph"), default),
        ox.Triple(default, A, iri(SD + "Graph")),
    ]
    sizes = graph_sizes(kg)
    out.append(ox.Triple(default, iri(VOID + "triples"), integer(_union_size(kg))))
    for i, (g, n) in enumerate(sizes.items()):
        named, graph = ox.BlankNode(f"ng{i}"), ox.BlankNode(f"g{i}")
        out += [
            ox.Triple(ds, iri(SD + "namedGraph"), named),
            ox.Triple(named, A, iri(SD + "NamedGraph")),
            ox.Triple(named, iri(SD + "name"), iri(g)),
            ox.Triple(named, iri(SD + "graph"), graph),
            ox.Triple(graph, A, iri(SD + "Graph")),
            ox.Triple(graph, iri(VOID + "triples"), integer(n)),
        ]
    return out


def _union_size(kg: KnowledgeGraph) -> int:
    rows = list(kg.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"))  # type: ignore[call-overload]
    return int(rows[0]["n"].value)
