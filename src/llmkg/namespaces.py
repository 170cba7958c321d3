"""Closed namespaces for the terms the code names, so a typo fails at import.

tests/test_namespaces.py checks every term here against the ontology.
"""

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace


class LLMKG(DefinedNamespace):
    _NS = Namespace("https://w3id.org/llmkg/ontology#")
    _fail = True

    Model: object
    ModelFamily: object
    ModelResource: object
    FoundationModel: object
    FineTunedModel: object
    OpennessAssessment: object
    SourceDocument: object
    GraphRecord: object
    License: object
    Dataset: object
    Organization: object
    recordsSource: object
    fineTunedFrom: object
    derivedFromModel: object
    trainedOn: object
    generatedBy: object
    memberOfFamily: object
    developedBy: object
    score: object
    component: object
    assessedModel: object
    levelText: object
    rationale: object
    parameterCount: object


VOC = Namespace("https://w3id.org/llmkg/vocab/")
SPDX_LICENSES = Namespace("http://spdx.org/licenses/")
