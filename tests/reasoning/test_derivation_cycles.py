"""Derivation cycles of any length are rejected: by the SHACL shape llmkgsh:NoSelfDerivation when
the store is built, and by the integrity check queries/checks/self-derivation-violation.rq after
loading (which also guards stores loaded some other way). The lineage walk never loops on one."""

from __future__ import annotations

import pytest
from reasoning_helpers import FIXTURES, REPO, iri

from llmkg import checks
from llmkg.config import Settings
from llmkg.errors import LlmkgError
from llmkg.parse import parse_file
from llmkg.reasoning.terms import effective_terms
from llmkg.store import EmbeddedStore

CYCLES = {
    "cycle-two.trig": {"model/syn-cycle-a", "model/syn-cycle-b"},
    "cycle-three.trig": {"model/syn-ring-a", "model/syn-ring-b", "model/syn-ring-c"},
    "cycle-data.trig": {"model/syn-loop-student", "model/syn-loop-teacher", "dataset/syn-loop-data",
                        "dataset/syn-loop-raw"},
}


@pytest.mark.parametrize(("fixture", "members"), sorted(CYCLES.items()))
def test_a_build_with_a_cycle_fails_naming_every_entity_on_it(build_fixture, fixture, members):
    with pytest.raises(LlmkgError) as failed:
        build_fixture(fixture)
    error = failed.value
    assert error.status == 422 and error.code == "validation-failed"
    cyclic = {r.focus_node for r in error.details.violations if "is derived from itself" in r.message}
    assert cyclic == {iri(m) for m in members}


@pytest.mark.parametrize(("fixture", "members"), sorted(CYCLES.items()))
def test_the_integrity_check_finds_the_same_cycles_in_a_loaded_store(fixture, members):
    settings = Settings(root=REPO)
    kg = EmbeddedStore.in_memory()
    kg.store.bulk_extend(parse_file(FIXTURES / fixture, settings))
    problems = [p for p in checks.run(kg, settings) if p["check"] == "self-derivation-violation"]
    assert {p["entity"] for p in problems} == {iri(m) for m in members}


def test_the_lineage_walk_terminates_on_a_cycle_with_simple_paths():
    settings = Settings(root=REPO)
    kg = EmbeddedStore.in_memory()
    kg.store.bulk_extend(parse_file(FIXTURES / "cycle-three.trig", settings))
    t = effective_terms(kg, iri("model/syn-ring-a"))
    assert {(s.subject, s.object) for s in t.lineage.steps} == {
        (iri("model/syn-ring-a"), iri("model/syn-ring-b")), (iri("model/syn-ring-b"), iri("model/syn-ring-c")),
        (iri("model/syn-ring-c"), iri("model/syn-ring-a"))}
    # no license anywhere: nothing binds, and the two ancestors are reported once each, never the root again
    assert t.terms == []
    assert sorted(g.node for g in t.gaps) == [iri("model/syn-ring-a"), iri("model/syn-ring-b"), iri("model/syn-ring-c")]
