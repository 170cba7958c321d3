"""The rdflib + FastAPI peer: serve an N-Quads file with rdflib-endpoint on 127.0.0.1.

    python -m bench.rdflib_server FILE.nq --port 8765 [--stats load.json]

Loads the file into an in-memory rdflib Dataset whose default graph is the union of the named
graphs (as llmkg's endpoint answers), writes the load's seconds and quad count to --stats, then
serves the Dataset at /sparql with uvicorn, as rdflib-endpoint's documentation shows.
Used by bench/run.py only at sizes where rdflib can hold the graph.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import rdflib
import uvicorn
from rdflib_endpoint import SparqlEndpoint


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.rdflib_server", description=__doc__.split("\n")[0])
    p.add_argument("file", help="N-Quads file to serve")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--stats", help="JSON file to write the load's seconds and quads to")
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    ds = rdflib.Dataset(default_union=True)
    ds.parse(args.file, format="nquads")
    seconds = time.perf_counter() - t0
    quads = sum(len(g) for g in ds.graphs())
    print(f"rdflib loaded {quads} quads from {args.file} in {seconds:.1f} s", file=sys.stderr, flush=True)
    if args.stats:
        Path(args.stats).write_text(json.dumps({"quads": quads, "seconds": round(seconds, 2)}))
    app = SparqlEndpoint(graph=ds, path="/sparql", cors_enabled=False, title="rdflib-endpoint (benchmark)")
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
