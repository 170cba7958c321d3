"""Hugging Face model-card metadata: the YAML front matter of a model repository's README.md.

Keys the Hub reads: `license` (a Hub license id; `other` with `license_name`/`license_link` for a
license the Hub does not list, or when sources state several licenses), `base_model` and
`base_model_relation` (finetune, quantized, merge, adapter), `datasets`, `language`, `tags`. Models
and datasets are named by their Hugging Face repository id where a source links the repository
(`https://huggingface.co/ORG/NAME`) or states the id (imports), else by their llmkg IRI (the Hub
accepts only repository ids there, so such a card needs editing before upload). Everything else —
the llmkg IRI, every license stated, and the source documents (provenance) — is under the key
`llmkg`, which the Hub ignores. A single model's export is a README front-matter block (`---` …
`---`); the whole catalogue is a YAML stream with one such document per model.
"""

from __future__ import annotations

import re

import yaml

from . import Options
from .facts import DCAT, DCT, LLMKG, Facts

HF = "https://huggingface.co/"
# SPDX ids and llmkg custom licenses → Hugging Face Hub license ids (huggingface.co/docs/hub/repositories-licenses).
HUB_LICENSES = {
    "Apache-2.0": "apache-2.0", "MIT": "mit", "CC-BY-4.0": "cc-by-4.0", "CC-BY-SA-3.0": "cc-by-sa-3.0",
    "CC-BY-SA-4.0": "cc-by-sa-4.0", "CC-BY-NC-4.0": "cc-by-nc-4.0", "CC-BY-NC-SA-4.0": "cc-by-nc-sa-4.0",
    "ODC-By-1.0": "odc-by", "BigScience-BLOOM-RAIL-1.0": "bigscience-bloom-rail-1.0",
    "BigScience-OpenRAIL-M": "bigscience-openrail-m", "CreativeML-OpenRAIL-M": "creativeml-openrail-m",
    "llama-2-community-license": "llama2", "openrail": "openrail",
}
REPO_ID = re.compile(r"^[A-Za-z0-9][\w.\-]*/[\w.\-]+$")
RELATIONS = {"fineTunedFrom": "finetune", "quantizedFrom": "quantized", "mergedFrom": "merge", "adapterOf": "adapter"}


def render(facts: Facts, entity: str | None, options: Options) -> bytes:
    chosen = [entity] if entity else facts.models()
    cards = []
    for i, iri in enumerate(chosen, 1):
        cards.append(card(facts, iri))
        if options.progress:
            options.progress(i, len(chosen))
    text = "".join("---\n" + yaml.safe_dump(c, sort_keys=False, allow_unicode=True, width=100) for c in cards)
    return (text + "---\n").encode()


def card(facts: Facts, iri: str) -> dict:
    meta: dict = {}
    licenses = facts.iris(iri, DCT + "license")
    meta.update(license_keys(facts, licenses))
    bases: dict[str, str] = {}
    for prop, relation in RELATIONS.items():
        for base in facts.iris(iri, LLMKG + prop):
            bases.setdefault(hub_id(facts, base, "model"), relation)
    if bases:
        meta["base_model"] = sorted(bases) if len(bases) > 1 else next(iter(bases))
        relations = set(bases.values())
        if len(relations) == 1:  # the Hub takes one relation for all bases
            meta["base_model_relation"] = relations.pop()
    datasets = [hub_id(facts, d, "dataset") for d in facts.iris(iri, LLMKG + "trainedOn")]
    if datasets:
        meta["datasets"] = sorted(datasets)
    languages = facts.texts(iri, DCT + "language")
    if languages:
        meta["language"] = languages
    tags = facts.texts(iri, DCAT + "keyword")
    if tags:
        meta["tags"] = tags
    meta["llmkg"] = {
        "id": iri, "name": facts.label(iri),
        "licenses": [{"name": facts.label(lic), "link": lic} for lic in licenses],
        "sources": [{"title": facts.label(doc), "link": doc} for doc in facts.sources(iri)],
    }
    return meta


def license_keys(facts: Facts, licenses: list[str]) -> dict:
    if not licenses:
        return {}
    if len(licenses) == 1:
        lic = licenses[0]
        hub = HUB_LICENSES.get(facts.spdx_id(lic) or facts.slug(lic))
        if hub:
            return {"license": hub}
        return {"license": "other", "license_name": facts.slug(lic).lower(), "license_link": lic}
    return {"license": "other", "license_name": "several-licenses-stated"}


def hub_id(facts: Facts, iri: str, kind: str) -> str:
    """`ORG/NAME` from a linked huggingface.co repository page, else from a stated identifier of
    that form (an imported card's or MLDCAT-AP record's repo id), else the llmkg IRI."""
    prefix = HF + ("datasets/" if kind == "dataset" else "")
    for page in facts.pages(iri):
        if page.startswith(prefix):
            parts = page[len(prefix):].strip("/").split("/")
            if len(parts) >= 2 and (kind == "dataset" or parts[0] not in ("datasets", "spaces")):
                return f"{parts[0]}/{parts[1]}"
    repo_ids = [i for i in facts.texts(iri, DCT + "identifier") if REPO_ID.match(i)]
    return repo_ids[0] if len(repo_ids) == 1 else iri
