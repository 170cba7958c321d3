"""The benchmark's results as Markdown, with the issue's targets judged plainly.

    python -m bench.report bench/results/2026-11-23.json     # every size in the file, with the targets
    python -m bench.report --spread 10k bench/results/2026-11-23*.json   # how much the ratios vary

Ratios are ours / peer: for time, below 1 means llmkg is faster; for throughput, above 1 means
llmkg serves more requests; for memory, below 1 means llmkg needs less. Longer than most
modules (~270 lines): the targets, then one short function per table.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

OURS, RAW, RDFLIB = "ours", "oxigraph", "rdflib-endpoint"
PEERS = (RAW, RDFLIB)
NAMES = {OURS: "llmkg (ours)", RAW: "Oxigraph server", RDFLIB: "rdflib-endpoint"}
MAX_OURS_RAW = 1.3  # within 1.3x of the raw engine
MAX_OURS_RDFLIB = 1 / 3  # at least 3x faster than rdflib-endpoint
MAX_RSS = 2_000_000_000  # 2 GB at 1M models
MAX_LINEAGE_MS = 1000
LINEAGE = ("2-upstream-lineage", "3-downstream-closure")
BIG = 1_000_000


def size_label(n: int) -> str:
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1000}k" if n % 1000 == 0 else str(n)


def answers_agree(result: dict) -> dict:
    """Per query: each system's row count and digest, and whether all are equal."""
    out = {}
    for name, by in result.get("timings", {}).items():
        ok = {s: r for s, r in by.items() if "rows" in r}
        out[name] = {"rows": {s: r["rows"] for s, r in ok.items()}, "digests": {s: r["digest"] for s, r in ok.items()},
                     "agree": len({r["digest"] for r in ok.values()}) <= 1 and len(ok) == len(by)}
    return out


def ms(res: dict | None) -> float | None:
    return res["median_ms"] if res and "median_ms" in res else None


def cell(res: dict | None, timeout: float) -> str:
    if res is None:
        return "not run"
    if res.get("timeout"):
        return f"> {timeout * 1000:,.0f}"
    if "error" in res:
        return "error"
    return f"{res['median_ms']:,.1f}"


def ratio(ours: dict | None, peer: dict | None, timeout: float) -> tuple[float | None, str]:
    """ours / peer median latency, as a number (a bound where the peer timed out) and as text."""
    a = ms(ours)
    if a is None or peer is None:
        return None, "–"
    if peer.get("timeout"):
        r = a / (timeout * 1000)
        return r, f"< {r:.3f}"
    b = ms(peer)
    return (None, "–") if b is None else (a / b, f"{a / b:.2f}")


def size(n: int | None) -> str:
    if not n:
        return "–"
    return f"{n / 2**30:.2f} GiB" if n >= 2**30 else f"{n / 2**20:.0f} MiB"


def peak_rss(result: dict, system: str) -> int | None:
    s = result.get("servers", {}).get(system)
    return max(s["serving_peak_rss_bytes"], s["startup_peak_rss_bytes"]) if s else None


# ---------------------------------------------------------------- targets


def latency_targets(r: dict) -> list[tuple[str, str, str]]:
    out, t, to = [], r.get("timings", {}), r["timeout_s"]
    for peer, limit, goal in ((RAW, MAX_OURS_RAW, "within 1.3× of the raw engine (Oxigraph server)"),
                              (RDFLIB, MAX_OURS_RDFLIB, "at least 3× faster than rdflib-endpoint")):
        if peer not in r.get("systems", []):
            out.append((goal, "not measured", r.get("skipped", {}).get(peer, f"{peer} was not run")))
            continue
        ratios = {q: ratio(by.get(OURS), by.get(peer), to)[0] for q, by in t.items()}
        missing = [q for q, x in ratios.items() if x is None]
        failing = {q: x for q, x in ratios.items() if x is not None and x > limit}
        if missing:
            out.append((goal, "NOT MET", f"no comparable time for {', '.join(missing)}"))
        elif failing:
            worst = ", ".join(f"{q} {x:.2f}" for q, x in failing.items())
            out.append((goal, "NOT MET", f"{len(failing)} of {len(ratios)} queries over the limit "
                        f"(ours/peer ≤ {limit:.2f}): {worst}"))
        else:
            out.append((goal, "met", f"all {len(ratios)} queries; worst ours/peer "
                        f"{max(ratios.values()):.2f} (limit {limit:.2f})"))
    return out


