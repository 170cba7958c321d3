"""Integrity checks: SPARQL queries in queries/checks/ that must return no rows.

Each file is named after the violation it finds (e.g. `self-derivation-violation.rq`); every
row it returns is a problem, reported with the check's name and the row's bindings.
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
