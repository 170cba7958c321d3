"""Validate RDF files together with the shipped data (the CLI's `llmkg validate FILE…`)."""

from __future__ import annotations

from pathlib import Path

from .build import data_files
from .config import Settings
from .parse import parse_file
from .rdfconv import union_graph
from .validate import Report, validate


def validate_files(files: list[Path], settings: Settings) -> Report:
    """Report for `files` plus every data file not among them (so references resolve).

    With no files, the report for the shipped data alone.
    """
    given = {f.resolve() for f in files}
    quads = []
    for f in files:
        quads += parse_file(f, settings)
    for f in data_files(settings):
        if f.resolve() not in given:
            quads += parse_file(f, settings)
    return validate(union_graph(quads), settings)