def big_targets(r: dict) -> list[tuple[str, str, str]]:
    at = f"at {r['label']}"
    rss, t = peak_rss(r, OURS), r.get("timings", {})
    lineage = {q: ms(t.get(q, {}).get(OURS)) for q in LINEAGE}
    if r["models"] < BIG:
        verdict, why = "not measured", f"the target is for 1M models; {at} (indication only)"
    else:
        verdict, why = "", at
    out = []
    ok = rss is not None and rss < MAX_RSS
    out.append(("served from disk with RSS under 2 GB", verdict or ("met" if ok else "NOT MET"),
                f"{why}: peak RSS of our server {size(rss)}"))
    ok = all(x is not None and x < MAX_LINEAGE_MS for x in lineage.values())
    detail = ", ".join(f"{q} {'–' if x is None else f'{x:,.0f} ms'}" for q, x in lineage.items())
    out.append(("lineage queries under 1 s", verdict or ("met" if ok else "NOT MET"), f"{why}: {detail}"))
    return out


def targets(r: dict) -> list[tuple[str, str, str]]:
    answers = r.get("answers", {})
    same = all(a["agree"] for a in answers.values())
    counts = r.get("quad_counts", {})
    held = all(c.get("ok") for c in counts.values())
    return [("same answers from every system", "yes" if same and held else "NO",
             f"{'all' if same else 'NOT all'} {len(answers)} queries give identical rows; every system holds "
             f"{'all' if held else 'NOT all'} {r['data']['quads']:,} quads"),
            *latency_targets(r), *big_targets(r)]


# ---------------------------------------------------------------- Markdown


def markdown(r: dict) -> str:
    d, env, to = r["data"], r["environment"], r["timeout_s"]
    systems = [s for s in (OURS, RAW, RDFLIB) if s in r.get("systems", [])]
    lines = [
        f"## {r['label']} models ({r['models']:,}; {d['quads']:,} quads)", "",
        f"Command: `{r['command']}`; {r['date']}; {env['cpus']} CPUs, {env['memory_gib']} GiB RAM, "
        f"load average at start {env.get('load_average_at_start')}"
        f"{', at end ' + str(env['load_average_at_end']) if env.get('load_average_at_end') else ''}; "
        f"pyoxigraph/oxigraph {env['pyoxigraph']}/"
        f"{env['oxigraph']}, rdflib {env['rdflib']}, rdflib-endpoint {env['rdflib-endpoint']}, "
        f"FastAPI {env.get('fastapi')}, uvicorn {env['uvicorn']}. Whole size took {r.get('wall_seconds', 0):,.0f} s.",
        "",
        f"Data: {d['models']:,} models ({d['foundation_models']:,} foundation), {d['organizations']:,} organizations, "
        f"{d['datasets']:,} datasets, {d['named_graphs']:,} named graphs, {d['assessed_models']:,} assessed models; "
        f"models per derivation depth {d['depth_histogram']}. Downstream closure from "
        f"`{d['base_model'].rsplit('/', 1)[-1]}` ({d['base_closure']:,} descendants); facts, lineage and "
        f"restrictions of `{d['deep_model'].rsplit('/', 1)[-1]}` (depth {d['deep_model_depth']}, "
        f"{d['deep_model_ancestors']} ancestors).", ""]
    for name, why in r.get("skipped", {}).items():
        lines += [f"Not run: **{name}**: {why}.", ""]
    lines += targets_table(r) + load_table(r, systems) + latency_table(r, systems, to)
    lines += throughput_table(r, systems) + memory_table(r, systems)
    return "\n".join(lines) + "\n"


def targets_table(r: dict) -> list[str]:
    out = ["### Targets", "", "| target | verdict | detail |", "|---|---|---|"]
    return out + [f"| {t} | **{v}** | {why} |" for t, v, why in targets(r)] + [""]


def load_table(r: dict, systems: list[str]) -> list[str]:
    out = ["### Loading", "",
           "| system | how | seconds | quads/s | rate ours / peer | peak RSS while loading | on disk |",
           "|---|---|---:|---:|---:|---:|---:|"]
    how = {OURS: "parse + bulk_extend (as llmkg build)", RAW: "`oxigraph load`",
           RDFLIB: "`Dataset.parse` at start-up"}
    loads = r.get("load", {})
    if "reused" in loads:
        return ["### Loading", "", f"Not measured in this run: the systems served `{loads['reused']}`, "
                "loaded before.", ""]
    for s in systems:
        ld = loads.get(s)
        if not ld:
            continue
        mine = loads.get(OURS, {}).get("quads_per_s")
        rel = "–" if s == OURS or not mine else f"{mine / ld['quads_per_s']:.2f}"
        disk = size(ld.get("disk_bytes")) if "disk_bytes" in ld else "–"
        out.append(f"| {NAMES[s]} | {ld.get('loader', how[s])} | {ld['seconds']:,.1f} | {ld['quads_per_s']:,} | "
                   f"{rel} | {size(ld.get('peak_rss_bytes'))} | {disk} |")
    return out + [""]


