"""A submission's body → quads, refusing at the boundary what must not get further.

Guarantees, each an LlmkgError with its status:
- 415 for a media type that is not an RDF format of formats.py (the error lists those that are);
- 413 for more than settings.max_body_bytes bytes or settings.max_triples triples (parsing stops
  at the first triple over the limit);
- 400 `remote-context` for JSON-LD that names a remote @context or @import: nothing is ever
  fetched on behalf of a submitter (pyoxigraph has no document loader either: a second line);
- 400 `syntax-error` with line and column for unparsable RDF;
- 400 `empty-submission` for a body with no triples.

    >>> from llmkg.config import Settings
    >>> fmt = media_format("text/turtle; charset=utf-8")
    >>> len(read(b"<http://x/a> <http://x/b> <http://x/c> .", fmt, Settings()))
    1
"""

from __future__ import annotations

import json
import xml.parsers.expat
from collections.abc import Iterator

import pyoxigraph as ox

from .. import formats
from ..config import Settings
from ..errors import LlmkgError, too_large, unsupported_media_type
from ..parse import _located, _rebased


def media_format(media_type: str | None) -> formats.Format:
    """The RDF format of a Content-Type; 415 naming the accepted types otherwise."""
    fmt = formats.by_media_type(media_type or "", "rdf")
    if fmt is None:
        raise unsupported_media_type(media_type or "(none)", [f.media_type for f in formats.RDF_FORMATS])
    return fmt


def check_size(size: int, settings: Settings) -> None:
    if size > settings.max_body_bytes:
        raise too_large(f"the submission is larger than {settings.max_body_bytes} bytes (LLMKG_MAX_BODY_BYTES): "
                        "split it into several submissions")


def read(body: bytes, fmt: formats.Format, settings: Settings) -> list[ox.Quad]:
    """The quads of a submission body (entity IRIs rebased), within the limits above."""
    check_size(len(body), settings)
    if fmt.name == "jsonld":
        refuse_remote_contexts(body)
    quads = list(_rebased(_limited(_parse(body, fmt), settings.max_triples), settings))
    if not quads:
        raise LlmkgError("the submission is empty: it holds no triples. Send at least one statement, e.g. "
                         "<https://w3id.org/llmkg/model/my-model> a llmkg:Model ; rdfs:label \"My model\" .",
                         400, "empty-submission")
    return quads


def _parse(body: bytes, fmt: formats.Format) -> Iterator[ox.Quad]:
    try:
        for q in ox.parse(body, format=fmt.rdf):
            yield q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
    except SyntaxError as e:
        if "LoadDocumentCallback" in str(e):
            raise _remote_context("a remote context") from None
        error = _located(e, body=fmt.media_type)
        if error.where.get("line") is None:
            error.where.update(_position(body, fmt))
        error.where = {k: v for k, v in error.where.items() if v is not None}
        raise error from None


def _position(body: bytes, fmt: formats.Format) -> dict[str, int]:
    """Line and column of a JSON or XML syntax error, for the parser errors that have none."""
    try:
        if fmt.name == "jsonld":
            json.loads(body)
        elif fmt.name == "rdfxml":
            parser = xml.parsers.expat.ParserCreate()  # no external entities are ever fetched
            parser.Parse(body, True)
    except json.JSONDecodeError as e:
        return {"line": e.lineno, "column": e.colno}
    except xml.parsers.expat.ExpatError as e:
        return {"line": e.lineno, "column": e.offset + 1}
    except (ValueError, UnicodeDecodeError):
        pass
    return {}


def _limited(quads: Iterator[ox.Quad], limit: int) -> Iterator[ox.Quad]:
    for i, q in enumerate(quads):
        if i >= limit:
            raise too_large(f"the submission has more than {limit} triples (LLMKG_MAX_TRIPLES): "
                            "split it into several submissions")
        yield q


def refuse_remote_contexts(body: bytes) -> None:
    """400 if a JSON-LD document names a context by IRI (string @context, @import)."""
    try:
        doc = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return  # not JSON at all: the parser reports where
    for ref in _context_refs(doc):
        raise _remote_context(repr(ref))


def _context_refs(node: object, in_context: bool = False) -> Iterator[str]:
    if isinstance(node, list):
        for item in node:
            yield from _context_refs(item, in_context)
    elif isinstance(node, str) and in_context:
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                yield from _context_refs(value, True)
            elif key == "@import" and in_context:
                yield from _context_refs(value, True)
            elif isinstance(value, list | dict):
                yield from _context_refs(value, False)


def _remote_context(ref: str) -> LlmkgError:
    return LlmkgError(
        f"JSON-LD @context {ref} is remote: llmkg never fetches documents on behalf of a submitter. "
        "Put the context inline (\"@context\": {\"llmkg\": \"https://w3id.org/llmkg/ontology#\", …}) "
        "or send Turtle", 400, "remote-context", {"field": "@context"})

