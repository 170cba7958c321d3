"""Spot checks of data/ against the source documents in ../shared/seeds/, each fact in its
document's named graph.

The expected values were read off the documents by hand (quoted in the comments); they are not
taken from the data. Each check asks its graph (GRAPH <graph/slug>), so a fact that is right but
filed under the wrong document fails too, and a few checks assert that a document's graph does not
claim what only another document says.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox
import pytest

from llmkg.config import Settings
from llmkg.parse import parse_file

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
BASE = "https://w3id.org/llmkg/"
PREFIXES = f"""
PREFIX llmkg: <https://w3id.org/llmkg/ontology#>
PREFIX voc:   <https://w3id.org/llmkg/vocab/>
PREFIX rdfs:  <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dct:   <http://purl.org/dc/terms/>
PREFIX odrl:  <http://www.w3.org/ns/odrl/2/>
PREFIX xsd:   <http://www.w3.org/2001/XMLSchema#>
PREFIX model: <{BASE}model/>
PREFIX graph: <{BASE}graph/>
PREFIX license: <{BASE}license/>
PREFIX spdx:  <http://spdx.org/licenses/>
"""
PHARIA, ALIA, OPENNESS, STATE, LLAMA2 = (
    "pharia-1-llm-closer-look", "alia-salamandra-interview", "how-open-is-generative-ai-part-2",
    "state-of-open-source-ai-models", "llama-2-license-not-open-source",
)
SEED = {PHARIA: "000_993edb228778fbdc.txt", ALIA: "001_e00c7e756a690f01.txt", OPENNESS: "002_043e07fd95ad8cd9.txt",
        STATE: "003_ff6cabfa299d76b6.txt", LLAMA2: "004_c952e84b2e05b223.txt"}


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    settings = Settings(root=ROOT)
    for f in sorted((ROOT / "data").rglob("*.trig")):
        s.extend(parse_file(f, settings))
    return s


def rows(store: ox.Store, sparql: str) -> list[tuple[str, ...]]:
    result = store.query(PREFIXES + sparql)
    names = [v.value for v in result.variables]
    return [tuple(_short(row[n]) for n in names) for row in result]


def values(store: ox.Store, sparql: str) -> set[str]:
    return {r[0] for r in rows(store, sparql)}


def objects(store: ox.Store, slug: str, subject: str, prop: str) -> set[str]:
    """What graph `slug` says `subject` (a prefixed name) has as `prop`."""
    return values(store, f"SELECT ?o WHERE {{ GRAPH graph:{slug} {{ {subject} {prop} ?o }} }}")


def ask(store: ox.Store, sparql: str) -> bool:
    return bool(store.query(PREFIXES + sparql))


def _short(term: ox.NamedNode | ox.Literal | None) -> str:
    if term is None:
        return ""
    for namespace in ("https://w3id.org/llmkg/vocab/", "https://w3id.org/llmkg/ontology#", BASE):
        if term.value.startswith(namespace):
            return term.value.removeprefix(namespace)
    return term.value


# ------------------------------------------------------------------------------- the documents


@pytest.mark.parametrize("slug", sorted(SEED))
def test_each_graph_records_its_document_and_the_hash_of_its_copy(store, slug):
    """The graph describes itself and its document; the hash is that of the seed file."""
    if not (SEEDS / SEED[slug]).is_file():
        pytest.skip(f"the seed documents are not beside the project ({SEEDS})")
    sha = hashlib.sha256((SEEDS / SEED[slug]).read_bytes()).hexdigest()
    assert rows(store, f"""SELECT ?doc ?copy ?sha WHERE {{ GRAPH graph:{slug} {{
        graph:{slug} a llmkg:GraphRecord ; llmkg:recordsSource ?doc .
        ?doc a llmkg:SourceDocument ; llmkg:localCopy ?copy ; llmkg:sha256 ?sha }} }}""") == [
        (f"source/{slug}", SEED[slug], sha)]


# ------------------------------------------------------------------------------- 000: Pharia-1-LLM


def test_pharia_is_a_family_of_two_7b_foundation_models(store):
    # "a new language model series with two 7B foundation models ... two variants:
    #  Pharia-1-LLM-7B-control and Pharia-1-LLM-7B-control-aligned"
    assert rows(store, f"""SELECT ?m ?label ?params WHERE {{ GRAPH graph:{PHARIA} {{
        model:pharia-1-llm a llmkg:ModelFamily ; llmkg:developedBy <{BASE}org/aleph-alpha> .
        ?m llmkg:memberOfFamily model:pharia-1-llm ; a llmkg:FoundationModel ; rdfs:label ?label ;
           llmkg:parameterCount ?params }} }} ORDER BY ?m""") == [
        ("model/pharia-1-llm-7b-control", "Pharia-1-LLM-7B-control", "7000000000"),
        ("model/pharia-1-llm-7b-control-aligned", "Pharia-1-LLM-7B-control-aligned", "7000000000"),
    ]


def test_pharia_models_know_seven_languages_and_are_optimized_for_four(store):
    # "trained on 7 languages and optimized for English, German, French, and Spanish"
    for variant in ("pharia-1-llm-7b-control", "pharia-1-llm-7b-control-aligned"):
        assert objects(store, PHARIA, f"model:{variant}", "llmkg:naturalLanguageCount") == {"7"}
        assert objects(store, PHARIA, f"model:{variant}", "llmkg:optimizedForLanguage") == {"en", "de", "fr", "es"}


def test_pharia_has_an_8k_context_window(store):
    # "Limited context window (8k)": 8k as written, 8000 tokens
    assert objects(store, PHARIA, "model:pharia-1-llm", "llmkg:contextLength") == {"8000"}


def test_pharia_license_excludes_commercial_use(store):
    # "The permitted use of the released weights and infrastructure explicitly excludes commercial applications."
    assert rows(store, f"""SELECT ?license ?category ?action ?kind WHERE {{ GRAPH graph:{PHARIA} {{
        model:pharia-1-llm dct:license ?license ; llmkg:commercialUseAllowed false ; llmkg:calledOpenSource false .
        ?license llmkg:licenseCategory ?category ; odrl:hasPolicy/odrl:prohibition ?term .
        ?term odrl:action ?action ; llmkg:termKind ?kind }} }}""") == [
        ("license/pharia-license", "license-non-commercial", "http://www.w3.org/ns/odrl/2/commercialize",
         "term-commercial-use-prohibited")]


def test_pharia_weights_are_published_but_not_in_safetensors(store):
    # "both the models and the training code available ... not released in the SafeTensors format"
    assert rows(store, f"""SELECT ?availability ?missing WHERE {{ GRAPH graph:{PHARIA} {{
        model:pharia-1-llm llmkg:hasWeights ?w . ?w llmkg:availability ?availability ;
        llmkg:notReleasedInFormat ?missing }} }}""") == [("available-public", "format-safetensors")]
    assert values(store, f"""SELECT ?a WHERE {{ GRAPH graph:{PHARIA} {{
        model:pharia-1-llm llmkg:hasCode ?c . ?c llmkg:codePurpose voc:code-training ; llmkg:availability ?a }} }}
        """) == {"available-public"}


# ------------------------------------------------------------------------------- 001: ALIA and Salamandra


def test_alia_40b_is_a_foundation_model_on_the_llama_architecture_trained_from_scratch(store):
    # "based on the Llama architecture ... trained from scratch and with zero initial weights";
    # "ALIA-40b is a foundational model that is not instructed or aligned"
    assert rows(store, f"""SELECT ?family ?params ?arch WHERE {{ GRAPH graph:{ALIA} {{
        model:alia-40b a llmkg:FoundationModel ; llmkg:memberOfFamily ?family ; llmkg:parameterCount ?params ;
        llmkg:basedOnArchitectureOf ?arch }} }}""") == [("model/alia", "40000000000", "model/llama")]
    assert objects(store, ALIA, "model:alia-40b", "llmkg:derivedFromModel|llmkg:fineTunedFrom") == set()


def test_salamandra_2b_and_7b_are_in_the_alia_family_with_first_instructed_versions(store):
    # "Within the ALIA family we have the Salamandra models (2b and 7b) ... which already have first
    #  instructed versions"
    assert objects(store, ALIA, "model:salamandra", "a") == {"ModelFamily"}
    assert objects(store, ALIA, "model:salamandra", "llmkg:memberOfFamily") == {"model/alia"}
    assert rows(store, f"""SELECT ?m ?params WHERE {{ GRAPH graph:{ALIA} {{
        ?m llmkg:memberOfFamily model:salamandra ; llmkg:parameterCount ?params }} }} ORDER BY ?m""") == [
        ("model/salamandra-2b", "2000000000"), ("model/salamandra-7b", "7000000000")]
    assert rows(store, f"""SELECT ?instruct ?base WHERE {{ GRAPH graph:{ALIA} {{
        ?instruct a llmkg:InstructModel ; llmkg:memberOfFamily model:salamandra ; llmkg:fineTunedFrom ?base }} }}
        ORDER BY ?base""") == [
        ("model/salamandra-2b-instruct", "model/salamandra-2b"),
        ("model/salamandra-7b-instruct", "model/salamandra-7b"),
    ]


def test_alia_languages_and_its_training_on_marenostrum_5(store):
    # "35 languages of the European Union and, especially, Spanish, Catalan, Basque and Galician";
    # "some experiments in April 2024"; "512 of the 1,120 specialized nodes ... 256 nodes ... 128 nodes"
    assert objects(store, ALIA, "model:alia", "llmkg:naturalLanguageCount") == {"35"}
    assert objects(store, ALIA, "model:alia", "llmkg:optimizedForLanguage") == {"es", "ca", "eu", "gl"}
    assert values(store, f"""SELECT ?n WHERE {{ GRAPH graph:{ALIA} {{
        <{BASE}compute/marenostrum-5> llmkg:nodeCount ?n }} }}""") == {"1120"}
    assert values(store, f"""SELECT ?n WHERE {{ GRAPH graph:{ALIA} {{
        ?part dct:isPartOf <{BASE}run/alia-training> ; llmkg:nodeCount ?n }} }}""") == {"512", "256", "128"}
    assert values(store, f"""SELECT ?start WHERE {{ GRAPH graph:{ALIA} {{
        <{BASE}run/alia-training> <http://www.w3.org/ns/prov#startedAtTime> ?start }} }}""") == {"2024-04"}
    assert "org/bsc" in objects(store, ALIA, "model:alia", "llmkg:developedBy")


# ------------------------------------------------------------------------------- 004 (and 003): the LLaMA-2 license


def terms_of_llama_2_license(store: ox.Store, slug: str) -> set[tuple[str, ...]]:
    return set(rows(store, f"""SELECT ?kind ?action ?clause WHERE {{ GRAPH graph:{slug} {{
        license:llama-2-community-license odrl:hasPolicy/odrl:prohibition ?t .
        ?t llmkg:termKind ?kind ; odrl:action ?action . OPTIONAL {{ ?t llmkg:clause ?clause }} }} }}"""))


def test_document_004_states_the_acceptable_use_policy_and_the_ban_on_improving_other_llms(store):
    # "restrictions for commercial use (paragraph 2)"; "restricts the use of the model and software for
    # certain purposes (the Acceptable Use Policy)"; "$1V ... You will not use the Llama Materials or any
    # output ... to improve any other large language model (excluding Llama 2 or derivative works thereof)"
    odrl = "http://www.w3.org/ns/odrl/2/"
    assert terms_of_llama_2_license(store, LLAMA2) == {
        ("term-restriction", odrl + "commercialize", "paragraph 2"),
        ("term-acceptable-use-policy", odrl + "use", "Acceptable Use Policy"),
        ("term-no-improving-other-models", "action-improve-other-models", "1.v"),
    }
    assert ask(store, f"""ASK {{ GRAPH graph:{LLAMA2} {{ license:llama-2-community-license llmkg:osiApproved false .
        model:llama-2 dct:license license:llama-2-community-license ; llmkg:calledOpenSource false ;
        llmkg:hasWeights/llmkg:availability voc:available-public }} }}""")


def threshold(slug: str) -> str:
    return f"""ASK {{ GRAPH graph:{slug} {{ license:llama-2-community-license odrl:hasPolicy ?p .
        ?p odrl:permission|odrl:prohibition|odrl:obligation ?t . ?t odrl:constraint ?c .
        ?c odrl:leftOperand voc:monthly-active-users ; odrl:operator odrl:gt ; odrl:rightOperand 700000000 }} }}"""


def test_the_700_million_user_threshold_is_stated_by_003_not_by_004(store):
    # 003: "permitting commercial usage unless it's facing 700 million monthly active users then the entity
    # must obtain a license from Meta"; 004 names "restrictions for commercial use" without a number.
    assert ask(store, threshold(STATE))
    assert not ask(store, threshold(LLAMA2))
    assert ask(store, threshold("llmkg-reference"))  # the curators' general knowledge, in its own graph


# ------------------------------------------------------------------------------- 003: MPT, LLaMA-2, Table 5


def test_mpt_has_four_7b_variants_and_three_30b_ones(store):
    # "7B variants: MPT 7B base, MPT 7B-Instruct, MPT 7B-Chat, MPT 7B-StoryWriter-65k+;
    #  30B variants: MPT 30B base, MPT 30B-Instruct, MPT 30B-Chat"
    assert rows(store, f"""SELECT ?m ?label WHERE {{ GRAPH graph:{STATE} {{
        ?m llmkg:memberOfFamily model:mpt ; rdfs:label ?label ; llmkg:developedBy <{BASE}org/mosaicml> }} }}
        ORDER BY ?m""") == [
        ("model/mpt-30b", "MPT 30B base"), ("model/mpt-30b-chat", "MPT 30B-Chat"),
        ("model/mpt-30b-instruct", "MPT 30B-Instruct"), ("model/mpt-7b", "MPT 7B base"),
        ("model/mpt-7b-chat", "MPT 7B-Chat"), ("model/mpt-7b-instruct", "MPT 7B-Instruct"),
        ("model/mpt-7b-storywriter", "MPT 7B-StoryWriter-65k+"),
    ]
    assert ask(store, f"""ASK {{ GRAPH graph:{STATE} {{ model:mpt-7b a llmkg:FoundationModel .
        model:mpt-7b-instruct a llmkg:InstructModel . model:mpt-7b-chat a llmkg:ChatModel }} }}""")


def test_only_mpt_7b_base_storywriter_and_30b_are_under_apache_2(store):
    # "MPT 7B base, MPT 7B-StoryWriter-65k+, MPT 30B were only released under Apache-2.0 license."
    assert values(store, f"""SELECT ?m WHERE {{ GRAPH graph:{STATE} {{
        ?m llmkg:memberOfFamily model:mpt ; dct:license spdx:Apache-2.0 }} }}""") == {
        "model/mpt-7b", "model/mpt-7b-storywriter", "model/mpt-30b"}


def test_table_5_row_mpt_7b(store):
    # "| MPT 7B | 6.7 | RedPajama | Blog | 1000 | 15.5+ | Apache-2.0 | ✅ |"
    assert rows(store, f"""SELECT ?label ?index ?params ?dataset ?tokens ?vram ?license ?commercial WHERE {{
        GRAPH graph:{STATE} {{
            ?row llmkg:inTable <{BASE}table/{STATE}/llms-below-15b> ; llmkg:rowIndex ?index ;
                 llmkg:rowLabel ?label ; llmkg:describes model:mpt-7b .
            model:mpt-7b llmkg:parameterCount ?params ; llmkg:pretrainedOn ?dataset ; llmkg:trainingTokens ?tokens ;
                 llmkg:minimumVRAM ?vram ; dct:license ?license ; llmkg:commercialUseAllowed ?commercial }} }}""") == [
        ("MPT 7B", "8", "6700000000", "dataset/redpajama", "1000000000000", "15.5", "http://spdx.org/licenses/Apache-2.0",
         "true")]


def test_llama_2_sizes_tokens_context_and_license_in_003(store):
    # "a series of 7B, 13B and 70B parameter sizes"; "pre-trained over 2 trillion tokens";
    # "trained with a 4k context length"
    assert values(store, f"""SELECT ?m WHERE {{ GRAPH graph:{STATE} {{
        ?m llmkg:memberOfFamily model:llama-2 ; a llmkg:FoundationModel }} }}""") == {
        "model/llama-2-7b", "model/llama-2-13b", "model/llama-2-70b"}
    assert rows(store, f"""SELECT ?tokens ?context ?license WHERE {{ GRAPH graph:{STATE} {{
        model:llama-2 llmkg:trainingTokens ?tokens ; llmkg:contextLength ?context ; dct:license ?license ;
        llmkg:successorOf model:llama }} }}""") == [("2000000000000", "4000", "license/llama-2-community-license")]


# ------------------------------------------------------------------------------- disagreements kept as stated


def test_falcons_license_as_each_document_states_it(store):
    # 002: "Falcon's license is inspired by Apache 2 but restricts hosting uses";
    # 003: "They released all the model and its instruction tuned and chat variants under Apache 2.0 license"
    assert objects(store, OPENNESS, "model:falcon", "dct:license") == {"license/falcon-180b-tii-license"}
    assert objects(store, STATE, "model:falcon", "dct:license") == {"http://spdx.org/licenses/Apache-2.0"}


def test_alpacas_base_model_as_002_states_it_twice_and_as_003_states_it(store):
    # 002: "Alpaca is an instruction-oriented LLM derived from LLaMA" and "Both Vicuna and Alpaca are based on
    # the Llama 2 foundational model"; 003: "a 7B parameter model fine-tuned from LLaMA 7B model on 52K
    # instruction-following data-points"
    assert objects(store, OPENNESS, "model:alpaca", "llmkg:fineTunedFrom") == {"model/llama", "model/llama-2"}
    assert rows(store, f"""SELECT ?b ?n WHERE {{ GRAPH graph:{STATE} {{
        model:alpaca-7b llmkg:fineTunedFrom ?b ; llmkg:fineTunedOn ?d . ?d llmkg:exampleCount ?n }} }}""") == [
        ("model/llama-7b", "52000")]


def test_vicuna_and_openllama_are_families_in_every_graph_with_their_sizes_from_003(store):
    # 003: Vicuna "the 7B model ... the 13B model"; OpenLLaMA "a series of 3B, 7B and 13B models"
    for family, members in (("vicuna", {"model/vicuna-7b", "model/vicuna-13b"}),
                            ("openllama", {"model/openllama-3b", "model/openllama-7b", "model/openllama-13b"})):
        assert values(store, f"SELECT ?g WHERE {{ GRAPH ?g {{ model:{family} a ?c }} }}") == {
            f"graph/{OPENNESS}", f"graph/{STATE}"}
        assert values(store, f"SELECT ?c WHERE {{ GRAPH ?g {{ model:{family} a ?c }} }}") == {"ModelFamily"}
        assert values(store, f"""SELECT ?m WHERE {{ GRAPH graph:{STATE} {{
            ?m llmkg:memberOfFamily model:{family} }} }}""") == members


def test_no_iri_is_both_a_single_model_and_a_family_across_the_graphs(store):
    assert rows(store, """SELECT ?x WHERE {
        GRAPH ?g1 { ?x a ?c1 } GRAPH ?g2 { ?x a llmkg:ModelFamily }
        VALUES ?c1 { llmkg:Model llmkg:FoundationModel llmkg:FineTunedModel llmkg:InstructModel llmkg:ChatModel }
    }""") == []
