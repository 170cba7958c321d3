"""DCAT 3: a catalogue of our models (dcat:Resource) and datasets (dcat:Dataset), one catalogue
record per entity that names the source documents it was derived from.

The same catalogue is the skeleton of the MLDCAT-AP export (mldcat_ap.py adds its terms through
`Profile`). Provenance: each `dcat:CatalogRecord` has `prov:wasDerivedFrom` every source document
whose graph states something about the entity; the documents are described (title, date, page).
`dct:modified` of a record is the date the export generated it (records are regenerated on every
export); the catalogue's publisher is llmkg itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from . import Options
from .facts import DCT, FOAF, LLMKG, ODRL, RDFS, Facts
from .rdfout import Triples, literal

DCAT = "http://www.w3.org/ns/dcat#"
PROV = "http://www.w3.org/ns/prov#"
LANG = "http://publications.europa.eu/resource/authority/language/"
# BCP 47 primary tags used in the data → EU Publications Office language authority codes.
LANGUAGES = {
    "en": "ENG", "zh": "ZHO", "de": "DEU", "fr": "FRA", "es": "SPA", "it": "ITA", "pt": "POR", "nl": "NLD",
    "pl": "POL", "ro": "RON", "cs": "CES", "sv": "SWE", "ca": "CAT", "eu": "EUS", "gl": "GLG", "ja": "JPN",
    "ko": "KOR", "ru": "RUS", "ar": "ARA", "fi": "FIN", "da": "DAN", "el": "ELL", "hu": "HUN",
}
DATE_TYPES = ("date", "gYearMonth", "gYear", "dateTime")

# (facts, entity, out, IRIs exported) -> the mandatory properties given as "unknown" (for the record)
Describe = Callable[[Facts, str, Triples, set[str]], list[str]]


@dataclass(frozen=True)
class Profile:
    model_classes: tuple[str, ...] = (DCAT + "Resource",)
    describe_model: Describe | None = None
    describe_dataset: Describe | None = None


def render(facts: Facts, entity: str | None, options: Options) -> bytes:
    return catalogue(facts, entity, options, Profile()).serialize(options.rdf_format, _prefixes(facts))


def catalogue(facts: Facts, entity: str | None, options: Options, profile: Profile) -> Triples:
    out = Triples()
    models, datasets = selection(facts, entity)
    cat = facts.base + "catalog"
    out.typed(cat, DCAT + "Catalog")
    out.text(cat, DCT + "title", "llmkg: an open knowledge graph of large language models")
    out.text(cat, DCT + "description", "Models, datasets, licenses and their terms, lineage and openness, "
             "each fact recorded from a source document.")
    publisher = facts.base + "org/llmkg"
    out.add(cat, DCT + "publisher", publisher)
    out.typed(publisher, FOAF + "Agent")
    out.text(publisher, FOAF + "name", "llmkg")
    out.add(cat, FOAF + "homepage", facts.base)
    out.typed(facts.base, FOAF + "Document")
    todo = [(m, "model") for m in models] + [(d, "dataset") for d in datasets]
    exported = set(models) | set(datasets)
    for i, (iri, kind) in enumerate(todo, 1):
        if kind == "model":
            out.add(cat, DCAT + "resource", iri)
            out.typed(iri, *profile.model_classes)
        else:
            out.add(cat, DCAT + "dataset", iri)
            out.typed(iri, DCAT + "Dataset", DCAT + "Resource")
        common(facts, iri, out)
        describe = profile.describe_model if kind == "model" else profile.describe_dataset
        unknown = describe(facts, iri, out, exported) if describe else []
        record(facts, iri, kind, cat, out, options, unknown)
        if options.progress:
            options.progress(i, len(todo))
    return out


def selection(facts: Facts, entity: str | None) -> tuple[list[str], list[str]]:
    """Everything, or the entity and the models and datasets it names directly."""
    models, datasets = facts.models(), facts.datasets()
    if entity is None:
        return models, datasets
    near = {entity}
    for p in (LLMKG + "derivedFromModel", LLMKG + "trainedOn", LLMKG + "generatedBy",
              LLMKG + "derivedFromDataset", LLMKG + "memberOfFamily"):
        near.update(facts.iris(entity, p))
    return [m for m in models if m in near], [d for d in datasets if d in near]


def common(facts: Facts, iri: str, out: Triples) -> None:
    """The DCAT terms both models and datasets get."""
    stated = facts.texts(iri, DCT + "identifier")  # e.g. a Hugging Face repo id from an import
    out.text(iri, DCT + "identifier", stated[0] if len(stated) == 1 else iri)  # MLDCAT-AP: at most one
    for label in facts.texts(iri, RDFS + "label") or [facts.label(iri)]:
        out.text(iri, DCT + "title", label)
    for text in facts.descriptions(iri) or ([described_by(facts, iri)] if iri in facts.datasets() else []):
        out.text(iri, DCT + "description", text)
    issued = [v for v in facts.literals(iri, DCT + "issued") if v.datatype.value.rsplit("#", 1)[-1] in DATE_TYPES]
    if len(issued) == 1:  # DCAT-AP allows one; several stated dates are a disagreement we cannot express
        out.add(iri, DCT + "issued", issued[0])
    for page in facts.pages(iri):
        out.add(iri, DCAT + "landingPage", page)
        out.typed(page, FOAF + "Document")
    for lang in facts.texts(iri, DCT + "language"):
        code = LANGUAGES.get(lang.split("-")[0].lower())
        if code:
            out.add(iri, DCT + "language", LANG + code)
            out.typed(LANG + code, DCT + "LinguisticSystem")
    for agent in facts.iris(iri, LLMKG + "developedBy"):
        out.add(iri, DCT + "creator", agent)
        agent_node(facts, agent, out)
    for lic in facts.iris(iri, DCT + "license"):
        out.add(iri, DCT + "license", lic)
        license_node(facts, lic, out)
    for p in (LLMKG + "derivedFromModel", LLMKG + "trainedOn", LLMKG + "generatedBy", LLMKG + "derivedFromDataset"):
        for other in facts.iris(iri, p):
            out.add(iri, PROV + "wasDerivedFrom", other)
    for family in facts.iris(iri, LLMKG + "memberOfFamily"):
        out.add(iri, DCT + "isPartOf", family)


def described_by(facts: Facts, iri: str) -> ox.Literal:
    """A dataset's description when no source gives one (DCAT-AP requires one): what llmkg knows
    of it, in words made only of stated facts: its label and the documents that name it."""
    docs = [f"'{facts.label(d)}'" for d in facts.sources(iri)]
    named = f" It is named in {', '.join(docs)}." if docs else ""
    return ox.Literal(f"{facts.label(iri)}: no source describes this dataset.{named}", language="en")


def agent_node(facts: Facts, agent: str, out: Triples) -> None:
    out.typed(agent, FOAF + "Agent")
    out.text(agent, FOAF + "name", facts.label(agent))


def license_node(facts: Facts, lic: str, out: Triples) -> None:
    out.typed(lic, DCT + "LicenseDocument")
    for label in facts.texts(lic, RDFS + "label"):
        out.text(lic, RDFS + "label", label)
    for ident in facts.texts(lic, DCT + "identifier"):
        out.text(lic, DCT + "identifier", ident)
    for policy in facts.iris(lic, ODRL + "hasPolicy"):
        out.add(lic, ODRL + "hasPolicy", policy)


def record(facts: Facts, iri: str, kind: str, cat: str, out: Triples, options: Options,
           unknown: Sequence[str] = ()) -> None:
    """The catalogue record: what it is about, when generated, the source documents it derives
    from, and which mandatory values of the profile are only "unknown" placeholders."""
    rec = f"{facts.base}catalog/record/{kind}/{facts.slug(iri)}"
    out.add(cat, DCAT + "record", rec)
    out.typed(rec, DCAT + "CatalogRecord")
    out.add(rec, FOAF + "primaryTopic", iri)
    if unknown:
        out.text(rec, DCT + "description", ox.Literal(
            f"No source states {', '.join(unknown)}, which MLDCAT-AP 3.1 requires: the record gives "
            "'unknown' for them (or a described blank node), never a guessed value.", language="en"))
    out.add(rec, DCT + "modified", literal(options.generated.date().isoformat(), "date"))
    for doc in facts.sources(iri):
        out.add(rec, PROV + "wasDerivedFrom", doc)
        source_node(facts, doc, out)


def source_node(facts: Facts, doc: str, out: Triples) -> None:
    out.typed(doc, FOAF + "Document", PROV + "Entity")
    for title in facts.texts(doc, DCT + "title"):
        out.text(doc, DCT + "title", title)
    for issued in facts.literals(doc, DCT + "issued"):
        out.add(doc, DCT + "issued", issued)
    for page in facts.iris(doc, DCAT + "landingPage"):
        out.add(doc, DCAT + "landingPage", page)
        out.typed(page, FOAF + "Document")


def _prefixes(facts: Facts) -> dict[str, str]:
    return {"model": facts.base + "model/", "dataset": facts.base + "dataset/", "org": facts.base + "org/",
            "license": facts.base + "license/", "policy": facts.base + "policy/", "source": facts.base + "source/"}
