"""Every importer on every real record in ../shared/peer-formats/: mapped without errors, one named
graph that names its source (the upstream file, commit and license), problems that name file,
record, field and line, and — all of them together with the repo's data — valid by llmkg's shapes,
as `llmkg import` checks before it writes anything.
"""

from __future__ import annotations

import pytest
from import_helpers import ROOT, peer_files
from import_quads import objects

from llmkg.config import Settings
from llmkg.exchange.importers import Context, import_file
from llmkg.rdfconv import union_graph
from llmkg.validate import validate

LL = "https://w3id.org/llmkg/ontology#"
DCT = "http://purl.org/dc/terms/"
PEER_FILES = peer_files()
UPSTREAMS = {"mot": "https://github.com/lfai/model_openness_tool/blob/8b5d30e/models/",
             "osai": "https://github.com/Language-Technology-Assessment/main-database/blob/5a388e8/",
             "mldcat-ap": "https://github.com/SEMICeu/MLDCAT-AP/blob/4adf130/releases/3.1.0/html/examples/",
             "os-ai-map": "https://github.com/currentai-org/os-ai-map/blob/57cbce2/sources/"}


def test_every_peer_folder_has_records():
    assert {fmt for fmt, _ in PEER_FILES} == set(UPSTREAMS) and len(PEER_FILES) == 10


@pytest.mark.parametrize(("fmt", "path"), PEER_FILES, ids=[p.name for _, p in PEER_FILES])
def test_peer_record_imports_into_one_graph_with_its_source(peers, crosswalk, fmt, path):
    r = import_file(fmt, path.read_bytes(), path.name, Context(crosswalk=crosswalk))
    assert r.ok and r.records and r.quads, [str(e) for e in r.errors]
    assert {q.graph_name.value for q in r.quads} == {r.graph}
    [source] = objects(r, r.graph, LL + "recordsSource")
    [upstream] = objects(r, source, DCT + "source")
    upstream_name = path.name.replace("products-", "products/").replace("scores-", "scores/")  # os-ai-map's folders
    assert upstream == UPSTREAMS[fmt] + upstream_name
    assert objects(r, source, LL + "localCopy") == {path.name}  # the file name, never a machine's path
    assert objects(r, source, LL + "sha256") == {r.sha256}
    for p in r.problems:  # each problem names the file, and its record and field, or else its line
        assert p.file == path.name and ((p.record and p.field) or p.line), str(p)


@pytest.mark.slow
def test_all_peer_records_together_conform_to_llmkgs_shapes(peers, existing_quads):
    ctx = Context()
    from llmkg.exchange.crosswalk import Crosswalk

    ctx.crosswalk = Crosswalk.from_quads(existing_quads)
    imported = [q for fmt, path in PEER_FILES for q in import_file(fmt, path.read_bytes(), path.name, ctx).quads]
    data = [q for q in existing_quads if not q.graph_name.value.startswith("https://w3id.org/llmkg/graph/ontology/")]
    report = validate(union_graph(data + imported), Settings(root=ROOT))
    assert report.conforms, [str(v) for v in report.violations[:5]]
