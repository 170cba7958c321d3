"""The floor of a Python SPARQL endpoint: the least any Python ASGI layer over pyoxigraph can do.

    python -m bench.floor_server STORE --port 7004

A bare ASGI callable under uvicorn (httptools, uvloop), with no framework: it reads a URL-encoded
POST, runs `query=` on the read-only store in a worker thread (the event loop must not block) and
sends pyoxigraph's own SPARQL JSON. No negotiation, no errors worth the name, no timeout, no cap, no
CORS: it is not an endpoint anyone should run, only the measure of what Python's per-request cost
is before any feature. `bench/raw_latency.py` times it beside the Oxigraph server and llmkg, which
tells how much of llmkg's gap to the raw engine is Python's and how much is llmkg's.
"""

from __future__ import annotations

import argparse
import asyncio
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs

import pyoxigraph as ox
import uvicorn


def make_app(store: ox.Store):
    pool = ThreadPoolExecutor(8)

    def run(text: str) -> bytes:
        result = store.query(text, use_default_graph_as_union=True)
        return result.serialize(format=ox.QueryResultsFormat.JSON)

    async def app(scope, receive, send):
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        text = parse_qs(body.decode())["query"][0]
        out = await asyncio.wrap_future(pool.submit(run, text))
        headers = [(b"content-type", b"application/sparql-results+json"), (b"content-length", str(len(out)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": out})

    return app


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.floor_server", description=__doc__.split("\n")[0])
    p.add_argument("store", help="an Oxigraph store folder (opened read-only)")
    p.add_argument("--port", type=int, required=True)
    args = p.parse_args(argv)
    app = make_app(ox.Store.read_only(args.store))
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", http="httptools", loop="uvloop")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
