"""Integrity checks: SPARQL queries in queries/checks/ that must return no rows.

Each file is named after the violation it finds (e.g. `self-derivation-violation.rq`); every
row it returns is a problem, reported with the check's name and the row's bindings.

>>> import pyoxigraph as ox
>>> from llmkg.config import Settings
>>> from llmkg.store import EmbeddedStore
>>> kg = EmbeddedStore.in_memory()
>>> kg.store.load(b"@prefix llmkg: <https://w3id.org/llmkg/ontology#> . @prefix m: <https://w3id.org/llmkg/model/> ."
...               b"m:a a llmkg:Model ; llmkg:fineTunedFrom m:a .",
...               ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("https://w3id.org/llmkg/graph/g"))
>>> [(p["check"], p["entity"], p["via"]) for p in run(kg, Settings())]
[('self-derivation-violation', 'https://w3id.org/llmkg/model/a', 'https://w3id.org/llmkg/model/a')]
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .config import Settings


def check_files(settings: Settings) -> list[Path]:
    return sorted((settings.queries_dir / "checks").glob("*.rq"))


def run(kg: Any, settings: Settings) -> list[dict[str, str]]:
    problems: list[dict[str, str]] = []
    for path in check_files(settings):
        result = kg.query(path.read_text())
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            for row in result:
                problem = {"check": path.stem}
                problem.update({n: str(row[n].value) for n in names if row[n] is not None})
                problems.append(problem)
    return problems
