"""MLDCAT-AP 3.1 and DCAT exports checked by MLDCAT-AP's own SHACL shapes (pySHACL).

The MLDCAT-AP export must conform: no result at all (the shapes declare no sh:Warning, so every
result would be a Violation). Mandatory values no source states are "unknown" placeholders,
exactly where `mldcat_ap.gaps()` says and nowhere else.
"""

from __future__ import annotations

from collections import Counter

import pyshacl
import pytest
import rdflib
from rdflib.namespace import DCTERMS, RDF, SH

from llmkg.exchange.exporters import export, facts, mldcat_ap

BASE = "https://w3id.org/llmkg/"
IT6 = rdflib.Namespace("http://data.europa.eu/it6/")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
ODRL = rdflib.Namespace("http://www.w3.org/ns/odrl/2/")
M = rdflib.Namespace(BASE + "model/")
D = rdflib.Namespace(BASE + "dataset/")
UNKNOWN = rdflib.Literal("unknown", lang="en")


@pytest.fixture(scope="module")
def shapes(mldcat_shapes) -> rdflib.Graph:
    return mldcat_shapes


@pytest.fixture(scope="module")
def catalogue(real_kg, options) -> rdflib.Graph:
    return exported(real_kg, options, "mldcat-ap")


def exported(kg, options, name: str, entity: str | None = None) -> rdflib.Graph:
    return rdflib.Graph().parse(data=export(kg, name, entity, options).content, format="turtle")


def results(data: rdflib.Graph, shapes: rdflib.Graph) -> Counter:
    """(severity, component, path) -> count, for every validation result."""
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    found: Counter = Counter()
    for r in report.subjects(RDF.type, SH.ValidationResult):
        found[(report.value(r, SH.resultSeverity), report.value(r, SH.sourceConstraintComponent),
               report.value(r, SH.resultPath))] += 1
    return found


def test_the_shapes_declare_no_warning_severity(shapes):
    assert not list(shapes.objects(None, SH.severity))  # so "no Violation" means "no result"


def test_the_whole_catalogue_conforms(catalogue, shapes):
    assert results(catalogue, shapes) == Counter()


@pytest.mark.parametrize("entity", ["model/alpaca", "model/zephyr", "model/llama-2", "dataset/the-pile"])
def test_one_entity_exports_conform(real_kg, options, shapes, entity):
    assert results(exported(real_kg, options, "mldcat-ap", entity), shapes) == Counter()


def test_placeholders_are_exactly_the_gaps(real_kg, catalogue):
    gaps = mldcat_ap.gaps(facts.read(real_kg, BASE))
    unknown = {str(p): {str(s) for s in catalogue.subjects(p, UNKNOWN) if isinstance(s, rdflib.URIRef)}
               for p in (DCAT.version, DCTERMS.created, IT6.collectionDate)}
    assert unknown[str(DCAT.version)] == set(gaps["dcat:version"])
    assert unknown[str(DCTERMS.created)] == set(gaps["dct:created"])
    blank_training = {str(m) for m, d in catalogue.subject_objects(IT6.trainedOn) if isinstance(d, rdflib.BNode)}
    assert blank_training == set(gaps["it6:trainedOn"])
    models = set(catalogue.subjects(RDF.type, IT6.MachineLearningModel))
    assert len(models) == len(gaps["it6:hasFile it6:url"])  # every model: no source gives a download URL
    for m in models:  # every mandatory property present, each placeholder a blank node or "unknown"@en
        assert list(catalogue.objects(m, IT6.hasFile)) and list(catalogue.objects(m, IT6.trainedOn))
        assert len(list(catalogue.objects(m, DCAT.version))) == 1
    datasets = set(catalogue.objects(None, DCAT.dataset))
    assert {str(d) for d in datasets} == set(gaps["it6:collectionDate"]) == unknown[str(IT6.collectionDate)]


def test_blank_placeholders_say_they_are_not_stated(catalogue):
    zephyr_files = list(catalogue.objects(M.zephyr, IT6.hasFile))
    [url] = [catalogue.value(f, IT6.url) for f in zephyr_files]
    assert isinstance(url, rdflib.BNode) and "not stated" in str(catalogue.value(url, rdflib.RDFS.comment))
    [data] = catalogue.objects(M["gpt-4"], IT6.trainedOn)
    assert isinstance(data, rdflib.BNode) and "not stated" in str(catalogue.value(data, DCTERMS.description))
    assert (data, IT6.collectionDate, UNKNOWN) in catalogue


def test_a_stated_weights_format_becomes_a_file_of_that_format(catalogue):
    formats = {catalogue.value(f, DCTERMS["format"]) for f in catalogue.objects(M["openllama-7b"], IT6.hasFile)}
    formats |= {catalogue.value(f, DCTERMS["format"]) for f in catalogue.objects(M.openllama, IT6.hasFile)}
    assert rdflib.URIRef("https://w3id.org/llmkg/vocab/format-pytorch") in formats


def test_the_record_names_the_placeholders(catalogue):
    record = rdflib.URIRef(BASE + "catalog/record/model/zephyr")
    note = str(catalogue.value(record, DCTERMS.description))
    assert "dcat:version, dct:created, it6:hasFile" in note and "it6:trainedOn" not in note  # zephyr's data is stated


def test_dcat_export_meets_the_dcat_shapes_but_for_mldcat_aps_collection_date(real_kg, options, shapes):
    data = exported(real_kg, options, "dcat")
    found = results(data, shapes)
    datasets = len(list(data.objects(None, DCAT.dataset)))
    assert found == Counter({(SH.Violation, SH.MinCountConstraintComponent, IT6.collectionDate): datasets})
    assert len(list(data.subjects(RDF.type, DCAT.CatalogRecord))) == len(list(data.objects(None, DCAT.record)))


def test_models_carry_lineage_training_data_policies_and_provenance(real_kg, options):
    g = exported(real_kg, options, "mldcat-ap")
    assert (M.zephyr, RDF.type, IT6.MachineLearningModel) in g
    assert (M.zephyr, IT6.fineTunedFrom, M["mistral-7b"]) in g
    assert {D.ultrachat, D.ultrafeedback} <= set(g.objects(M.zephyr, IT6.trainedOn))
    # alpaca: the sources name two bases; it6:fineTunedFrom allows one, so both stay as prov:wasDerivedFrom
    assert not list(g.objects(M.alpaca, IT6.fineTunedFrom))
    assert {M.llama, M["llama-2"]} <= set(g.objects(M.alpaca, PROV.wasDerivedFrom))
    policy = rdflib.URIRef(BASE + "policy/llama-2-community-license")
    assert (M["llama-2"], ODRL.hasPolicy, policy) in g
    assert list(g.objects(policy, ODRL.prohibition)) and (policy, RDF.type, ODRL.Policy) in g
    record = rdflib.URIRef(BASE + "catalog/record/model/zephyr")
    assert (record, rdflib.FOAF.primaryTopic, M.zephyr) in g
    assert (record, PROV.wasDerivedFrom, rdflib.URIRef(BASE + "source/how-open-is-generative-ai-part-2")) in g


def test_rdf_exports_can_be_asked_for_in_another_rdf_syntax(real_kg):
    from llmkg import formats
    from llmkg.exchange.exporters import Options

    out = export(real_kg, "dcat", "model/zephyr", Options(rdf_format=formats.by_name("ntriples")))
    assert out.media_type == "application/n-triples" and out.filename.endswith(".nt")
    assert len(rdflib.Graph().parse(data=out.content, format="nt")) > 10
