"""Serialize query results in any format of formats.py, and render them as a text table."""

from __future__ import annotations

import pyoxigraph as ox

from . import formats
from .errors import not_acceptable


def kind(result: object) -> str:
    if isinstance(result, ox.QueryBoolean):
        return "ask"
    if isinstance(result, ox.QuerySolutions):
        return "select"
    return "graph"


def serialize(result: object, fmt: formats.Format) -> bytes:
    """Bytes of a SELECT/ASK result in a results format, or of a graph in an RDF format."""
    k = kind(result)
    if k in ("select", "ask"):
        if fmt.kind != "results":
            raise not_acceptable([f.media_type for f in formats.RESULTS_FORMATS])
        return result.serialize(format=fmt.results)  # type: ignore[union-attr]
    if fmt.kind != "rdf":
        raise not_acceptable([f.media_type for f in formats.RDF_FORMATS])
    triples = list(result)  # type: ignore[call-overload]
    if fmt.quads:
        triples = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
    return ox.serialize(triples, format=fmt.rdf)


def term_text(t: object, prefixes: dict[str, str] | None = None) -> str:
    """A term as a person reads it: IRIs compacted with known prefixes, literals by value."""
    if t is None:
        return ""
    if isinstance(t, ox.NamedNode):
        for p, ns in (prefixes or {}).items():
            if t.value.startswith(ns) and len(t.value) > len(ns):
                return f"{p}:{t.value[len(ns):]}"
        return t.value
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    return t.value  # type: ignore[attr-defined]


def table(result: object, prefixes: dict[str, str] | None = None, max_width: int = 60) -> str:
    """A plain-text table of a SELECT result (or `true`/`false` for ASK)."""
    if isinstance(result, ox.QueryBoolean):
        return "true" if bool(result) else "false"
    if not isinstance(result, ox.QuerySolutions):
        return ox.serialize(list(result), format=ox.RdfFormat.TURTLE).decode()  # type: ignore[call-overload]
    names = [v.value for v in result.variables]
    rows = [[_clip(term_text(row[n], prefixes), max_width) for n in names] for row in result]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _clip(s: str, width: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


PREFIXES = {
    "llmkg": "https://w3id.org/llmkg/ontology#",
    "voc": "https://w3id.org/llmkg/vocab/",
    "spdx": "http://spdx.org/licenses/",
}
