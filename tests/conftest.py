"""Fixtures shared by the whole suite: the real repository built once into a temporary store.

`built_store` is what `llmkg build` makes of the repo's own ontology/, data/ and shapes/ (validated,
as a new user's `make serve` would build it), in a temporary folder so that no test touches
`.llmkg/`. Subtrees with other needs (tests/http uses a small fixture graph) define their own
`settings`.
"""

from __future__ import annotations

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
