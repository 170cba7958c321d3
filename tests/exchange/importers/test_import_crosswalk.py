"""The crosswalk: same entity by identifier or by exactly one normalised name; ambiguity is reported."""

from __future__ import annotations

import doctest

from import_helpers import FIXTURES
from import_quads import BASE, objects

from llmkg.exchange import crosswalk as crosswalk_mod
from llmkg.exchange.crosswalk import Crosswalk
from llmkg.exchange.importers import Context, import_file

M = BASE + "model/"


def small() -> Crosswalk:
    cw = Crosswalk()
    cw.add(M + "falcon-40b", "model", labels=["Falcon 40B"], identifiers=["tiiuae/falcon-40b"])
    cw.add(M + "zephyr", "model", labels=["Zephyr"])
    cw.add(M + "zephyr-7b", "model", labels=["zephyr"])  # two entities answer to "Zephyr"
    cw.add(BASE + "org/tii", "organization", labels=["Technology Innovation Institute (TII)"])
    return cw


def test_exact_identifier_match_wins_over_the_name():
    res = small().resolve("model", "Some other name", ["TIIUAE/Falcon-40B"], M + "x")
    assert (res.iri, res.how) == (M + "falcon-40b", "identifier")


def test_normalised_name_match():
    res = small().resolve("model", "falcon_40b", [], M + "x")
    assert (res.iri, res.how) == (M + "falcon-40b", "name")


def test_label_with_abbreviation_answers_to_both_parts():
    cw = small()
    assert cw.resolve("organization", "TII", [], BASE + "org/x").iri == BASE + "org/tii"
    assert cw.resolve("organization", "Technology Innovation Institute", [], BASE + "org/x").iri == BASE + "org/tii"


def test_kinds_are_kept_apart():
    assert small().resolve("organization", "Falcon 40B", [], BASE + "org/falcon-40b").how == "new"


def test_ambiguous_name_is_reported_not_merged():
    res = small().resolve("model", "ZEPHYR", [], M + "zephyr")
    assert res.how == "new" and res.ambiguous
    assert set(res.candidates) == {M + "zephyr", M + "zephyr-7b"}
    assert res.iri not in res.candidates  # a new IRI, not one of the candidates


def test_name_match_with_different_identifiers_is_refused():
    res = small().resolve("model", "Falcon-40B", ["someone/falcon-40b"], M + "falcon-40b")
    assert res.how == "new" and "differ" in res.note and res.iri != M + "falcon-40b"


def test_ambiguous_producer_in_an_import_is_a_per_record_problem():
    cw = small()
    cw.add(BASE + "org/open-assistant", "organization", labels=["OpenAssistant"])
    cw.add(BASE + "org/openassistant", "organization", labels=["Open Assistant"])
    path = FIXTURES / "mot" / "open-assistant.yml"
    r = import_file("mot", path.read_bytes(), path.name, Context(crosswalk=cw))
    assert r.ok
    [p] = [p for p in r.problems if p.field == "release.producer"]
    assert "several entities" in p.message and "org/open-assistant" in p.message and p.line == 6
    [org] = objects(r, BASE + "model/helper-1b", "https://w3id.org/llmkg/ontology#developedBy")
    assert org not in (BASE + "org/open-assistant", BASE + "org/openassistant")


def test_real_data_falcon_40b_by_name(crosswalk):
    assert crosswalk.resolve("model", "Falcon-40B", [], M + "x").iri == M + "falcon-40b"


def test_doctests():
    assert doctest.testmod(crosswalk_mod).failed == 0
