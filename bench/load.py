"""Load the synthetic graph into each system, timed, each loader in its own process.

- ours: what `llmkg build` does once the files have been validated (src/llmkg/build.py): parse
  every quad into a Python list with pyoxigraph, `Store.bulk_extend` it into a new on-disk
  store, flush. SHACL validation, inference and the integrity checks, which `llmkg build` also
  runs, are not part of this figure (see docs/benchmarks.md). That holds the whole graph in
  Python objects; `--stream` instead lets pyoxigraph's `Store.bulk_load` read the file (the
  loader a build that scales would use), for sizes where the list does not fit in memory.
- oxigraph: the server's own bulk loader, `oxigraph load --location STORE --file FILE`.
- rdflib: rdflib-endpoint parses the file into an in-memory Dataset when it starts; that is
  timed by bench/rdflib_server.py and reported with the server (see bench/run.py).

    python -m bench.load FILE.nq STORE_DIR [--stream]   # ours; prints {"quads": …, "seconds": …}
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from .servers import oxigraph_cli, run_measured


def load_like_build(data: Path, store_dir: Path) -> dict:
    """Parse `data` into memory and bulk-load it into a new store at `store_dir`, as the build does."""
    t0 = time.perf_counter()
    quads = list(ox.parse(path=str(data), format=ox.RdfFormat.N_QUADS))
    parsed = time.perf_counter() - t0
    store = ox.Store(str(store_dir))
    store.bulk_extend(quads)
    store.flush()
    seconds = time.perf_counter() - t0
    return {"quads": len(store), "seconds": round(seconds, 2), "parse_seconds": round(parsed, 2)}


def load_streaming(data: Path, store_dir: Path) -> dict:
    """Let pyoxigraph read `data` into a new store at `store_dir` (Store.bulk_load)."""
    t0 = time.perf_counter()
    store = ox.Store(str(store_dir))
    store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
    store.flush()
    return {"quads": len(store), "seconds": round(time.perf_counter() - t0, 2)}


def load_ours(data: Path, store_dir: Path, logs: Path, timeout: float, stream: bool = False) -> dict:
    shutil.rmtree(store_dir, ignore_errors=True)
    log = logs / "load-ours.log"
    argv = [sys.executable, "-m", "bench.load", str(data), str(store_dir), *(["--stream"] if stream else [])]
    measured = run_measured(argv, log, timeout)
    inner = json.loads(log.read_text().strip().splitlines()[-1])
    return {**_summary(inner["quads"], inner["seconds"], measured, store_dir),
            "loader": "Store.bulk_load (streaming)" if stream else "parse + bulk_extend (as llmkg build)"}


def load_oxigraph(data: Path, store_dir: Path, logs: Path, timeout: float, quads: int) -> dict:
    """`quads` is the generator's count: the CLI does not print one (the answers check it over HTTP)."""
    shutil.rmtree(store_dir, ignore_errors=True)
    argv = [oxigraph_cli(), "load", "--location", str(store_dir), "--file", str(data)]
    measured = run_measured(argv, logs / "load-oxigraph.log", timeout)
    return _summary(quads, measured["seconds"], measured, store_dir)


def _summary(quads: int, seconds: float, measured: dict, store_dir: Path) -> dict:
    return {"quads": quads, "seconds": seconds, "quads_per_s": round(quads / seconds),
            "process_seconds": measured["seconds"], "peak_rss_bytes": measured["peak_rss_bytes"],
            "disk_bytes": sum(f.stat().st_size for f in store_dir.rglob("*") if f.is_file())}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n")[0])
    p.add_argument("data", help="N-Quads file")
    p.add_argument("store", help="folder of the new store (must not exist)")
    p.add_argument("--stream", action="store_true", help="Store.bulk_load from the file instead of a list")
    args = p.parse_args(argv)
    load = load_streaming if args.stream else load_like_build
    print(json.dumps(load(Path(args.data), Path(args.store))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
