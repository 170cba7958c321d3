"""Run one SPARQL query for the HTTP layer: guarded, in a worker thread, with a deadline and a cap.

Guarantees:
- nothing is written: an update (INSERT, DELETE, LOAD, CLEAR…) is refused with 403 before
  the store sees it, and the store is only ever asked to `query`;
- no fetching on behalf of users: `SERVICE` is refused with 400 unless settings.allow_service;
- the answer comes at the deadline (settings.query_timeout): 503 `timeout`. Oxigraph evaluates
  in Rust and releases the GIL, so other requests keep being served meanwhile. Oxigraph cannot
  cancel a query, so the worker checks the deadline between solutions and stops there; a query
  stuck inside one step (a big sort or aggregate) is answered at the deadline while its thread
  runs that step to the end in the background and then stops;
- at most settings.result_limit rows or triples are taken from the store; one more means the
  result is refused with 413 `too-large` (never silently truncated: a client cannot tell a
  truncated result from a complete one).

    >>> import pyoxigraph as ox
    >>> from llmkg.config import Settings
    >>> from llmkg.store import EmbeddedStore
    >>> a = execute(EmbeddedStore.in_memory(), "ASK {}", QueryOptions(), Settings(), lambda kind: None)
    >>> a.kind, a.value
    ('ask', True)
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from .. import formats
from ..config import Settings
from ..errors import LlmkgError, bad_request, forbidden, timeout, too_large
from ..store import KnowledgeGraph, QueryOptions, sparql_words

UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def read_only_refusal(what: str = "SPARQL updates") -> LlmkgError:
    return forbidden(
        f"this endpoint is read-only: {what} (INSERT, DELETE, LOAD, CLEAR, DROP…) are refused; "
        "the graph is built from the files in data/",
        parameter="update",
    )


def guard(sparql: str, settings: Settings) -> None:
    """Refuse updates (403) and, unless allowed, SERVICE (400) before the store sees the text."""
    words = sparql_words(sparql)
    first = next((w for w in words if w not in ("BASE", "PREFIX")), "")
    if first in UPDATE_WORDS:
        raise read_only_refusal(f"an update ({first}) sent as a query")
    if "SERVICE" in words and not settings.allow_service:
        raise bad_request(
            "SERVICE (federated query) is disabled on this endpoint: it would fetch other servers "
            "on your behalf (set LLMKG_ALLOW_SERVICE=1 to allow it)",
            parameter="query",
        )


@dataclass
class Answer:
    kind: str  # select, ask or graph
    value: Any  # (variables, rows) for select, bool for ask, list of triples for graph
    format: formats.Format | None


class _Budget:
    """The deadline and cap one query runs under, checked between solutions."""

    def __init__(self, settings: Settings, cancelled: threading.Event) -> None:
        self.seconds = settings.query_timeout
        self.deadline = time.monotonic() + settings.query_timeout
        self.limit = settings.result_limit
        self.cancelled = cancelled

    def take(self, items: Any, what: str) -> list:
        out = []
        for item in items:
            if self.cancelled.is_set() or time.monotonic() > self.deadline:
                raise timeout(self.seconds)
            if len(out) >= self.limit:
                raise too_large(
                    f"the result has more than {self.limit} {what} (LLMKG_RESULT_LIMIT); "
                    "add a LIMIT or narrow the query"
                )
            out.append(item)
        return out


def execute(
    kg: KnowledgeGraph,
    sparql: str,
    options: QueryOptions,
    settings: Settings,
    negotiate: Callable[[str], formats.Format | None],
    cancelled: threading.Event | None = None,
) -> Answer:
    """Guard, run and materialize one query (blocking; call it in a worker thread)."""
    guard(sparql, settings)
    budget = _Budget(settings, cancelled or threading.Event())
    try:
        return _materialize(kg.query(sparql, options), budget, negotiate)
    except LlmkgError as e:
        # pyoxigraph's result iterators must die on the thread that made them: drop the
        # traceback (whose frames hold the iterator) here, not in the event loop
        raise e.with_traceback(None) from None


def _materialize(result: Any, budget: _Budget, negotiate: Callable[[str], formats.Format | None]) -> Answer:
    if isinstance(result, ox.QueryBoolean):
        return Answer("ask", bool(result), negotiate("ask"))
    if isinstance(result, ox.QuerySolutions):
        fmt = negotiate("select")
        names = [v.value for v in result.variables]
        rows = budget.take(result, "rows")
        return Answer("select", (names, [[row[i] for i in range(len(names))] for row in rows]), fmt)
    fmt = negotiate("graph")
    return Answer("graph", budget.take(result, "triples"), fmt)


async def run(
    pool: Executor,
    kg: KnowledgeGraph,
    sparql: str,
    options: QueryOptions,
    settings: Settings,
    negotiate: Callable[[str], formats.Format | None],
) -> Answer:
    """`execute` in the query pool; a 503 at the deadline even if the worker is still busy."""
    cancelled = threading.Event()
    future = pool.submit(execute, kg, sparql, options, settings, negotiate, cancelled)
    try:
        return await asyncio.wait_for(asyncio.wrap_future(future), settings.query_timeout + 0.05)
    except TimeoutError:
        cancelled.set()
        raise timeout(settings.query_timeout) from None


# ---------------------------------------------------------------- serialization


def serialize(answer: Answer) -> bytes:
    """The answer's bytes in its negotiated format."""
    fmt = answer.format
    assert fmt is not None
    if answer.kind == "graph":
        triples = answer.value
        if fmt.quads:
            triples = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
        return ox.serialize(triples, format=fmt.rdf)
    doc = sparql_json(answer)
    if fmt.name == "srj":
        return doc
    return ox.parse_query_results(doc, format=ox.QueryResultsFormat.JSON).serialize(format=fmt.results)


