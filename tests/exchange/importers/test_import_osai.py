"""The European Open Source AI Index importer on the three real OSAI records.

Expectations typed by hand from ../shared/peer-formats/osai-index/*.yaml.
"""

from __future__ import annotations

from import_helpers import PEERS
from import_quads import BASE, SPDX, objects, typed

from llmkg.exchange.importers import Context, import_file

OSAI = PEERS / "osai-index"
LL = "https://w3id.org/llmkg/ontology#"
VOC = "https://w3id.org/llmkg/vocab/"


def run(name: str, crosswalk):
    return import_file("osai", (OSAI / name).read_bytes(), name, Context(crosswalk=crosswalk))


def levels(r) -> dict[str, tuple[str, str]]:
    """component concept -> (level text, assessed model)."""
    out = {}
    for a in typed(r, LL + "OpennessAssessment"):
        [comp] = objects(r, a, LL + "component")
        [level] = objects(r, a, LL + "levelText")
        [model] = objects(r, a, LL + "assessedModel")
        out[comp.removeprefix(VOC)] = (level, model.removeprefix(BASE))
    return out


def test_salamandra_dimensions(peers, crosswalk):
    r = run("Salamandra.yaml", crosswalk)
    assert r.ok and r.records == ["Salamandra"]
    # base: the interview's "Salamandra 7b"; the end model's slug is taken by the interview's "first instructed
    # version of Salamandra 7b", a name that is not "Salamandra-7B-Instruct": not merged, a new IRI, reported
    end, base = "model/salamandra-7b-instruct-2", "model/salamandra-7b"
    assert any(p.field == "system.endmodelname" and "not merged" in p.message for p in r.problems)
    assert levels(r) == {
        "osai-base-model-data": ("partial", base),
        "osai-end-user-model-data": ("partial", end),
        "osai-base-model-weights": ("open", base),
        "osai-end-user-model-weights": ("open", end),
        "osai-training-code": ("closed", end),
        "osai-code-documentation": ("closed", end),
        "osai-hardware-architecture": ("open", end),
        "osai-preprint": ("open", end),
        "osai-paper": ("closed", end),
        "osai-model-card": ("open", end),
        "osai-datasheet": ("open", end),
        "osai-licenses": ("partial", end),
    }
    assert objects(r, BASE + end, "http://purl.org/dc/terms/license") == {SPDX + "Apache-2.0"}
    assert objects(r, BASE + end, LL + "derivedFromModel") == {BASE + base}
    assert objects(r, BASE + end, LL + "developedBy") == {BASE + "org/bsc"}
    weights = BASE + "assessment/import/osai/salamandra/weights-basemodel"
    assert objects(r, weights, "http://www.w3.org/2000/01/rdf-schema#seeAlso") == {
        "https://huggingface.co/BSC-LT/salamandra-7b"}
    assert objects(r, weights, "http://purl.org/dc/terms/source") == {BASE + "source/import/osai/salamandra"}


def test_alpaca_crosswalk_license_and_evidence_links(peers, crosswalk):
    r = run("alpaca.yaml", crosswalk)
    end = BASE + "model/alpaca-7b"  # "Alpaca-7B" is document 003's "Alpaca 7B"
    assert objects(r, end, LL + "derivedFromModel") == {BASE + "model/llama-7b"}  # "Llama-7B" = "LLaMA 7B"
    assert objects(r, end, "http://purl.org/dc/terms/license") == {BASE + "license/llama-license"}
    assert objects(r, end, "http://purl.org/dc/terms/issued") == {"2023-03"}
    assert objects(r, end, "http://www.w3.org/2004/02/skos/core#altLabel") == {"Stanford Alpaca"}
    licenses = BASE + "assessment/import/osai/alpaca/licenses"
    assert objects(r, licenses, "http://www.w3.org/2000/01/rdf-schema#seeAlso") == {
        "https://docs.google.com/forms/d/e/1FAIpQLSfqNECQnMkycAp2jP4Z9TFX0cGR4uf7b_fBxjY_OjhJILlKGA/viewform",
        "https://github.com/tatsu-lab/stanford_alpaca",
        "https://github.com/tatsu-lab/stanford_alpaca#data-release",
    }
    assert objects(r, licenses, LL + "rationale") == {
        "Weights: LLaMA license agreement. Code: CC-BY-NC-4.0. Data: CC-BY-NC-4.0 for end model, base model "
        "data not disclosed."}


def test_pharia_license_and_unmapped_fields(peers, crosswalk):
    r = run("pharia.yaml", crosswalk)
    end = BASE + "model/pharia-1-llm-7b-control"
    assert objects(r, end, "http://purl.org/dc/terms/license") == {BASE + "license/open-aleph-license-1-0"}
    assert len(levels(r)) == 12
    assert {(p.field, p.line) for p in r.problems} == {("system.type", 19), ("system.performanceclass", 20)}
