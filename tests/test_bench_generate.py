"""The benchmark's synthetic graph has the shape it claims (bench/generate.py), at 200 models.

No timing is asserted here: the benchmark itself (`make bench`) is not part of the tests.
"""

from __future__ import annotations

import io
from collections import Counter
from functools import cache

import pyoxigraph as ox
import pytest
import rdflib
from bench.generate import generate

from llmkg.config import Settings
from llmkg.validate import validate

ONT = "https://w3id.org/llmkg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
LICENSE = "http://purl.org/dc/terms/license"
ODRL = "http://www.w3.org/ns/odrl/2/"
MODEL_CLASSES = {ONT + c for c in ("Model", "FoundationModel", "FineTunedModel", "InstructModel", "ChatModel")}
DERIVATION = {ONT + p for p in ("fineTunedFrom", "quantizedFrom", "adapterOf", "mergedFrom")}


@cache
def synthetic() -> tuple[str, dict]:
    out = io.StringIO()
    meta = generate(200, out, seed=7)
    return out.getvalue(), meta


@cache
def quads() -> list[ox.Quad]:
    return list(ox.parse(synthetic()[0].encode(), format=ox.RdfFormat.N_QUADS))


def models() -> dict[str, set[str]]:
    """Every synthetic model (not the proprietary ones) and its classes."""
    found: dict[str, set[str]] = {}
    for q in quads():
        if q.predicate.value == RDF_TYPE and q.object.value in MODEL_CLASSES and "/model/synth-0" in q.subject.value:
            found.setdefault(q.subject.value, set()).add(q.object.value)
    return found


def test_it_parses_as_n_quads_with_the_counted_quads_in_named_graphs() -> None:
    text, meta = synthetic()
    assert len(quads()) == meta["quads"] == text.count("\n")
    assert all(isinstance(q.graph_name, ox.NamedNode) for q in quads())
    graphs = {q.graph_name.value for q in quads()}
    assert len(graphs) == meta["named_graphs"]


def test_it_is_deterministic() -> None:
    again = io.StringIO()
    generate(200, again, seed=7)
    assert again.getvalue() == synthetic()[0]


def test_about_two_percent_are_foundation_models() -> None:
    m = models()
    assert len(m) == 200
    foundations = [iri for iri, classes in m.items() if ONT + "FoundationModel" in classes]
    assert len(foundations) == synthetic()[1]["foundation_models"]
    assert 1 <= len(foundations) <= 10  # 2% of 200 is 4; the rate is random, the first two are seeded


def test_every_model_has_a_label_and_a_license() -> None:
    labelled = {q.subject.value for q in quads() if q.predicate.value == LABEL}
    licensed = {q.subject.value for q in quads() if q.predicate.value == LICENSE}
    assert set(models()) <= labelled
    assert set(models()) <= licensed


def test_derivation_depth_is_at_most_ten_and_only_foundations_have_no_parent() -> None:
    parents: dict[str, list[str]] = {}
    kinds = Counter()
    for q in quads():
        if q.predicate.value in DERIVATION:
            parents.setdefault(q.subject.value, []).append(q.object.value)
            kinds[q.predicate.value] += 1

    @cache
    def depth(m: str) -> int:
        return 1 + max(depth(p) for p in parents[m]) if m in parents else 0

    m = models()
    assert max(depth(x) for x in m) <= 10
    assert {x for x in m if x not in parents} == {x for x, c in m.items() if ONT + "FoundationModel" in c}
    assert all(len(ps) <= 2 for ps in parents.values())
    assert kinds[ONT + "fineTunedFrom"] > kinds[ONT + "quantizedFrom"] > 0


def children() -> Counter:
    """How many models are derived directly from each model."""
    return Counter(q.object.value for q in quads() if q.predicate.value in DERIVATION)


def test_fan_out_is_heavy_tailed() -> None:
    fan_out, m = children(), models()
    mean = sum(fan_out.values()) / len(m)
    assert sum(1 for x in m if fan_out[x] == 0) > len(m) / 2  # most models have no derivative
    assert max(fan_out.values()) > 20 * mean  # and a few have very many


def test_the_summary_names_the_biggest_tree_and_the_deepest_model_truly() -> None:
    parents: dict[str, set[str]] = {}
    for q in quads():
        if q.predicate.value in DERIVATION:
            parents.setdefault(q.subject.value, set()).add(q.object.value)

    def ancestors(x: str) -> set[str]:
        found = set(parents.get(x, ()))
        for p in parents.get(x, ()):
            found |= ancestors(p)
        return found

    meta = synthetic()[1]
    assert meta["base_closure"] == sum(1 for x in models() if meta["base_model"] in ancestors(x))
    assert meta["base_closure"] == max(sum(1 for x in models() if f in ancestors(x)) for f in models())
    assert meta["deep_model_ancestors"] == len(ancestors(meta["deep_model"]))
    assert meta["deep_model_depth"] >= 4  # chains, not only stars


def objects(s: str, p: str) -> set[str]:
    return {q.object.value for q in quads() if q.subject.value == s and q.predicate.value == ODRL + p}


def test_every_license_in_use_has_odrl_terms_and_the_community_license_a_user_cap() -> None:
    used = {q.object.value for q in quads() if q.predicate.value == LICENSE}
    for lic in used:
        (policy,) = objects(lic, "hasPolicy")
        assert objects(policy, "permission") | objects(policy, "prohibition") | objects(policy, "obligation"), lic
    caps = {q.object.value for q in quads() if q.predicate.value == ODRL + "rightOperand"}
    assert caps == {"700000000"}


def test_foundations_are_pretrained_on_datasets_and_assessed_on_five_components() -> None:
    m = models()
    foundations = {x for x, c in m.items() if ONT + "FoundationModel" in c}
    pretrained = {q.subject.value for q in quads() if q.predicate.value == ONT + "pretrainedOn"}
    assert foundations <= pretrained
    assessed: dict[str, set[str]] = {}
    by_assessment = {q.subject.value: q.object.value for q in quads() if q.predicate.value == ONT + "assessedModel"}
    for q in quads():
        if q.predicate.value == ONT + "component":
            assessed.setdefault(by_assessment[q.subject.value], set()).add(q.object.value)
    assert all(len(assessed[f]) == 5 for f in foundations)
    assert len(assessed) == synthetic()[1]["assessed_models"] > len(foundations)  # ~10% of derived ones too
    scores = {int(q.object.value) for q in quads() if q.predicate.value == ONT + "score"}
    assert scores <= set(range(5)) and len(scores) > 2


@pytest.mark.slow
def test_it_conforms_to_the_shapes() -> None:
    data = rdflib.Graph()
    ds = rdflib.Dataset()
    ds.parse(data=synthetic()[0], format="nquads")
    for s, p, o, g in ds.quads((None, None, None, None)):
        if "/graph/ontology/" not in str(g):  # the ontology graphs are the shapes' ont_graph already
            data.add((s, p, o))
    report = validate(data, Settings())
    assert report.conforms, [r.to_json() for r in report.violations][:5]
