"""Build the store from the files: discover → load → validate → infer → check → swap.

Guarantee: either the new store is complete and valid and becomes the store, or the build
stops with an error naming the file and line (syntax) or the focus node and message (SHACL)
and the existing store is untouched. A build whose inputs did not change does nothing.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from . import checks, formats
from .config import Settings
from .errors import LlmkgError, invalid_data
from .parse import load_file, outside_named_graphs, parse_file
from .rdfconv import union_graph
from .reasoning import inference
from .store import EmbeddedStore, activate, new_store_dir
from .validate import Report, validate, validate_store

MANIFEST = "llmkg-manifest.json"
Progress = Callable[[str], None]


def stderr_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class BuildSummary:
    files: int = 0
    quads: int = 0
    graphs: dict[str, int] = field(default_factory=dict)
    entities: dict[str, int] = field(default_factory=dict)
    report: Report | None = None
    up_to_date: bool = False
    seconds: float = 0.0
    still_served: list[str] = field(default_factory=list)  # URLs of servers kept on the previous build

    def lines(self) -> list[str]:
        if self.up_to_date:
            return ["store is up to date with the files; nothing to do (use --force to rebuild)"]
        out = [f"loaded {self.quads} quads from {self.files} files in {self.seconds:.1f} s"]
        out += [f"  {n:>7}  {g}" for g, n in sorted(self.graphs.items())]
        out += ["entities: " + ", ".join(f"{n} {k}" for k, n in self.entities.items())]
        if self.report is not None:
            out.append(f"validation: {self.report.summary()}")
            out += [f"  warning: {r.focus_node}: {r.message}" for r in self.report.warnings]
        out += [f"the server at {url} still serves the previous build (kept for it): restart it to serve this one"
                for url in self.still_served]
        return out


def ontology_files(settings: Settings) -> list[Path]:
    return sorted(settings.ontology_dir.glob("*.ttl"))


def data_files(settings: Settings) -> list[Path]:
    found = [p for p in settings.data_dir.rglob("*") if p.is_file() and _is_rdf(p)]
    return sorted(found)


def _is_rdf(p: Path) -> bool:
    fmt = formats.by_extension(p.name)
    return fmt is not None and fmt.kind == "rdf"


def ontology_graph_iri(path: Path, settings: Settings) -> str:
    return f"{settings.base}graph/ontology/{path.stem}"


def read_files(settings: Settings, progress: Progress) -> tuple[list[ox.Quad], list[ox.Quad], int]:
    """Parse ontology and data files: (ontology quads, data quads, file count)."""
    onto: list[ox.Quad] = []
    for p in ontology_files(settings):
        onto += parse_file(p, settings, graph=ontology_graph_iri(p, settings))
    data: list[ox.Quad] = []
    files = data_files(settings)
    for i, p in enumerate(files, 1):
        quads = parse_file(p, settings)
        stray = next((q for q in quads if isinstance(q.graph_name, ox.DefaultGraph)), None)
        if stray is not None:
            raise outside_named_graphs(stray, p)
        data += quads
        progress(f"[{i}/{len(files)}] parsed {p.relative_to(settings.root)} ({len(quads)} quads)")
    return onto, data, len(files) + len(ontology_files(settings))


def fingerprint(settings: Settings) -> dict[str, str]:
    paths = ontology_files(settings) + data_files(settings) + sorted(settings.shapes_dir.glob("*.ttl"))
    paths += sorted((settings.queries_dir / "checks").glob("*.rq")) + inference.rule_files(settings)
    prints = {str(p.relative_to(settings.root)): _sha256(p) for p in paths}
    prints["(base)"] = settings.base
    return prints


def _sha256(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def current_manifest(settings: Settings) -> dict[str, str] | None:
    f = settings.store / MANIFEST
    return json.loads(f.read_text()) if settings.store.exists() and f.exists() else None


def validate_quads(data: list[ox.Quad], settings: Settings) -> Report:
    return validate(union_graph(data), settings)


def not_conforming(report: Report) -> LlmkgError:
    """The error for data with violations: the count, then the first violation's focus node and message
    (the report, with every result, is the error's details)."""
    if not report.results:
        return invalid_data(f"the data does not conform to the shapes: {report.summary()}", report)
    first = (report.violations or report.results)[0]
    path = f" {first.path}" if first.path else ""
    return invalid_data(
        f"the data does not conform to the shapes: {report.summary()}; first: {first.focus_node}{path}: "
        f"{first.message}", report, focus_node=first.focus_node,
    )


def build(settings: Settings, progress: Progress = stderr_progress, force: bool = False) -> BuildSummary:
    """Stream the data files into a new store, validate them there, then add the ontology, the inferences
    and the checks; the new store replaces the old one only if all of that succeeds. Nothing holds every
    quad in Python (docs/benchmarks.md: 1M models)."""
    started = time.monotonic()
    prints = fingerprint(settings)
    if not force and current_manifest(settings) == prints:
        return BuildSummary(up_to_date=True)
    new_dir = new_store_dir(settings)
    kg: EmbeddedStore | None = None
    try:
        kg = EmbeddedStore(ox.Store(str(new_dir)), new_dir)
        files = data_files(settings)
        for i, p in enumerate(files, 1):
            load_file(kg.store, p, settings)
            progress(f"[{i}/{len(files)}] loaded {p.relative_to(settings.root)} ({_size(p)})")
        progress(f"validating the data against {settings.shapes_dir.name}/ …")
        report = validate_store(kg.store, settings)
        if not report.conforms:
            raise not_conforming(report)
        progress(f"loading {settings.ontology_dir.name}/ …")
        for p in ontology_files(settings):
            kg.store.bulk_extend(parse_file(p, settings, graph=ontology_graph_iri(p, settings)))
        kg.store.flush()
        inference.materialize(kg, settings, progress)
        problems = checks.run(kg, settings)
        if problems:
            raise invalid_data(f"integrity checks failed: {len(problems)} problem(s)", problems)
        summary = _summarize(kg, len(files) + len(ontology_files(settings)), report)
        # compacted now, once: otherwise the first read-write open compacts it, and removes files a
        # read-only reader of the store (llmkg query, a second server) may still be reading
        kg.store.optimize()
        (new_dir / MANIFEST).write_text(json.dumps(prints, indent=1, sort_keys=True))
        kg.close()
    except BaseException as e:
        # the store closes when its last reference goes: the frames of the traceback hold it, and
        # RocksDB, closing after the folder is removed, would write part of it back
        traceback.clear_frames(e.__traceback__)
        kg = None
        shutil.rmtree(new_dir, ignore_errors=True)
        raise
    summary.still_served = activate(settings, new_dir)
    summary.seconds = time.monotonic() - started
    return summary


def _size(p: Path) -> str:
    n = p.stat().st_size
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.1f} kB"


