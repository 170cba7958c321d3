"""Benchmark llmkg's SPARQL endpoint against the raw engine (Oxigraph server) and rdflib-endpoint.

For each size, in one run: generate (or reuse) the synthetic graph (bench/generate.py); load it
into each system, timed, each loader in its own process (bench/load.py); serve it three ways on
127.0.0.1; check that every system holds every quad; time each query of bench/queries/ on each
system over HTTP (interleaved; median after a warm-up) and check that all return the same
answer; measure throughput with concurrent clients; sample every server's peak memory. Progress
goes to stderr, the report (Markdown) to stdout, the raw results to bench/results/<date>.json
(merged by size with the day's earlier runs; `--tag` for a separate file).

    python -m bench.run --models 10000,100000
    python -m bench.run --models 1M --systems ours,oxigraph

No test asserts on these timings; `make bench` runs the default size. This module is longer
than most (~330 lines) because it is the benchmark's whole procedure, in the order it runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import sys
import time
from contextlib import ExitStack
from importlib import metadata
from pathlib import Path

import httpx
import psutil

from llmkg.config import Settings
from llmkg.queries import bind, parse_query_file

from . import generate, report
from .load import load_ours, load_oxigraph
from .measure import RequestFailed, Task, combine, latency, post, throughput
from .servers import RssSampler, Server, free_port, oxigraph_cli

BENCH = Path(__file__).resolve().parent
SYSTEMS = ("ours", "oxigraph", "rdflib-endpoint")
INTERACTIVE = ("1-model-facts", "2-upstream-lineage", "4-inherited-restrictions")  # the throughput mix
NULL_QUERY = "SELECT (1 AS ?one) {}"  # what a system costs per request besides evaluating the query
COUNT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
RDFLIB_WHY = ("rdflib holds the graph as Python objects (about 1.5 KB a quad) and evaluates SPARQL in Python; "
              "above the cutoff (--rdflib-max) loading and the heavy queries would take hours on this machine")


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def parse_sizes(text: str) -> list[int]:
    """'10k,100000,1M' → [10000, 100000, 1000000]"""
    mult = {"k": 1000, "m": 1_000_000}
    out = []
    for part in text.lower().replace("_", "").split(","):
        part = part.strip()
        if part:
            out.append(int(float(part[:-1]) * mult[part[-1]]) if part[-1] in mult else int(part))
    return out


# ---------------------------------------------------------------- queries


def load_queries(meta: dict) -> list[dict]:
    """The benchmark's queries, bound to the chosen models: the biggest base (downstream), the deepest model."""
    out = []
    for f in sorted((BENCH / "queries").glob("*.rq")):
        q = parse_query_file(f)
        model = meta["base_model"] if "downstream" in f.stem else meta["deep_model"]
        values = {"model": model} if any(p.name == "model" for p in q.params) else {}
        out.append({"name": f.stem, "title": q.title, "model": values.get("model"),
                    "text": bind(q, values, Settings())})
    return out


def interactive_tasks(n: int, seed: int, count: int = 3000) -> list[Task]:
    """A seeded sequence of per-model lookups on random models, the same for every system."""
    r, settings = random.Random(seed), Settings()
    queries = {f.stem: parse_query_file(f) for f in sorted((BENCH / "queries").glob("*.rq")) if f.stem in INTERACTIVE}
    tasks = []
    for _ in range(count):
        name = r.choice(INTERACTIVE)
        model = generate.Generator.model(r.randrange(n))[1:-1]
        tasks.append(Task(name, bind(queries[name], {"model": model}, settings)))
    return tasks


# ---------------------------------------------------------------- servers


