"""Fixtures of the importers' tests: the real peer files, our fixtures, a throw-away copy of the repo.

Tests that write (`llmkg import`) run on a copy of ontology/, shapes/, queries/ and data/ in a
temporary folder (LLMKG_ROOT), never on the real data/.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from import_helpers import PEERS, ROOT, copy_repo

from llmkg.build import data_files, ontology_files, ontology_graph_iri
from llmkg.config import Settings
from llmkg.exchange.crosswalk import Crosswalk
from llmkg.parse import parse_file


@pytest.fixture(scope="session")
def peers() -> Path:
    if not PEERS.is_dir():
        pytest.skip(f"the peer records are not at {PEERS}")
    return PEERS


@pytest.fixture
def repo(tmp_path: Path) -> Settings:
    return copy_repo(tmp_path)


@pytest.fixture(scope="session")
def existing_quads() -> list[ox.Quad]:
    """Ontology and data quads of the real repo (read only; earlier imports left out)."""
    s = Settings(root=ROOT)
    onto = [q for p in ontology_files(s) for q in parse_file(p, s, graph=ontology_graph_iri(p, s))]
    return onto + [q for p in data_files(s) if "imports" not in p.parts for q in parse_file(p, s)]


@pytest.fixture
def crosswalk(existing_quads: list[ox.Quad]) -> Crosswalk:
    return Crosswalk.from_quads(existing_quads)
