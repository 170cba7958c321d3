"""Hugging Face model cards (the YAML front matter of a repository's README.md) -> llmkg.

The front matter does not name its own repository, so the model's repo id comes from the file
name: `…/{owner}/{repo}/README.md`, `{owner}--{repo}.md` or `{owner}__{repo}.md`; else from
`model_name` or the first `model-index` entry (then the card has no identifier). A card whose
model cannot be named is an error. See docs/imports.md for the field table.
"""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox

from .record import Context, Graph, ImportResult, YamlError, load_yaml, slugify, text
from .terms import DCAT, DCT, LLMKG, RDF, RDFS, XSD

FORMAT = "hf-card"
FRONT = re.compile(rb"\A\xef?\xbb?\xbf?---[ \t]*\r?\n(.*?)^---[ \t]*\r?$", re.S | re.M)
REPO_ID = re.compile(r"^[A-Za-z0-9][\w.\-]*/[\w.\-]+$")
LANG = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$")
# base_model_relation -> how the model derives from its base model
RELATIONS = {"finetune": "fineTunedFrom", "quantized": "quantizedFrom", "merge": "mergedFrom", "adapter": "adapterOf"}
MAPPED = {"license", "license_name", "license_link", "base_model", "base_model_relation", "datasets", "language",
          "tags", "model_name", "model-index"}


def repo_id_from_name(name: str) -> str | None:
    parts = name.replace("\\", "/").split("/")
    if parts[-1].lower() == "readme.md" and len(parts) >= 3:
        return f"{parts[-3]}/{parts[-2]}"
    stem = re.sub(r"\.md$", "", parts[-1], flags=re.I)
    for sep in ("--", "__"):
        if sep in stem:
            owner, repo = stem.split(sep, 1)
            return f"{owner}/{repo}"
    return None


def import_hf_card(data: bytes, name: str, ctx: Context) -> ImportResult:
    repo_id = repo_id_from_name(name)
    g = Graph(FORMAT, name, data, ctx, slug=slugify(repo_id) if repo_id else None)
    m = FRONT.match(data)
    if not m:
        g.error("", "no YAML front matter: a model card starts with a line '---', the YAML, and a line '---'", line=1)
        return g.result()
    try:
        card, lines = load_yaml(m.group(1))
    except YamlError as e:
        g.error("", str(e), e.line + 1 if e.line else None)  # +1: the opening '---'
        return g.result()
    g.lines = {k: v + 1 for k, v in lines.items()}
    if not isinstance(card, dict):
        g.error("", "the front matter is not a mapping of fields", line=2)
        return g.result()
    model_name = repo_id.split("/", 1)[1] if repo_id else _declared_name(card)
    if not model_name:
        g.error("model_name", "cannot name the model: put the card at OWNER/REPO/README.md or name the file "
                "OWNER--REPO.md (or give model_name in the front matter)", line=1)
        return g.result()
    g.record = repo_id or model_name
    g.describe_source(f"Hugging Face model card of {repo_id or model_name}", "Hugging Face model card")
    res = g.resolve("model", model_name, [repo_id] if repo_id else [], f"model/{slugify(model_name)}", "model_name")
    model = g.model(res, model_name)
    if repo_id:
        g.add(model, DCT.identifier, repo_id)
        g.add(model, DCAT.landingPage, ox.NamedNode(f"https://huggingface.co/{repo_id}"))
    _license(g, model, card)
    _base_models(g, model, card)
    _datasets(g, model, card)
    _languages(g, model, card)
    for tag in _list(card.get("tags")):
        g.add(model, DCAT.keyword, text(tag))
    unmapped = sorted(str(k) for k in card if k not in MAPPED)
    if unmapped:
        g.problem(unmapped[0], f"fields not mapped: {', '.join(unmapped)}")
    g.records.append(g.record)
    return g.result()


def _declared_name(card: dict) -> str:
    if text(card.get("model_name")):
        return text(card["model_name"])
    index = card.get("model-index")
    if isinstance(index, list) and index and isinstance(index[0], dict):
        return text(index[0].get("name"))
    return ""


def _list(value: Any) -> list:
    return value if isinstance(value, list) else ([] if value in (None, "") else [value])


def _license(g: Graph, model: ox.NamedNode, card: dict) -> None:
    lic = text(card.get("license"))
    if lic.lower() == "other":
        name, link = text(card.get("license_name")), text(card.get("license_link"))
        if name:
            g.license(model, name, "license_name")
        else:
            g.problem("license", f"license 'other' without a license_name (license_link {link!r}): left out")
    elif lic:
        g.license(model, lic, "license")
    elif isinstance(card.get("license"), list):
        for i, one in enumerate(card["license"]):
            g.license(model, text(one), f"license[{i}]")


def _base_models(g: Graph, model: ox.NamedNode, card: dict) -> None:
    relation = text(card.get("base_model_relation"))
    prop = RELATIONS.get(relation, "derivedFromModel")
    if relation and relation not in RELATIONS:
        g.problem("base_model_relation", f"relation {relation!r} not known: recorded as llmkg:derivedFromModel")
    for i, base in enumerate(_list(card.get("base_model"))):
        fld = f"base_model[{i}]" if isinstance(card.get("base_model"), list) else "base_model"
        ident = text(base)
        if not REPO_ID.match(ident):
            g.problem(fld, f"{ident!r} is not a Hugging Face repo id: not mapped")
            continue
        short = ident.split("/", 1)[1]
        res = g.resolve("model", short, [ident], f"model/{slugify(short)}", fld)
        node = g.model(res, short)
        g.add(node, DCT.identifier, ident)
        g.add(model, LLMKG[prop], node)


def _datasets(g: Graph, model: ox.NamedNode, card: dict) -> None:
    for i, ds in enumerate(_list(card.get("datasets"))):
        fld = f"datasets[{i}]" if isinstance(card.get("datasets"), list) else "datasets"
        ident = text(ds)
        if not ident:
            continue
        short = ident.split("/", 1)[-1]
        ids = [ident] if REPO_ID.match(ident) else []
        res = g.resolve("dataset", short, ids, f"dataset/{slugify(short)}", fld)
        node = ox.NamedNode(res.iri)
        g.add(node, RDF.type, LLMKG.Dataset)
        g.add(node, RDFS.label, short)
        for i2 in ids:
            g.add(node, DCT.identifier, i2)
        g.add(model, LLMKG.trainedOn, node)


def _languages(g: Graph, model: ox.NamedNode, card: dict) -> None:
    for i, lang in enumerate(_list(card.get("language"))):
        fld = f"language[{i}]" if isinstance(card.get("language"), list) else "language"
        tag = text(lang)
        if LANG.match(tag):
            g.add(model, DCT.language, ox.Literal(tag, datatype=XSD.language))
        else:
            g.problem(fld, f"{tag!r} is not a BCP 47 language tag: not mapped")
