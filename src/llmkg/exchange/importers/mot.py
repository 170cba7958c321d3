"""The Model Openness Tool's YAML (lfai/model_openness_tool `models/*.yml`) -> llmkg.

One file is one release (a model). The release becomes a model (crosswalked to an existing one by
its Hugging Face repo id or its name); each listed component becomes an artifact of the model
(weights, code, dataset, paper, or a plain artifact) with its license. A component without a
license of its own inherits the release-level license of its kind (`release.license.code`,
`.data`, `.document`), else the release's distribution license, as MOT does. The distribution
license is also the model's. `unlicensed` (MOT's sentinel) and unknown license names are reported
and left out. See docs/imports.md for the field table.
"""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox

from .record import Context, Graph, ImportResult, open_yaml, slugify, text
from .terms import DCAT, DCT, LLMKG, RDF, RDFS, VOC, XSD

FORMAT = "mot"

# MOF component name -> (class, link from the model, code purpose, license kind for inheritance)
COMPONENTS: dict[str, tuple[str, str, str | None, str]] = {
    "Model architecture": ("Code", "hasCode", None, "code"),
    "Data preprocessing code": ("Code", "hasCode", "code-data-processing", "code"),
    "Training code": ("Code", "hasCode", "code-training", "code"),
    "Inference code": ("Code", "hasCode", "code-inference", "code"),
    "Evaluation code": ("Code", "hasCode", None, "code"),
    "Supporting libraries and tools": ("Code", "hasCode", None, "code"),
    "Model parameters (Final)": ("Weights", "hasWeights", None, "data"),
    "Model parameters (Intermediate)": ("Weights", "hasWeights", None, "data"),
    "Datasets": ("Dataset", "hasArtifact", None, "data"),
    "Evaluation data": ("Dataset", "hasArtifact", None, "data"),
    "Model metadata": ("Artifact", "hasArtifact", None, "data"),
    "Sample model outputs": ("Dataset", "hasArtifact", None, "data"),
    "Model card": ("Paper", "hasPaper", None, "document"),
    "Data card": ("Paper", "hasPaper", None, "document"),
    "Technical report": ("Paper", "hasPaper", None, "document"),
    "Research paper": ("Paper", "hasPaper", None, "document"),
    "Evaluation results": ("Paper", "hasPaper", None, "document"),
}
RELEASE_FIELDS = {"name", "version", "date", "type", "architecture", "origin", "producer", "contact",
                  "repository", "huggingface", "license", "components"}
