"""Validating a submission in the context of the store, beside validating the whole store, in one run.

    python -m bench.validate_submission --models 10000          # prints both figures and their ratio

1. The synthetic graph of bench/generate.py (N models, ~25 quads each; cached in bench/data/) is
   loaded into a temporary embedded store by Oxigraph's bulk loader (streaming from the file, so
   1M models fit; --store reuses a store loaded before).
2. A submission of ~1,000 triples is made against it: 125 new models, each fine-tuned from an
   existing model, developed by an existing organization, fine-tuned on an existing dataset, under
   one of the synthetic licenses (so the checks need the store: the parents' types and licenses,
   the organizations' and datasets' types, the chains upward for the cycle and license rules).
3. In context: `llmkg.submissions.context.validate_in_context`, what POST /validate and
   POST /submissions run: the first run (cold: shapes and ontology read, queries prepared) and
   the median of --runs more.
4. Naive: the union of every data quad of the store plus the submission, validated whole with the
   ontology (what `llmkg build` validates), timed once: with llmkg's validator (llmkg.validate:
   targets and SPARQL constraints in Oxigraph, core constraints in pyshacl) up to --naive-max models,
   and with pyshacl alone (every shape in pyshacl, as before shacl_plan.py) up to --pyshacl-max
   models. Both hold the whole store as rdflib triples, so they stop being possible long before 1M.

Prints a table and, with --json, the figures as JSON. The machine is shared: use modest sizes.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from llmkg.config import Settings
from llmkg.rdfconv import union_graph
from llmkg.store import EmbeddedStore
from llmkg.submissions.context import context_triples, validate_in_context
from llmkg.validate import validate, validate_with_pyshacl

from .generate import B, ensure

ROOT = Path(__file__).resolve().parents[1]
ONT = "https://w3id.org/llmkg/ontology#"
LICENSES = ("http://spdx.org/licenses/Apache-2.0", "http://spdx.org/licenses/MIT",
            "http://spdx.org/licenses/CC-BY-NC-4.0", B + "license/synth-community-license")


def load(data: Path, store_dir: Path) -> tuple[EmbeddedStore, float]:
    """A store at `store_dir` holding `data` (loaded now unless it holds quads already)."""
    t0 = time.perf_counter()
    store = ox.Store(str(store_dir))
    if len(store) == 0:
        print(f"loading {data.name} into {store_dir} …", file=sys.stderr, flush=True)
        store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
        store.flush()
    return EmbeddedStore(store, store_dir), time.perf_counter() - t0


def submission(models: int, seed: int, count: int = 125) -> list[ox.Quad]:
    """`count` new models, 8 statements each, linked to what the synthetic store holds."""
    r = random.Random(seed)
    n_orgs, n_datasets = max(20, models // 100), max(40, models // 20)
    n_pre = max(5, n_datasets // 10)

    def iri(path: str) -> ox.NamedNode:
        return ox.NamedNode(B + path)

    def p(local: str) -> ox.NamedNode:
        return ox.NamedNode(ONT + local)

    quads = []
    for j in range(count):
        m = iri(f"model/bench-submitted-{j:04d}")
        facts = [
            (ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), p("FineTunedModel")),
            (ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal(f"Bench submitted {j}")),
            (p("fineTunedFrom"), iri(f"model/synth-{r.randrange(models):07d}")),
            (p("developedBy"), iri(f"org/synth-org-{r.randrange(n_orgs):05d}")),
            (p("fineTunedOn"), iri(f"dataset/synth-data-{r.randrange(n_pre, n_datasets):06d}")),
            (ox.NamedNode("http://purl.org/dc/terms/license"), ox.NamedNode(r.choice(LICENSES))),
            (p("parameterCount"), ox.Literal("7000000000", datatype=ox.NamedNode(
                "http://www.w3.org/2001/XMLSchema#integer"))),
            (ox.NamedNode("http://purl.org/dc/terms/issued"), ox.Literal("2025-01-01", datatype=ox.NamedNode(
                "http://www.w3.org/2001/XMLSchema#date"))),
        ]
        quads += [ox.Quad(m, pred, obj, ox.DefaultGraph()) for pred, obj in facts]
    return quads


def in_context(quads: list[ox.Quad], kg: EmbeddedStore, settings: Settings, runs: int) -> dict:
    named = sorted({t.value for q in quads for t in (q.subject, q.object) if isinstance(t, ox.NamedNode)})
    t0 = time.perf_counter()
    context = context_triples(kg, named, {q.subject for q in quads}, settings)
    query_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    report = validate_in_context(quads, kg, settings)
    cold = time.perf_counter() - t0
    warm = []
    for _ in range(runs):
        t0 = time.perf_counter()
        validate_in_context(quads, kg, settings)
        warm.append(time.perf_counter() - t0)
    return {"cold_s": round(cold, 3), "median_s": round(statistics.median(warm), 3) if warm else None,
            "runs": runs, "context_triples": len(context), "context_query_s": round(query_s, 3),
            "report": report.summary()}


def naive(quads: list[ox.Quad], kg: EmbeddedStore, settings: Settings, pyshacl_alone: bool = False) -> dict:
    t0 = time.perf_counter()
    data = [q for q in kg.store if not (isinstance(q.graph_name, ox.NamedNode)
                                       and q.graph_name.value.startswith(B + "graph/ontology/"))]
    graph = union_graph(quads, union_graph(data))
    converted = time.perf_counter() - t0
    report = (validate_with_pyshacl if pyshacl_alone else validate)(graph, settings)
    total = time.perf_counter() - t0
    return {"seconds": round(total, 1), "convert_s": round(converted, 1), "triples": len(graph),
            "report": report.summary()}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.validate_submission", description=__doc__.split("\n")[0])
    p.add_argument("--models", type=int, default=10_000, help="models in the synthetic store (default 10000)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--runs", type=int, default=5, help="warm in-context runs after the first (default 5)")
    p.add_argument("--naive-max", type=int, default=50_000,
                   help="largest store validated whole with llmkg's validator (default 50000; 0: never)")
    p.add_argument("--pyshacl-max", type=int, default=2_000,
                   help="largest store validated whole with pyshacl alone (default 2000; 0: never)")
    p.add_argument("--store", help="a folder for the loaded store, kept and reused (default: a temporary one)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = p.parse_args(argv)
    data, meta = ensure(args.models, args.seed, ROOT / "bench" / "data")
    with tempfile.TemporaryDirectory(prefix="llmkg-bench-") as tmp:
        store_dir = Path(args.store) if args.store else Path(tmp) / "store"
        kg, load_s = load(data, store_dir)
        settings = Settings(root=ROOT, store_path=store_dir)
        quads = submission(args.models, args.seed)
        print(f"store: {args.models:,} models, {kg.count():,} quads, ready in {load_s:.1f} s; "
              f"submission: {len(quads)} triples", file=sys.stderr)
        ctx = in_context(quads, kg, settings, args.runs)
        print(f"in context: {ctx}", file=sys.stderr)
        whole = naive(quads, kg, settings) if args.models <= args.naive_max else None
        alone = naive(quads, kg, settings, pyshacl_alone=True) if args.models <= args.pyshacl_max else None
        result = {"models": args.models, "store_quads": kg.count(), "submission_triples": len(quads),
                  "in_context": ctx, "whole_store": whole, "whole_store_pyshacl_alone": alone}
        kg.close()
    print(f"| store | submission | in context (cold) | in context (median of {args.runs}) "
          "| whole store, llmkg's validator | whole store, pyshacl alone |")
    print("|---|---|---|---|---|---|")

    def whole_cell(w: dict | None, cap: int) -> str:
        if w is None:
            return f"not run (store above {cap:,} models)" if cap else "not run"
        return f"{w['seconds']:.1f} s ({w['seconds'] / ctx['median_s']:.0f}×)"

    print(f"| {args.models:,} models, {result['store_quads']:,} quads | {len(quads)} triples | {ctx['cold_s']:.2f} s "
          f"| {ctx['median_s']:.2f} s | {whole_cell(whole, args.naive_max)} | {whole_cell(alone, args.pyshacl_max)} |")
    print(f"in context: {ctx['report']}, {ctx['context_triples']} store triples touched "
          f"({ctx['context_query_s']:.2f} s of queries)"
          + "".join(f"; {k}: {w['report']}" for k, w in (("whole store", whole), ("pyshacl alone", alone)) if w))
    if args.json:
        print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
