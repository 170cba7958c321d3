"""The Model Openness Tool importer on the three real MOT records.

Expectations typed by hand from ../shared/peer-formats/model-openness-tool/*.yml.
"""

from __future__ import annotations

import pytest
from import_helpers import PEERS
from import_quads import BASE, SPDX, licenses_by_label, objects

from llmkg.exchange.importers import Context, import_file

MOT = PEERS / "model-openness-tool"
UNLICENSED = set()


def run(name: str, crosswalk) -> object:
    return import_file("mot", (MOT / name).read_bytes(), name, Context(crosswalk=crosswalk))


def test_falcon_40b_component_licenses(peers, crosswalk):
    r = run("Falcon-40B.yml", crosswalk)
    assert r.ok and r.records == ["Falcon-40B"]
    assert r.graph == BASE + "graph/import/mot/falcon-40b"
    assert licenses_by_label(r) == {
        "Falcon-40B: Model architecture": {"Apache-2.0"},  # written 'Apache 2.0'
        "Falcon-40B: Inference code": {"Apache-2.0"},
        "Falcon-40B: Supporting libraries and tools": UNLICENSED,  # 'unlicensed'
        "Falcon-40B: Model parameters (Final)": UNLICENSED,
        "Falcon-40B: Datasets": UNLICENSED,
        "Falcon-40B: Model card": UNLICENSED,
        "Falcon-40B: Data card": UNLICENSED,
        "Falcon-40B: Research paper": UNLICENSED,
    }
    model = BASE + "model/falcon-40b"  # crosswalk: "Falcon-40B" is documents 002/003's "Falcon 40B"
    assert objects(r, model, "http://purl.org/dc/terms/license") == set()  # release.license: {  }
    assert objects(r, model, "http://purl.org/dc/terms/identifier") == {"tiiuae/falcon-40b"}
    assert objects(r, model, "http://purl.org/dc/terms/issued") == {"2024-11-15"}
    assert objects(r, model, "https://w3id.org/llmkg/ontology#developedBy") == {BASE + "org/tii", BASE + "org/lighton"}


def test_falcon_40b_problems_name_field_and_line(peers, crosswalk):
    r = run("Falcon-40B.yml", crosswalk)
    unlicensed = [p for p in r.problems if "'unlicensed'" in p.message]
    assert [p.line for p in unlicensed] == [28, 32, 36, 40, 44, 48]
    assert unlicensed[0].field == "release.components[2].license" and unlicensed[0].record == "Falcon-40B"
    origin = next(p for p in r.problems if p.field == "release.origin")
    assert origin.line == 12 and "GPT-3, some differences" in origin.message
    assert len(r.problems) == 7 and not r.errors


def test_amber_components_inherit_the_distribution_license(peers, crosswalk):
    r = run("Amber.yml", crosswalk)
    got = licenses_by_label(r)
    assert len(got) == 16
    assert got.pop("Amber: Datasets") == {"MIT"}  # its own license
    assert all(ids == {"Apache-2.0"} for ids in got.values()), got  # release.license.distribution
    assert objects(r, BASE + "model/amber", "http://purl.org/dc/terms/license") == {SPDX + "Apache-2.0"}
    assert objects(r, BASE + "model/amber", "https://w3id.org/llmkg/ontology#developedBy") == {BASE + "org/llm360"}
    [p] = r.problems
    assert (p.field, p.line) == ("release.components[14].component_path", 67) and "'arxiv license'" in p.message


def test_bloom_licenses_and_paper(peers, crosswalk):
    r = run("BLOOM.yml", crosswalk)
    got = licenses_by_label(r)
    assert len(got) == 13 and not r.problems
    assert got.pop("BLOOM: Technical report") == {"CC-BY-4.0"}
    assert got.pop("BLOOM: Research paper") == {"CC-BY-4.0"}
    assert all(ids == {"BigScience-BLOOM-RAIL-1.0"} for ids in got.values()), got
    assert objects(r, BASE + "model/bloom", "http://purl.org/dc/terms/license") == {SPDX + "BigScience-BLOOM-RAIL-1.0"}
    paper = BASE + "artifact/bloom-research-paper"
    assert objects(r, paper, "http://www.w3.org/ns/dcat#landingPage") == {"https://arxiv.org/abs/2211.05100"}


@pytest.mark.parametrize("name", ["Falcon-40B.yml", "Amber.yml", "BLOOM.yml"])
def test_record_source_is_attributed(peers, crosswalk, name):
    r = run(name, crosswalk)
    source = BASE + f"source/import/mot/{r.slug}"
    assert objects(r, r.graph, "https://w3id.org/llmkg/ontology#recordsSource") == {source}
    assert objects(r, source, "http://purl.org/dc/terms/source") == {
        f"https://github.com/lfai/model_openness_tool/blob/8b5d30e/models/{name}"}
    assert objects(r, source, "http://purl.org/dc/terms/license") == {SPDX + "MIT"}
    assert {q.graph_name.value for q in r.quads} == {r.graph}  # one named graph per file
