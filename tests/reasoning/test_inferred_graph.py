"""Inferred classes: materialised by `llmkg build` in their own named graph, graph/llmkg-inferred, by
HermiT (OWL classification) and by the closed-world SPARQL rules of queries/rules/; the rules
agree with the Python reasoning they mirror."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from reasoning_helpers import FIXTURES, REPO, iri

from llmkg.build import read_files
from llmkg.config import Settings
from llmkg.parse import parse_file
from llmkg.reasoning import inference
from llmkg.reasoning.fetch import rows, short
from llmkg.reasoning.frameworks import assess
from llmkg.reasoning.judgements import commercial_use
from llmkg.reasoning.terms import effective_terms
from llmkg.store import EmbeddedStore

INFERRED = iri("graph/llmkg-inferred")
LLMKG = "https://w3id.org/llmkg/ontology#"


def classes(kg, graph: str = INFERRED) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for r in rows(kg, f"SELECT ?m ?c WHERE {{ GRAPH <{graph}> {{ ?m a ?c }} }}"):
        found.setdefault(r["m"], set()).add(r["c"].removeprefix(LLMKG))
    return found


def test_the_inferred_graph_is_its_own_described_graph_of_class_memberships(real_kg, built_store):
    assert inference.graph_iri(built_store) == INFERRED
    predicates = {r["p"] for r in rows(real_kg, f"SELECT DISTINCT ?p WHERE {{ GRAPH <{INFERRED}> {{ ?s ?p ?o }} }}")}
    assert predicates == {"http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                          "http://www.w3.org/2000/01/rdf-schema#label", "http://purl.org/dc/terms/description"}
    [d] = rows(real_kg, f"SELECT ?d WHERE {{ GRAPH <{INFERRED}> {{ <{INFERRED}> dct:description ?d }} }}")
    assert "not statements of any source" in d["d"]


def test_queries_run_with_or_without_inference(real_kg):
    with_inference = "ASK { <https://w3id.org/llmkg/model/alpaca> a llmkg:NonCommercialModel }"
    without = f"""ASK {{ GRAPH ?g {{ <https://w3id.org/llmkg/model/alpaca> a llmkg:NonCommercialModel }}
                        FILTER(?g != <{INFERRED}>) }}"""
    prefixes = "PREFIX llmkg: <https://w3id.org/llmkg/ontology#>\n"
    assert bool(real_kg.query(prefixes + with_inference)) is True
    assert bool(real_kg.query(prefixes + without)) is False


def test_document_models_get_the_classes_the_issue_names(real_kg):
    found = classes(real_kg)
    assert {"NonCommercialModel", "ModelWithInheritedRestrictions", "TrainedOnProprietaryOutputsModel",
            "OpenWeightsNotOpenSourceModel"} <= found[iri("model/alpaca")]
    assert "NonCommercialModel" in found[iri("model/amberchat")]  # through its data (stated limit)
    assert "NonCommercialModel" not in found.get(iri("model/dolly-v2"), set())
    assert "OpenWeightsNotOpenSourceModel" in found[iri("model/llama-2")]
    # HermiT: Code LLaMA (a family fine-tuned from LLaMA-2) is a DerivedModel ≡ ModelResource ⊓ ∃derivedFromModel;
    # Alpaca, an InstructModel, is a FineTunedModel (subclass closure)
    assert "DerivedModel" in found[iri("model/code-llama")]
    assert {"FineTunedModel", "DerivedModel", "Model"} <= found[iri("model/alpaca")]


def test_hermit_classifies_by_the_ontologys_defined_classes(syn_kg):
    found = classes(syn_kg)
    # syn-chain-1 is typed only llmkg:Model and is fine-tuned from a model: FineTunedModel ≡ Model ⊓ ∃fineTunedFrom
    assert {"FineTunedModel", "DerivedModel"} <= found[iri("model/syn-chain-1")]
    # quantized, not fine-tuned: derived (quantizedFrom ⊑ derivedFromModel) but not fine-tuned
    assert "DerivedModel" in found[iri("model/syn-chain-3")]
    assert "FineTunedModel" not in found[iri("model/syn-chain-3")]
    assert "DerivedModel" in found[iri("model/syn-merge")]
    assert "DerivedModel" not in found.get(iri("model/syn-orphan"), set())


def test_rules_conclude_the_closed_world_classes_of_the_synthetic_lineages(syn_kg):
    found = classes(syn_kg)
    non_commercial = {short(m).removeprefix("model/") for m, cs in found.items() if "NonCommercialModel" in cs}
    assert non_commercial == {f"syn-chain-{n}" for n in range(13)} | {"syn-relabelled", "syn-scored",
                                                                        "syn-scored-child"}
    assert "UnlicensedModel" in found[iri("model/syn-orphan")]
    assert "UnlicensedModel" not in found[iri("model/syn-chain-0")]
    trained = {short(m) for m, cs in found.items() if "TrainedOnProprietaryOutputsModel" in cs}
    assert trained == {"model/syn-distilled", "model/syn-distilled-2"}


def rules_agree_with_python(kg, settings: Settings, models: list[str]) -> list[tuple[str, str, bool]]:
    found, disagreements = classes(kg), []
    for m in models:
        t = effective_terms(kg, m)
        python = {"NonCommercialModel": commercial_use(t).verdict == "prohibited",
                  "ModelWithInheritedRestrictions": bool(t.inherited_restrictions),
                  "UnlicensedModel": not t.declared_licenses}
        disagreements += [(short(m), cls, py) for cls, py in python.items() if (cls in found.get(m, set())) != py]
    return disagreements


def all_models(kg) -> list[str]:
    return [r["m"] for r in rows(kg, "SELECT DISTINCT ?m WHERE { ?m a ?c . ?c rdfs:subClassOf* llmkg:ModelResource }")]


def test_rules_agree_with_the_python_walk_on_the_synthetic_lineages(syn_kg, synthetic):
    assert rules_agree_with_python(syn_kg, synthetic, all_models(syn_kg)) == []


@pytest.mark.slow
def test_rules_agree_with_the_python_walk_on_every_model_of_the_documents(real_kg, built_store):
    assert rules_agree_with_python(real_kg, built_store, all_models(real_kg)) == []
    # and every model the rule calls open-weights-but-not-open-source fails the OSI parameters requirement
    for m, cs in classes(real_kg).items():
        if "OpenWeightsNotOpenSourceModel" in cs:
            osaid = assess(real_kg, effective_terms(real_kg, m)).verdicts["OSAID"]
            assert {r.label: r.status for r in osaid.components}["Parameters"] == "not met", short(m)


def test_materialising_twice_gives_the_same_graph(tmp_path):
    settings = Settings(root=REPO, store_path=tmp_path / "store")
    onto, _data, _n = read_files(settings, lambda _m: None)
    kg = EmbeddedStore.in_memory()
    kg.store.bulk_extend(onto + parse_file(FIXTURES / "lineages.trig", settings))
    first = inference.materialize(kg, settings)
    snapshot = sorted(map(str, kg.store.quads_for_pattern(None, None, None, ox.NamedNode(INFERRED))))
    second = inference.materialize(kg, settings)
    assert first.triples == second.triples > 0 and not first.warnings
    assert sorted(map(str, kg.store.quads_for_pattern(None, None, None, ox.NamedNode(INFERRED)))) == snapshot
    assert first.owl_triples > 0 and first.rules["non-commercial-model"] == 16

