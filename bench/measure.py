"""Timing SPARQL requests over HTTP, and checking that every system gives the same answer.

- `latency`: one warm-up request per system, then `runs` timed rounds over the systems (one
  timed run only for a system whose warm-up took over `slow` seconds); the median. A request
  is a URL-encoded POST with Accept: SPARQL JSON, timed until its whole body has been read.
- `throughput`: `clients` threads send a fixed, seeded sequence of requests (the same for
  every system) for `duration` seconds; the first `warmup` seconds are not counted. The caller
  runs it in slices, round-robin over the systems, and `combine`s the slices.
- `answer`: the rows of a SPARQL JSON result as a canonical multiset, and its digest: blank
  node labels are dropped, xsd:string is plain, numbers are compared by value, the order of
  rows is ignored (engines break ORDER BY ties differently).

    >>> body = b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"14.0",'
    >>> body += b'"datatype":"http://www.w3.org/2001/XMLSchema#decimal"}}]}}'
    >>> answer(body) == answer(body.replace(b'14.0', b'14'))
    True
"""

from __future__ import annotations

import hashlib
import json
import statistics
import threading
import time
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import httpx

from .servers import SPARQL_JSON

XSD = "http://www.w3.org/2001/XMLSchema#"
DECIMALS = {XSD + t for t in ("integer", "decimal", "int", "long", "nonNegativeInteger", "positiveInteger")}
FLOATS = {XSD + "double", XSD + "float"}


class RequestFailed(Exception):
    pass


def post(client: httpx.Client, url: str, text: str) -> tuple[float, bytes]:
    """One query; (seconds until the body was read, body). Raises RequestFailed on a non-200."""
    t0 = time.perf_counter()
    r = client.post(url, data={"query": text}, headers={"Accept": SPARQL_JSON})
    body = r.read()
    elapsed = time.perf_counter() - t0
    if r.status_code != 200:
        raise RequestFailed(f"HTTP {r.status_code}: {body[:300].decode(errors='replace')}")
    return elapsed, body


def _term(t: dict | None) -> list:
    if t is None:
        return []
    kind, value = t["type"], t["value"]
    if kind == "bnode":
        return ["bnode"]
    if kind == "uri":
        return ["uri", value]
    datatype = t.get("datatype")
    try:
        if datatype in DECIMALS:
            value = str(Decimal(value).normalize())
        elif datatype in FLOATS:
            value = repr(float(value))
    except (InvalidOperation, ValueError):
        pass
    return ["literal", value, None if datatype == XSD + "string" else datatype, t.get("xml:lang", "").lower()]


def answer(body: bytes) -> dict:
    """{"rows": n, "digest": hex} of a SPARQL JSON SELECT result."""
    doc = json.loads(body)
    names = sorted(doc["head"]["vars"])
    rows = sorted(json.dumps([_term(b.get(n)) for n in names]) for b in doc["results"]["bindings"])
    return {"rows": len(rows), "digest": hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16]}


def latency(client: httpx.Client, urls: dict[str, str], text: str, runs: int, slow: float) -> dict[str, dict]:
    """One query on every system: a warm-up each, then `runs` rounds, each timing every system once
    in turn, so that a burst of load on the shared machine hits all of them alike. A system whose
    warm-up took over `slow` seconds is timed once only."""
    out: dict[str, dict] = {}
    times: dict[str, list[float]] = {}
    for name, url in urls.items():
        try:
            first, body = post(client, url, text)
            out[name] = {"bytes": len(body), **answer(body)}
            times[name] = [post(client, url, text)[0]] if first > slow else []
        except httpx.TimeoutException:
            out[name] = {"timeout": True}
        except (RequestFailed, httpx.TransportError, ValueError, KeyError) as e:
            out[name] = {"error": str(e)[:300]}
    for _ in range(runs):
        for name in [n for n, t in times.items() if not t or len(t) < runs and t[0] <= slow]:
            try:
                times[name].append(post(client, urls[name], text)[0])
            except (httpx.HTTPError, RequestFailed) as e:
                out[name] = {"error": f"in a timed run: {str(e)[:300]}"}
                del times[name]
    for name, t in times.items():
        out[name].update(median_ms=round(statistics.median(t) * 1000, 2), min_ms=round(min(t) * 1000, 2),
                         max_ms=round(max(t) * 1000, 2), runs=len(t))
    return out


@dataclass(frozen=True)
class Task:
    query: str  # the benchmark query's name
    text: str  # its text with the model bound


def throughput(url: str, tasks: list[Task], clients: int, duration: float, warmup: float, timeout: float,
               start: int = 0) -> dict:
    """`clients` concurrent clients, each on its own connection, take the next task of `tasks`
    (from `start`) for `duration` seconds; what finished after `warmup` seconds is counted."""
    lock, nxt = threading.Lock(), [start]
    done: list[tuple[float, float]] = []  # (finished at, seconds) of each success
    errors: list[str] = []
    t0 = time.perf_counter()
    stop_at = t0 + duration

    def client_loop() -> None:
        with httpx.Client(timeout=httpx.Timeout(timeout, connect=10)) as client:
            while time.perf_counter() < stop_at:
                with lock:
                    task = tasks[nxt[0] % len(tasks)]
                    nxt[0] += 1
                try:
                    seconds, _ = post(client, url, task.text)
                    done.append((time.perf_counter(), seconds))
                except (RequestFailed, httpx.HTTPError) as e:
                    errors.append(f"{task.query}: {type(e).__name__} {str(e)[:200]}")

    threads = [threading.Thread(target=client_loop, daemon=True) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(duration + timeout + 30)
    end = max([t0 + duration, *(d[0] for d in done)])
    return {"seconds": end - (t0 + warmup), "latencies": [d[1] for d in done if d[0] >= t0 + warmup],
            "errors": errors}


def combine(slices: list[dict], clients: int) -> dict:
    """Requests per second and latency percentiles over several `throughput` slices."""
    seconds = sum(x["seconds"] for x in slices)
    lat = sorted(v for x in slices for v in x["latencies"])
    errors = [e for x in slices for e in x["errors"]]

    def pct(p: float) -> float | None:
        return round(lat[min(len(lat) - 1, int(p * len(lat)))] * 1000, 2) if lat else None

    return {"clients": clients, "seconds": round(seconds, 2), "requests": len(lat),
            "requests_per_s": round(len(lat) / seconds, 2), "p50_ms": pct(0.5), "p95_ms": pct(0.95),
            "errors": len(errors), "first_errors": errors[:3], "slices": len(slices)}
