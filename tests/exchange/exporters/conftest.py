"""Fixtures for export tests: the real graph (ontology/ + data/) in an in-memory store.

Loaded straight from the files, so export tests do not depend on a built `.llmkg/store`;
the exports see exactly what a build would load.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import rdflib

from llmkg.build import read_files
from llmkg.config import Settings
from llmkg.exchange.exporters import Options
from llmkg.store import EmbeddedStore

ROOT = Path(__file__).resolve().parents[3]
BASE = "https://w3id.org/llmkg/"
PEER = ROOT.parent / "shared" / "peer-formats"  # as tests/conftest.py PEER_FORMATS
MLDCAT_SHAPES = PEER / "mldcat-ap" / "mldcat-ap-SHACL.ttl"


@pytest.fixture(scope="session")
def real_kg() -> EmbeddedStore:
    onto, data, _ = read_files(Settings(root=ROOT), lambda _m: None)
    kg = EmbeddedStore.in_memory()
    kg.store.bulk_extend(onto + data)
    return kg


@pytest.fixture(scope="session")
def options() -> Options:
    return Options(base=BASE, generated=datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC))


@pytest.fixture(scope="session")
def mldcat_shapes() -> rdflib.Graph:
    if not MLDCAT_SHAPES.exists():
        pytest.skip(f"MLDCAT-AP shapes not found at {MLDCAT_SHAPES}")
    return rdflib.Graph().parse(MLDCAT_SHAPES)
