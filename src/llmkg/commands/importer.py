"""`llmkg import FORMAT FILE…`: map peer records to llmkg, validate, write, rebuild.

Guarantee: either every file's graph conforms to the shapes together with the existing data and
is written to data/imports/FORMAT/SLUG.trig (then the store is rebuilt from the files), or
nothing is written and the command exits 1 with the errors per file and record.

With `--server URL` nothing is written here: each file is sent to a running server as its own
submission (POST /submissions?import=FORMAT, docs/submissions.md), which maps, validates and
commits it or refuses it; the command prints each answer and exits 1 if any file was refused.
Only the flag switches to the server: LLMKG_SERVER (`llmkg submit`'s default) does not.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..build import build, data_files, ontology_files, ontology_graph_iri
from ..config import Settings
from ..errors import bad_request, invalid_data
from ..exchange.crosswalk import Crosswalk
from ..exchange.importers import IMPORT_FORMATS, Context, ImportResult, by_name, import_file
from ..exchange.progress import ProgressBar
from ..parse import parse_file
from ..rdfconv import union_graph
from ..validate import Report, Result, validate
from . import submit


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    formats = "; ".join(f"{f.name}: {f.title}" for f in IMPORT_FORMATS)
    p = sub.add_parser("import", parents=[common],
                       help="import peer records (MOT, OSAI, HF cards, MLDCAT-AP, os-ai-map)",
                       description="Map records of a peer format to llmkg, each file to its own named graph, "
                       "validate them with the existing data, write data/imports/FORMAT/RECORD.trig and rebuild "
                       f"the store. Nothing is written if any file has an error. Formats: {formats}.")
    p.add_argument("format", choices=[f.name for f in IMPORT_FORMATS], help="the peer format")
    p.add_argument("files", nargs="+", help="files to import")
    p.add_argument("--replace", action="store_true", help="replace an earlier import of the same record")
    p.add_argument("--skip-unknown-licenses", action="store_true",
                   help="import records whose license name is not in llmkg's table, leaving that license out "
                   "(default: such a record is an error and nothing is written)")
    p.add_argument("--dry-run", action="store_true", help="map and validate, print the problems, write nothing")
    p.add_argument("--no-build", action="store_true", help="write the files but do not rebuild the store")
    p.add_argument("--server", help="send each file to this running llmkg server as a submission "
                   "(POST /submissions?import=FORMAT; with --dry-run, POST /validate) instead of writing data/; "
                   "only this flag switches to the server (LLMKG_SERVER does not)")
    p.add_argument("--token", default=os.environ.get("LLMKG_TOKEN"),
                   help="with --server: your token, from `llmkg token create` (env LLMKG_TOKEN)")
    p.add_argument("--description", help="with --server: what the submissions say and why (recorded with each)")
    p.set_defaults(func=cmd_import)


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class Planned:
    result: ImportResult
    path: Path
    unchanged: bool = False


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    fmt = by_name(args.format)
    files = [Path(f) for f in args.files]
    for f in files:
        if not f.is_file():
            raise bad_request(f"no such file: {f}", file=str(f))
    if args.server:
        return submit.send_imports(args, fmt.name, files)
    progress("reading the knowledge graph's files (for the crosswalk and validation) …")
    onto, existing = _read_existing(settings)
    ctx = Context(base=settings.base, crosswalk=Crosswalk.from_quads(onto + [q for _, qs in existing for q in qs]),
                  unknown_license="warning" if args.skip_unknown_licenses else "error")
    results = _map(fmt.name, files, ctx)
    _stop_on_errors(results)
    plans = _plan(results, settings, args.replace)
    new = [p for p in plans if not p.unchanged]
    replaced = {p.path.resolve() for p in new}
    kept = [q for path, qs in existing if path.resolve() not in replaced for q in qs]
    _print_warnings(results)
    if new:  # records imported before, byte for byte, are neither validated nor written again
        progress(f"validating {sum(len(p.result.quads) for p in new)} imported statements with the existing data …")
        report = validate(union_graph(kept + [q for p in new for q in p.result.quads]), settings)
        _stop_on_violations(report, new)
    if args.dry_run:
        print(f"dry run: {len(new)} file(s) would be written; nothing written")
        return 0
    if new:
        _write(new, settings, rebuild=not args.no_build)
    for p in plans:
        state = "unchanged" if p.unchanged else "written"
        print(f"{state}: {p.path.relative_to(settings.root)} ({len(p.result.quads)} statements, "
              f"records: {', '.join(p.result.records)})")
    return 0


def _map(fmt: str, files: list[Path], ctx: Context) -> list[ImportResult]:
    """Map every file (a bar on a terminal), then print one summary line per file."""
    bar = ProgressBar(f"import {fmt}")
    results = []
    for i, f in enumerate(files, 1):
        bar(i - 1, len(files), f.name)
        results.append(import_file(fmt, f.read_bytes(), str(f), ctx))
    bar(len(files), len(files))
    bar.done()
    for i, (f, r) in enumerate(zip(files, results, strict=True), 1):
        progress(f"[{i}/{len(files)}] {f.name}: {len(r.quads)} statements, {_count(r.problems, 'problem')}"
                 + (f", {_count(r.errors, 'error')}" if r.errors else ""))
    return results


def _count(items: list, word: str) -> str:
    return f"{len(items)} {word}{'' if len(items) == 1 else 's'}"


def _read_existing(settings: Settings) -> tuple[list[ox.Quad], list[tuple[Path, list[ox.Quad]]]]:
    onto = [q for p in ontology_files(settings) for q in parse_file(p, settings, graph=ontology_graph_iri(p, settings))]
    return onto, [(p, parse_file(p, settings)) for p in data_files(settings)]


def _stop_on_errors(results: list[ImportResult]) -> None:
    errors = [e for r in results for e in r.errors]
    if errors:
        raise invalid_data(f"{_count(errors, 'error')} in {sum(1 for r in results if r.errors)} file(s); "
                           "nothing written", [str(e) for e in errors])


def target(settings: Settings, result: ImportResult) -> Path:
    return settings.data_dir / "imports" / result.format / f"{result.slug}.trig"


def _plan(results: list[ImportResult], settings: Settings, replace: bool) -> list[Planned]:
    plans, seen = [], {}
    for r in results:
        path = target(settings, r)
        if path in seen:
            raise bad_request(f"{r.name} and {seen[path]} would both be imported as {path.name}: import them "
                              "separately", file=r.name)
        seen[path] = r.name
        unchanged = path.exists() and f"(sha256 {r.sha256})" in path.read_text(encoding="utf-8").split("\n", 1)[0]
        if path.exists() and not unchanged and not replace:
            raise bad_request(f"{path.relative_to(settings.root)} holds an earlier import of another version of "
                              f"this record; use --replace to replace it", file=r.name)
        plans.append(Planned(r, path, unchanged))
    return plans


def _stop_on_violations(report: Report, plans: list[Planned]) -> None:
    if not report.violations:
        return
    lines = []
    for p in plans:
        mine = _subjects(p.result)
        for v in (v for v in report.violations if v.focus_node in mine):
            lines.append(f"{p.result.name} [{', '.join(p.result.records)}]: {_violation(v)}")
    imported = set().union(*(_subjects(p.result) for p in plans)) if plans else set()
    others = [v for v in report.violations if v.focus_node not in imported]
    if others:
        lines.append(f"the existing data has {_count(others, 'violation')} of its own (see `llmkg validate`), e.g. "
                     + _violation(others[0]))
    raise invalid_data(f"the import does not conform to the shapes: {report.summary()}; nothing written", lines)


def _subjects(r: ImportResult) -> set[str]:
    return {q.subject.value for q in r.quads if isinstance(q.subject, ox.NamedNode | ox.BlankNode)}


def _violation(v: Result) -> str:
    prop = v.path.rsplit("#", 1)[-1].rsplit("/", 1)[-1] if v.path else ""
    where = f" ({prop} {v.value})" if v.path and v.value else f" ({prop})" if v.path else ""
    return f"{v.focus_node}{where}: {v.message}"


def _print_warnings(results: list[ImportResult]) -> None:
    for r in results:
        for w in r.warnings:
            print(f"warning: {w}", file=sys.stderr)


def _write(plans: list[Planned], settings: Settings, rebuild: bool) -> None:
    """Write every graph (temp file, then rename), then rebuild; on a failed rebuild put the
    files back as they were."""
    previous: dict[Path, bytes | None] = {}
    temps = []
    for p in plans:
        p.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.path.with_suffix(".trig.tmp")
        tmp.write_bytes(p.result.trig())
        temps.append((tmp, p.path))
    for tmp, path in temps:
        previous[path] = path.read_bytes() if path.exists() else None
        os.replace(tmp, path)
    if not rebuild:
        return
    try:
        summary = build(settings, progress)
    except BaseException:
        _restore(previous)
        raise
    print("\n".join(summary.lines()[:1]), file=sys.stderr)


def _restore(previous: dict[Path, bytes | None]) -> None:
    for path, data in previous.items():
        if data is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(data)
