"""The knowledge graph's storage: an embedded on-disk Oxigraph store, or a remote SPARQL 1.1 store.

Both answer `query()` with the same result objects (pyoxigraph's), so everything above this
module (named queries, HTTP, exports) works the same against either.

Embedded: `.llmkg/store` is a symlink to one of `.llmkg/stores/<id>`; a build writes a new
store beside the old one and swaps the link atomically, so a failed build leaves the old store
untouched and readers never see a half-built one.

    >>> kg = EmbeddedStore.in_memory()
    >>> g = "http://example.org/g"
    >>> kg.replace_graphs([ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"),
    ...                            ox.Literal("o"), ox.NamedNode(g))], [g])
    >>> bool(kg.query("ASK { ?s ?p ?o }")), kg.graphs()
    (True, ['http://example.org/g'])
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.error import HTTPError
from urllib.parse import urlencode

import pyoxigraph as ox

from .config import Settings
from .errors import LlmkgError, not_found, syntax_error
from .serving import reading_through, server_of

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples | list


@dataclass(frozen=True)
class QueryOptions:
    union: bool = True  # default graph = union of all named graphs (+ the store default graph)
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    base_iri: str | None = None  # relative IRIs in the query resolve against it (the endpoint, over HTTP)


class KnowledgeGraph(Protocol):
    def query(self, sparql: str, options: QueryOptions = QueryOptions()) -> QueryResult: ...
    def graphs(self) -> list[str]: ...
    def count(self) -> int: ...
    def replace_graphs(self, quads: Iterable[ox.Quad], graphs: Iterable[str]) -> None: ...
    def close(self) -> None: ...


# what is not a keyword: comments, strings, IRIs, variables, blank nodes, prefixed names, numbers
_NOT_A_WORD = re.compile(
    r"#[^\n]*|'''(?:[^\\]|\\.)*?'''|\"\"\"(?:[^\\]|\\.)*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\""
    r"|<[^<>\"{}|^`\\\x00-\x20]*>|[?$]\w+|_:[\w.-]+|[A-Za-z_][\w.-]*:[\w.:%-]*|:[\w.:%-]*|(?<![\w:])\d[\w.]*"
)
_WORD = re.compile(r"[A-Za-z_]+")


def sparql_words(sparql: str) -> list[str]:
    """The bare words of a query or update (its keywords), upper-cased, in order.

    >>> sparql_words('PREFIX ex: <http://x/service> SELECT ?from { ex:load "SERVICE" ?s ?p ?o }')
    ['PREFIX', 'SELECT']
    """
    return [w.upper() for w in _WORD.findall(_NOT_A_WORD.sub(" ", sparql))]


def declares_dataset(sparql: str) -> bool:
    """Whether the query names its own dataset (FROM / FROM NAMED), which then replaces the union."""
    return "FROM" in sparql_words(sparql)


def query_syntax_error(e: SyntaxError) -> LlmkgError:
    """A SPARQL parser error as a 400 naming line and column ('error at 1:25: …')."""
    msg = str(e)
    line = column = None
    if msg.startswith("error at ") and ":" in msg[9:]:
        pos = msg[9:].split(":", 2)
        if pos[0].isdigit() and pos[1].split()[0].isdigit():
            line, column = int(pos[0]), int(pos[1].split()[0])
    return syntax_error(f"SPARQL syntax error: {msg}", parameter="query", line=line, column=column)


class EmbeddedStore:
    """An Oxigraph (RocksDB) store on disk: ACID, repeatable-read isolation."""

    def __init__(self, store: ox.Store, path: Path | None = None, read_only: bool = False) -> None:
        self.store = store
        self.path = path
        self.read_only = read_only

    @classmethod
    def open(cls, settings: Settings, read_only: bool = False) -> EmbeddedStore:
        link = settings.store
        if not link.exists():
            raise not_found(f"no store at {link}: run `llmkg build` first", store=str(link))
        target = link.resolve()
        try:
            store = ox.Store.read_only(str(target)) if read_only else ox.Store(str(target))
        except OSError as e:
            if "lock" not in str(e).lower():
                raise
            url = server_of(target)
            holder = f"the llmkg server at {url}" if url else "another process"
            raise LlmkgError(f"the store is open for writing by {holder}: stop it first, or use another store "
                             "(--store)", 409, "store-in-use", {"store": str(link)}) from None
        return cls(store, target, read_only=read_only)

    @classmethod
    def in_memory(cls) -> EmbeddedStore:
        return cls(ox.Store())

    def query(self, sparql: str, options: QueryOptions = QueryOptions()) -> QueryResult:
        kwargs: dict = {}
        if options.default_graphs:
            kwargs["default_graph"] = [_graph(g) for g in options.default_graphs]
        elif options.union and not declares_dataset(sparql):
            kwargs["use_default_graph_as_union"] = True
        if options.named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in options.named_graphs]
        if options.base_iri:
            kwargs["base_iri"] = options.base_iri
        try:
            return self.store.query(sparql, **kwargs)
        except SyntaxError as e:
            raise query_syntax_error(e) from None

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def count(self) -> int:
        return len(self.store)

    def quads(self, graph: str | None = None) -> Iterable[ox.Quad]:
        g = ox.NamedNode(graph) if graph else None
        return self.store.quads_for_pattern(None, None, None, g)

    def replace_graphs(self, quads: Iterable[ox.Quad], graphs: Iterable[str]) -> None:
        """Replace the named `graphs` by `quads`, all in one transaction."""
        names = [ox.NamedNode(g) for g in graphs]
        drop = " ; ".join(f"DROP SILENT GRAPH <{n.value}>" for n in names)
        quads = list(quads)
        if drop:
            insert = _insert_data(quads)
            self.store.update(drop + (" ; " + insert if insert else ""))
        else:
            self.store.extend(quads)

    def close(self) -> None:
        if not self.read_only:  # a read-only store has nothing to flush (and refuses to)
            self.store.flush()
        del self.store


def _graph(g: str) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if g in ("", "default") else ox.NamedNode(g)


def _insert_data(quads: list[ox.Quad]) -> str:
    """A SPARQL `INSERT DATA` for the quads, grouped by graph (N-Triples inside)."""
    by_graph: dict[object, list[ox.Triple]] = {}
    for q in quads:
        by_graph.setdefault(q.graph_name, []).append(q.triple)
    parts = []
    for graph, triples in by_graph.items():
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode()
        parts.append(f"GRAPH <{graph.value}> {{ {body} }}" if isinstance(graph, ox.NamedNode) else body)
    return "INSERT DATA { " + "\n".join(parts) + " }" if parts else ""


# ---------------------------------------------------------------- building a new store


def new_store_dir(settings: Settings) -> Path:
    stores = settings.store.parent / "stores"
    stores.mkdir(parents=True, exist_ok=True)
    # unique even for builds in the same second of one process (a failed build takes less than that)
    return Path(tempfile.mkdtemp(prefix=f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-", dir=stores))


def activate(settings: Settings, new_dir: Path) -> list[str]:
    """Point the store link at `new_dir` atomically and remove stores no longer linked, but for
    those a running `llmkg serve` still serves: their servers' URLs are returned."""
    link = settings.store
    link.parent.mkdir(parents=True, exist_ok=True)
    tmp = link.parent / f".{link.name}.{os.getpid()}.tmp"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(new_dir.resolve())
    os.replace(tmp, link)
    serving = []
    for old in (link.parent / "stores").iterdir():
        if old.resolve() == new_dir.resolve():
            continue
        url = server_of(old)
        if url:
            serving.append(url)
        else:
            shutil.rmtree(old, ignore_errors=True)
    return serving


