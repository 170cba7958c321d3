"""The `llmkg` command: build, validate, query and serve the knowledge graph.

Every subcommand has --help. Errors print `error: MESSAGE (where)` on stderr; exit status 1
means the data or the request was wrong, 2 a usage error.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

from . import __version__, formats
from .config import Settings, from_env
from .errors import LlmkgError

# Modules under llmkg/commands/ that add subcommands: each has register(subparsers, common),
# where `common` is the parent parser with --store/--endpoint/--update-endpoint/--base, and sets
# `func(args, settings) -> int` on its parsers.
EXTRA_COMMANDS: list[str] = ["importer", "export", "explain", "submit", "token"]

QUERY_FORMATS = ["table", "csv", "tsv", "json", "xml", "turtle", "ntriples", "jsonld", "rdfxml", "trig", "nquads"]
_CLI_TO_FORMAT = {"json": "srj", "xml": "srx"}


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    settings = _settings(args)
    try:
        return int(args.func(args, settings) or 0)
    except LlmkgError as e:
        print(f"error: {e}", file=sys.stderr)
        _print_details(e.details)
        return 1
    except BrokenPipeError:
        return 0


def _print_details(details: object) -> None:
    if isinstance(details, dict) and "results" in details:
        for r in details["results"]:
            print(_result_line(r), file=sys.stderr)
    elif hasattr(details, "results"):
        for r in details.results:  # a validate.Report
            print(_result_line(r.to_json()), file=sys.stderr)
    elif isinstance(details, list):
        for d in details:
            print(f"  {d}", file=sys.stderr)


def _result_line(r: dict) -> str:
    parts = [f"  {r['severity']}: {r['focus_node']}"]
    if r.get("path"):
        parts.append(f"path {r['path']}")
    if r.get("value"):
        parts.append(f"value {r['value']}")
    return " ".join(parts) + f"\n      {r['message']}" + (f"  [{r['shape']}]" if r.get("shape") else "")


def _settings(args: argparse.Namespace) -> Settings:
    s = from_env()
    return s.with_(
        store_path=Path(args.store) if getattr(args, "store", None) else None,
        endpoint=getattr(args, "endpoint", None),
        update_endpoint=getattr(args, "update_endpoint", None),
        base=getattr(args, "base", None),
    )


# ---------------------------------------------------------------- subcommands


def cmd_build(args: argparse.Namespace, settings: Settings) -> int:
    from .build import build, build_remote

    if settings.endpoint:
        summary = build_remote(settings)
    else:
        summary = build(settings, force=args.force)
    print("\n".join(summary.lines()))
    return 0


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    from .validate_files import validate_files

    report = validate_files([Path(f) for f in args.files], settings)
    if args.format == "json":
        print(json.dumps(report.to_json(), indent=2))
    elif args.format == "turtle":
        print(report.graph.serialize(format="turtle") if report.graph is not None else "")
    else:
        for r in report.results:
            print(_result_line(r.to_json()))
        print(f"{'conforms' if report.conforms else 'does not conform'}: {report.summary()}")
    return 0 if report.conforms else 1


def cmd_query(args: argparse.Namespace, settings: Settings) -> int:
    from . import queries, results
    from .store import open_store

    params = dict(_kv(p) for p in args.param)
    if args.name == "-":
        named = queries.NamedQuery("stdin", "stdin", "", sys.stdin.read())
    else:
        named = queries.resolve(args.name, settings)
    text = queries.bind(named, params, settings)
    kg = open_store(settings, read_only=True)
    result = kg.query(text)
    if args.format == "table":
        print(results.table(result, results.PREFIXES, max_width=args.width))
        return 0
    fmt = formats.by_name(_CLI_TO_FORMAT.get(args.format, args.format))
    assert fmt is not None
    sys.stdout.buffer.write(results.serialize(result, fmt))
    sys.stdout.flush()
    return 0


def _kv(text: str) -> tuple[str, str]:
    if "=" not in text:
        raise LlmkgError(f"--param takes NAME=VALUE, got {text!r}", 400, "bad-request", {"parameter": text})
    k, v = text.split("=", 1)
    return k.strip(), v


def cmd_queries(args: argparse.Namespace, settings: Settings) -> int:
    from .queries import load_all

    named = load_all(settings)
    if args.format == "json":
        print(json.dumps([q.to_json() for q in named.values()], indent=2))
        return 0
    for q in named.values():
        print(f"{q.name}\n    {q.title}")
        if q.description:
            print(f"    {q.description}")
        for p in q.params:
            print(f"    --param {p.name}=… ({p.type}, {'required' if p.required else 'optional'}) {p.description}")
    return 0


def cmd_dump(args: argparse.Namespace, settings: Settings) -> int:
    from .dump import dump

    fmt = formats.by_name(args.format)
    assert fmt is not None
    if not args.output or args.output == "-":
        dump(settings, fmt, sys.stdout.buffer)
        return 0
    target = Path(args.output)
    partial = target.with_name(f".{target.name}.partial")
    try:  # the file appears whole or not at all
        with partial.open("wb") as out:
            dump(settings, fmt, out)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from .http.app import create_app
    from .serving import local_url

    if not settings.endpoint and not args.no_build:
        from .build import build

        print("\n".join(build(settings).lines()), file=sys.stderr)
    app = create_app(settings, url=local_url(args.host, args.port))
    print(f"serving http://{args.host}:{args.port}/  (SPARQL endpoint: /sparql)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, workers=1)
    return 0


# ---------------------------------------------------------------- argument parser


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="llmkg",
        description="llmkg: an open knowledge graph of large language models, their licenses, "
        "lineage and openness. Build the store from the files, validate, query and serve it.",
    )
    p.add_argument("--version", action="version", version=f"llmkg {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--store", help="embedded store folder (default .llmkg/store; env LLMKG_STORE)")
    common.add_argument("--endpoint", help="use a remote SPARQL 1.1 query endpoint instead (env LLMKG_ENDPOINT)")
    common.add_argument("--update-endpoint", help="the remote store's update endpoint (env LLMKG_UPDATE_ENDPOINT)")
    common.add_argument("--base", help="base IRI of entities (default https://w3id.org/llmkg/; env LLMKG_BASE)")
    sub = p.add_subparsers(title="commands", metavar="COMMAND")

    b = sub.add_parser("build", parents=[common], help="build the store from ontology/ and data/, validated",
                       description="Parse ontology/ and data/, validate against shapes/ and the integrity checks, "
                       "and load into a new store that replaces the old one only if everything passed. "
                       "Does nothing when no file changed. With --endpoint, loads into the remote store.")
    b.add_argument("--force", action="store_true", help="rebuild even if no file changed")
    b.set_defaults(func=cmd_build)

    v = sub.add_parser("validate", parents=[common], help="SHACL-validate data files (exit 1 on violations)",
                       description="Validate the given RDF files against shapes/: in the context of the store when "
                       "there is one (the store facts they touch; the report POST /validate gives, submission rules "
                       "included for files outside data/), else together with the shipped data. With no files, "
                       "validate the shipped data. Exit status 1 if any Violation.")
    v.add_argument("files", nargs="*", help="RDF files (TriG, Turtle, N-Triples, N-Quads, JSON-LD, RDF/XML)")
    v.add_argument("--format", choices=["text", "json", "turtle"], default="text", help="report format")
    v.set_defaults(func=cmd_validate)

    q = sub.add_parser("query", parents=[common], help="run a named query or a .rq file",
                       description="Run a named query (see `llmkg queries`), a .rq file, or - for a query on stdin.")
    q.add_argument("name", help="named query, path to a .rq file, or -")
    q.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE", help="query parameter")
    q.add_argument("--format", "-f", choices=QUERY_FORMATS, default="table", help="output format (default table)")
    q.add_argument("--width", type=int, default=60, help="widest table cell before clipping (table format)")
    q.set_defaults(func=cmd_query)

    ls = sub.add_parser("queries", parents=[common], help="list the named queries and their parameters",
                        description="List the named queries in queries/ with titles, descriptions and parameters.")
    ls.add_argument("--format", choices=["text", "json"], default="text")
    ls.set_defaults(func=cmd_queries)

    d = sub.add_parser("dump", parents=[common], help="write the whole graph in one RDF format",
                       description="Write every named graph (TriG, N-Quads, JSON-LD) "
                       "or their union (Turtle, N-Triples, RDF/XML).")
    d.add_argument("--format", "-f", choices=[f.name for f in formats.RDF_FORMATS], default="trig")
    d.add_argument("--output", "-o", help="file to write (default stdout)")
    d.set_defaults(func=cmd_dump)

    s = sub.add_parser("serve", parents=[common], help="build if needed, then serve HTTP (SPARQL, pages, dumps)",
                       description="Build the store if the files changed, then serve the SPARQL 1.1 endpoint, "
                       "linked-data pages, named queries and dumps over HTTP.")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--no-build", action="store_true", help="serve the existing store as it is")
    s.add_argument("--log-level", default="info")
    s.set_defaults(func=cmd_serve)

    for module in EXTRA_COMMANDS:
        importlib.import_module(f"llmkg.commands.{module}").register(sub, common)
    return p


if __name__ == "__main__":
    sys.exit(main())
