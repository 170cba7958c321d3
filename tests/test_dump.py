"""`llmkg dump` (llmkg/dump.py and the CLI): every quad of the store, and a file whole or not at all."""

from __future__ import annotations

import pyoxigraph as ox

from llmkg import cli


def test_the_dump_file_holds_every_quad_of_the_store(built_store, tmp_path):
    out = tmp_path / "llmkg.nq"
    assert cli.main(["dump", "--format", "nquads", "-o", str(out), "--store", str(built_store.store)]) == 0
    dumped = set(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS))
    store = ox.Store.read_only(str(built_store.store.resolve()))
    assert dumped == set(store) and len(dumped) > 5000
    assert [p.name for p in tmp_path.iterdir()] == ["llmkg.nq"]  # no partial file left beside it


def test_a_dump_that_fails_leaves_no_file(tmp_path, capsys):
    out = tmp_path / "llmkg.nq"
    assert cli.main(["dump", "--format", "nquads", "-o", str(out), "--store", str(tmp_path / "no-store")]) == 1
    assert "no store at" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
