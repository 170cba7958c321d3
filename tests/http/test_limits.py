"""Runaway queries end with a clear error without hurting other requests; nothing is ever written.

A slow query is a cross product over a small synthetic store (N triples → N³ solutions),
swapped in for the app's store through `get_kg`; tiny limits through `get_settings`.
"""

from __future__ import annotations

import asyncio
import threading
import time

import httpx
import pyoxigraph as ox
import pytest
from httpcheck import assert_error, results

from llmkg.config import Settings
from llmkg.errors import LlmkgError
from llmkg.http.deps import get_kg, get_settings
from llmkg.http.execution import execute
from llmkg.store import EmbeddedStore, QueryOptions

CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z }"  # blocks inside one step
STREAM = "SELECT * WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z }"  # yields solution by solution


def synthetic(n: int) -> EmbeddedStore:
    kg = EmbeddedStore.in_memory()
    p = ox.NamedNode("http://example.org/p")
    g = ox.NamedNode("http://example.org/g")
    kg.store.extend(ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), p, ox.Literal(i), g) for i in range(n))
    return kg


@pytest.fixture(scope="module")
def slow_kg() -> EmbeddedStore:
    return synthetic(120)  # 1.7 M solutions: a few tenths of a second to count


def use(app, kg=None, **settings_changes):  # noqa: ANN001, ANN201
    if kg is not None:
        app.dependency_overrides[get_kg] = lambda: kg
    changed = app.state.settings.with_(**settings_changes)
    app.dependency_overrides[get_settings] = lambda: changed
    return changed


# ---------------------------------------------------------------- timeout


def test_timeout_answers_at_the_deadline(client, app, slow_kg):
    use(app, slow_kg, query_timeout=0.1)
    started = time.monotonic()
    r = client.get("/sparql", params={"query": CROSS})
    elapsed = time.monotonic() - started
    assert_error(r, 503, "timeout", "time limit of 0.1 s")
    assert elapsed < 0.45, elapsed


def test_streaming_query_stops_consuming_at_the_deadline():
    """The worker itself stops (not only the response): it checks the deadline between solutions."""
    kg = synthetic(60)  # 216 000 solutions, more than can be taken in 50 ms
    settings = Settings(query_timeout=0.05, result_limit=10**9)
    started = time.monotonic()
    with pytest.raises(LlmkgError) as e:
        execute(kg, STREAM, QueryOptions(), settings, lambda kind: None)
    assert e.value.status == 503 and time.monotonic() - started < 0.5


def test_cancelled_worker_stops():
    kg = synthetic(60)
    cancelled = threading.Event()
    cancelled.set()
    with pytest.raises(LlmkgError):
        execute(kg, STREAM, QueryOptions(), Settings(result_limit=10**9), lambda kind: None, cancelled)


def test_a_slow_query_does_not_hold_up_others(app, slow_kg):
    """While one query computes (in a worker thread, GIL released), another is answered at once."""
    use(app, slow_kg, query_timeout=20)

    async def scenario() -> tuple[float, float, int, int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            t0 = time.monotonic()

            async def timed(query: str) -> tuple[float, httpx.Response]:
                r = await http.get("/sparql", params={"query": query})
                return time.monotonic() - t0, r

            slow = asyncio.create_task(timed(CROSS))
            await asyncio.sleep(0.05)
            fast_done, fast = await timed("ASK { ?s ?p ?o }")
            slow_done, slow_r = await slow
            return fast_done, slow_done, fast.status_code, slow_r.status_code

    fast_done, slow_done, fast_status, slow_status = asyncio.run(scenario())
    assert fast_status == 200 and slow_status == 200
    assert fast_done < slow_done and fast_done < 0.3, (fast_done, slow_done)


# ---------------------------------------------------------------- result cap


def test_result_cap_refuses_bigger_results(client, app):
    use(app, result_limit=3)
    err = assert_error(
        client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}),
        413,
        "too-large",
        "more than 3 rows",
        "LIMIT",
    )
    assert "LLMKG_RESULT_LIMIT" in err["message"]


def test_result_cap_allows_results_up_to_it(client, app):
    use(app, result_limit=3)
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"})
    assert r.status_code == 200 and len(list(results(r))) == 3


def test_result_cap_counts_triples_of_graphs(client, app):
    use(app, result_limit=3)
    assert_error(
        client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}), 413, "too-large", "more than 3 triples"
    )


def test_result_cap_applies_to_named_queries(client, app):
    use(app, result_limit=1)
    assert_error(client.get("/queries/models"), 413, "too-large")


# ---------------------------------------------------------------- read-only

UPDATES = [
    ("GET update=", "get", {"params": {"update": "DROP ALL"}}),
    (
        "form update=",
        "post",
        {"content": b"update=DROP%20ALL", "headers": {"content-type": "application/x-www-form-urlencoded"}},
    ),
    ("direct update", "post", {"content": b"DROP ALL", "headers": {"content-type": "application/sparql-update"}}),
    ("update as query", "get", {"params": {"query": "PREFIX x: <http://x/> DELETE WHERE { ?s ?p ?o }"}}),
    (
        "INSERT as query",
        "post",
        {
            "content": b"INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }",
            "headers": {"content-type": "application/sparql-query"},
        },
    ),
    ("LOAD as query", "get", {"params": {"query": "LOAD <http://example.org/data.ttl>"}}),
    (
        "CLEAR in form query",
        "post",
        {"content": b"query=CLEAR%20ALL", "headers": {"content-type": "application/x-www-form-urlencoded"}},
    ),
]


@pytest.mark.parametrize("method,kwargs", [(m, k) for _, m, k in UPDATES], ids=[u[0] for u in UPDATES])
def test_updates_are_refused_and_nothing_is_written(client, app, method, kwargs):
    kg = app.state.kg
    before = kg.count()
    r = getattr(client, method)("/sparql", **kwargs)
    err = assert_error(r, 403, "forbidden", "read-only")
    assert err["where"] == {"parameter": "update"}
    assert kg.count() == before
    assert bool(results(client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})))
