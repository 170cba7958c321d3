"""Round trips: import a peer record, export it to the same format, and every field llmkg can
represent comes back (docs/imports.md lists what cannot).

The imported quads join the real graph in a store, as `llmkg import` + `llmkg build` would put them,
and the exporter runs on that store. The fields are read from the input and from the output by
the same small readers below, written for these tests from the formats' specifications.
"""

from __future__ import annotations

import pyshacl
import pytest
import rdflib
import yaml
from import_helpers import FIXTURES, PEERS
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from llmkg.exchange.exporters import Options, export
from llmkg.exchange.importers import Context, import_file
from llmkg.exchange.licenses import normalise
from llmkg.store import EmbeddedStore

IT6 = rdflib.Namespace("http://data.europa.eu/it6/")
BASE = "https://w3id.org/llmkg/"


def store_with(existing_quads, *results) -> EmbeddedStore:
    kg = EmbeddedStore.in_memory()
    kg.store.bulk_extend(existing_quads + [q for r in results for q in r.quads])
    return kg


# ---------------------------------------------------------------- MLDCAT-AP


def mldcat_fields(g: rdflib.Graph, model: rdflib.term.Node) -> dict[str, object]:
    """What MLDCAT-AP says of a model that llmkg represents, normalised for comparison: literals
    as text (a dateTime cut to its date: llmkg records dates), licenses as the license they name,
    linked things by their titles and names, file formats by their last IRI segment."""
    def texts(p):
        return sorted(str(o) for o in g.objects(model, p))

    return {
        "title": texts(DCTERMS.title),
        "identifier": texts(DCTERMS.identifier),
        "version": texts(DCAT.version),
        "created": sorted(str(o)[:10] for o in g.objects(model, DCTERMS.created)),
        "releaseDate": texts(IT6.releaseDate),
        "parameters": texts(IT6.totalNumberOfParameters),
        "architecture": texts(IT6.modelArchitecture),
        "license": sorted(normalise(str(lic)).iri for lic in g.objects(model, DCTERMS.license)),
        "provider": sorted(str(g.value(p, FOAF.name)) for p in g.objects(model, IT6.hasProvider)),
        "trainedOn": sorted((str(g.value(d, DCTERMS.title)), str(g.value(d, DCTERMS.description)),
                             str(g.value(d, DCAT.version)))
                            for d in g.objects(model, IT6.trainedOn)),
        "file formats": sorted(str(g.value(f, DCTERMS["format"])).rstrip("/").rsplit("/", 1)[-1].split("-")[-1]
                               for f in g.objects(model, IT6.hasFile)),
    }


BLOOMZ_HAS = ("title", "identifier", "version", "created", "license", "trainedOn", "file formats")


@pytest.mark.parametrize(("name", "slug", "has"), [
    ("example-machinelearningmodel-hf-bloom.ttl", "bloomz-7b1", BLOOMZ_HAS),
    ("example-machinelearningmodel-hf-apertus.ttl", "apertus-70b-2509",
     BLOOMZ_HAS + ("releaseDate", "parameters", "architecture", "provider")),
])
def test_mldcat_ap_round_trip_keeps_every_field_llmkg_represents(peers, existing_quads, crosswalk, options_fixed,
                                                                 mldcat_shapes, name, slug, has):
    path = PEERS / "mldcat-ap" / name
    imported = import_file("mldcat-ap", path.read_bytes(), name, Context(crosswalk=crosswalk))
    assert imported.ok
    source = rdflib.Graph().parse(path, format="turtle", publicID="relative-iri:/")
    [model_in] = source.subjects(RDF.type, IT6.MachineLearningModel)
    out = export(store_with(existing_quads, imported), "mldcat-ap", f"model/{slug}", options_fixed)
    exported = rdflib.Graph().parse(data=out.content, format="turtle")
    expected = mldcat_fields(source, model_in)
    got = mldcat_fields(exported, rdflib.URIRef(BASE + f"model/{slug}"))
    assert got == expected
    assert {k for k, v in expected.items() if v} == set(has)  # what the input has: the comparison means something
    conforms, _, text = pyshacl.validate(exported, shacl_graph=mldcat_shapes, inference="none")
    assert conforms, text


# ---------------------------------------------------------------- Hugging Face model cards

CARD_KEYS = ("license", "license_name", "base_model", "base_model_relation", "datasets", "language", "tags")


def card_fields(meta: dict) -> dict[str, object]:
    """The card keys llmkg maps, normalised: a license as the license it names (`other` stands for
    license_name), a value or a list of values (the Hub takes both for base_model, datasets,
    language, tags) as a sorted list."""
    out: dict[str, object] = {}
    for key in CARD_KEYS:
        value = meta.get(key)
        if value is None or (key == "license" and value == "other"):
            continue
        if key in ("license", "license_name"):
            out["license"] = normalise(str(value)).iri
        elif key == "base_model_relation":
            out[key] = value
        else:
            out[key] = sorted(value if isinstance(value, list) else [value])
    return out


def front_matter(text: str) -> dict:
    return next(d for d in yaml.safe_load_all(text) if d)


def test_model_card_round_trip_keeps_every_field_llmkg_represents(existing_quads, crosswalk, options_fixed):
    ctx = Context(crosswalk=crosswalk)
    cards = [FIXTURES / "hf-card" / "tiiuae--falcon-40b.md", FIXTURES / "hf-card" / "acme" / "tiny-chat" / "README.md",
             FIXTURES / "hf-card" / "acme" / "tiny-instruct" / "README.md"]
    results = [import_file("hf-card", c.read_bytes(), str(c), ctx) for c in cards]
    assert all(r.ok for r in results)
    kg = store_with(existing_quads, *results)
    for card, model in ((cards[1], "tiny-chat"), (cards[2], "tiny-instruct")):
        given = front_matter(card.read_text(encoding="utf-8"))
        back = front_matter(export(kg, "hf-card", f"model/{model}", options_fixed).content.decode())
        expected = card_fields(given)
        if model == "tiny-chat":  # 'english' is not a BCP 47 tag: reported by the importer, not kept
            expected["language"] = ["en"]
        assert card_fields(back) == expected, model
        assert back["llmkg"]["id"] == BASE + f"model/{model}"


@pytest.fixture(scope="module")
def options_fixed() -> Options:
    from datetime import UTC, datetime

    return Options(base=BASE, generated=datetime(2025, 1, 2, tzinfo=UTC))


@pytest.fixture(scope="module")
def mldcat_shapes(peers) -> rdflib.Graph:
    return rdflib.Graph().parse(PEERS / "mldcat-ap" / "mldcat-ap-SHACL.ttl")
