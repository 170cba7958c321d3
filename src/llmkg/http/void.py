"""The VoID description of the dataset: GET /.well-known/void (Turtle by default, negotiable).

The dataset is <{base}.well-known/void#llmkg>: a void:Dataset with its statistics (over the
union of the named graphs), vocabularies, SPARQL endpoint, dumps, URI space, and one
void:subset per named graph (its triple count, sd:name, and the source document it records).
"""

from __future__ import annotations

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response

from .. import formats
from ..config import Settings
from ..store import KnowledgeGraph
from . import rdfdoc
from .deps import KG, SettingsDep, endpoint_url
from .dumps import dump_files
from .negotiation import negotiate
from .rdfdoc import DCAT, DCT, RDFS, SD, VOID, A, integer, iri

router = APIRouter(tags=["void"])

_STATS = {
    "triples": "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
    "distinctSubjects": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }",
    "distinctObjects": "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }",
    "properties": "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }",
    "classes": "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }",
    "entities": 'SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), "BASE")) }',
}
_TERMS = "SELECT DISTINCT ?t WHERE { { ?s ?t ?o } UNION { ?s a ?t } }"
_GRAPHS = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX llmkg: <https://w3id.org/llmkg/ontology#>
SELECT ?g ?label ?source WHERE {
  GRAPH ?g { ?s ?p ?o }
  OPTIONAL { GRAPH ?g { ?g rdfs:label ?label } }
  OPTIONAL { GRAPH ?g { ?g llmkg:recordsSource ?source } }
} GROUP BY ?g ?label ?source"""


def dataset_iri(settings: Settings) -> str:
    return settings.base + ".well-known/void#llmkg"


@router.api_route("/.well-known/void", methods=["GET", "HEAD"], name="void")
def get_void(request: Request, kg: KG, settings: SettingsDep) -> Response:
    fmt = negotiate(request, formats.RDF_FORMATS)
    dumps = {str(request.url_for("dump", filename=name)): f for name, f in dump_files()}
    triples = void_description(kg, settings, endpoint_url(request), dumps)
    return Response(rdfdoc.serialize(triples, fmt), media_type=fmt.media_type, headers={"Vary": "Accept"})


def void_description(
    kg: KnowledgeGraph, settings: Settings, endpoint: str, dumps: dict[str, formats.Format]
) -> list[ox.Triple]:
    ds = iri(dataset_iri(settings))
    out = [
        ox.Triple(ds, A, iri(VOID + "Dataset")),
        ox.Triple(
            ds, iri(DCT + "title"), ox.Literal("llmkg: an open knowledge graph of large language models", language="en")
        ),
        ox.Triple(ds, iri(VOID + "sparqlEndpoint"), iri(endpoint)),
        ox.Triple(ds, iri(VOID + "uriSpace"), ox.Literal(settings.base)),
    ]
    for name, query in _STATS.items():
        out.append(ox.Triple(ds, iri(VOID + name), integer(_count(kg, query.replace("BASE", settings.base)))))
    out += [ox.Triple(ds, iri(VOID + "vocabulary"), iri(v)) for v in vocabularies(kg)]
    for url, fmt in dumps.items():
        out += [
            ox.Triple(ds, iri(VOID + "dataDump"), iri(url)),
            ox.Triple(iri(url), iri(DCAT + "mediaType"), ox.Literal(fmt.media_type)),
            ox.Triple(ds, iri(VOID + "feature"), iri(rdfdoc.FORMAT_IRIS[fmt.name])),
        ]
    out += _subsets(kg, ds)
    return out


def _subsets(kg: KnowledgeGraph, ds: ox.NamedNode) -> list[ox.Triple]:
    sizes = rdfdoc.graph_sizes(kg)
    info = {r["g"].value: r for r in kg.query(_GRAPHS)}  # type: ignore[union-attr]
    out = []
    for i, (g, n) in enumerate(sizes.items()):
        sub = ox.BlankNode(f"graph{i}")
        out += [
            ox.Triple(ds, iri(VOID + "subset"), sub),
            ox.Triple(sub, A, iri(VOID + "Dataset")),
            ox.Triple(sub, iri(SD + "name"), iri(g)),
            ox.Triple(sub, iri(VOID + "triples"), integer(n)),
        ]
        row = info.get(g)
        if row is not None and row["label"] is not None:
            out.append(ox.Triple(sub, iri(RDFS + "label"), row["label"]))
        if row is not None and row["source"] is not None:
            out.append(ox.Triple(sub, iri(DCT + "source"), row["source"]))
    return out


def vocabularies(kg: KnowledgeGraph) -> list[str]:
    """Namespaces of the properties and classes used."""
    terms = (row["t"] for row in kg.query(_TERMS))  # type: ignore[union-attr]
    return sorted({namespace(t.value) for t in terms if isinstance(t, ox.NamedNode)} - {""})


def namespace(term: str) -> str:
    """'http://purl.org/dc/terms/title' → 'http://purl.org/dc/terms/'; hash IRIs up to the '#'."""
    cut = term.rfind("#") if "#" in term else term.rfind("/")
    return term[: cut + 1] if cut > 0 else ""


def _count(kg: KnowledgeGraph, query: str) -> int:
    rows = list(kg.query(query))  # type: ignore[call-overload]
    return int(rows[0]["n"].value)
