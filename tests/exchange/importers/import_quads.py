"""Small readers of an ImportResult's quads for the importers' tests."""

from __future__ import annotations

import pyoxigraph as ox

BASE = "https://w3id.org/llmkg/"
SPDX = "http://spdx.org/licenses/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
LICENSE = "http://purl.org/dc/terms/license"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def objects(result, s: str, p: str) -> set[str]:
    return {q.object.value for q in result.quads if q.subject.value == s and q.predicate.value == p}


def subjects(result, p: str, o: str) -> set[str]:
    return {q.subject.value for q in result.quads if q.predicate.value == p and q.object.value == o}


def label(result, s: str) -> str:
    return sorted(objects(result, s, RDFS_LABEL))[0]


def licenses_by_label(result) -> dict[str, set[str]]:
    """Artifact label -> SPDX ids (or license IRIs) of its licenses, for every artifact of a model."""
    arts = {q.object.value for q in result.quads if q.predicate.value.startswith("https://w3id.org/llmkg/ontology#has")}
    out = {}
    for a in arts:
        lics = objects(result, a, LICENSE)
        out[label(result, a)] = {x.removeprefix(SPDX) for x in lics}
    return out


def typed(result, cls: str) -> set[str]:
    return subjects(result, RDF_TYPE, cls)


def literal(result, s: str, p: str) -> list[ox.Literal]:
    return [q.object for q in result.quads if q.subject.value == s and q.predicate.value == p]
