"""MLDCAT-AP 3.1: the DCAT catalogue (dcat.py) with models as `it6:MachineLearningModel`.

Models get `it6:trainedOn`, `it6:fineTunedFrom` (only where the sources agree on one base: the
shape allows one, so a disagreement is kept as `prov:wasDerivedFrom` to each), `it6:hasProvider`
(the developers), the licenses' ODRL policies (`odrl:hasPolicy`, with their permissions,
prohibitions, duties and constraints), `it6:totalNumberOfParameters`, `it6:releaseDate`,
`it6:modelArchitecture`, `it6:hasFile` (one `it6:File` per stated weights format) and, on a
family, `it6:hasVariation` its members.

MLDCAT-AP *requires* values our sources rarely state (a model's `dcat:version`, creation date,
files, training data; a dataset's collection date). The export conforms to MLDCAT-AP's shapes
without inventing them: a literal no source gives is `"unknown"@en`, a required node no source
describes is a blank node that says so ("Training data of Zephyr … not described by llmkg's
sources") — an existential statement, true of every trained model — and the catalogue record
names the properties given that way. `UNSTATED_MANDATORY` lists these properties, `gaps(facts)`
the entities that get a placeholder for each (docs/exports.md explains them).
"""

from __future__ import annotations

import pyoxigraph as ox

from . import Options
from .dcat import DCAT, Profile, catalogue
from .dcat import _prefixes as dcat_prefixes
from .facts import DCT, LLMKG, ODRL, RDFS, Facts, node
from .rdfout import Triples, bnode, literal

IT6 = "http://data.europa.eu/it6/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RULES = {"permission": "Permission", "prohibition": "Prohibition", "obligation": "Duty", "duty": "Duty"}
CONSTRAINT_PARTS = ("leftOperand", "operator", "rightOperand", "unit")
UNKNOWN = ox.Literal("unknown", language="en")  # a mandatory literal no source states
NOT_STATED = "not stated by llmkg's sources; present because MLDCAT-AP 3.1 requires it"

# (class, path) MLDCAT-AP makes mandatory (sh:minCount 1) that the sources may not state; the
# export then gives the "unknown" placeholder above. The tests pin these: any other gap fails them.
UNSTATED_MANDATORY = (
    (IT6 + "MachineLearningModel", DCAT + "version"),
    (IT6 + "MachineLearningModel", DCT + "created"),
    (IT6 + "MachineLearningModel", IT6 + "hasFile"),
    (IT6 + "MachineLearningModel", IT6 + "trainedOn"),
    (DCAT + "Dataset", IT6 + "collectionDate"),
    (DCAT + "Dataset", DCT + "description"),
)


def render(facts: Facts, entity: str | None, options: Options) -> bytes:
    out = catalogue(facts, entity, options, PROFILE)
    return out.serialize(options.rdf_format, dcat_prefixes(facts))


def describe_model(facts: Facts, iri: str, out: Triples, exported: set[str]) -> list[str]:
    """MLDCAT-AP's model terms; links whose target the shapes require typed go only to exported entities
    (in a one-model export, a neighbour's own neighbours are not described). Answers the mandatory
    properties given as placeholders."""
    unknown = []
    for name, prop in (("dcat:version", DCAT + "version"), ("dct:created", DCT + "created")):
        if not _one_literal(facts, iri, prop, out):
            out.add(iri, prop, UNKNOWN)
            unknown.append(name)
    datasets = [ds for ds in facts.iris(iri, LLMKG + "trainedOn") if ds in exported]
    for ds in datasets:
        out.add(iri, IT6 + "trainedOn", ds)
    if not datasets:
        unknown.append("it6:trainedOn")
        _unstated_training_data(facts, iri, out)
    if not _files(facts, iri, out):
        unknown.append("it6:hasFile")
    bases = facts.iris(iri, LLMKG + "fineTunedFrom")
    if len(bases) == 1 and bases[0] in exported:
        out.add(iri, IT6 + "fineTunedFrom", bases[0])
    for agent in facts.iris(iri, LLMKG + "developedBy"):
        out.add(iri, IT6 + "hasProvider", agent)  # dcat.common describes the agent (dct:creator)
    for n in facts.texts(iri, LLMKG + "parameterCount"):
        if n.lstrip("+").isdigit():
            out.add(iri, IT6 + "totalNumberOfParameters", literal(n.lstrip("+"), "nonNegativeInteger"))
    issued = facts.literals(iri, DCT + "issued")
    if len(issued) == 1:
        out.add(iri, IT6 + "releaseDate", issued[0])
    for arch in facts.texts(iri, LLMKG + "architecture"):
        out.text(iri, IT6 + "modelArchitecture", arch)
    for member in sorted(s for s in exported if iri in facts.iris(s, LLMKG + "memberOfFamily")):
        out.add(iri, IT6 + "hasVariation", member)
    for lic in facts.iris(iri, DCT + "license"):
        for policy in facts.iris(lic, ODRL + "hasPolicy"):
            out.add(iri, ODRL + "hasPolicy", policy)
            policy_node(facts, policy, out)
    return unknown


def describe_dataset(facts: Facts, iri: str, out: Triples, exported: set[str]) -> list[str]:
    """A dataset's collection date is mandatory and never stated; its version when exactly one is."""
    _one_literal(facts, iri, DCAT + "version", out)
    out.add(iri, IT6 + "collectionDate", UNKNOWN)
    return ["it6:collectionDate"] + ([] if facts.descriptions(iri) else ["dct:description"])


