"""Fixtures shared by the whole suite: the real repository built once into a temporary store.

`built_store` is what `llmkg build` makes of the repo's own ontology/, data/ and shapes/ (validated,
as a new user's `make serve` would build it), in a temporary folder so that no test touches
`.llmkg/`. It is only ever opened read-only: tests that serve the graph get `served_store`, a copy.
Subtrees with other needs (tests/http uses a small fixture graph) define their own
`settings`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from llmkg.build import build
from llmkg.config import Settings

ROOT = Path(__file__).resolve().parents[1]
PEER_FORMATS = ROOT.parent / "shared" / "peer-formats"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings whose store holds the repo's files, built and validated by `llmkg.build.build`."""
    settings = Settings(root=ROOT, store_path=tmp_path_factory.mktemp("built") / "store")
    build(settings, progress=lambda _message: None)
    return settings


@pytest.fixture(scope="session")
def settings(built_store: Settings) -> Settings:
    return built_store


@pytest.fixture(scope="session")
def served_store(built_store: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A copy of `built_store` for the tests that run the app on it. The app opens its store
    read-write, and RocksDB then compacts it in the background, deleting files that the
    read-only openers of `built_store` (CLI commands, session fixtures) are still reading."""
    copy = tmp_path_factory.mktemp("served") / "store"
    shutil.copytree(built_store.store.resolve(), copy)
    return Settings(root=built_store.root, store_path=copy)
