"""The Hugging Face model-card importer on cards written for these tests (tests/exchange/fixtures/hf-card/)."""

from __future__ import annotations

from import_helpers import FIXTURES
from import_quads import BASE, SPDX, objects

from llmkg.exchange.importers import Context, import_file

HF = FIXTURES / "hf-card"
LL = "https://w3id.org/llmkg/ontology#"


def run(path, crosswalk, name=None):
    return import_file("hf-card", path.read_bytes(), name or str(path), Context(crosswalk=crosswalk))


def test_card_named_owner_repo(crosswalk):
    r = run(HF / "tiiuae--falcon-40b.md", crosswalk)
    assert r.ok and r.records == ["tiiuae/falcon-40b"]
    m = BASE + "model/falcon-40b"  # crosswalk by name: documents' "Falcon 40B"
    assert objects(r, m, "http://purl.org/dc/terms/identifier") == {"tiiuae/falcon-40b"}
    assert objects(r, m, "http://purl.org/dc/terms/license") == {SPDX + "Apache-2.0"}
    assert objects(r, m, "http://purl.org/dc/terms/language") == {"en", "de", "es", "fr"}
    [ds] = objects(r, m, LL + "trainedOn")
    assert objects(r, ds, "http://purl.org/dc/terms/identifier") == {"tiiuae/falcon-refinedweb"}
    [p] = r.problems
    assert p.field == "inference" and p.line == 10


def test_card_in_owner_repo_folder_links_its_base_model_by_identifier(crosswalk):
    falcon = run(HF / "tiiuae--falcon-40b.md", crosswalk)  # registers tiiuae/falcon-40b in the crosswalk
    assert falcon.ok
    r = run(HF / "acme" / "tiny-chat" / "README.md", crosswalk)
    m = BASE + "model/tiny-chat"
    assert r.ok and r.records == ["acme/tiny-chat"]
    assert objects(r, m, LL + "fineTunedFrom") == {BASE + "model/falcon-40b"}
    assert objects(r, m, "http://purl.org/dc/terms/license") == {BASE + "license/falcon-180b-tii-license"}
    assert objects(r, m, "http://purl.org/dc/terms/language") == {"en"}
    assert {(p.field, p.line) for p in r.problems} >= {("language[1]", 7)}
    assert any("pipeline_tag" in p.message for p in r.problems)
