"""Fixtures for the HTTP tests: a small store built in a tmp dir from fixtures/kg.trig plus the
ontology, named queries from fixtures/queries, and a TestClient on `create_app(settings)`.

Tests that need other settings or another store swap the dependencies
(`app.dependency_overrides[get_settings]`, `[get_kg]`); `client` clears the overrides after each test.
"""

from __future__ import annotations

import gc
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from llmkg.config import Settings
from llmkg.http.app import create_app
from llmkg.parse import parse_file

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
REPO = HERE.parents[1]
BASE = "https://w3id.org/llmkg/"


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A root with the real ontology and the fixture queries, and a store built from kg.trig."""
    root = tmp_path_factory.mktemp("root")
    (root / "ontology").mkdir()
    for f in sorted((REPO / "ontology").glob("*.ttl")):
        shutil.copy(f, root / "ontology" / f.name)
    shutil.copytree(FIXTURES / "queries", root / "queries")
    settings = Settings(root=root, store_path=root / "store", query_timeout=10, result_limit=1000)
    store = ox.Store(str(settings.store))
    store.bulk_extend(fixture_quads(settings))
    store.flush()
    del store
    gc.collect()  # release the RocksDB lock before the app opens the store
    return settings


def fixture_quads(settings: Settings) -> list[ox.Quad]:
    quads = parse_file(FIXTURES / "kg.trig", settings)
    for f in sorted(settings.ontology_dir.glob("*.ttl")):
        quads += parse_file(f, settings, graph=f"{settings.base}graph/ontology/{f.stem}")
    return quads


@pytest.fixture(scope="session")
def app(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    yield TestClient(app)
    app.dependency_overrides.clear()
