"""Helpers shared by the submission tests (import as `from subcheck import ...`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from llmkg.config import Settings

FIXTURES = Path(__file__).parent / "fixtures"
BASE = "https://w3id.org/llmkg/"
LLMKG = "https://w3id.org/llmkg/ontology#"
SHAPES = "https://w3id.org/llmkg/shapes#"
TURTLE = {"content-type": "text/turtle"}


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def bearer(secret: str, **headers: str) -> dict[str, str]:
    return {"authorization": f"Bearer {secret}", **TURTLE, **headers}


def results(report: dict[str, Any]) -> set[tuple[str, str, str, str, str]]:
    """(severity, focus node, path, value, shape name) of each result of a JSON report."""
    return {(r["severity"], r["focus_node"], r.get("path", ""), r.get("value", ""), r.get("shape", "").split("#")[-1])
            for r in report["results"]}


def state(kg: Any, settings: Settings) -> dict[str, Any]:
    """Everything a submission may change: the store's quads and graphs, and the files under data/."""
    quads = kg.store.quads_for_pattern(None, None, None, None)
    return {
        "quads": sorted(str(q) for q in quads if not isinstance(q.object, ox.BlankNode)),
        "count": kg.count(),
        "graphs": kg.graphs(),
        "files": sorted(str(p.relative_to(settings.data_dir)) for p in settings.data_dir.rglob("*") if p.is_file()),
    }


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """`llmkg ARGV…` in-process: (exit status, stdout, stderr)."""
    from llmkg.cli import main

    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err
