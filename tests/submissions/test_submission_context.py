"""Validation in the context of the store: a submission is checked with the store facts it touches,
gives the report a whole-store validation would give about its own nodes, and costs what the
submission touches, not what the store holds."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from subcheck import BASE, FIXTURES, LLMKG, SHAPES

from llmkg.build import read_files
from llmkg.config import Settings
from llmkg.parse import parse_file
from llmkg.rdfconv import to_rdflib, union_graph
from llmkg.store import EmbeddedStore
from llmkg.submissions.context import context_triples, validate_in_context
from llmkg.validate import validate


@pytest.fixture
def kg(sub_settings: Settings):
    kg = EmbeddedStore.open(sub_settings)
    yield kg
    kg.close()


def report_of(name: str, kg, settings: Settings):
    return validate_in_context(parse_file(FIXTURES / name, settings), kg, settings)


def keyed(report) -> set[tuple]:
    return {(r.severity, r.focus_node, r.path, r.value, (r.shape or "").removeprefix(SHAPES)) for r in report.results}


def test_a_fine_tune_is_checked_against_the_model_it_names(kg, sub_settings):
    # llama-2-13b is in the store under the Llama 2 Community License; only the store says so
    report = report_of("fine-tune.ttl", kg, sub_settings)
    assert report.conforms
    (warning,) = report.warnings
    assert warning.focus_node == BASE + "model/acme-llama-2-13b-tune"
    assert warning.path == "http://purl.org/dc/terms/license"
    assert warning.value == "http://spdx.org/licenses/MIT"
    assert warning.shape == SHAPES + "LicenseLessRestrictiveThanAncestor"
    assert "derives from https://w3id.org/llmkg/model/llama-2-13b" in warning.message
    assert "llama-2-community-license" in warning.message


def test_an_iri_in_neither_store_nor_submission_is_reported_with_what_to_fix(kg, sub_settings):
    report = report_of("typo.ttl", kg, sub_settings)
    me, typo = BASE + "model/acme-typo-tune", BASE + "model/llama-2-13"
    assert not report.conforms
    assert keyed(report) >= {
        ("Violation", me, LLMKG + "fineTunedFrom", typo, "FineTunedFromTarget"),
        ("Violation", me, LLMKG + "fineTunedFrom", typo, "NoDanglingReference"),
        ("Violation", me, LLMKG + "parameterCount", "13B", "ModelParameterCount"),
    }
    dangling = next(r for r in report.violations if r.shape == SHAPES + "NoDanglingReference")
    assert "which no graph defines" in dangling.message and "a typo in the slug?" in dangling.message


def test_a_cycle_closed_through_the_store_is_found(kg, sub_settings):
    report = report_of("cycle.ttl", kg, sub_settings)
    assert keyed(report) == {("Violation", BASE + "model/llama-2-13b", LLMKG + "fineTunedFrom",
                              BASE + "model/llama-2-13b-chat", "NoSelfDerivation")}
    assert "is derived from itself" in report.violations[0].message


def test_models_it_only_links_to_are_not_judged(kg, sub_settings):
    report = report_of("fine-tune.ttl", kg, sub_settings)
    assert {r.focus_node for r in report.results} == {BASE + "model/acme-llama-2-13b-tune"}


def test_a_score_is_checked_against_the_framework_scale_in_the_ontology(kg, sub_settings):
    report = report_of("score-above-scale.ttl", kg, sub_settings)
    focus = BASE + "assessment/acme-eval/falcon-40b/weights"
    assert ("Violation", focus, LLMKG + "score", "7", "AssessmentScoreRange") in keyed(report)


def test_the_context_is_what_the_submission_touches_not_the_store(kg, sub_settings):
    quads = parse_file(FIXTURES / "fine-tune.ttl", sub_settings)
    subjects = {q.subject for q in quads}
    named = sorted({t.value for q in quads for t in (q.subject, q.object) if isinstance(t, ox.NamedNode)})
    before = set(context_triples(kg, named, subjects, sub_settings))
    unrelated = ox.NamedNode(BASE + "graph/unrelated")
    kg.store.extend(ox.Quad(ox.NamedNode(f"{BASE}model/unrelated-{i}"), ox.NamedNode(LLMKG + p), o, unrelated)
                    for i in range(2000) for p, o in (("fineTunedFrom", ox.NamedNode(BASE + "model/llama-2-7b")),
                                                      ("parameterCount", ox.Literal("7"))))
    after = set(context_triples(kg, named, subjects, sub_settings))
    assert after == before
    assert len(before) < 200  # llama-2-13b's chain and licenses, the types of what is named


@pytest.mark.slow
@pytest.mark.parametrize("group", [
    ["fine-tune.ttl", "typo.ttl", "assessment-score-1.ttl", "score-above-scale.ttl", "fine-tune.jsonld"],
    ["cycle.ttl", "assessment-score-2.ttl"],
])
def test_the_report_is_the_whole_store_report_about_the_submission(kg, sub_settings, group):
    """The oracle: pyshacl over all the data files plus the submissions, with the whole ontology
    (what `llmkg build` runs), restricted to each submission's own nodes."""
    _onto, data, _n = read_files(sub_settings, lambda _m: None)
    cases = {name: parse_file(FIXTURES / name, sub_settings) for name in group}
    whole = validate(union_graph([q for qs in cases.values() for q in qs], union_graph(data)), sub_settings)
    for name, quads in cases.items():
        mine = {str(to_rdflib(q.subject)) for q in quads}
        expected = {r for r in whole.results if r.focus_node in mine}
        got = validate_in_context(quads, kg, sub_settings, submission=False)
        assert set(got.results) == expected, name
