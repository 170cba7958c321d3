"""The one table of RDF and SPARQL-results formats: names, media types, extensions.

Every media type llmkg reads or writes is looked up here; no other module spells one.

>>> by_extension("x.trig").name
'trig'
>>> by_media_type("application/sparql-results+json").name
'srj'
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    extensions: tuple[str, ...]
    kind: str  # "rdf" (graphs and datasets) or "results" (SELECT/ASK)
    quads: bool = False  # carries named graphs
    aliases: tuple[str, ...] = ()  # other media types that mean the same

    @property
    def extension(self) -> str:
        return self.extensions[0]

    @property
    def rdf(self) -> ox.RdfFormat:
        return _OX_RDF[self.name]

    @property
    def results(self) -> ox.QueryResultsFormat:
        return _OX_RESULTS[self.name]


FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle", (".ttl",), "rdf", aliases=("application/x-turtle",)),
    Format("ntriples", "application/n-triples", (".nt",), "rdf", aliases=("text/plain",)),
    Format("trig", "application/trig", (".trig",), "rdf", quads=True, aliases=("application/x-trig",)),
    Format("nquads", "application/n-quads", (".nq",), "rdf", quads=True, aliases=("text/x-nquads",)),
    Format("jsonld", "application/ld+json", (".jsonld",), "rdf", quads=True),
    Format("rdfxml", "application/rdf+xml", (".rdf", ".owl"), "rdf", aliases=("application/xml",)),
    Format("srj", "application/sparql-results+json", (".srj",), "results", aliases=("application/json",)),
    Format("srx", "application/sparql-results+xml", (".srx",), "results", aliases=("application/xml",)),
    Format("csv", "text/csv", (".csv",), "results"),
    Format("tsv", "text/tab-separated-values", (".tsv",), "results"),
)

_OX_RDF = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
_OX_RESULTS = {
    "srj": ox.QueryResultsFormat.JSON,
    "srx": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}

# Formats of exports that are neither RDF nor query results (exchange/exporters). Kept out of
# FORMATS, which lists what the SPARQL service reads and writes.
EXPORT_FORMATS: tuple[Format, ...] = (
    Format("yaml", "application/yaml", (".yaml", ".yml"), "document", aliases=("application/x-yaml", "text/yaml")),
)

RDF_FORMATS = tuple(f for f in FORMATS if f.kind == "rdf")
RESULTS_FORMATS = tuple(f for f in FORMATS if f.kind == "results")
GRAPH_FORMATS = tuple(f for f in RDF_FORMATS if f.name != "trig" and f.name != "nquads")


def by_name(name: str) -> Format | None:
    return next((f for f in FORMATS if f.name == name), None)


def by_extension(path: str) -> Format | None:
    lowered = str(path).lower()
    return next((f for f in FORMATS if any(lowered.endswith(e) for e in f.extensions)), None)


def by_media_type(media_type: str, kind: str | None = None) -> Format | None:
    """The format for a media type (parameters such as charset ignored)."""
    mt = media_type.split(";")[0].strip().lower()
    candidates = [f for f in FORMATS if kind is None or f.kind == kind]
    return next((f for f in candidates if f.media_type == mt), None) or next(
        (f for f in candidates if mt in f.aliases), None
    )
