"""Paths and helpers shared by the importers' tests (imported by conftest.py and the tests)."""

from __future__ import annotations

import shutil
from pathlib import Path

from llmkg.config import Settings

ROOT = Path(__file__).resolve().parents[3]
PEERS = ROOT.parent / "shared" / "peer-formats"
FIXTURES = ROOT / "tests" / "exchange" / "fixtures"
FOLDERS = {"mot": "model-openness-tool", "osai": "osai-index", "mldcat-ap": "mldcat-ap", "os-ai-map": "os-ai-map"}


def peer_files() -> list[tuple[str, Path]]:
    """(format, file) for every real peer record in ../shared/peer-formats/."""
    out = []
    for fmt, folder in FOLDERS.items():
        for f in sorted((PEERS / folder).glob("*")):
            if f.suffix in (".yml", ".yaml") or (f.suffix == ".ttl" and f.name.startswith("example-")):
                out.append((fmt, f))
    return out


def copy_repo(dest: Path) -> Settings:
    for part in ("ontology", "shapes", "queries", "data"):
        shutil.copytree(ROOT / part, dest / part, ignore=shutil.ignore_patterns("imports"))
    return Settings(root=dest, store_path=dest / ".llmkg" / "store")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes (to show that nothing was written)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
