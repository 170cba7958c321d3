"""Openness under several frameworks from one fact base: document 002's scores as stated, the Model
Openness Framework's classes, the European Open Source AI Index and the OSI Open Source AI
Definition computed from the facts, the facts each verdict still needs, where the frameworks
disagree, and where a source calls a model open source that the facts say is not."""

from __future__ import annotations

from reasoning_helpers import STATE_DOC

from llmkg.reasoning.frameworks import MOF, OSAI, _closure, load_frameworks
from llmkg.reasoning.text import side_by_side

VOC = "https://w3id.org/llmkg/vocab/"


def test_the_frameworks_are_read_from_ontology_frameworks_ttl(real_kg):
    fw = load_frameworks(real_kg)
    classes = {c.notation: c for c in fw.values() if c.scheme == MOF}
    assert set(classes) == {"I", "II", "III"}
    # MOF classes are cumulative: Class I needs everything Class II and Class III need
    assert set(_closure(fw, classes["III"])) < set(_closure(fw, classes["II"])) < set(_closure(fw, classes["I"]))
    assert VOC + "mof-model-parameters-final" in _closure(fw, classes["I"])
    assert sorted(int(c.notation) for c in fw.values() if c.scheme == OSAI and c.notation) == list(range(1, 15))
    assert set(fw[VOC + "osaid-open-source-ai"].requires) == {
        VOC + "osaid-data-information", VOC + "osaid-code", VOC + "osaid-parameters"}


def test_document_002s_scores_for_alpaca_are_reported_as_stated(explained):
    # 002, summary table row: "Alpaca 3 - Open with limitations | 1 - Published research only |
    # 2 - Research use only | Not applicable | 4 - Under Apache 2 license"
    rows = {r["name"]: r for r in side_by_side(explained("alpaca"))}
    assert ("3", "Open with limitations") in {(s, lvl) for s, lvl, _g in rows["weights"]["stated"]}
    assert ("1", "Published research only") in {(s, lvl) for s, lvl, _g in rows["pre-training data"]["stated"]}
    assert ("2", "Research use only") in {(s, lvl) for s, lvl, _g in rows["fine-tuning data"]["stated"]}
    assert ("4", "Under Apache 2 license") in {(s, lvl) for s, lvl, _g in rows["data-processing code"]["stated"]}


def test_alpacas_weights_are_open_for_002_and_not_for_the_computed_frameworks(explained):
    o = explained("alpaca").openness
    assert (VOC + "component-weights", ["002"], ["MOF", "OSAI", "OSAID"]) in o.disagreements
    assert o.verdicts["OSAID"].verdict == "not met"
    parameters = {r.label: r for r in o.verdicts["OSAID"].components}["Parameters"]
    assert parameters.status == "not met"
    assert "LLaMA license" in " ".join(parameters.evidence.reasons)
    assert o.verdicts["MOF"].verdict == "below Class III"
    assert o.verdicts["MOF"].levels["Class III - Open Model"] == "not met"


def test_a_verdict_that_facts_cannot_decide_names_the_missing_facts(explained):
    # Dolly 2's own weights are MIT-licensed, but no document states the license of GPT-J, which its
    # weights derive from: OSI's parameters requirement waits for that fact
    o = explained("dolly-v2").openness
    assert o.verdicts["OSAID"].verdict == "unknown"
    assert "a license of GPT-J" in o.verdicts["OSAID"].missing
    code_llama = explained("code-llama").openness.verdicts["MOF"]
    assert code_llama.verdict == "unknown"
    assert any("whether the weights of Code LLaMA are published" in m for m in code_llama.missing)
    assert "Model card" in code_llama.unrecorded  # a component llmkg has no facts for at all


def test_a_model_called_open_source_that_fails_the_osi_definition_is_flagged(explained):
    # 003 lists LLaMA-2 among open-source models; 004 says it "is (NOT) Open Source"; the facts
    # (a custom license that the reference graph records as not OSI-approved) side with 004
    e = explained("llama-2")
    [flag] = [f for f in e.flags if f.kind == "called-open-source"]
    assert STATE_DOC in flag.graphs
    assert "Parameters" in flag.message and "LLaMA-2" in flag.message
    assert e.openness.verdicts["OSAID"].verdict == "not met"


def test_a_model_open_under_the_computed_frameworks_is_not_flagged(explained):
    e = explained("dolly-v2")  # 002 calls Dolly 2 open source; OSI's verdict is unknown, not failed
    assert "called-open-source" not in {f.kind for f in e.flags}
