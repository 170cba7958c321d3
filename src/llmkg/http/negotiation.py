"""Content negotiation: pick a format from formats.py by the Accept header (q-values, wildcards).

The RDF and results media types come from formats.py. The few media types of the protocol
itself (HTML pages, JSON errors and lists, form and SPARQL request bodies) are not RDF or
results formats, so they are named once here and nowhere else in the HTTP layer.

>>> choose("text/csv;q=0.5, application/sparql-results+json", formats.RESULTS_FORMATS).name
'srj'
>>> choose("text/*", formats.RESULTS_FORMATS).name
'csv'
>>> choose(None, formats.RDF_FORMATS).name
'turtle'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from starlette.requests import Request

from .. import formats
from ..errors import bad_request, not_acceptable

HTML = "text/html"
XHTML = "application/xhtml+xml"
JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
SVG = "image/svg+xml"

# the `format` parameter also takes these short names (as `llmkg query --format` does)
_SHORT = {
    "results": {"json": "srj", "xml": "srx"},
    "rdf": {"json": "jsonld", "xml": "rdfxml", "ttl": "turtle", "nt": "ntriples", "nq": "nquads"},
}


@dataclass(frozen=True)
class Range:
    type: str
    subtype: str
    q: float

    def specificity(self, media_type: str) -> int | None:
        """How precisely this range matches a media type (2 exact, 1 type/*, 0 */*), or None."""
        t, _, s = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != t:
            return None
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == s else None


def parse_accept(header: str | None) -> list[Range]:
    """The media ranges of an Accept header; malformed entries are skipped, q defaults to 1."""
    ranges = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        mt = fields[0].lower()
        if "/" not in mt:
            continue
        q = 1.0
        for f in fields[1:]:
            k, _, v = f.partition("=")
            if k.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(v)))
                except ValueError:
                    q = 0.0
        t, _, s = mt.partition("/")
        ranges.append(Range(t, s, q))
    return ranges


def match(ranges: list[Range], media_type: str) -> tuple[int, float]:
    """(specificity, q) of the most specific range matching a media type; (-1, 0) if none does."""
    best = (-1, 0.0)
    for r in ranges:
        spec = r.specificity(media_type)
        if spec is not None and spec > best[0]:
            best = (spec, r.q)
    return best


def quality(ranges: list[Range], media_type: str) -> float:
    """The q the client gives a media type: that of the most specific range matching it."""
    return match(ranges, media_type)[1]


def _format_quality(ranges: list[Range], fmt: formats.Format) -> float:
    """A format's q through its media type or an alias, the most specific mention winning."""
    return max(match(ranges, mt) for mt in (fmt.media_type, *fmt.aliases))[1]


def choose(accept: str | None, offered: Sequence[formats.Format]) -> formats.Format:
    """The offered format the client likes best (ties: the server's order); 406 if none."""
    ranges = parse_accept(accept)
    if not ranges:
        return offered[0]
    scored = [(_format_quality(ranges, f), -i, f) for i, f in enumerate(offered)]
    q, _, best = max(scored, key=lambda t: (t[0], t[1]))
    if q <= 0:
        raise not_acceptable([f.media_type for f in offered])
    return best


def by_parameter(value: str, offered: Sequence[formats.Format]) -> formats.Format:
    """The format named by a `format` parameter: a name (turtle, json, csv…) or a media type."""
    kind = offered[0].kind if offered else "rdf"
    name = _SHORT.get(kind, {}).get(value.lower(), value.lower())
    found = formats.by_name(name) or formats.by_media_type(value, kind) or formats.by_extension("." + name)
    if found is None or found not in offered:
        names = ", ".join(f.name for f in offered)
        raise bad_request(f"unknown or unsuitable format {value!r}; use one of {names}", parameter="format")
    return found


def negotiate(request: Request, offered: Sequence[formats.Format]) -> formats.Format:
    """The response format: the `format` parameter if given, else by the Accept header."""
    override = request.query_params.get("format")
    if override:
        return by_parameter(override, offered)
    return choose(request.headers.get("accept"), offered)


def prefers_html(accept: str | None, others: Sequence[formats.Format] = formats.RDF_FORMATS) -> bool:
    """Whether the client names text/html (or XHTML) and likes it at least as much as any of
    `others`: browsers do; `*/*` or `text/*` alone is not a request for a page."""
    ranges = parse_accept(accept)
    explicit = [r for r in ranges if r.q > 0 and (r.specificity(HTML) == 2 or r.specificity(XHTML) == 2)]
    if not explicit:
        return False
    html = max(quality(ranges, HTML), quality(ranges, XHTML))
    return html >= max((_format_quality(ranges, f) for f in others), default=0.0)


def media_type_of(request: Request) -> tuple[str, dict[str, str]]:
    """The request's Content-Type, lower-cased, and its parameters (charset…)."""
    raw = request.headers.get("content-type", "")
    fields = [f.strip() for f in raw.split(";")]
    params = {}
    for f in fields[1:]:
        k, _, v = f.partition("=")
        params[k.strip().lower()] = v.strip().strip('"')
    return fields[0].lower(), params