# ---------------------------------------------------------------- remote


class RemoteStore:
    """A SPARQL 1.1 store reached over HTTP (Oxigraph server, Fuseki, Virtuoso, GraphDB, QLever).

    Queries go through SPARQLWrapper; results come back as SPARQL JSON or N-Triples and are
    parsed into the same objects the embedded store returns. The union default graph is asked
    for by listing every named graph as a `default-graph-uri`, which every SPARQL 1.1 store
    understands.
    """

    def __init__(self, endpoint: str, update_endpoint: str | None = None, timeout: float = 60) -> None:
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint
        self.timeout = timeout

    def _wrapper(self, url: str):  # noqa: ANN202
        from SPARQLWrapper import POST, SPARQLWrapper

        w = SPARQLWrapper(url)
        w.setMethod(POST)
        w.setTimeout(int(self.timeout))
        return w

    def _kind(self, sparql: str, base_iri: str | None = None) -> str:
        try:
            probe = ox.Store().query(sparql, base_iri=base_iri)
        except SyntaxError as e:
            raise query_syntax_error(e) from None
        if isinstance(probe, ox.QueryBoolean):
            return "ask"
        return "select" if isinstance(probe, ox.QuerySolutions) else "graph"

    def query(self, sparql: str, options: QueryOptions = QueryOptions()) -> QueryResult:
        from SPARQLWrapper import JSON, N3, SPARQLExceptions

        kind = self._kind(sparql, options.base_iri)
        w = self._wrapper(self.endpoint)
        w.setQuery(f"BASE <{options.base_iri}>\n{sparql}" if options.base_iri else sparql)
        # SPARQLWrapper guesses the query form by regex and is fooled by keywords in comments
        # (sending `update=`); oxigraph's parser has already told us the form.
        w.queryType = {"ask": "ASK", "select": "SELECT", "graph": "CONSTRUCT"}[kind]
        union = options.union and not declares_dataset(sparql)
        defaults = options.default_graphs or (tuple(self.graphs()) if union else ())
        for g in defaults:
            w.addParameter("default-graph-uri", g)
        # A protocol request that names default graphs has no named graphs but those it names too:
        # the union view must keep every graph queryable with GRAPH ?g.
        named = options.named_graphs or (tuple(defaults) if union and not options.default_graphs else ())
        for g in named:
            w.addParameter("named-graph-uri", g)
        if kind == "graph":
            w.setReturnFormat(N3)
            w.addCustomHttpHeader("Accept", "application/n-triples")
        else:
            w.setReturnFormat(JSON)
        try:
            body = w.query().response.read()
        except SPARQLExceptions.QueryBadFormed as e:
            raise syntax_error(f"remote store rejected the query: {e}", parameter="query") from None
        except Exception as e:  # network errors of any kind: the remote store is down, or refused
            raise LlmkgError(f"remote store {self.endpoint} failed: {e}{_said(e)}", 502, "bad-gateway") from None
        if kind == "graph":
            return list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)

    def graphs(self) -> list[str]:
        from SPARQLWrapper import JSON

        w = self._wrapper(self.endpoint)
        w.setQuery("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        w.setReturnFormat(JSON)
        rows = w.query().convert()["results"]["bindings"]
        return sorted(r["g"]["value"] for r in rows)

    def count(self) -> int:
        from SPARQLWrapper import JSON

        w = self._wrapper(self.endpoint)
        w.setQuery("SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
        w.setReturnFormat(JSON)
        return int(w.query().convert()["results"]["bindings"][0]["n"]["value"])

    def replace_graphs(self, quads: Iterable[ox.Quad], graphs: Iterable[str]) -> None:
        if not self.update_endpoint:
            raise LlmkgError("no update endpoint configured (LLMKG_UPDATE_ENDPOINT)", 409, "read-only")
        drop = " ; ".join(f"DROP SILENT GRAPH <{g}>" for g in graphs)
        insert = _insert_data(list(quads))
        request = " ; ".join(p for p in (drop, insert) if p)
        if not request:
            return
        import urllib.request

        req = urllib.request.Request(
            self.update_endpoint,
            data=urlencode({"update": request}).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        with urllib.request.urlopen(req, timeout=self.timeout) as resp:
            resp.read()

    def close(self) -> None:
        pass


def _said(e: Exception) -> str:
    """What an HTTP error's body says (an llmkg server's JSON error: its message), for the error."""
    if not isinstance(e, HTTPError):
        return ""
    try:
        body = e.read().decode("utf-8", errors="replace")
    except OSError:
        return ""
    try:
        message = json.loads(body)["error"]["message"]
    except (ValueError, TypeError, KeyError):
        message = None
    text = " ".join(str(message or body).split())[:500]
    return f": {text}" if text else ""


def open_store(settings: Settings, read_only: bool = False) -> KnowledgeGraph:
    """The configured store: remote when LLMKG_ENDPOINT is set, else the embedded one. To read a
    store that a running `llmkg serve` writes, the reads go through that server (serving.py)."""
    if settings.endpoint:
        return RemoteStore(settings.endpoint, settings.update_endpoint, settings.query_timeout)
    if read_only and (url := reading_through(settings)):
        return RemoteStore(f"{url}/sparql", None, settings.query_timeout)
    return EmbeddedStore.open(settings, read_only=read_only)
