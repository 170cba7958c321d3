"""`llmkg build`: files → validated store, and nothing half-built.

Runs on a copy of the repository's ontology/, shapes/, queries/ and data/ in a temporary folder,
built once for the module; each test that breaks a file puts it back. The guarantee under test
(src/llmkg/build.py): either the new store is complete and valid and becomes the store, or the
build stops with an error naming the file and line (syntax) or the focus node and message (SHACL),
and the existing store is untouched; a build whose inputs did not change does nothing.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest

from llmkg import cli
from llmkg.build import MANIFEST, build
from llmkg.config import Settings
from llmkg.errors import LlmkgError
from llmkg.store import EmbeddedStore
from llmkg.validate import Report

pytestmark = pytest.mark.slow  # a full build of the shipped data takes tens of seconds

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ["alia-salamandra-interview", "how-open-is-generative-ai-part-2", "llama-2-license-not-open-source",
           "pharia-1-llm-closer-look", "state-of-open-source-ai-models"]
GRAPH = "https://w3id.org/llmkg/graph/"
PHARIA_7B = "https://w3id.org/llmkg/model/pharia-1-llm-7b-control"

BROKEN = """\
@prefix llmkg: <https://w3id.org/llmkg/ontology#> .
@prefix rdfs:  <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/llmkg/graph/broken> {
    <https://w3id.org/llmkg/model/broken> a llmkg:Model ;
        rdfs:label "Broken" ,
}
"""

VIOLATING = """\
@prefix llmkg: <https://w3id.org/llmkg/ontology#> .
@prefix rdfs:  <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/llmkg/graph/violating> {
    <https://w3id.org/llmkg/model/negative> a llmkg:FoundationModel ;
        rdfs:label "Negative" ;
        llmkg:memberOfFamily <https://w3id.org/llmkg/model/llama-2> ;
        llmkg:parameterCount -7000000000 .
}
"""


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("repo")
    for folder in ("ontology", "shapes", "queries", "data"):
        shutil.copytree(ROOT / folder, root / folder)
    return Settings(root=root, store_path=root / "store")


@pytest.fixture(scope="module")
def first_build(settings: Settings):
    lines: list[str] = []
    summary = build(settings, progress=lines.append)
    return summary, lines


def ask(settings: Settings, sparql: str) -> list[dict[str, str]] | bool:
    result = EmbeddedStore.open(settings, read_only=True).query(sparql)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    names = [v.value for v in result.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in result]


def label_of_pharia_7b(settings: Settings) -> set[str]:
    rows = ask(settings, f"""SELECT ?label WHERE {{
        GRAPH <{GRAPH}pharia-1-llm-closer-look> {{ <{PHARIA_7B}> <http://www.w3.org/2000/01/rdf-schema#label> ?label }}
    }}""")
    return {r["label"] for r in rows}


def snapshot(settings: Settings) -> tuple[Path, str, int]:
    """Which store the link points at, its manifest, and how many quads it holds."""
    target = settings.store.resolve()
    count = EmbeddedStore.open(settings, read_only=True).count()
    return target, (target / MANIFEST).read_text(), count


@contextmanager
def file_in_repo(settings: Settings, relative: str, text: str) -> Iterator[Path]:
    """`text` written at `relative` for the duration; the repo is as before afterwards."""
    path = settings.root / relative
    before = path.read_text() if path.exists() else None
    path.write_text(text)
    try:
        yield path
    finally:
        if before is None:
            path.unlink()
        else:
            path.write_text(before)


# ------------------------------------------------------------------------------- a good build


def test_build_loads_every_file_validated_into_its_named_graph(first_build, settings):
    summary, _lines = first_build
    assert not summary.up_to_date
    assert summary.files == len(list((settings.root / "data").rglob("*.trig"))) + 3  # + ontology/*.ttl
    assert {GRAPH + s for s in SOURCES} | {GRAPH + "llmkg-reference"} <= set(summary.graphs)
    assert summary.graphs[GRAPH + "pharia-1-llm-closer-look"] > 50
    assert summary.report is not None and summary.report.violations == []
    assert len(summary.report.warnings) == 4
    assert summary.entities["source documents"] == 5
    assert summary.entities["models"] > 50 and summary.entities["openness assessments"] > 50
    assert label_of_pharia_7b(settings) == {"Pharia-1-LLM-7B-control"}


def test_build_summary_says_what_was_loaded(first_build):
    text = "\n".join(first_build[0].lines())
    assert text.startswith("loaded ")
    assert f"{GRAPH}pharia-1-llm-closer-look" in text
    assert "entities: " in text and " source documents" in text
    assert "validation: 0 violation(s), 4 warning(s)" in text
    assert text.count("  warning: ") == 4


def test_build_prints_a_progress_line_per_file_and_per_stage(first_build):
    _summary, lines = first_build
    loaded = [line for line in lines if " loaded data/" in line]
    assert len(loaded) == 6
    assert loaded[0].startswith("[1/6] loaded data/") and loaded[-1].startswith("[6/6] loaded data/")
    assert any("pharia-1-llm-closer-look.trig (" in line and line.endswith(" kB)") for line in loaded)
    stages = [line.split()[0] for line in lines if not line.startswith("[")]
    assert stages[:2] == ["validating", "loading"]  # the data is validated before the ontology goes in
    assert any(line.startswith("inference: ") for line in lines)


def test_a_second_build_is_up_to_date_and_does_nothing(first_build, settings):
    build(settings, progress=lambda _m: None)  # whatever an earlier test left, the store now matches the files
    before = snapshot(settings)
    lines: list[str] = []
    summary = build(settings, progress=lines.append)
    assert summary.up_to_date and lines == []
    assert summary.lines() == ["store is up to date with the files; nothing to do (use --force to rebuild)"]
    assert snapshot(settings) == before


# ------------------------------------------------------------------------------- failed builds


def test_broken_turtle_stops_the_build_naming_file_and_line_and_keeps_the_store(first_build, settings):
    before = snapshot(settings)
    with file_in_repo(settings, "data/sources/broken.trig", BROKEN) as path:
        with pytest.raises(LlmkgError) as caught:
            build(settings, progress=lambda _m: None)
    e = caught.value
    assert e.code == "syntax-error" and e.status == 400
    assert e.where["file"] == str(path) and e.where["line"] == 6
    assert "broken.trig" in str(e) and "line 6" in str(e)
    assert snapshot(settings) == before
    assert label_of_pharia_7b(settings) == {"Pharia-1-LLM-7B-control"}  # queries still answer


def test_triples_outside_a_named_graph_stop_the_build_naming_the_file_and_keep_the_store(first_build, settings):
    before, stores = snapshot(settings), set((settings.store.parent / "stores").iterdir())
    stray = "<https://w3id.org/llmkg/model/stray> <http://www.w3.org/2000/01/rdf-schema#label> \"Stray\" .\n"
    with file_in_repo(settings, "data/sources/stray.nq", stray) as path:
        with pytest.raises(LlmkgError) as caught:
            build(settings, progress=lambda _m: None)
    e = caught.value
    assert e.code == "validation-failed" and e.where == {"file": str(path)}
    assert "named graphs" in str(e) and "model/stray" in str(e)
    assert snapshot(settings) == before
    assert set((settings.store.parent / "stores").iterdir()) == stores  # the failed build's folder is gone


def test_the_cli_reports_a_broken_file_with_its_line(first_build, settings, monkeypatch, capsys):
    before = snapshot(settings)
    monkeypatch.setenv("LLMKG_ROOT", str(settings.root))
    with file_in_repo(settings, "data/sources/broken.trig", BROKEN):
        code = cli.main(["build", "--store", str(settings.store)])
    err = capsys.readouterr().err
    assert code == 1
    assert "error: RDF syntax error" in err and "broken.trig" in err and "line 6" in err
    assert snapshot(settings) == before


def test_a_broken_shapes_file_stops_the_build_naming_file_and_line_and_keeps_the_store(first_build, settings):
    before = snapshot(settings)
    models = settings.root / "shapes" / "models.ttl"
    lines = models.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("llmkgsh:ModelLabel a"))
    lines[at + 2] = "    sh:path rdfs:label ,"  # a list with no second object
    with file_in_repo(settings, "shapes/models.ttl", "\n".join(lines) + "\n"):
        with pytest.raises(LlmkgError) as caught:
            build(settings, progress=lambda _m: None)
    e = caught.value
    assert e.code == "syntax-error" and e.where == {"file": str(models), "line": at + 4}
    assert snapshot(settings) == before


def test_a_shape_violation_stops_the_build_naming_the_focus_node_and_keeps_the_store(first_build, settings):
    before = snapshot(settings)
    with file_in_repo(settings, "data/sources/violating.trig", VIOLATING):
        with pytest.raises(LlmkgError) as caught:
            build(settings, progress=lambda _m: None)
    e = caught.value
    negative = "https://w3id.org/llmkg/model/negative"
    assert e.code == "validation-failed" and e.status == 422
    assert e.where == {"focus_node": negative}
    assert negative in str(e) and "parameterCount must be a positive xsd:integer" in str(e)
    assert isinstance(e.details, Report)
    assert [(r.focus_node, r.shape) for r in e.details.violations] == [
        (negative, "https://w3id.org/llmkg/shapes#ModelParameterCount")]
    assert snapshot(settings) == before
    assert ask(settings, f"ASK {{ GRAPH ?g {{ <{negative}> ?p ?o }} }}") is False
    assert label_of_pharia_7b(settings) == {"Pharia-1-LLM-7B-control"}


# ------------------------------------------------------------------------------- rebuilds


def test_a_changed_file_is_rebuilt_into_a_new_store_that_replaces_the_old(first_build, settings):
    build(settings, progress=lambda _m: None)
    old_target, old_manifest, _count = snapshot(settings)
    pharia = settings.root / "data" / "sources" / "pharia-1-llm-closer-look.trig"
    changed = pharia.read_text().replace('rdfs:label "Pharia-1-LLM-7B-control" ;',
                                         'rdfs:label "Pharia-1-LLM-7B-control (changed)" ;')
    assert changed != pharia.read_text()
    with file_in_repo(settings, "data/sources/pharia-1-llm-closer-look.trig", changed):
        lines: list[str] = []
        summary = build(settings, progress=lines.append)
        assert not summary.up_to_date and any("pharia-1-llm-closer-look.trig" in line for line in lines)
        new_target, new_manifest, _count = snapshot(settings)
        assert new_target != old_target and not old_target.exists()
        assert json.loads(new_manifest)["data/sources/pharia-1-llm-closer-look.trig"] != json.loads(
            old_manifest)["data/sources/pharia-1-llm-closer-look.trig"]
        assert label_of_pharia_7b(settings) == {"Pharia-1-LLM-7B-control (changed)"}
