"""Exports to other catalogues' standards: one small module per format, one table of them.

Each module has `render(facts, entity, options) -> bytes`: `facts` is the snapshot read from the
store by SPARQL (facts.py), `entity` an IRI of a model or dataset or None for the whole catalogue.
`export()` is the one entry point used by the CLI (`llmkg export`) and HTTP (`/exports/…`).

Guarantee: an export states only what the store states; a fact the target has no place for is
left out (docs/exports.md lists what each mapping loses), and a value the target requires but the
sources never give is never invented (the MLDCAT-AP gaps are listed by `mldcat_ap.gaps`).

    >>> from llmkg.store import EmbeddedStore
    >>> out = export(EmbeddedStore.in_memory(), "schema-org", base="https://w3id.org/llmkg/")
    >>> out.media_type, out.filename
    ('application/ld+json', 'llmkg-schema-org.jsonld')
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ... import formats
from ...config import DEFAULT_BASE
from ...errors import bad_request, not_found
from ...store import KnowledgeGraph
from . import facts as facts_mod


@dataclass(frozen=True)
class Options:
    base: str = DEFAULT_BASE
    rdf_format: formats.Format | None = None  # for RDF exports; default Turtle
    generated: datetime = field(default_factory=lambda: datetime.now(UTC).replace(microsecond=0))
    progress: Callable[[int, int], None] | None = None  # (done, total) over entities, whole-catalogue exports


@dataclass(frozen=True)
class Exporter:
    name: str
    title: str
    module: str
    format: str  # a formats.py name: the media type and extension
    kinds: tuple[str, ...]  # what an entity id may name: "model", "dataset"
    rdf: bool = False  # any RDF format of formats.py may be asked for

    def media_type(self, options: Options) -> str:
        return self._format(options).media_type

    def _format(self, options: Options) -> formats.Format:
        if self.rdf and options.rdf_format:
            return options.rdf_format
        return next(f for f in formats.FORMATS + formats.EXPORT_FORMATS if f.name == self.format)

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "title": self.title, "media_type": self._format(Options()).media_type,
                "entities": list(self.kinds), "rdf_formats": self.rdf}


EXPORTERS: tuple[Exporter, ...] = (
    Exporter("mldcat-ap", "MLDCAT-AP 3.1 (models as it6:MachineLearningModel, datasets, ODRL policies)",
             "mldcat_ap", "turtle", ("model", "dataset"), rdf=True),
    Exporter("dcat", "DCAT 3 catalogue with catalogue records", "dcat", "turtle", ("model", "dataset"), rdf=True),
    Exporter("spdx3", "SPDX 3.0.1 JSON-LD, AI and Dataset profiles", "spdx3", "jsonld", ("model", "dataset")),
    Exporter("croissant", "Croissant 1.1 dataset descriptions (JSON-LD)", "croissant", "jsonld", ("dataset", "model")),
    Exporter("schema-org", "schema.org JSON-LD for models and datasets", "schema_org", "jsonld", ("model", "dataset")),
    Exporter("hf-card", "Hugging Face model-card metadata (YAML front matter)", "hf_card", "yaml", ("model",)),
)

ENTITY_PATHS = {"model": "model/", "dataset": "dataset/"}


def by_name(name: str) -> Exporter:
    found = next((e for e in EXPORTERS if e.name == name), None)
    if found is None:
        raise not_found(f"no export format {name!r}; known: {', '.join(e.name for e in EXPORTERS)}", format=name)
    return found


@dataclass(frozen=True)
class Export:
    content: bytes
    media_type: str
    filename: str


def export(kg: KnowledgeGraph, name: str, entity: str | None = None, options: Options | None = None,
           base: str | None = None) -> Export:
    """Export the whole catalogue, or one model or dataset (an id such as `llama-2-7b`,
    `dataset/the-pile`, or an IRI), in format `name`; 404 naming an unknown format or entity."""
    exporter = by_name(name)
    options = options or Options(base=base or DEFAULT_BASE)
    facts = facts_mod.read(kg, options.base)
    iri = resolve(facts, exporter, entity) if entity else None
    render = importlib.import_module(f"{__name__}.{exporter.module}").render
    content = render(facts, iri, options)
    stem = f"llmkg-{name}" + (f"-{facts.slug(iri)}" if iri else "")
    return Export(content, exporter.media_type(options), stem + exporter._format(options).extension)


def resolve(facts: facts_mod.Facts, exporter: Exporter, entity: str) -> str:
    """The IRI an entity id names, among the kinds the exporter accepts."""
    if entity.startswith(("http://", "https://")):
        candidates = [entity]
    elif "/" in entity:
        candidates = [facts.base + entity.lstrip("/")]
    else:
        candidates = [facts.base + ENTITY_PATHS[k] + entity for k in exporter.kinds]
    known = set(facts.models()) | set(facts.datasets())
    accepted = {"model": set(facts.models()), "dataset": set(facts.datasets())}
    for iri in candidates:
        if any(iri in accepted[k] for k in exporter.kinds):
            return iri
        if iri in known:
            raise bad_request(f"{exporter.name} exports {' or '.join(exporter.kinds)}s; {entity!r} is not one",
                              entity=entity)
    raise not_found(f"no {' or '.join(exporter.kinds)} {entity!r} in the knowledge graph", entity=entity)
