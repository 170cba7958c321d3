"""Croissant 1.1 (MLCommons) descriptions of datasets, JSON-LD.

One Croissant document per dataset: an object for one dataset, a JSON array of them for the
whole catalogue or for a model (the datasets it was trained on). Metadata only: no source gives
files, so there is no `distribution` or `recordSet`. Provenance: `subjectOf` the source
documents (schema.org, which Croissant extends) and `prov:wasDerivedFrom` the datasets and models
the dataset derives from. The context is Croissant's own, written inline (no fetching).
"""

from __future__ import annotations

import json

from . import Options
from .facts import DCAT, DCT, LLMKG, Facts
from .schema_org import _put, agent, published, sources

CONFORMS_TO = "http://mlcommons.org/croissant/1.1"
_CR = "cr:"
CONTEXT = {
    "@language": "en", "@vocab": "https://schema.org/", "sc": "https://schema.org/",
    "cr": "http://mlcommons.org/croissant/", "rai": "http://mlcommons.org/croissant/RAI/",
    "dct": "http://purl.org/dc/terms/", "prov": "http://www.w3.org/ns/prov#",
    "citeAs": "cr:citeAs", "column": "cr:column", "conformsTo": "dct:conformsTo",
    "data": {"@id": "cr:data", "@type": "@json"}, "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "examples": {"@id": "cr:examples", "@type": "@json"},
    **{k: _CR + k for k in ("equivalentProperty", "extract", "field", "fileProperty", "fileObject", "fileSet",
                            "format", "includes", "isLiveDataset", "jsonPath", "key", "md5", "parentField",
                            "path", "recordSet", "references", "regex", "repeated", "replace", "samplingRate",
                            "separator", "source", "subField", "transform")},
}


def render(facts: Facts, entity: str | None, options: Options) -> bytes:
    if entity in facts.datasets():
        return _json(document(facts, entity))
    chosen = facts.iris(entity, LLMKG + "trainedOn") if entity else facts.datasets()
    docs = []
    for i, iri in enumerate(chosen, 1):
        docs.append(document(facts, iri))
        if options.progress:
            options.progress(i, len(chosen))
    return _json(docs)


def document(facts: Facts, iri: str) -> dict:
    doc: dict = {"@context": CONTEXT, "@type": "sc:Dataset", "@id": iri, "conformsTo": CONFORMS_TO,
                 "name": facts.label(iri)}
    comments = facts.descriptions(iri)
    if comments:
        doc["description"] = "\n\n".join(comments)
    pages = facts.pages(iri)
    doc["url"] = pages[0] if pages else iri
    _put(doc, "sameAs", pages[1:] + ([iri] if pages else []))
    _put(doc, "license", facts.iris(iri, DCT + "license"))
    _put(doc, "creator", [agent(facts, a) for a in facts.iris(iri, LLMKG + "developedBy")])
    dates = published(facts, iri)
    if len(dates) == 1:  # one value allowed; several stated dates are a disagreement left out
        doc["datePublished"] = dates[0]
    _put(doc, "inLanguage", facts.texts(iri, DCT + "language"))
    versions = facts.texts(iri, DCAT + "version")
    if len(versions) == 1:  # one value allowed, as for the date
        doc["version"] = versions[0]
    derived = facts.iris(iri, LLMKG + "derivedFromDataset") + facts.iris(iri, LLMKG + "generatedBy")
    _put(doc, "prov:wasDerivedFrom", [{"@id": d} for d in derived])
    _put(doc, "subjectOf", sources(facts, iri))
    return doc


def _json(value: object) -> bytes:
    return json.dumps(value, indent=2, ensure_ascii=False).encode()
