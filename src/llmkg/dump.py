"""Whole-graph dumps: every named graph (TriG, N-Quads, JSON-LD) or their union (triples formats)."""

from __future__ import annotations

import shutil
import urllib.request
from collections.abc import Iterator
from typing import BinaryIO

import pyoxigraph as ox

from . import formats
from .config import Settings
from .errors import LlmkgError
from .serving import reading_through
from .store import EmbeddedStore, KnowledgeGraph, open_store

_ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def quads(kg: KnowledgeGraph) -> Iterator[ox.Quad]:
    if isinstance(kg, EmbeddedStore):
        yield from kg.quads()
        return
    for row in kg.query(_ALL_QUADS):  # type: ignore[union-attr]
        yield ox.Quad(row["s"], row["p"], row["o"], row["g"])


def write(kg: KnowledgeGraph, fmt: formats.Format, out: BinaryIO) -> None:
    if fmt.quads:
        ox.serialize(quads(kg), out, format=fmt.rdf)
        return
    seen = {q.triple for q in quads(kg)}  # the union: one copy of a triple several graphs state
    ox.serialize(sorted(seen, key=str), out, format=fmt.rdf)


def dump(settings: Settings, fmt: formats.Format, out: BinaryIO) -> None:
    if url := reading_through(settings):  # the running server's own dump: the same bytes, and no result cap
        _download(f"{url}/dumps/llmkg{fmt.extension}", out)
        return
    kg = open_store(settings, read_only=True)
    try:
        write(kg, fmt, out)
    finally:
        kg.close()


def _download(url: str, out: BinaryIO) -> None:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            shutil.copyfileobj(response, out, 1 << 20)
    except OSError as e:
        raise LlmkgError(f"the server's dump {url} failed: {e}", 502, "bad-gateway") from None