def latency_table(r: dict, systems: list[str], to: float) -> list[str]:
    peers = [p for p in PEERS if p in systems]
    head = "| query | rows | " + " | ".join(NAMES[s] for s in systems)
    head += "".join(f" | ours / {NAMES[p]}" for p in peers) + " | same answers |"
    out = [f"### Query latency over HTTP (median ms of {r['runs']} runs after a warm-up)", "", head,
           "|---|---:|" + "---:|" * (len(systems) + len(peers)) + "---|"]
    answers = r.get("answers", {})
    for q, by in r.get("timings", {}).items():
        a = answers.get(q, {})
        rows = ", ".join(sorted({f"{n:,}" for n in a.get("rows", {}).values()})) or "–"
        same = "yes" if a.get("agree") else "**NO** " + json.dumps(a.get("digests"))
        cells = [cell(by.get(s), to) for s in systems] + [ratio(by.get(OURS), by.get(p), to)[1] for p in peers]
        out.append(f"| {q} | {rows} | " + " | ".join(cells) + f" | {same} |")
    over = r.get("overhead", {})
    if over:
        cells = [cell(over.get(s), to) for s in systems] + [ratio(over.get(OURS), over.get(p), to)[1] for p in peers]
        out.append("| *(no work: `SELECT (1 AS ?one) {}`)* | 1 | " + " | ".join(cells) + " | – |")
    slow = [f"{q} on {s}" for q, by in r.get("timings", {}).items() for s, x in by.items() if x.get("runs") == 1]
    if slow:
        out += ["", f"One timed run only (the warm-up took over {r['slow_s']:.0f} s): {', '.join(slow)}."]
    return out + [""]


def throughput_table(r: dict, systems: list[str]) -> list[str]:
    tp = r.get("throughput", {})
    if not tp:
        return ["### Throughput", "", "Not measured in this run (`--duration 0`).", ""]
    out = [f"### Throughput: {r['clients']} concurrent clients, {r['duration_s']:.0f} s per system in "
           f"{r.get('rounds', 1)} slices taken in turn, a seeded mix of "
           f"{', '.join(r.get('interactive_mix', []))} on random models", "",
           "| system | requests/s | ours / peer | p50 ms | p95 ms | errors |", "|---|---:|---:|---:|---:|---:|"]
    mine = tp.get(OURS, {}).get("requests_per_s")
    for s in systems:
        t = tp.get(s)
        if t:
            rel = "–" if s == OURS or not mine or not t["requests_per_s"] else f"{mine / t['requests_per_s']:.2f}"
            out.append(f"| {NAMES[s]} | {t['requests_per_s']:,.1f} | {rel} | {t['p50_ms']} | {t['p95_ms']} | "
                       f"{t['errors']} |")
    return out + [""]


def memory_table(r: dict, systems: list[str]) -> list[str]:
    out = ["### Server memory (RSS of the process tree)", "",
           "| system | start-up s | idle | peak while serving | ours / peer (peak) |", "|---|---:|---:|---:|---:|"]
    mine = peak_rss(r, OURS)
    for s in systems:
        srv = r.get("servers", {}).get(s)
        if srv:
            peak = peak_rss(r, s)
            rel = "–" if s == OURS or not mine or not peak else f"{mine / peak:.2f}"
            out.append(f"| {NAMES[s]} | {srv['startup_seconds']:,.1f} | {size(srv['idle_rss_bytes'])} | "
                       f"{size(peak)} | {rel} |")
    return out + [""]


def spread(results: list[dict]) -> str:
    """One size measured several times: each query's ratios in every run, and their range."""
    first, to = results[0], results[0]["timeout_s"]
    peers = [p for p in PEERS if all(p in r.get("systems", []) for r in results)]
    head = "| query | " + " | ".join(f"ours / {NAMES[p]} (each run) | range" for p in peers) + " |"
    lines = [f"### {first['label']}: ratios over {len(results)} runs", "", head, "|---|" + "---|---:|" * len(peers)]
    for q in first.get("timings", {}):
        cells = []
        for p in peers:
            xs = [ratio(r["timings"][q].get(OURS), r["timings"][q].get(p), to)[0] for r in results]
            got = [x for x in xs if x is not None]
            cells.append(", ".join("–" if x is None else f"{x:.2f}" for x in xs))
            cells.append(f"{min(got):.2f}–{max(got):.2f}" if got else "–")
        lines.append(f"| {q} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.report", description=__doc__.split("\n")[0])
    p.add_argument("results", nargs="+", help="bench/results/<date>.json files")
    p.add_argument("--spread", metavar="SIZE", help="instead: each query's ratios for SIZE (e.g. 10k) across the "
                   "files, to show how much they vary from run to run")
    args = p.parse_args(argv)
    docs = [json.loads(Path(f).read_text()) for f in args.results]
    if args.spread:
        print(spread([d["sizes"][args.spread] for d in docs if args.spread in d["sizes"]]))
    else:
        print("\n".join(markdown(r) for d in docs for r in d["sizes"].values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
