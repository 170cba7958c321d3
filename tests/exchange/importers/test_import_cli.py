"""`llmkg import` as a new user runs it, on a throw-away copy of the repo (never the real data/).

The issue's "done when": `llmkg import mot ../shared/peer-formats/model-openness-tool/*.yml` adds
Falcon-40B's, Amber's and BLOOM's component licenses beside what the documents say, their differing
claims are found by the conflicting-claims query like those between documents, and
`llmkg export mldcat-ap` then still gives a file the MLDCAT-AP shapes accept. Each import goes to a
file data/imports/<format>/<record>.trig, so a rebuild from the files gives the same store.
"""

from __future__ import annotations

import contextlib
import csv
import io
import shutil

import pyoxigraph as ox
import pyshacl
import pytest
import rdflib
from import_helpers import PEERS, copy_repo, snapshot

from llmkg import cli
from llmkg.build import build
from llmkg.parse import parse_file

pytestmark = pytest.mark.slow

BASE = "https://w3id.org/llmkg/"
MOT_FILES = ["Amber.yml", "BLOOM.yml", "Falcon-40B.yml"]


def run(*args: str) -> tuple[int, str, str]:
    """`llmkg ARGS…` in this process: (exit status, stdout, stderr)."""
    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()  # some commands write bytes
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(list(args))
    out.flush()
    return status, out.buffer.getvalue().decode("utf-8"), err.getvalue()


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The repo copy after `llmkg import mot …/*.yml` (which also rebuilt its store)."""
    if not PEERS.is_dir():
        pytest.skip(f"the peer records are not at {PEERS}")
    repo = copy_repo(tmp_path_factory.mktemp("repo"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LLMKG_ROOT", str(repo.root))
        mp.setenv("LLMKG_STORE", str(repo.store))
        status, out, err = run("import", "mot", *(str(PEERS / "model-openness-tool" / f) for f in MOT_FILES))
        yield repo, status, out, err


def query_csv(repo, name: str) -> list[dict[str, str]]:
    status, out, err = run("query", name, "--format", "csv", "--store", str(repo.store))
    assert status == 0, err
    return list(csv.DictReader(io.StringIO(out)))


def test_the_import_writes_one_file_per_record_and_rebuilds(imported):
    repo, status, out, err = imported
    assert status == 0, err
    folder = repo.data_dir / "imports" / "mot"
    assert sorted(p.name for p in folder.iterdir()) == ["amber.trig", "bloom.trig", "falcon-40b.trig"]
    assert "written: data/imports/mot/falcon-40b.trig" in out
    for f in folder.iterdir():  # the files name their peer record by file name, never by a machine's path
        assert str(PEERS) not in f.read_text(encoding="utf-8")
    assert "Falcon-40B.yml:28 [Falcon-40B] release.components[2].license" in err  # per-record problems
    assert repo.store.exists()


def component_licenses(repo, model: str) -> dict[str, set[str]]:
    store = ox.Store.read_only(str(repo.store))
    found: dict[str, set[str]] = {}
    q = f"""SELECT ?label ?license WHERE {{ GRAPH <{BASE}graph/import/mot/{model}> {{
              <{BASE}model/{model}> ?has ?artifact . ?artifact <http://www.w3.org/2000/01/rdf-schema#label> ?label .
              OPTIONAL {{ ?artifact <http://purl.org/dc/terms/license> ?license }}
              FILTER(STRSTARTS(STR(?has), "https://w3id.org/llmkg/ontology#has")) }} }}"""
    for row in store.query(q):
        found.setdefault(row["label"].value, set())
        if row["license"] is not None:
            found[row["label"].value].add(row["license"].value.removeprefix("http://spdx.org/licenses/"))
    return found


def test_component_licenses_sit_beside_what_the_documents_say(imported):
    repo = imported[0]
    falcon = component_licenses(repo, "falcon-40b")
    assert falcon["Falcon-40B: Model architecture"] == falcon["Falcon-40B: Inference code"] == {"Apache-2.0"}
    assert falcon["Falcon-40B: Model parameters (Final)"] == set()  # MOT says 'unlicensed'
    amber = component_licenses(repo, "amber")
    assert len(amber) == 16 and amber["Amber: Datasets"] == {"MIT"}
    bloom = component_licenses(repo, "bloom")
    assert len(bloom) == 13 and bloom["BLOOM: Research paper"] == {"CC-BY-4.0"}
    store = ox.Store.read_only(str(repo.store))
    says = f"ASK {{ GRAPH <{BASE}graph/how-open-is-generative-ai-part-2> {{ <{BASE}model/bloom> " \
           f"<http://purl.org/dc/terms/license> <{BASE}license/openrail> }} }}"
    assert store.query(says)  # the document's claim is still there, in the document's graph


def test_differing_claims_are_conflicts_like_those_between_documents(imported):
    rows = query_csv(imported[0], "conflicting-claims")
    pairs = {(r["subject_a"].removeprefix(BASE), r["property"].rsplit("/", 1)[-1],
              r["value_a"].removeprefix(BASE), r["graph_a"].removeprefix(BASE),
              r["value_b"].removeprefix(BASE), r["graph_b"].removeprefix(BASE)) for r in rows}
    assert ("model/bloom", "license", "license/openrail", "graph/how-open-is-generative-ai-part-2",
            "http://spdx.org/licenses/BigScience-BLOOM-RAIL-1.0", "graph/import/mot/bloom") in pairs
    assert any(p[0] == "model/falcon" and p[1] == "issued" and p[4] == "2024-11-15" and p[5].endswith("falcon-40b")
               for p in pairs)  # the family's release date in 002 against MOT's Falcon-40B date


def test_the_mldcat_ap_export_with_the_imports_is_accepted_by_the_mldcat_ap_shapes(imported, tmp_path):
    repo = imported[0]
    out = tmp_path / "catalogue.ttl"
    status, _, err = run("export", "mldcat-ap", "--output", str(out), "--store", str(repo.store))
    assert status == 0, err
    data = rdflib.Graph().parse(out, format="turtle")
    shapes = rdflib.Graph().parse(PEERS / "mldcat-ap" / "mldcat-ap-SHACL.ttl")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    assert conforms, text[:2000]
    falcon = rdflib.URIRef(BASE + "model/falcon-40b")
    assert list(data.objects(falcon, rdflib.URIRef("http://www.w3.org/ns/dcat#version"))) == [rdflib.Literal("40B")]


def test_the_same_import_again_changes_nothing(imported):
    repo = imported[0]
    before = snapshot(repo.data_dir)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LLMKG_ROOT", str(repo.root))
        status, out, err = run("import", "mot", *(str(PEERS / "model-openness-tool" / f) for f in MOT_FILES),
                               "--store", str(repo.store))
    assert status == 0, err
    assert out.count("unchanged: data/imports/mot/") == 3 and "validating" not in err
    assert snapshot(repo.data_dir) == before


def test_a_rebuild_from_the_files_gives_the_same_import_graphs(imported, tmp_path):
    repo = imported[0]
    fresh = repo.__class__(root=repo.root, store_path=tmp_path / "store")
    build(fresh, progress=lambda _m: None)
    files = {q for p in sorted((repo.data_dir / "imports").rglob("*.trig")) for q in parse_file(p, fresh)}
    for store_path in (repo.store, fresh.store):
        store = ox.Store.read_only(str(store_path))
        in_store = {q for g in (BASE + f"graph/import/mot/{m}" for m in ("amber", "bloom", "falcon-40b"))
                    for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g))}
        assert in_store == files


def test_an_import_that_breaks_the_shapes_writes_nothing(tmp_path):
    repo = copy_repo(tmp_path / "repo")
    card = tmp_path / "cards" / "acme" / "loop" / "README.md"  # a model fine-tuned from itself
    card.parent.mkdir(parents=True)
    card.write_text("---\nlicense: mit\nbase_model: acme/loop\nbase_model_relation: finetune\n---\n", encoding="utf-8")
    before = snapshot(repo.root)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LLMKG_ROOT", str(repo.root))
        status, _, err = run("import", "hf-card", str(card), "--store", str(repo.store))
    assert status == 1
    assert "nothing written" in err and "acme/loop" in err and BASE + "model/loop" in err
    assert snapshot(repo.root) == before
    shutil.rmtree(tmp_path / "cards")
