"""Validate RDF files (the CLI's `llmkg validate FILE…`): in the context of the store when there is
one, as the server validates a submission; otherwise together with every file in data/.

- A file outside data/ is checked as a submission would be (submissions/context.py and rules.py):
  its statements with the store facts they touch, plus the submission rules, so `llmkg validate`
  prints the report `POST /validate` answers.
- A file inside data/ is checked as a new version of its own named graphs: the store's copy of
  those graphs is left out of the context.
- With no store yet (or no files), the files are validated together with all of data/.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .build import data_files
from .config import Settings
from .errors import LlmkgError
from .parse import parse_file
from .rdfconv import union_graph
from .validate import Report, validate


def validate_files(files: list[Path], settings: Settings) -> Report:
    """Report for `files`: in the context of the store if one exists, else with the shipped data.

    With no files, the report for the shipped data alone.
    """
    if files and (settings.endpoint or settings.store.exists()):
        return validate_in_store(files, settings)
    given = {f.resolve() for f in files}
    quads = []
    for f in files:
        quads += parse_file(f, settings)
    for f in data_files(settings):
        if f.resolve() not in given:
            quads += parse_file(f, settings)
    return validate(union_graph(quads), settings)


def validate_in_store(files: list[Path], settings: Settings) -> Report:
    from .store import open_store
    from .submissions.context import validate_in_context
    from .submissions.report import combine

    data_dir = settings.data_dir.resolve()
    curated = [f for f in files if f.resolve().is_relative_to(data_dir)]
    others = [f for f in files if f not in curated]
    kg = open_store(settings, read_only=True)
    reports = []
    try:
        if others:
            quads = [q for f in others for q in parse_file(f, settings)]
            reports.append(validate_in_context(_nonempty(quads, others), kg, settings, submission=True))
        if curated:
            quads = [q for f in curated for q in parse_file(f, settings)]
            graphs = sorted({q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)})
            reports.append(validate_in_context(_nonempty(quads, curated), kg, settings, submission=False,
                                               exclude=graphs))
    finally:
        kg.close()
    if len(reports) == 1:
        return reports[0]
    return combine(Report(True), set(), [r for rep in reports for r in rep.results])


def _nonempty(quads: list[ox.Quad], files: list[Path]) -> list[ox.Quad]:
    if not quads:
        raise LlmkgError(f"{', '.join(map(str, files))}: no triples to validate", 400, "empty-submission",
                         {"file": str(files[0])})
    return quads
