"""The integrity checks of queries/checks/: SPARQL queries that must return no row.

Each runs after loading (llmkg build) on the store; each has a shape that reports the same problem
before loading (llmkg validate). They return nothing on the shipped data, and on the shape cases
that break the same rule they find exactly the entities the shape reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from llmkg import checks
from llmkg.config import Settings
from llmkg.parse import parse_file
from llmkg.store import EmbeddedStore

ROOT = Path(__file__).resolve().parents[2]
CASES = Path(__file__).parent / "cases"
MODEL = "https://w3id.org/llmkg/model/"


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings(root=ROOT)


def store_of(files: list[Path], settings: Settings) -> EmbeddedStore:
    kg = EmbeddedStore.in_memory()
    for f in files:
        kg.store.extend(parse_file(f, settings))
    return kg


def test_the_checks_are_named_after_the_violation_they_find_and_say_what_they_do(settings):
    files = checks.check_files(settings)
    assert [f.name for f in files] == ["dangling-reference-violation.rq", "self-derivation-violation.rq"]
    for f in files:
        header = f.read_text().split("\n\n")[0]
        assert header.startswith("# title: ") and "# description: " in header and "Must return no rows." in header


def test_the_shipped_data_passes_every_check(settings):
    kg = store_of(sorted((ROOT / "data").rglob("*.trig")) + sorted((ROOT / "ontology").glob("*.ttl")), settings)
    assert checks.run(kg, settings) == []


def test_the_self_derivation_check_finds_every_entity_on_a_cycle(settings):
    kg = store_of([CASES / "NoSelfDerivation-bad.trig"], settings)
    found = {(p["check"], p["entity"].removeprefix(MODEL), p["firstStep"].rsplit("#", 1)[1])
             for p in checks.run(kg, settings)}
    assert found == {
        ("self-derivation-violation", "a", "fineTunedFrom"),
        ("self-derivation-violation", "b", "quantizedFrom"),
        ("self-derivation-violation", "https://w3id.org/llmkg/dataset/ouroboros", "derivedFromDataset"),
    }


def test_the_dangling_reference_check_finds_every_undefined_object(settings):
    kg = store_of([CASES / "NoDanglingReference-bad.trig"], settings)
    found = {(p["check"], p["subject"], p["property"], p["object"]) for p in checks.run(kg, settings)}
    assert found == {
        ("dangling-reference-violation", MODEL + "m", "https://w3id.org/llmkg/ontology#developedBy",
         "https://w3id.org/llmkg/org/acme-typo"),
        ("dangling-reference-violation", MODEL + "m", "http://purl.org/dc/terms/license",
         "https://w3id.org/llmkg/license/typo"),
        ("dangling-reference-violation", MODEL + "m", "http://www.w3.org/ns/prov#wasDerivedFrom", MODEL + "ghost"),
    }


def test_a_conforming_case_passes_the_checks(settings):
    ontology = sorted((ROOT / "ontology").glob("*.ttl"))  # defines the vocabulary the cases link to
    kg = store_of([CASES / "NoSelfDerivation-ok.trig", CASES / "NoDanglingReference-ok.trig", *ontology], settings)
    assert checks.run(kg, settings) == []
