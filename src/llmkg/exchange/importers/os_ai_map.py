"""os-ai-map YAML (currentai-org/os-ai-map) -> llmkg.

Two kinds of file: a product (`sources/products/*.yaml`: name, display_name, description, Hugging
Face models) becomes a model family with its member models (by Hugging Face repo id); a score
file (`sources/scores/*.yaml`: openness score 0-5 and class, per-fact sources) becomes one
llmkg:OpennessAssessment on the os-ai-map scale, with the score, the class as level text, the note
as rationale and each source URL as rdfs:seeAlso. Adoption and capability are not mapped
(reported). See docs/imports.md.
"""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox

from .record import Context, Graph, ImportResult, open_yaml, slugify, text
from .terms import DCT, LLMKG, RDF, RDFS, VOC, XSD

FORMAT = "os-ai-map"
HF_MODEL = re.compile(r"^https?://huggingface\.co/([^/\s]+/[^/\s?#]+)/?$")


def import_os_ai_map(data: bytes, name: str, ctx: Context) -> ImportResult:
    g, doc, parsed = open_yaml(FORMAT, name, data, ctx)
    if not parsed:
        return g.result()
    if isinstance(doc, dict) and text(doc.get("product")):
        _scores(g, doc)
    elif isinstance(doc, dict) and text(doc.get("name")):
        _product(g, doc)
    else:
        g.error("product", "missing required field: 'product' (a score file) or 'name' (a product file)", line=1)
    return g.result()


def _family(g: Graph, slug: str, label: str) -> ox.NamedNode:
    """The product's family; its os-ai-map name is kept as dct:identifier `os-ai-map:NAME`, so that a
    product file and a score file of the same product meet on one IRI."""
    ident = f"os-ai-map:{slug}"
    res = g.resolve("model", label, [ident], f"model/{slugify(slug)}", "name")
    node = ox.NamedNode(res.iri)
    g.add(node, RDF.type, LLMKG.ModelFamily if res.how == "new" or res.family else LLMKG.ModelResource)
    g.add(node, RDFS.label, label)
    g.add(node, DCT.identifier, ident)
    return node


def _product(g: Graph, doc: dict) -> None:
    slug, label = text(doc["name"]), text(doc.get("display_name")) or text(doc["name"])
    g.record = label
    g.describe_source(f"os-ai-map product record of {label}", "os-ai-map")
    family = _family(g, slug, label)
    g.add(family, DCT.description, text(doc.get("description")))
    g.add(family, RDFS.comment, text(doc.get("comments")))
    for i, hf in enumerate(doc.get("huggingface_model") or []):
        url = text(hf.get("url")) if isinstance(hf, dict) else text(hf)
        m = HF_MODEL.match(url)
        if not m:
            g.problem(f"huggingface_model[{i}]", f"{url!r} is not a Hugging Face model URL: not mapped")
            continue
        short = m.group(1).split("/", 1)[1]
        res = g.resolve("model", short, [m.group(1)], f"model/{slugify(short)}", f"huggingface_model[{i}]")
        model = g.model(res, short)
        g.add(model, DCT.identifier, m.group(1))
        g.add(model, LLMKG.memberOfFamily, family)
    if text(doc.get("type")) not in ("", "model"):
        g.problem("type", f"type {text(doc['type'])!r} is not a model: recorded as a model family all the same")
    for k in sorted(set(doc) - {"name", "display_name", "type", "description", "huggingface_model", "comments"}):
        g.problem(str(k), f"field {k!r} not mapped")
    g.records.append(label)


def _scores(g: Graph, doc: dict) -> None:
    product = text(doc["product"])
    g.record = product
    g.describe_source(f"os-ai-map scores of {product}", "os-ai-map")
    family = _family(g, product, product)
    openness: Any = doc.get("openness")
    if not isinstance(openness, dict):
        g.problem("openness", "no openness block: no assessment recorded")
    else:
        _assessment(g, openness, family)
    for k in sorted(set(doc) - {"product", "openness"}):
        g.problem(str(k), f"{k!r} not mapped (llmkg records openness, not {k})")
    g.records.append(product)


def _assessment(g: Graph, o: dict, family: ox.NamedNode) -> None:
    a = g.entity(f"assessment/import/{FORMAT}/{g.slug}/openness")
    g.add(a, RDF.type, LLMKG.OpennessAssessment)
    g.add(a, RDFS.label, f"{g.record}: openness, os-ai-map")
    g.add(a, LLMKG.assessedModel, family)
    g.add(a, LLMKG.component, VOC["osai-map-openness"])
    g.add(a, LLMKG.framework, VOC.OSAIMapOpennessScale)
    score = o.get("score")
    if isinstance(score, int) and 0 <= score <= 5:
        g.add(a, LLMKG.score, ox.Literal(str(score), datatype=XSD.integer))
    elif score is not None:
        g.problem("openness.score", f"score {score!r} is not an integer from 0 to 5: not mapped")
    g.add(a, LLMKG.levelText, text(o.get("class")))
    g.add(a, LLMKG.rationale, text(o.get("note")))
    g.add(a, DCT.source, g.source)
    for i, src in enumerate(o.get("sources") or []):
        url = text(src.get("url")) if isinstance(src, dict) else ""
        if url.startswith(("http://", "https://")):
            g.add(a, RDFS.seeAlso, ox.NamedNode(url))
        else:
            g.problem(f"openness.sources[{i}]", "a source without a URL: not mapped")
    if any(isinstance(s, dict) and (s.get("shows") or s.get("accessed")) for s in o.get("sources") or []):
        g.problem("openness.sources", "what each source shows and when it was accessed are not kept (only the URLs)")
    for k in ("components", "confidence"):
        if text(o.get(k)):
            g.problem(f"openness.{k}", f"{k} not mapped (free text; llmkg has no term for it)")
