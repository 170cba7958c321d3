"""`llmkg export FORMAT [--model ID | --dataset ID] [--output FILE]`: the catalogue in another standard.

Whole-catalogue exports show a progress bar on stderr (when stderr is a terminal); the export
itself goes to stdout or to --output. Unknown formats and entities exit 1 naming them.
"""

from __future__ import annotations

import argparse
import sys

from .. import formats
from ..config import Settings
from ..errors import bad_request
from ..exchange.exporters import EXPORTERS, Options, export
from ..exchange.progress import ProgressBar
from ..store import open_store


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    names = "; ".join(f"{e.name}: {e.title}" for e in EXPORTERS)
    p = sub.add_parser("export", parents=[common], help="export models and datasets to another catalogue standard",
                       description="Write the catalogue, or one model or dataset with the entities it names, "
                       f"in a standard format. Formats: {names}. See docs/exports.md for what each mapping keeps "
                       "and loses.")
    p.add_argument("format", choices=[e.name for e in EXPORTERS], help="the target standard")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--model", "-m", metavar="ID", help="one model (an id such as zephyr, or an IRI)")
    who.add_argument("--dataset", "-d", metavar="ID", help="one dataset (an id such as the-pile, or an IRI)")
    p.add_argument("--rdf-format", "-f", choices=[f.name for f in formats.GRAPH_FORMATS],
                   help="RDF syntax for mldcat-ap and dcat (default turtle)")
    p.add_argument("--output", "-o", metavar="FILE", help="file to write (default stdout)")
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    entity = _path("model/", args.model) or _path("dataset/", args.dataset)
    rdf_format = formats.by_name(args.rdf_format) if args.rdf_format else None
    if rdf_format and args.format not in ("mldcat-ap", "dcat"):
        raise bad_request(f"--rdf-format applies to mldcat-ap and dcat, not {args.format}", parameter="rdf-format")
    bar = ProgressBar(f"export {args.format}") if entity is None else None
    options = Options(base=settings.base, rdf_format=rdf_format, progress=bar)
    kg = open_store(settings, read_only=True)  # left open like `llmkg query`'s: the process ends here
    try:
        result = export(kg, args.format, entity, options)
    finally:
        if bar:
            bar.done()
    if args.output:
        with open(args.output, "wb") as fh:
            fh.write(result.content)
        print(f"wrote {len(result.content)} bytes of {result.media_type} to {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(result.content)
        sys.stdout.flush()
    return 0


def _path(prefix: str, ident: str | None) -> str | None:
    """`zephyr` → `model/zephyr`; paths and IRIs unchanged."""
    if ident is None or "/" in ident or ":" in ident:
        return ident
    return prefix + ident
