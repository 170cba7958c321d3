"""Named queries: the documents' tables regenerated cell for cell, and the questions researchers ask.

Golden files in tests/golden/ are typed by hand from the source documents; they are the oracle.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from llmkg import cli, queries
from llmkg.errors import LlmkgError

GOLDEN = Path(__file__).parent / "golden"
BASE = "https://w3id.org/llmkg/"


def run_csv(capsysbinary, settings, name: str, **params: str) -> list[dict[str, str]]:
    args = ["query", name, "--format", "csv", "--store", str(settings.store)]
    for k, v in params.items():
        args += ["--param", f"{k}={v}"]
    assert cli.main(args) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    return list(csv.DictReader(io.StringIO(out)))


def golden(name: str) -> list[dict[str, str]]:
    with (GOLDEN / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize(
    ("query", "golden_file"),
    [("openness-matrix", "openness-matrix.csv"), ("table-5", "table-5.csv")],
)
def test_document_tables_are_regenerated_cell_for_cell(built_store, capsysbinary, query, golden_file):
    got = run_csv(capsysbinary, built_store, query)
    want = golden(golden_file)
    assert [list(r) for r in got[:1]] == [list(r) for r in want[:1]], "columns differ"
    for i, (g, w) in enumerate(zip(got, want, strict=False), 1):
        assert g == w, f"row {i} differs"
    assert len(got) == len(want)


def test_every_named_query_has_a_title_and_description(settings):
    named = queries.load_all(settings)
    assert len(named) >= 10
    for q in named.values():
        assert q.title and q.title != q.name, q.name
        assert q.description, q.name


def test_lineage_of_alpaca_reaches_llama_and_the_openai_models_behind_its_data(built_store, capsysbinary):
    rows = run_csv(capsysbinary, built_store, "lineage", model="alpaca")
    steps = {(r["from"].removeprefix(BASE), r["relation"].rsplit("#", 1)[-1], r["to"].removeprefix(BASE)) for r in rows}
    assert ("model/alpaca", "fineTunedFrom", "model/llama") in steps
    assert ("model/alpaca", "fineTunedOn", "dataset/alpaca-data") in steps
    assert ("dataset/alpaca-data", "generatedBy", "model/instructgpt") in steps


def test_derived_from_gpt_j_lists_both_dollys(built_store, capsysbinary):
    rows = run_csv(capsysbinary, built_store, "derived-from", model="gpt-j-6b")
    derived = {r["derived"].removeprefix(BASE) for r in rows}
    assert {"model/dolly-v1", "model/dolly-v2"} <= derived


def test_inherited_restrictions_of_alpaca_come_from_llama_and_openai(built_store, capsysbinary):
    rows = run_csv(capsysbinary, built_store, "inherited-restrictions", model="alpaca")
    origins = {(r["via"], r["origin"].removeprefix(BASE)) for r in rows}
    assert ("ancestor model", "model/llama") in origins
    assert ("terms of the model that generated training data", "model/instructgpt") in origins


def test_who_says_alpaca_is_fine_tuned_from_llama_2(built_store, capsysbinary):
    rows = run_csv(
        capsysbinary, built_store, "who-says", subject="model/alpaca",
        predicate="https://w3id.org/llmkg/ontology#fineTunedFrom", object=BASE + "model/llama-2",
    )
    assert [r["source_title"] for r in rows] == ["How Open is Generative AI? Part 2"]


def test_conflicting_claims_include_alpacas_base_and_falcons_license(built_store, capsysbinary):
    rows = run_csv(capsysbinary, built_store, "conflicting-claims")
    pairs = {
        (r["subject_a"].removeprefix(BASE), r["property"].rsplit("/", 1)[-1].rsplit("#", 1)[-1],
         frozenset({r["value_a"].removeprefix(BASE), r["value_b"].removeprefix(BASE)}))
        for r in rows
    }
    assert ("model/alpaca", "fineTunedFrom", frozenset({"model/llama", "model/llama-2"})) in pairs
    falcon = [p for p in pairs if p[0].startswith("model/falcon") and p[1] == "license"]
    assert any({"http://spdx.org/licenses/Apache-2.0", "license/falcon-180b-tii-license"} <= p[2] for p in falcon)


def conflicts(rows: list[dict[str, str]]) -> set[tuple[str, str, str, str]]:
    """(subject, property, value, other value) of each row, both orders, without the base."""
    out = set()
    for r in rows:
        prop = r["property"].rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        a, b = r["value_a"].removeprefix(BASE), r["value_b"].removeprefix(BASE)
        for subject in (r["subject_a"], r["subject_b"]):
            out |= {(subject.removeprefix(BASE), prop, a, b), (subject.removeprefix(BASE), prop, b, a)}
    return out


def test_several_developers_or_licenses_are_no_conflict_unless_two_sources_each_name_one_the_other_does_not(
    built_store, capsysbinary
):
    found = conflicts(run_csv(capsysbinary, built_store, "conflicting-claims"))
    subjects = {(c[0], c[1]) for c in found}
    # 002 names four developers of Vicuna, 003 the same four and MBZUAI: 003 adds, nobody disagrees
    assert ("model/vicuna", "developedBy") not in subjects
    # Alpaca is bound by LLaMA's license and by OpenAI's terms (002): two licenses, one source
    assert ("model/alpaca", "license") not in subjects
    # GPT4All is a family of models tuned from GPT-J, MPT and LLaMA (002)
    assert ("model/gpt4all", "fineTunedFrom") not in subjects
    # 002 says UC Berkeley made OpenLLaMA; 003 says OpenLM Research and Stability AI
    assert ("model/openllama", "developedBy", "org/uc-berkeley", "org/openlm-research") in found
    assert ("model/openllama", "developedBy", "org/uc-berkeley", "org/stability-ai") in found
    assert ("model/openllama", "developedBy", "org/openlm-research", "org/stability-ai") not in found
    # one value per entity: a yes and a no conflict, between sources as within one
    assert ("model/bloom", "calledOpenSource", "false", "true") in found


def test_the_same_dataset_and_organization_have_one_iri_across_documents(built_store, capsysbinary):
    rows = run_csv(
        capsysbinary, built_store, "who-says", subject="model/vicuna",
        predicate="https://w3id.org/llmkg/ontology#fineTunedOn", object=BASE + "dataset/vicuna-sharegpt-70k",
    )
    assert sorted(r["source_title"] for r in rows) == ["AI 系列：Models", "How Open is Generative AI? Part 2"]
    rows = run_csv(
        capsysbinary, built_store, "who-says", subject="dataset/oasst",
        predicate="https://w3id.org/llmkg/ontology#developedBy", object=BASE + "org/openassistant",
    )
    assert len(rows) == 2


def test_conflicting_assessments_flag_blooms_completely_open_three(built_store, capsysbinary):
    rows = run_csv(capsysbinary, built_store, "conflicting-assessments")
    flagged = {(r["kind"], r["model"].removeprefix(BASE), r["score_a"], r["level_a"]) for r in rows}
    assert ("level text belongs to another score", "model/bloom", "3", "Completely open") in flagged
    assert ("level text belongs to another score", "model/amberchat", "4", "Open with limitations") in flagged


def test_datasets_generated_by_proprietary_models(built_store, capsysbinary):
    rows = run_csv(capsysbinary, built_store, "proprietary-generated-datasets")
    pairs = {tuple(r[k].removeprefix(BASE) for k in ("dataset", "generator", "model")) for r in rows}
    assert ("dataset/ultrachat", "model/gpt-4", "model/zephyr") in pairs
    assert ("dataset/alpaca-data", "model/instructgpt", "model/alpaca") in pairs


def test_commercially_usable_includes_dolly_2_and_excludes_alpaca(built_store, capsysbinary):
    models = {r["model"].removeprefix(BASE) for r in run_csv(capsysbinary, built_store, "commercially-usable")}
    assert "model/dolly-v2" in models
    assert "model/alpaca" not in models
    assert "model/wizardlm-7b" not in models


def test_a_missing_required_parameter_names_it(settings):
    q = queries.resolve("lineage", settings)
    with pytest.raises(LlmkgError) as e:
        queries.bind(q, {}, settings)
    assert e.value.status == 400 and e.value.where == {"parameter": "model"}


def test_an_unknown_parameter_is_refused(settings):
    q = queries.resolve("lineage", settings)
    with pytest.raises(LlmkgError) as e:
        queries.bind(q, {"model": "alpaca", "modle": "x"}, settings)
    assert e.value.where == {"parameter": "modle"}


def test_iri_parameters_cannot_inject_sparql(settings):
    q = queries.resolve("lineage", settings)
    with pytest.raises(LlmkgError):
        queries.bind(q, {"model": "x> } DROP ALL { <y"}, settings)


def test_string_parameters_are_escaped(settings):
    q = queries.resolve("who-says", settings)
    text = queries.bind(q, {"subject": "model/alpaca", "object": 'a"b\\c'}, settings)
    assert '"a\\"b\\\\c"' in text


def test_ids_expand_under_the_configured_base(settings):
    other = settings.with_(base="http://example.org/kg/")
    q = queries.resolve("lineage", other)
    assert "<http://example.org/kg/model/alpaca>" in queries.bind(q, {"model": "alpaca"}, other)
