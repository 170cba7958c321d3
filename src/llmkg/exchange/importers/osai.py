"""The European Open Source AI Index's YAML (Language-Technology-Assessment/main-database) -> llmkg.

One file is one system: an end model built on a base model (`basemodelname`, `endmodelname`),
by an organization, under a license, and 12 dimensions each judged `open`, `partial` or `closed`
with an evidence link and notes. The models are crosswalked to existing ones by name; each
dimension becomes an llmkg:OpennessAssessment of the base or the end model on the OSAI scale
(voc:OpenSourceAIIndexLevels; the dimensions are the parameters of voc:OpenSourceAIIndex in
ontology/frameworks.ttl), with the class as llmkg:levelText, the notes as llmkg:rationale and the
links as rdfs:seeAlso. The scale is one of words: no llmkg:score. See docs/imports.md for the field table.
"""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox

from .record import Context, Graph, ImportResult, open_yaml, slugify, text
from .terms import DCAT, DCT, FOAF, LLMKG, RDF, RDFS, SKOS, VOC, XSD

FORMAT = "osai"
LEVELS = ("open", "partial", "closed")
# dimension -> (parameter of the index in ontology/frameworks.ttl, assesses the base model?)
DIMENSIONS: dict[str, tuple[str, bool]] = {
    "datasources_basemodel": ("osai-base-model-data", True),
    "datasources_endmodel": ("osai-end-user-model-data", False),
    "weights_basemodel": ("osai-base-model-weights", True),
    "weights_endmodel": ("osai-end-user-model-weights", False),
    "trainingcode": ("osai-training-code", False),
    "code": ("osai-code-documentation", False),
    "hardware_architecture": ("osai-hardware-architecture", False),
    "preprint": ("osai-preprint", False),
    "paper": ("osai-paper", False),
    "modelcard": ("osai-model-card", False),
    "datasheet": ("osai-datasheet", False),
    "licenses": ("osai-licenses", False),
}
SYSTEM_FIELDS = {"name", "link", "type", "performanceclass", "basemodelname", "endmodelname", "endmodellicense",
                 "releasedate", "notes"}