def _one_literal(facts: Facts, iri: str, prop: str, out: Triples) -> bool:
    """Copy the property if exactly one value is stated (the shapes allow one); several stated
    values are a disagreement the target cannot hold."""
    values = facts.literals(iri, prop)
    if len(values) == 1:
        out.add(iri, prop, values[0])
    return len(values) == 1


def _unstated_training_data(facts: Facts, iri: str, out: Triples) -> None:
    label = facts.label(iri)
    data = bnode(iri, "training-data")
    out.add(iri, IT6 + "trainedOn", data)
    out.add(data, RDF_TYPE, ox.NamedNode(DCAT + "Dataset"))
    out.text(data, DCT + "title", ox.Literal(f"Training data of {label}", language="en"))
    out.text(data, DCT + "description", ox.Literal(f"The data {label} was trained on, {NOT_STATED}.", language="en"))
    out.add(data, IT6 + "collectionDate", UNKNOWN)


def _files(facts: Facts, iri: str, out: Triples) -> bool:
    """One it6:File per (weights artifact, stated format); else one file of unknown format.
    No source (and no importer) keeps a download URL, so it6:url is always a described blank
    node. Answers whether any file had a stated format."""
    files = [(w, f) for w in facts.iris(iri, LLMKG + "hasWeights") for f in facts.iris(w, LLMKG + "weightsFormat")]
    for weights, fmt in files:
        name = fmt.rstrip("/").rsplit("/", 1)[-1].removeprefix("format-")
        _file(out, iri, f"{facts.label(weights)} ({name})", f"{weights}#{name}", ox.NamedNode(fmt))
    if not files:
        fmt = bnode(iri, "file-format")
        out.add(fmt, RDF_TYPE, ox.NamedNode(SKOS + "Concept"))
        out.text(fmt, SKOS + "prefLabel", UNKNOWN)
        _file(out, iri, f"Weights of {facts.label(iri)}", "unknown", fmt)
    return bool(files)


def _file(out: Triples, model: str, title: str, identifier: str, fmt: ox.NamedNode | ox.BlankNode) -> None:
    file, url = bnode(model, identifier, "file"), bnode(model, identifier, "url")
    out.add(model, IT6 + "hasFile", file)
    out.add(file, RDF_TYPE, ox.NamedNode(IT6 + "File"))
    out.text(file, DCT + "title", title)
    out.text(file, DCT + "identifier", identifier)
    out.add(file, DCT + "format", fmt)
    out.add(fmt, RDF_TYPE, ox.NamedNode(SKOS + "Concept"))
    out.add(file, IT6 + "url", url)
    out.add(url, RDF_TYPE, ox.NamedNode(DCAT + "Resource"))
    out.text(url, RDFS + "comment", ox.Literal(f"The download location, {NOT_STATED}.", language="en"))


def policy_node(facts: Facts, policy: str, out: Triples) -> None:
    """The ODRL policy with its rules, as the store states them (only ODRL terms and labels)."""
    out.typed(policy, ODRL + "Policy", ODRL + "Set")
    for label in facts.texts(policy, RDFS + "label"):
        out.text(policy, RDFS + "label", label)
    for prop, cls in RULES.items():
        for rule in facts.iris(policy, ODRL + prop):
            out.add(policy, ODRL + prop, rule)
            rule_node(facts, rule, cls, out)


def rule_node(facts: Facts, rule: str, cls: str, out: Triples) -> None:
    out.typed(rule, ODRL + cls)
    for label in facts.texts(rule, RDFS + "label"):
        out.text(rule, RDFS + "label", label)
    for action in facts.iris(rule, ODRL + "action"):
        out.add(rule, ODRL + "action", action)
    for duty in facts.iris(rule, ODRL + "duty"):
        out.add(rule, ODRL + "duty", duty)
        rule_node(facts, duty, "Duty", out)
    for c in facts.values(rule, ODRL + "constraint"):
        props = node(facts, c)
        parts = [(part, value) for part in CONSTRAINT_PARTS for value in props.get(ODRL + part, [])]
        # a blank constraint is named after its content, so the export is the same on every run
        copy = bnode(rule, *(f"{p}={v}" for p, v in parts)) if isinstance(c, ox.BlankNode) else c
        out.add(rule, ODRL + "constraint", copy)
        out.add(copy, RDF_TYPE, ox.NamedNode(ODRL + "Constraint"))
        for part, value in parts:
            out.add(copy, ODRL + part, value)


PROFILE = Profile(
    model_classes=(IT6 + "MachineLearningModel", DCAT + "Resource"),
    describe_model=describe_model,
    describe_dataset=describe_dataset,
)


def gaps(facts: Facts) -> dict[str, list[str]]:
    """For each mandatory MLDCAT-AP property, the entities whose value in a whole-catalogue
    export is a placeholder because the sources do not state it (or state several)."""
    models, datasets = facts.models(), facts.datasets()

    def not_one(prop: str) -> list[str]:
        return [m for m in models if len(facts.literals(m, prop)) != 1]

    return {
        "dcat:version": not_one(DCAT + "version"),
        "dct:created": not_one(DCT + "created"),
        "it6:hasFile": [m for m in models if not any(facts.iris(w, LLMKG + "weightsFormat")
                                                     for w in facts.iris(m, LLMKG + "hasWeights"))],
        "it6:hasFile it6:url": models,
        "it6:trainedOn": [m for m in models if not set(facts.iris(m, LLMKG + "trainedOn")) & set(datasets)],
        "it6:collectionDate": datasets,
        "dct:description": [d for d in datasets if not facts.descriptions(d)],
    }
