"""SPDX 3.0.1 JSON-LD with the AI and Dataset profiles.

Models are `ai_AIPackage`, datasets `dataset_DatasetPackage` (`dataset_datasetType` is
`noAssertion`: no source says what kind of data a corpus holds), developers `Organization` or
`Person`, licenses `simplelicensing_LicenseExpression` (an SPDX id, or `LicenseRef-<slug>` mapped
to our license IRI by `simplelicensing_customIdToUri`). Relationships: `trainedOn`,
`descendantOf` (fine-tuned, quantized, merged, adapter of; dataset derived from dataset),
`generates` (a model whose outputs a dataset contains), `hasVariant` (family → member) and
`hasDeclaredLicense`. Provenance: every element gets an `externalRef` (type `other`) to each
source document that states something about it, and the `CreationInfo` names llmkg as creator.
The JSON is written by hand in the compact form of the SPDX 3.0.1 context, so llmkg needs no
SPDX library at run time; tests load it with `spdx-python-model`.
"""

from __future__ import annotations

import json

from . import Options
from .dcat import selection
from .facts import DCAT, DCT, LLMKG, Facts

CONTEXT = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"
CI = "_:creationinfo"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
# (our property, SPDX relationship type, direction): "out" = from the subject to the object.
RELATIONS = (
    (LLMKG + "trainedOn", "trainedOn", "out"),
    (LLMKG + "derivedFromModel", "descendantOf", "out"),
    (LLMKG + "derivedFromDataset", "descendantOf", "out"),
    (LLMKG + "generatedBy", "generates", "in"),
    (LLMKG + "memberOfFamily", "hasVariant", "in"),
)


def render(facts: Facts, entity: str | None, options: Options) -> bytes:
    models, datasets = selection(facts, entity)
    exported = set(models) | set(datasets)
    me, tool = facts.base + "org/llmkg", facts.base + "tool/llmkg-export"
    graph: list[dict] = [
        {"type": "CreationInfo", "@id": CI, "created": options.generated.strftime("%Y-%m-%dT%H:%M:%SZ"),
         "createdBy": [me], "createdUsing": [tool], "specVersion": "3.0.1",
         "comment": "Exported from llmkg; each element's externalRef of type 'other' names the source "
                    "documents whose statements it records."},
        {"type": "Organization", "spdxId": me, "creationInfo": CI, "name": "llmkg"},
        {"type": "Tool", "spdxId": tool, "creationInfo": CI, "name": "llmkg export spdx3"},
    ]
    elements: dict[str, dict] = {}
    for i, iri in enumerate(models + datasets, 1):
        elements[iri] = package(facts, iri, iri in models)
        if options.progress:
            options.progress(i, len(models) + len(datasets))
    for iri in list(elements):
        for agent in facts.iris(iri, LLMKG + "developedBy"):
            elements.setdefault(agent, agent_element(facts, agent))
    relationships = relations(facts, exported, elements)
    graph += [elements[k] for k in sorted(elements)] + relationships
    slug = f"/{facts.slug(entity)}" if entity else ""
    graph.append({
        "type": "SpdxDocument", "spdxId": f"{facts.base}spdx/document{slug}", "creationInfo": CI,
        "name": "llmkg export" + (f": {facts.label(entity)}" if entity else ""),
        "profileConformance": ["core", "software", "ai", "dataset", "simpleLicensing"],
        "rootElement": [entity] if entity else sorted(models),
        "element": sorted(elements) + [r["spdxId"] for r in relationships],
    })
    return json.dumps({"@context": CONTEXT, "@graph": graph}, indent=2, ensure_ascii=False).encode()


def package(facts: Facts, iri: str, is_model: bool) -> dict:
    el: dict = {"type": "ai_AIPackage" if is_model else "dataset_DatasetPackage", "spdxId": iri,
                "creationInfo": CI, "name": facts.label(iri)}
    comments = facts.descriptions(iri)
    if comments:
        el["description"] = "\n\n".join(comments)
    if is_model:
        el["software_primaryPurpose"] = "model"
        methods = [next(iter(facts.texts(m, SKOS_PREF)), facts.label(m))
                   for m in facts.iris(iri, LLMKG + "alignmentMethod")]
        if methods:
            el["ai_informationAboutTraining"] = "Alignment or training method: " + "; ".join(methods)
    else:
        el["software_primaryPurpose"] = "data"
        el["dataset_datasetType"] = ["noAssertion"]
    agents = facts.iris(iri, LLMKG + "developedBy")
    if agents:
        el["originatedBy"] = agents
    versions = facts.texts(iri, DCAT + "version")
    if len(versions) == 1:  # one value allowed; several stated versions are a disagreement left out
        el["software_packageVersion"] = versions[0]
    pages = facts.pages(iri)
    if pages:
        el["software_homePage"] = pages[0]
    refs = [{"type": "ExternalRef", "externalRefType": "altWebPage", "locator": [p]} for p in pages[1:]]
    refs += [{"type": "ExternalRef", "externalRefType": "other", "locator": [doc],
              "comment": "llmkg source document: " + facts.label(doc)} for doc in facts.sources(iri)]
    if refs:
        el["externalRef"] = refs
    return el


def agent_element(facts: Facts, agent: str) -> dict:
    kind = "Person" if facts.is_a(agent, LLMKG + "Person") else "Organization"
    el = {"type": kind, "spdxId": agent, "creationInfo": CI, "name": facts.label(agent)}
    refs = [{"type": "ExternalRef", "externalRefType": "other", "locator": [doc],
             "comment": "llmkg source document: " + facts.label(doc)} for doc in facts.sources(agent)]
    if refs:
        el["externalRef"] = refs
    return el


def license_element(facts: Facts, lic: str) -> dict:
    spdx_id = facts.spdx_id(lic)
    el: dict = {"type": "simplelicensing_LicenseExpression", "spdxId": f"{facts.base}spdx/license/{facts.slug(lic)}",
                "creationInfo": CI, "name": facts.label(lic)}
    if spdx_id:
        el["simplelicensing_licenseExpression"] = spdx_id
    else:
        ref = "LicenseRef-" + facts.slug(lic)
        el["simplelicensing_licenseExpression"] = ref
        el["simplelicensing_customIdToUri"] = [{"type": "DictionaryEntry", "key": ref, "value": lic}]
    return el


def relations(facts: Facts, exported: set[str], elements: dict[str, dict]) -> list[dict]:
    """One Relationship per (from, type), its `to` sorted; licenses become elements as needed."""
    pairs: dict[tuple[str, str], set[str]] = {}
    for s in sorted(exported):
        for prop, rel, direction in RELATIONS:
            for o in facts.iris(s, prop):
                if o in exported:
                    frm, to = (s, o) if direction == "out" else (o, s)
                    pairs.setdefault((frm, rel), set()).add(to)
        for lic in facts.iris(s, DCT + "license"):
            el = elements.setdefault("license:" + lic, license_element(facts, lic))
            pairs.setdefault((s, "hasDeclaredLicense"), set()).add(el["spdxId"])
    for key in [k for k in elements if k.startswith("license:")]:  # key by spdxId from here on
        el = elements.pop(key)
        elements[el["spdxId"]] = el
    return [{"type": "Relationship", "spdxId": f"{facts.base}spdx/relationship/{frm.removeprefix(facts.base)}/{rel}",
             "creationInfo": CI, "from": frm, "relationshipType": rel, "to": sorted(to)}
            for (frm, rel), to in sorted(pairs.items())]
