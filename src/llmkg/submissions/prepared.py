"""rdflib's SPARQL processor translating each query text once, for the length of a validation.

pyshacl evaluates a SPARQL-based constraint once per focus node and hands rdflib the query as
text each time, which rdflib parses again (pyparsing: ~40 ms a parse): for a submission of a
hundred models, most of the validation was parsing the same few queries. `prepared_queries()`
registers, for as long as it is entered, a processor that keeps the translated query (what
rdflib's own `prepareQuery` makes for reuse with other bindings) by text; evaluation is
rdflib's. The registration is rdflib's plugin API (`rdflib.plugin.register`), undone on exit.

    >>> import rdflib
    >>> g = rdflib.Graph().parse(data="<http://x/a> <http://x/b> 1 .", format="turtle")
    >>> with prepared_queries():
    ...     [len(g.query("SELECT ?s WHERE { ?s ?p ?o }")) for _ in range(3)]
    [1, 1, 1]
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from rdflib import plugin
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor
from rdflib.query import Processor

MAX_QUERIES = 512


class PreparingProcessor(SPARQLProcessor):
    _prepared: dict[tuple, Any] = {}

    def query(self, strOrQuery: Any, initBindings: Mapping | None = None,  # noqa: N803 - rdflib's names
              initNs: Mapping[str, Any] | None = None, base: str | None = None, DEBUG: bool = False) -> Any:  # noqa: N803
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((k, str(v)) for k, v in (initNs or {}).items())))
            prepared = self._prepared.get(key)
            if prepared is None:
                if len(self._prepared) >= MAX_QUERIES:
                    self._prepared.clear()
                prepared = self._prepared[key] = translateQuery(parseQuery(strOrQuery), base, initNs)
            strOrQuery = prepared
        return super().query(strOrQuery, initBindings, initNs, base, DEBUG)


@contextmanager
def prepared_queries() -> Iterator[None]:
    plugin.register("sparql", Processor, __name__, "PreparingProcessor")
    try:
        yield
    finally:
        plugin.register("sparql", Processor, "rdflib.plugins.sparql.processor", "SPARQLProcessor")
