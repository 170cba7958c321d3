"""Fixtures for the submission tests: the repo's ontology, shapes, queries and data copied into a
temporary root and built once (as `llmkg build` would); each test gets its own copy of that root
(files and store), so accepted submissions land in the copy's data/submissions/, never in the repo.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from subserver import Live, start_server

from llmkg.build import build
from llmkg.config import Settings
from llmkg.http.app import create_app
from llmkg.submissions.tokens import TokenStore

REPO = Path(__file__).resolve().parents[2]


def copy_root(source: Path, target: Path) -> Settings:
    """A copy of a built root whose store link points at the copy's store."""
    shutil.copytree(source, target, symlinks=True)
    link = target / ".llmkg" / "store"
    stored = link.resolve().name
    link.unlink()
    link.symlink_to(target / ".llmkg" / "stores" / stored)
    return Settings(root=target)


@pytest.fixture(scope="session")
def built_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("template") / "root"
    root.mkdir()
    for folder in ("ontology", "shapes", "queries", "data"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("submissions"))
    build(Settings(root=root), progress=lambda _m: None)
    return root


@pytest.fixture
def sub_settings(built_root: Path, tmp_path: Path) -> Settings:
    """Settings over a fresh copy of the built root (store and files)."""
    return copy_root(built_root, tmp_path / "root")


@pytest.fixture
def tokens(sub_settings: Settings) -> dict[str, str]:
    """Tokens for alice, bob and an admin (name → secret)."""
    store = TokenStore.of(sub_settings)
    return {"alice": store.create("alice"), "bob": store.create("bob"), "admin": store.create("admin", admin=True)}


@pytest.fixture
def app(sub_settings: Settings) -> Iterator[FastAPI]:
    app = create_app(sub_settings)
    yield app
    if hasattr(app.state.kg, "store"):  # not closed by the app's shutdown already
        app.state.kg.close()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:  # runs the start-up (reconciliation)
        yield c


@pytest.fixture
def live(sub_settings: Settings, tokens: dict[str, str]) -> Iterator[Live]:
    server = start_server(sub_settings)
    yield server
    server.stop()


@pytest.fixture
def env(sub_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The CLI's environment: no store, endpoint, server or token from outside; the test's root."""
    for name in ("LLMKG_STORE", "LLMKG_ENDPOINT", "LLMKG_SERVER", "LLMKG_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LLMKG_ROOT", str(sub_settings.root))
    return sub_settings
