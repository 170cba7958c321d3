"""Fixtures for the reasoning tests: the real built store, and stores built from synthetic lineages.

`real_kg` reads the store `built_store` (tests/conftest.py) made of the repo's files, inferences
included. `synthetic` is a root holding the real ontology/, shapes/, queries/checks and
queries/rules but, as data, only the fixture files named, built by `llmkg.build.build` like the
real one (validation, inference, integrity checks). `build_fixture` builds one on demand, for
tests that expect the build to fail.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from reasoning_helpers import FIXTURES, REPO, iri

from llmkg.build import build
from llmkg.config import Settings
from llmkg.http.app import create_app
from llmkg.reasoning.explain import Explanation, explain
from llmkg.store import KnowledgeGraph, open_store


def make_root(root: Path, data_files: list[str]) -> Settings:
    """A project root with the real ontology, shapes, checks and rules, and only these data files."""
    for folder in ("ontology", "shapes"):
        shutil.copytree(REPO / folder, root / folder)
    for folder in ("checks", "rules"):
        shutil.copytree(REPO / "queries" / folder, root / "queries" / folder)
    (root / "data").mkdir()
    for name in data_files:
        shutil.copy(FIXTURES / name, root / "data" / name)
    return Settings(root=root, store_path=root / "store")


@pytest.fixture(scope="session")
def build_fixture(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Settings]:
    def make(*data_files: str) -> Settings:
        settings = make_root(tmp_path_factory.mktemp("root"), list(data_files))
        build(settings, progress=lambda _m: None)
        return settings

    return make


@pytest.fixture(scope="session")
def synthetic(build_fixture: Callable[..., Settings]) -> Settings:
    return build_fixture("lineages.trig")


# Read-only handles: nothing to flush or close (EmbeddedStore.close flushes, which a read-only
# RocksDB refuses); they go with the session.
@pytest.fixture(scope="session")
def syn_kg(synthetic: Settings) -> KnowledgeGraph:
    return open_store(synthetic, read_only=True)


@pytest.fixture(scope="session")
def real_kg(built_store: Settings) -> KnowledgeGraph:
    return open_store(built_store, read_only=True)


@pytest.fixture(scope="session")
def explained(real_kg: KnowledgeGraph, built_store: Settings) -> Callable[[str], Explanation]:
    """The explanation of a model of the real store by slug, computed once per slug."""
    cache: dict[str, Explanation] = {}

    def get(slug: str) -> Explanation:
        if slug not in cache:
            cache[slug] = explain(real_kg, iri("model/" + slug), built_store)
        return cache[slug]

    return get


@pytest.fixture(scope="session")
def syn_explained(syn_kg: KnowledgeGraph, synthetic: Settings) -> Callable[[str], Explanation]:
    cache: dict[str, Explanation] = {}

    def get(slug: str) -> Explanation:
        if slug not in cache:
            cache[slug] = explain(syn_kg, iri("model/" + slug), synthetic)
        return cache[slug]

    return get


@pytest.fixture(scope="module")
def client(served_store: Settings) -> Iterator[TestClient]:
    """The HTTP app on a copy of the real built store; closed when the module's tests are done."""
    with TestClient(create_app(served_store)) as c:
        yield c