COMPONENT_FIELDS = {"name", "description", "license", "license_path", "component_path"}
HF_MODEL = re.compile(r"^https?://huggingface\.co/([^/\s]+/[^/\s?#]+)/?$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def import_mot(data: bytes, name: str, ctx: Context) -> ImportResult:
    g, doc, parsed = open_yaml(FORMAT, name, data, ctx)
    if not parsed:
        return g.result()
    release = doc.get("release") if isinstance(doc, dict) else None
    if not isinstance(release, dict):
        g.error("release", "missing required field 'release' (a mapping with the release's name, licenses "
                "and components)", line=1)
        return g.result()
    model_name = text(release.get("name"))
    g.record = model_name
    if not model_name:
        g.error("release.name", "missing required field 'release.name' (the model's name)")
        return g.result()
    g.describe_source(f"Model Openness Tool record of {model_name}", "Model Openness Tool")
    _framework(g, doc.get("framework"))
    model = _release(g, release, model_name)
    licenses = _release_licenses(g, release.get("license"), model)
    components = release.get("components") or []
    if not isinstance(components, list):
        g.error("release.components", "'release.components' must be a list of components")
        return g.result()
    for i, comp in enumerate(components):
        _component(g, model, model_name, comp, f"release.components[{i}]", licenses)
    for k in (k for k in doc if k not in ("framework", "release")):
        g.problem(str(k), f"field {k!r} is not part of MOT's format: not mapped")
    g.records.append(model_name)
    return g.result()


def _framework(g: Graph, fw: Any) -> None:
    if isinstance(fw, dict) and text(fw.get("name")):
        g.add(g.source, RDFS.comment, ox.Literal(
            f"Assesses the release against the {text(fw.get('name'))} {text(fw.get('version'))} "
            f"({text(fw.get('date'))}).".replace("  ", " ").replace(" ()", ""), language="en"))


def _release(g: Graph, release: dict, model_name: str) -> ox.NamedNode:
    hf = text(release.get("huggingface"))
    m = HF_MODEL.match(hf)
    ids = [m.group(1)] if m else []
    res = g.resolve("model", model_name, ids, f"model/{slugify(model_name)}", "release.name")
    model = g.model(res, model_name)
    for i in ids:
        g.add(model, DCT.identifier, i)
    if hf:
        g.add(model, DCAT.landingPage, ox.NamedNode(hf)) if m else g.problem(
            "release.huggingface", f"{hf!r} is not a Hugging Face model URL: not mapped")
    repo = text(release.get("repository"))
    if repo.startswith(("http://", "https://")):
        g.add(model, RDFS.seeAlso, ox.NamedNode(repo))
    g.add(model, DCAT.version, text(release.get("version")))
    _date(g, model, text(release.get("date")))
    g.add(model, LLMKG.architecture, text(release.get("architecture")))
    for producer in (p.strip() for p in text(release.get("producer")).split(",") if p.strip()):
        org = g.resolve("organization", producer, [], f"org/{slugify(producer)}", "release.producer")
        node = ox.NamedNode(org.iri)
        g.add(model, LLMKG.developedBy, node)
        g.add(node, RDF.type, LLMKG.Organization)
        g.add(node, RDFS.label, producer)
    _unmapped_release_fields(g, release, model_name)
    return model


def _date(g: Graph, model: ox.NamedNode, date: str) -> None:
    if not date:
        return
    if DATE.match(date):
        g.add(model, DCT.issued, ox.Literal(date, datatype=XSD.date))
    else:
        g.problem("release.date", f"{date!r} is not a date (YYYY-MM-DD): not mapped")


def _unmapped_release_fields(g: Graph, release: dict, model_name: str) -> None:
    kind = text(release.get("type"))
    if kind and kind != "language":
        g.problem("release.type", f"type {kind!r} is not a language model: recorded as a model all the same")
    origin = text(release.get("origin"))
    if origin and origin != model_name:
        g.problem("release.origin", f"origin {origin!r} not mapped: free text, not an identifier of a model")
    if text(release.get("contact")):
        g.problem("release.contact", "contact not mapped (personal data is not kept)")
    for k in sorted(set(release) - RELEASE_FIELDS):
        g.problem(f"release.{k}", f"field {k!r} not mapped")


def _release_licenses(g: Graph, lic: Any, model: ox.NamedNode) -> dict[str, tuple[str, str]]:
    """Release-level license names by kind (distribution, code, data, document), with field paths."""
    out: dict[str, tuple[str, str]] = {}
    if lic in (None, "", {}):
        return out
    if not isinstance(lic, dict):
        g.problem("release.license", "'release.license' must be a mapping of license kinds: not mapped")
        return out
    for kind, entry in lic.items():
        fld = f"release.license.{kind}"
        entries = entry if isinstance(entry, list) else [entry]
        for j, e in enumerate(entries):
            name = text(e.get("name")) if isinstance(e, dict) else text(e)
            sub = fld if len(entries) == 1 else f"{fld}[{j}]"
            if not name:
                continue
            if kind not in ("distribution", "code", "data", "document"):
                g.problem(sub, f"license kind {kind!r} not known to MOT: not mapped")
                continue
            out.setdefault(kind, (name, f"{sub}.name" if isinstance(e, dict) else sub))
            if kind == "distribution":
                g.license(model, name, f"{sub}.name" if isinstance(e, dict) else sub)
    return out


def _component(g: Graph, model: ox.NamedNode, model_name: str, comp: Any, fld: str,
               inherited: dict[str, tuple[str, str]]) -> None:
    if not isinstance(comp, dict) or not text(comp.get("name")):
        g.problem(fld, "a component without a name: not mapped")
        return
    cname = text(comp["name"])
    cls, link, purpose, kind = COMPONENTS.get(cname, ("Artifact", "hasArtifact", None, "distribution"))
    if cname not in COMPONENTS:
        g.problem(f"{fld}.name", f"component {cname!r} is not one of the Model Openness Framework's: "
                  "recorded as a plain artifact")
    art = g.entity(f"artifact/{model.value.rstrip('/').rsplit('/', 1)[-1]}-{slugify(cname)}")
    g.add(art, RDF.type, LLMKG[cls])
    g.add(art, RDFS.label, f"{model_name}: {cname}")
    g.add(art, RDFS.comment, text(comp.get("description")))
    g.add(model, LLMKG[link], art)
    if purpose:
        g.add(art, LLMKG.codePurpose, VOC[purpose])
    own = text(comp.get("license"))
    if own:
        g.license(art, own, f"{fld}.license")
    elif kind in inherited or "distribution" in inherited:
        name, src = inherited.get(kind) or inherited["distribution"]
        g.license(art, name, src)
    path = text(comp.get("component_path"))
    if path.startswith(("http://", "https://")):
        g.add(art, DCAT.landingPage, ox.NamedNode(path))
    elif path:
        g.problem(f"{fld}.component_path", f"{path!r} is not a URL: not mapped")
    lpath = text(comp.get("license_path"))
    if lpath.startswith(("http://", "https://")):
        g.add(art, RDFS.seeAlso, ox.NamedNode(lpath))
    elif lpath:
        g.problem(f"{fld}.license_path", f"{lpath!r} is not a URL: not mapped")
    for k in sorted(set(comp) - COMPONENT_FIELDS):
        g.problem(f"{fld}.{k}", f"field {k!r} not mapped")