def make_servers(systems: list[str], stores: dict[str, Path], data: Path, work: Path, timeout: float) -> list[Server]:
    logs, servers = work / "logs", []
    if "ours" in systems:
        port = free_port()
        servers.append(Server(
            "ours", [sys.executable, "-m", "llmkg.cli", "serve", "--no-build", "--store", str(stores["ours"]),
                     "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
            f"http://127.0.0.1:{port}/sparql", logs / "ours.log",
            env={"LLMKG_QUERY_TIMEOUT": str(timeout), "LLMKG_RESULT_LIMIT": "100000000"}))
    if "oxigraph" in systems:
        port = free_port()
        servers.append(Server(
            "oxigraph", [oxigraph_cli(), "serve-read-only", "--location", str(stores["oxigraph"]),
                         "--bind", f"127.0.0.1:{port}", "--timeout-s", str(int(timeout))],
            f"http://127.0.0.1:{port}/query?union-default-graph", logs / "oxigraph.log"))
    if "rdflib-endpoint" in systems:
        port = free_port()
        servers.append(Server(
            "rdflib-endpoint", [sys.executable, "-m", "bench.rdflib_server", str(data), "--port", str(port),
                                "--stats", str(work / "rdflib-load.json")],
            f"http://127.0.0.1:{port}/sparql", logs / "rdflib-endpoint.log", start_timeout=3600))
    return servers


def responsive(s: Server) -> bool:
    try:
        with httpx.Client(timeout=5) as c:
            post(c, s.url, "ASK {}")
        return True
    except (RequestFailed, httpx.HTTPError):
        return False


def check_counts(servers: list[Server], expected: int, timeout: float) -> dict:
    """Every system holds every generated quad (counted over HTTP)."""
    out = {}
    with httpx.Client(timeout=httpx.Timeout(timeout, connect=10)) as client:
        for s in servers:
            try:
                seconds, body = post(client, s.url, COUNT_QUADS)
                n = int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
                out[s.name] = {"quads": n, "ok": n == expected, "ms": round(seconds * 1000, 1)}
            except (RequestFailed, httpx.HTTPError, ValueError, KeyError, IndexError) as e:
                out[s.name] = {"error": str(e)[:300], "ok": False}
            log(f"quads held by {s.name}: {out[s.name]} (generated: {expected:,})")
    return out


def time_queries(servers: list[Server], queries: list[dict], args: argparse.Namespace) -> dict:
    timings: dict[str, dict[str, dict]] = {}
    with client_for(args) as client:
        for q in queries:
            timings[q["name"]] = latency(client, {s.name: s.url for s in servers}, q["text"], args.runs, args.slow)
            for s in servers:
                res = timings[q["name"]][s.name]
                log(f"{q['name']:<30} {s.name:<16} {_fmt(res)}")
                if ("timeout" in res or "error" in res) and not responsive(s):
                    log(f"restarting {s.name}: it is still busy with the query it was given")
                    s.restart()
    return timings


def _fmt(res: dict) -> str:
    if res.get("timeout"):
        return "timeout"
    if "error" in res:
        return "error: " + res["error"]
    return f"{res['median_ms']:>10.1f} ms  {res['rows']:>6} rows  {res['digest']}  ({res['runs']} runs)"


def client_for(args: argparse.Namespace) -> httpx.Client:
    return httpx.Client(timeout=httpx.Timeout(args.timeout, connect=10))


def measure_throughput(servers: list[Server], tasks: list[Task], args: argparse.Namespace) -> dict:
    """`args.duration` seconds per system, in `args.rounds` slices taken round-robin over the systems,
    so that load from elsewhere on the machine falls on all of them alike."""
    slices: dict[str, list[dict]] = {s.name: [] for s in servers}
    each = args.duration / args.rounds
    for k in range(args.rounds):
        for s in servers:
            slices[s.name].append(throughput(s.url, tasks, args.clients, each, min(1.0, each / 5), args.timeout,
                                             start=k * 1000))
    out = {}
    for s in servers:
        out[s.name] = res = combine(slices[s.name], args.clients)
        log(f"throughput of {s.name} ({args.clients} clients, {args.rounds} slices): {res['requests_per_s']} "
            f"requests/s, p50 {res['p50_ms']} ms, p95 {res['p95_ms']} ms, {res['errors']} errors")
    return out


def serve_and_measure(servers: list[Server], queries: list[dict], tasks: list[Task], expected: int,
                      args: argparse.Namespace) -> dict:
    out: dict = {"servers": {}}
    with ExitStack() as stack:
        for s in servers:
            log(f"starting {s.name}: {' '.join(s.argv)}")
            stack.enter_context(s)
            out["servers"][s.name] = {"startup_seconds": round(s.startup_seconds, 2),
                                      "startup_peak_rss_bytes": s.startup_peak_rss, "idle_rss_bytes": s.rss()}
        sampler = RssSampler({s.name: s.rss for s in servers})
        sampler.start()
        try:
            out["quad_counts"] = check_counts(servers, expected, args.timeout)
            out["timings"] = time_queries(servers, queries, args)
            with client_for(args) as client:
                out["overhead"] = latency(client, {s.name: s.url for s in servers}, NULL_QUERY, args.runs * 2,
                                          args.slow)
            log("protocol overhead (SELECT (1 AS ?one) {}): " + ", ".join(
                f"{k} {v.get('median_ms')} ms" for k, v in out["overhead"].items()))
            if args.duration > 0:
                out["throughput"] = measure_throughput(servers, tasks, args)
        finally:
            sampler.stop()
        for s in servers:
            out["servers"][s.name]["serving_peak_rss_bytes"] = sampler.peak[s.name]
    return out


# ---------------------------------------------------------------- one size


def environment() -> dict:
    def version(dist: str) -> str | None:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return None

    return {"cpus": os.cpu_count(), "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(), "platform": platform.platform(),
            **{d: version(d) for d in ("pyoxigraph", "oxigraph", "rdflib", "rdflib-endpoint", "llmkg", "uvicorn",
                                       "fastapi")}}


def bench_size(n: int, args: argparse.Namespace) -> dict:
    started = time.monotonic()
    data_dir = Path(args.data_dir)
    path, meta = generate.ensure(n, args.seed, data_dir)
    log(f"{n:,} models: {meta['quads']:,} quads in {path} (generated in {meta.get('generate_seconds', '?')} s)")
    queries = [q for q in load_queries(meta) if not args.queries or q["name"] in args.queries]
    work = data_dir / f"run-{report.size_label(n)}"
    shutil.rmtree(work, ignore_errors=True)
    (work / "logs").mkdir(parents=True)
    systems, skipped = list(args.systems), {}
    if "rdflib-endpoint" in systems and n > args.rdflib_max:
        systems.remove("rdflib-endpoint")
        skipped["rdflib-endpoint"] = f"not run above {args.rdflib_max:,} models: {RDFLIB_WHY}"
        log(f"skipping rdflib-endpoint at {n:,} models: {skipped['rdflib-endpoint']}")
    result: dict = {
        "models": n, "label": report.size_label(n), "seed": args.seed, "runs": args.runs, "slow_s": args.slow,
        "timeout_s": args.timeout, "clients": args.clients, "duration_s": args.duration, "rounds": args.rounds,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "data": meta, "environment": environment(),
        "command": "python -m bench.run " + " ".join(sys.argv[1:]), "skipped": skipped, "systems": systems,
        "interactive_mix": list(INTERACTIVE),
        "queries": [{k: q[k] for k in ("name", "title", "model")} for q in queries], "load": {}}
    stores = {"ours": work / "store-ours", "oxigraph": work / "store-oxigraph"}
    if args.store:  # a store loaded before, from the same file: both Oxigraph-based systems serve it
        stores = {"ours": Path(args.store), "oxigraph": Path(args.store)}
        result["load"] = {"reused": str(args.store)}
    try:
        if "ours" in systems and not args.store:
            stream = n >= args.stream_from
            log(f"loading into ours ({'Store.bulk_load' if stream else 'parse + bulk_extend, as `llmkg build` does'})")
            result["load"]["ours"] = load_ours(path, stores["ours"], work / "logs", args.load_timeout, stream)
            log(f"ours: {result['load']['ours']}")
        if "oxigraph" in systems and not args.store:
            log("loading into oxigraph (`oxigraph load`)")
            result["load"]["oxigraph"] = load_oxigraph(path, stores["oxigraph"], work / "logs", args.load_timeout,
                                                       meta["quads"])
            log(f"oxigraph: {result['load']['oxigraph']}")
        servers = make_servers(systems, stores, path, work, args.timeout)
        result.update(serve_and_measure(servers, queries, interactive_tasks(n, args.seed), meta["quads"], args))
        if "rdflib-endpoint" in systems:
            stats = json.loads((work / "rdflib-load.json").read_text())
            srv = result["servers"]["rdflib-endpoint"]
            result["load"]["rdflib-endpoint"] = {
                **stats, "quads_per_s": round(stats["quads"] / stats["seconds"]),
                "peak_rss_bytes": srv["startup_peak_rss_bytes"], "process_seconds": srv["startup_seconds"]}
    finally:
        if not args.keep_stores and not args.store:
            for d in stores.values():
                shutil.rmtree(d, ignore_errors=True)
    result["answers"] = report.answers_agree(result)
    result["wall_seconds"] = round(time.monotonic() - started, 1)
    result["environment"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return result


def save(result: dict, folder: Path, tag: str = "") -> Path:
    """Merge this size's result into <folder>/<date>[-tag].json (one entry per size)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{result['date'][:10]}{'-' + tag if tag else ''}.json"
    doc = json.loads(path.read_text()) if path.exists() else {"sizes": {}}
    doc["sizes"][result["label"]] = result
    doc["sizes"] = dict(sorted(doc["sizes"].items(), key=lambda kv: kv[1]["models"]))
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(doc, indent=1) + "\n")
    tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    p.add_argument("--models", type=parse_sizes, default=[10_000],
                   help="comma-separated graph sizes in models, e.g. 10k,100k,1M (default 10000)")
    p.add_argument("--systems", default=",".join(SYSTEMS), help=f"comma-separated (default {','.join(SYSTEMS)})")
    p.add_argument("--runs", type=int, default=7, help="timed runs per query per system after a warm-up (default 7)")
    p.add_argument("--slow", type=float, default=10, help="one timed run only when the warm-up takes longer "
                   "than this many seconds (default 10)")
    p.add_argument("--timeout", type=float, default=120, help="seconds one request may take (default 120)")
    p.add_argument("--load-timeout", type=float, default=3600, help="seconds one load may take (default 3600)")
    p.add_argument("--clients", type=int, default=4, help="concurrent clients in the throughput test (default 4)")
    p.add_argument("--duration", type=float, default=30, help="seconds of the throughput test per system (default 30)")
    p.add_argument("--rounds", type=int, default=3, help="slices the throughput test is split in (default 3)")
    p.add_argument("--rdflib-max", type=int, default=10_000, help="largest size served by rdflib-endpoint "
                   "(default 10000)")
    p.add_argument("--stream-from", type=parse_sizes, default=[1_000_000], help="from this size on, load ours "
                   "with Store.bulk_load instead of as `llmkg build` does (a list of every quad; default 1M)")
    p.add_argument("--seed", type=int, default=42, help="generator and request-mix seed (default 42)")
    p.add_argument("--data-dir", default=str(BENCH / "data"), help="cache of generated files and stores")
    p.add_argument("--results-dir", default=str(BENCH / "results"), help="where <date>.json goes")
    p.add_argument("--store", help="serve this store, loaded before from the same generated file (e.g. by "
                   "`python -m bench.validate_submission --store DIR`), with ours and the Oxigraph server instead of "
                   "loading one for each (no load figures then; one size only)")
    p.add_argument("--queries", type=lambda t: [x.strip() for x in t.split(",") if x.strip()], default=[],
                   help="only these queries (comma-separated names from bench/queries/; default all)")
    p.add_argument("--tag", default="", help="results go to <date>-TAG.json (e.g. for repeated runs)")
    p.add_argument("--keep-stores", action="store_true", help="keep the loaded stores in --data-dir/run-SIZE/")
    args = p.parse_args(argv)
    args.stream_from = args.stream_from[0]
    args.systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = set(args.systems) - set(SYSTEMS)
    if unknown:
        p.error(f"unknown systems {sorted(unknown)}; choose from {', '.join(SYSTEMS)}")
    for n in args.models:
        result = bench_size(n, args)
        path = save(result, Path(args.results_dir), args.tag)
        log(f"{result['label']} done in {result['wall_seconds']:.0f} s; results in {path}")
        print(report.markdown(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
