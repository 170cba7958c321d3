"""The MLDCAT-AP importer on the two real MLDCAT-AP examples.

Expectations typed by hand from ../shared/peer-formats/mldcat-ap/example-machinelearningmodel-hf-*.ttl.
"""

from __future__ import annotations

from import_helpers import PEERS
from import_quads import BASE, SPDX, objects, typed

from llmkg.exchange.importers import Context, import_file

MLDCAT = PEERS / "mldcat-ap"
LL = "https://w3id.org/llmkg/ontology#"
DCT = "http://purl.org/dc/terms/"


def run(name: str, crosswalk):
    return import_file("mldcat-ap", (MLDCAT / name).read_bytes(), name, Context(crosswalk=crosswalk))


def test_bloomz(peers, crosswalk):
    r = run("example-machinelearningmodel-hf-bloom.ttl", crosswalk)
    assert r.ok and r.records == ["bigscience/bloomz-7b1"]
    m = BASE + "model/bloomz-7b1"
    assert objects(r, m, DCT + "identifier") == {"bigscience/bloomz-7b1"}
    # written <https://huggingface.co/spaces/bigscience/license>
    assert objects(r, m, DCT + "license") == {SPDX + "BigScience-BLOOM-RAIL-1.0"}
    assert objects(r, m, "http://www.w3.org/ns/dcat#version") == {"1.0.0"}
    assert objects(r, m, DCT + "created") == {"2024-02-22"}
    datasets = objects(r, m, LL + "trainedOn")
    titles = {next(iter(objects(r, d, "http://www.w3.org/2000/01/rdf-schema#label"))) for d in datasets}
    assert titles == {"xP3", "xP3all"}
    assert objects(r, BASE + "artifact/bloomz-7b1-weights", LL + "weightsFormat") == {
        "https://w3id.org/llmkg/vocab/format-safetensors", "https://w3id.org/llmkg/vocab/format-pytorch"}
    [paper] = objects(r, m, LL + "hasPaper")
    assert objects(r, paper, "http://www.w3.org/2000/01/rdf-schema#label") == {
        "Crosslingual Generalization through Multitask Finetuning"}
    assert any(p.field == "dct:created" and "time of day" in p.message for p in r.problems)


def test_apertus_and_its_relative_iri(peers, crosswalk):
    r = run("example-machinelearningmodel-hf-apertus.ttl", crosswalk)
    assert r.ok
    m = BASE + "model/apertus-70b-2509"
    assert objects(r, m, DCT + "license") == {SPDX + "Apache-2.0"}  # <https://www.apache.org/licenses/LICENSE-2.0>
    assert objects(r, m, LL + "parameterCount") == {"70000000000"}
    assert objects(r, m, DCT + "issued") == {"2025-09-02"}
    assert objects(r, m, "http://www.w3.org/ns/dcat#version") == {"Apertus 1"}
    assert len(objects(r, m, LL + "trainedOn")) == 13
    [org] = objects(r, m, LL + "developedBy")
    assert objects(r, org, "http://www.w3.org/2000/01/rdf-schema#label") == {"Swiss National AI Institute (SNAI)"}
    assert any("<LicenseDocument>" in p.message for p in r.problems)  # the real-world defect, reported
    assert not any("LicenseDocument" in q.object.value and "purl.org" not in q.object.value for q in r.quads)
    assert len(typed(r, LL + "Dataset")) == 13