ENTITY_CLASSES = {
    "models": "Model",
    "model families": "ModelFamily",
    "datasets": "Dataset",
    "organizations": "Organization",
    "licenses": "License",
    "openness assessments": "OpennessAssessment",
    "source documents": "SourceDocument",
}


def _summarize(kg: EmbeddedStore, nfiles: int, report: Report) -> BuildSummary:
    graphs = {r["g"].value: int(r["n"].value)
              for r in kg.store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}
    entities = {}
    for label, cls in ENTITY_CLASSES.items():
        q = (
            "PREFIX llmkg: <https://w3id.org/llmkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>"
            f" SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?c rdfs:subClassOf* llmkg:{cls} . ?x a ?c }}"
        )
        entities[label] = int(next(iter(kg.query(q)))["n"].value)
    return BuildSummary(nfiles, sum(graphs.values()), graphs, entities, report)


__all__ = ["build", "BuildSummary", "LlmkgError", "read_files", "validate_quads"]


def build_remote(settings: Settings, progress: Progress = stderr_progress) -> BuildSummary:
    """Validate the files and load them into the remote store, one graph at a time
    (each graph replaced in one SPARQL Update request)."""
    from .store import RemoteStore

    started = time.monotonic()
    onto, data, nfiles = read_files(settings, progress)
    report = validate_quads(data, settings)
    if not report.conforms:
        raise not_conforming(report)
    kg = RemoteStore(settings.endpoint or "", settings.update_endpoint, settings.query_timeout)
    by_graph: dict[str, list[ox.Quad]] = {}
    for q in onto + data:
        by_graph.setdefault(q.graph_name.value, []).append(q)
    for i, (g, qs) in enumerate(sorted(by_graph.items()), 1):
        kg.replace_graphs(qs, [g])
        progress(f"[{i}/{len(by_graph)}] loaded {len(qs)} quads into {g}")
    inference.materialize(kg, settings, progress)
    return BuildSummary(nfiles, len(onto) + len(data), {g: len(q) for g, q in by_graph.items()}, {}, report,
                        seconds=time.monotonic() - started)