def sparql_json(answer: Answer) -> bytes:
    """SPARQL 1.1 Query Results JSON for a select or ask answer.

    Written as strings, term by term: building dicts for json.dumps took 2-3 times as long
    (5.8 vs 2.7 ms for 1,163 rows; docs/benchmarks.md, Follow-up 3).
    """
    if answer.kind == "ask":
        return json.dumps({"head": {}, "boolean": answer.value}).encode()
    names, rows = answer.value
    keys = [_quoted(n) + ":" for n in names]
    bindings = ",".join(
        "{" + ",".join([k + _term(t) for k, t in zip(keys, row, strict=True) if t is not None]) + "}" for row in rows
    )
    head = ",".join(_quoted(n) for n in names)
    return f'{{"head":{{"vars":[{head}]}},"results":{{"bindings":[{bindings}]}}}}'.encode()


_quoted = json.encoder.encode_basestring  # type: ignore[attr-defined]  # a str as a JSON string, in C


def _term(t: Any) -> str:
    """One term as SPARQL JSON (term_json's, as a string)."""
    if t.__class__ is ox.NamedNode:
        return '{"type":"uri","value":' + _quoted(t.value) + "}"
    if t.__class__ is ox.Literal:
        value = '{"type":"literal","value":' + _quoted(t.value)
        if t.language:
            return value + ',"xml:lang":' + _quoted(t.language) + "}"
        datatype = t.datatype.value
        if datatype in (XSD_STRING, RDF_LANG_STRING):
            return value + "}"
        return value + ',"datatype":' + _quoted(datatype) + "}"
    return json.dumps(term_json(t), ensure_ascii=False)  # blank nodes, quoted triples


def term_json(t: Any) -> dict[str, Any]:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": term_json(t.subject),
                "predicate": term_json(t.predicate),
                "object": term_json(t.object),
            },
        }
    out: dict[str, Any] = {"type": "literal", "value": t.value}
    if t.language:
        out["xml:lang"] = t.language
    elif t.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
        out["datatype"] = t.datatype.value
    return out
