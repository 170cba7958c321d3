"""The os-ai-map importer (a bonus format) on the two real os-ai-map records."""

from __future__ import annotations

from import_helpers import PEERS
from import_quads import BASE, objects

from llmkg.exchange.importers import Context, import_file

MAP = PEERS / "os-ai-map"
LL = "https://w3id.org/llmkg/ontology#"


def test_product_and_scores_meet_on_one_family(peers, crosswalk):
    ctx = Context(crosswalk=crosswalk)
    product = import_file("os-ai-map", (MAP / "products-llama-3-1.yaml").read_bytes(), "products-llama-3-1.yaml", ctx)
    scores = import_file("os-ai-map", (MAP / "scores-llama-3-1.yaml").read_bytes(), "scores-llama-3-1.yaml", ctx)
    assert product.ok and scores.ok
    family = BASE + "model/llama-3-1"
    members = {q.subject.value for q in product.quads if q.predicate.value == LL + "memberOfFamily"}
    assert {next(iter(objects(product, m, "http://purl.org/dc/terms/identifier"))) for m in members} == {
        "meta-llama/Llama-3.1-405B", "meta-llama/Llama-3.1-70B", "meta-llama/Llama-3.1-8B"}
    a = BASE + "assessment/import/os-ai-map/scores-llama-3-1/openness"
    assert objects(scores, a, LL + "assessedModel") == {family}
    assert objects(scores, a, LL + "score") == {"2"}
    assert objects(scores, a, LL + "levelText") == {"restricted"}
    assert objects(scores, a, "http://www.w3.org/2000/01/rdf-schema#seeAlso") == {
        "https://huggingface.co/meta-llama/Llama-3.1-8B",
        "https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE"}
    assert {p.field for p in scores.problems} >= {"adoption", "capability"}