ORG_FIELDS = {"name", "link", "notes"}
MONTH = re.compile(r"^\d{4}-\d{2}$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
YEAR = re.compile(r"^\d{4}$")


def import_osai(data: bytes, name: str, ctx: Context) -> ImportResult:
    g, doc, parsed = open_yaml(FORMAT, name, data, ctx)
    if not parsed:
        return g.result()
    system = doc.get("system") if isinstance(doc, dict) else None
    if not isinstance(system, dict) or not text(system.get("name")):
        g.error("system.name", "missing required field 'system.name' (the name of the assessed system)", line=1)
        return g.result()
    sysname = text(system["name"])
    g.record = sysname
    g.describe_source(f"European Open Source AI Index record of {sysname}", "European Open Source AI Index")
    end, base = _models(g, system, sysname)
    _org(g, doc.get("org"), end)
    for dim, (concept, on_base) in DIMENSIONS.items():
        if dim in doc:
            _assessment(g, dim, doc[dim], base if on_base else end, concept)
        else:
            g.problem(dim, f"dimension {dim!r} missing: no assessment recorded")
    for k in sorted(set(doc) - set(DIMENSIONS) - {"system", "org"}):
        g.problem(str(k), f"field {k!r} not mapped")
    g.records.append(sysname)
    return g.result()


def _models(g: Graph, system: dict, sysname: str) -> tuple[ox.NamedNode, ox.NamedNode]:
    end_name = text(system.get("endmodelname")) or sysname
    res = g.resolve("model", end_name, [], f"model/{slugify(end_name)}", "system.endmodelname")
    end = g.model(res, end_name)
    if sysname != end_name:
        g.add(end, SKOS.altLabel, sysname)
    link = text(system.get("link"))
    if link.startswith(("http://", "https://")):
        g.add(end, DCAT.landingPage, ox.NamedNode(link))
    if text(system.get("endmodellicense")):
        g.license(end, text(system["endmodellicense"]), "system.endmodellicense")
    _date(g, end, text(system.get("releasedate")))
    g.add(end, RDFS.comment, text(system.get("notes")))
    base = end
    base_name = text(system.get("basemodelname"))
    if base_name and base_name != end_name:
        bres = g.resolve("model", base_name, [], f"model/{slugify(base_name)}", "system.basemodelname")
        base = g.model(bres, base_name)
        g.add(end, LLMKG.derivedFromModel, base)
    for k in ("type", "performanceclass"):
        if text(system.get(k)):
            g.problem(f"system.{k}", f"{k} {text(system[k])!r} not mapped (no such property in llmkg)")
    for k in sorted(set(system) - SYSTEM_FIELDS):
        g.problem(f"system.{k}", f"field {k!r} not mapped")
    return end, base


def _date(g: Graph, model: ox.NamedNode, date: str) -> None:
    for pattern, dtype in ((DAY, XSD.date), (MONTH, XSD.gYearMonth), (YEAR, XSD.gYear)):
        if date and pattern.match(date):
            g.add(model, DCT.issued, ox.Literal(date, datatype=dtype))
            return
    if date:
        g.problem("system.releasedate", f"{date!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD): not mapped")


def _org(g: Graph, org: Any, end: ox.NamedNode) -> None:
    if not isinstance(org, dict) or not text(org.get("name")):
        if org is not None:
            g.problem("org", "'org' without a name: not mapped")
        return
    name = text(org["name"])
    res = g.resolve("organization", name, [], f"org/{slugify(name)}", "org.name")
    node = ox.NamedNode(res.iri)
    g.add(node, RDF.type, LLMKG.Organization)
    g.add(node, RDFS.label, name)
    link = text(org.get("link"))
    if link.startswith(("http://", "https://")):
        g.add(node, FOAF.homepage, ox.NamedNode(link))
    g.add(node, RDFS.comment, text(org.get("notes")))
    g.add(end, LLMKG.developedBy, node)
    for k in sorted(set(org) - ORG_FIELDS):
        g.problem(f"org.{k}", f"field {k!r} not mapped")


def _assessment(g: Graph, dim: str, value: Any, model: ox.NamedNode, concept: str) -> None:
    if not isinstance(value, dict):
        g.problem(dim, f"dimension {dim!r} is not a mapping of class, link and notes: not mapped")
        return
    level = text(value.get("class"))
    if level not in LEVELS:
        g.error(f"{dim}.class", f"class {level!r} is not one of {', '.join(LEVELS)}")
        return
    a = g.entity(f"assessment/import/{FORMAT}/{g.slug}/{slugify(dim)}")
    g.add(a, RDF.type, LLMKG.OpennessAssessment)
    g.add(a, RDFS.label, f"{g.record}: {dim} ({level}), European Open Source AI Index")
    g.add(a, LLMKG.assessedModel, model)
    g.add(a, LLMKG.component, VOC[concept])
    g.add(a, LLMKG.framework, VOC.OpenSourceAIIndexLevels)
    g.add(a, LLMKG.levelText, level)
    g.add(a, LLMKG.rationale, text(value.get("notes")))
    g.add(a, DCT.source, g.source)
    links = value.get("link")
    for i, link in enumerate(links if isinstance(links, list) else [links]):
        url = text(link)
        if url.startswith(("http://", "https://")):
            g.add(a, RDFS.seeAlso, ox.NamedNode(url))
        elif url:
            fld = f"{dim}.link" + (f"[{i}]" if isinstance(links, list) else "")
            g.problem(fld, f"{url!r} is not a URL: not mapped")
    for k in sorted(set(value) - {"class", "link", "notes"}):
        g.problem(f"{dim}.{k}", f"field {k!r} not mapped")
