"""The terms importers write, in closed namespaces: a typo fails at import time.

tests/exchange/importers/test_terms.py checks every llmkg: and voc: term here against ontology/.
"""

from __future__ import annotations

import pyoxigraph as ox


class Namespace:
    """IRIs of one namespace; only the listed local names exist."""

    def __init__(self, iri: str, names: str) -> None:
        self._iri = iri
        self._names = frozenset(names.split())

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_") or name not in self._names:
            raise AttributeError(f"{name!r} is not a term of {self._iri} known to the importers")
        return ox.NamedNode(self._iri + name)

    def __getitem__(self, name: str) -> ox.NamedNode:
        return self.__getattr__(name)

    @property
    def names(self) -> frozenset[str]:
        return self._names


LLMKG = Namespace("https://w3id.org/llmkg/ontology#", """
    Model ModelFamily ModelResource Organization License Dataset Artifact Weights Code Paper
    OpennessAssessment SourceDocument GraphRecord
    recordsSource localCopy sha256 developedBy memberOfFamily derivedFromModel fineTunedFrom quantizedFrom
    mergedFrom adapterOf trainedOn hasArtifact hasWeights hasCode hasPaper weightsFormat codePurpose
    parameterCount architecture assessedModel component score levelText rationale framework""")
VOC = Namespace("https://w3id.org/llmkg/vocab/", """
    format-pytorch format-jax format-safetensors format-ggml format-gguf
    code-data-processing code-training code-inference
    OpenSourceAIIndexLevels OSAIMapOpennessScale osai-map-openness
    osai-base-model-data osai-end-user-model-data osai-base-model-weights osai-end-user-model-weights
    osai-training-code osai-code-documentation osai-hardware-architecture osai-preprint osai-paper
    osai-model-card osai-datasheet osai-licenses""")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "type")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#", "label comment seeAlso")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#", "date gYearMonth gYear dateTime integer language string")
DCT = Namespace("http://purl.org/dc/terms/", "title description identifier license source issued created language "
                "rights")
DCAT = Namespace("http://www.w3.org/ns/dcat#", "landingPage version keyword")
FOAF = Namespace("http://xmlns.com/foaf/0.1/", "page homepage")
PROV = Namespace("http://www.w3.org/ns/prov#", "generatedAtTime")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#", "altLabel")
