"""Read RDF files and request bodies into quads, with errors that say where.

Files in data/ must carry their named graphs (TriG, N-Quads, JSON-LD); triples from a
triples-only file are put in a graph named after the file. IRIs written under the default
base are rebased to the configured one.

>>> from llmkg.config import Settings
>>> from llmkg.formats import by_extension
>>> body = (b"<https://w3id.org/llmkg/graph/g> { "
...         b"<https://w3id.org/llmkg/model/m> a <https://w3id.org/llmkg/ontology#Model> . }")
>>> (quad,) = parse_bytes(body, by_extension("x.trig"), Settings(base="http://example.org/kg/"))
>>> quad.subject.value, quad.graph_name.value
('http://example.org/kg/model/m', 'http://example.org/kg/graph/g')

A syntax error says where:

>>> parse_bytes(b"<https://w3id.org/llmkg/model/m> a .", by_extension("x.ttl"), Settings())  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
llmkg.errors.LlmkgError: RDF syntax error: ... (body text/turtle, line 1, column ...)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from . import formats
from .config import DEFAULT_BASE, Settings, rebase
from .errors import LlmkgError, invalid_data, syntax_error, unsupported_media_type

_POSITION = re.compile(r"line (\d+) column (\d+)")


def parse_file(path: Path, settings: Settings, graph: str | None = None) -> list[ox.Quad]:
    """All quads of one file; raises LlmkgError (syntax-error, with file, line, column)."""
    fmt = formats.by_extension(path.name)
    if fmt is None or fmt.kind != "rdf":
        raise unsupported_media_type(path.suffix, [f.extension for f in formats.RDF_FORMATS])
    default_graph = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    try:
        with path.open("rb") as fh:
            quads = [_in_graph(q, default_graph) for q in ox.parse(fh, format=fmt.rdf)]
    except SyntaxError as e:
        raise _located(e, file=str(path)) from None
    return list(_rebased(quads, settings))


def load_file(store: ox.Store, path: Path, settings: Settings) -> None:
    """Stream one data file into `store` (no quad list in Python: files of any size). Raises LlmkgError
    naming the file: a syntax error (with line and column), or triples outside a named graph. Not
    transactional: callers load into a store they discard on error."""
    fmt = formats.by_extension(path.name)
    if fmt is None or fmt.kind != "rdf":
        raise unsupported_media_type(path.suffix, [f.extension for f in formats.RDF_FORMATS])
    try:
        if settings.base == DEFAULT_BASE:
            store.bulk_load(path=str(path), format=fmt.rdf)
        else:
            with path.open("rb") as fh:
                store.bulk_extend(_rebased((_in_graph(q, ox.DefaultGraph()) for q in ox.parse(fh, format=fmt.rdf)),
                                           settings))
    except SyntaxError as e:
        raise _located(e, file=str(path)) from None
    stray = next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None)
    if stray is not None:
        raise outside_named_graphs(stray, path)


def outside_named_graphs(stray: ox.Quad, path: Path) -> LlmkgError:
    """The error for a data file with triples in the default graph (`stray` is one of them)."""
    return invalid_data(
        "data must be in named graphs (one per source); this file has triples in the "
        f"default graph, e.g. {stray.subject} {stray.predicate}",
        file=str(path),
    )


def parse_bytes(body: bytes, fmt: formats.Format, settings: Settings) -> list[ox.Quad]:
    """Quads of a request body; relative IRIs are not resolved (they are an error)."""
    try:
        quads = list(ox.parse(body, format=fmt.rdf))
    except SyntaxError as e:
        raise _located(e, body=fmt.media_type) from None
    return list(_rebased(quads, settings))


def _in_graph(q: ox.Quad | ox.Triple, graph: ox.NamedNode | ox.DefaultGraph) -> ox.Quad:
    if isinstance(q, ox.Quad):
        if isinstance(q.graph_name, ox.DefaultGraph) and isinstance(graph, ox.NamedNode):
            return ox.Quad(q.subject, q.predicate, q.object, graph)
        return q
    return ox.Quad(q.subject, q.predicate, q.object, graph)


def _located(e: SyntaxError, **where: object) -> LlmkgError:
    line, column = e.lineno, e.offset
    if line is None:
        m = _POSITION.search(str(e))
        line, column = (int(m.group(1)), int(m.group(2))) if m else (None, None)
    return syntax_error(f"RDF syntax error: {e.msg if e.msg else e}", **where, line=line, column=column)


def _rebased(quads: Iterable[ox.Quad], settings: Settings) -> Iterator[ox.Quad]:
    if settings.base == DEFAULT_BASE:
        yield from quads
        return
    for q in quads:
        yield ox.Quad(
            _term(q.subject, settings), _term(q.predicate, settings), _term(q.object, settings),
            _term(q.graph_name, settings),
        )


def _term(t, settings: Settings):  # noqa: ANN001, ANN202 - any pyoxigraph term
    if isinstance(t, ox.NamedNode):
        return ox.NamedNode(rebase(t.value, settings))
    return t
