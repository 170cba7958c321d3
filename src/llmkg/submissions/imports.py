"""A peer file sent to the server (`POST /submissions?import=FORMAT`) → the statements of a submission.

The importer (`llmkg.exchange.importers.import_file`, pure) maps the file with a crosswalk built
from the store, so a record about a model the store knows lands on that model's IRI. Then:

- an importer error refuses the file before any validation: 400 `syntax-error` when the file
  cannot be read at all (bad YAML or Turtle, no front matter), with its line; 422 `import-failed`
  otherwise (a missing required field, an unknown license name), `where` naming the file, record,
  field and line of the first error and `details.problems` listing every problem;
- the importer's own provenance — the GraphRecord of its graph `graph/import/…` and the
  SourceDocument `source/import/…` of the peer record, with what only they mention — is left out:
  a submitter may not write provenance (submissions/rules.py), and the server writes the
  submission's own. What it said goes into that provenance instead: the description (format,
  file, records, upstream and its license), the source URL (the upstream record, when the file
  is a byte-for-byte copy of a known one) and the record's `imported` (the problems);
- a statement that cites the importer's source (an assessment's dct:source) or graph cites the
  submission's own (`Imported.citing`): that submission is the document that makes it here;
- the statements move to the default graph, as a submission's are sent.

    >>> from llmkg.config import Settings
    >>> from llmkg.store import EmbeddedStore
    >>> yml = b"release:\\n  name: Tiny-1B\\n  license:\\n    distribution:\\n      name: Apache 2.0\\n"
    >>> imported = read("mot", yml, "Tiny-1B.yml", "application/yaml", EmbeddedStore.in_memory(), Settings())
    >>> imported.records, {q.graph_name for q in imported.quads} == {ox.DefaultGraph()}
    (['Tiny-1B'], True)
    >>> imported.describe(None)[:65]
    'Imported from the mot record Tiny-1B (file Tiny-1B.yml, Model Ope'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from .. import formats
from ..config import ONTOLOGY_NS, Settings
from ..errors import LlmkgError, bad_request, too_large, unsupported_media_type
from ..exchange.crosswalk import FAMILY, IDENTIFIER, KINDS, LABELS, SUBCLASS, Crosswalk
from ..exchange.importers import Context, ImportFormat, ImportResult, Problem, by_name, import_file
from ..exchange.importers.record import short_name
from ..reasoning.inference import graph_iri as inferred_graph
from ..store import KnowledgeGraph

YAML = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")
MARKDOWN = ("text/markdown", "text/x-markdown", "text/plain")
# the media types each import format may be sent as (the first is what `llmkg import --server` sends)
MEDIA_TYPES: dict[str, tuple[str, ...]] = {
    "mot": YAML, "osai": YAML, "os-ai-map": YAML, "hf-card": MARKDOWN,
    "mldcat-ap": tuple(f.media_type for f in formats.RDF_FORMATS if f.name == "turtle"),
}
PROVENANCE_CLASSES = {ONTOLOGY_NS + "GraphRecord", ONTOLOGY_NS + "SourceDocument"}
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DCT = "http://purl.org/dc/terms/"
RDFS_COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"
MAX_NAME = 300


@dataclass
class Imported:
    """A peer file mapped to a submission's statements (default graph), with what the importer said."""

    format: ImportFormat
    result: ImportResult
    media_type: str
    quads: list[ox.Quad]
    cited: dict[str, str] = field(default_factory=dict)  # the importer's graph/source IRI -> "graph"/"source"
    upstream: dict[str, str] = field(default_factory=dict)  # what its SourceDocument said (dct:source, …)

    @property
    def sha256(self) -> str:
        return self.result.sha256

    @property
    def records(self) -> list[str]:
        return self.result.records

    @property
    def source_url(self) -> str | None:
        """The peer record's upstream URL, when the file is a known peer record byte for byte."""
        return self.upstream.get("source")

    def citing(self, graph: str, source: str) -> list[ox.Quad]:
        """The statements, with the importer's graph and source document replaced by the submission's."""
        new = {"graph": ox.NamedNode(graph), "source": ox.NamedNode(source)}
        return [ox.Quad(q.subject, q.predicate, new[self.cited[q.object.value]], q.graph_name)
                if isinstance(q.object, ox.NamedNode) and q.object.value in self.cited else q for q in self.quads]

    def describe(self, given: str | None, limit: int = 2000) -> str:
        """The submission's description: the submitter's, then where the statements come from."""
        records = ", ".join(self.records) or "(none)"
        said = (f"Imported from the {self.format.name} record {records} (file {short_name(self.result.name)}, "
                f"{self.format.title})")
        if self.source_url:
            said += f": {self.upstream.get('description', '')} {self.upstream.get('rights', '')}".rstrip()
        else:
            said += "; its upstream is not known to llmkg (not a byte-for-byte copy of a known peer record)."
        if self.upstream.get("comment"):
            said += " " + self.upstream["comment"]
        text = f"{given} — {said}" if given else said
        return text if len(text) <= limit else text[:limit - 1] + "…"

    def to_json(self) -> dict[str, Any]:
        """What the record keeps and the answers carry: format, file, records, problems."""
        out: dict[str, Any] = {"format": self.format.name, "file": short_name(self.result.name),
                               "records": self.records, "problems": [p.to_json() for p in self.result.problems]}
        if self.source_url:
            out["upstream"] = self.source_url
        return out


def import_format(name: str) -> ImportFormat:
    """The import format `?import=` names; 400 naming the parameter and the known formats."""
    return by_name(name, parameter="import")


def check_media_type(fmt: ImportFormat, media_type: str | None) -> str:
    """The body's media type if `fmt` may be sent as it; 415 listing those it may be sent as."""
    mt = (media_type or "").split(";")[0].strip().lower()
    if mt not in MEDIA_TYPES[fmt.name]:
        raise unsupported_media_type(media_type or "(none)", list(MEDIA_TYPES[fmt.name]))
    return mt


def file_name(fmt: ImportFormat, name: str | None) -> str:
    """The file's name as the importer sees it (`?name=`; a model card's repo id comes from
    OWNER/REPO/README.md or OWNER--REPO.md): printable, one line, short; `upload.EXT` when unsaid."""
    name = (name or "").strip()
    if not name:
        return "upload" + fmt.extensions[0]
    if len(name) > MAX_NAME or not name.isprintable():
        raise bad_request(f"the file name must be one line of at most {MAX_NAME} printable characters",
                          parameter="name")
    return name


def read(fmt_name: str, data: bytes, name: str | None, media_type: str | None, kg: KnowledgeGraph,
         settings: Settings, skip_unknown_licenses: bool = False) -> Imported:
    """Map a peer file to a submission's statements (see the module docstring); writes nothing."""
    fmt = import_format(fmt_name)
    mt = check_media_type(fmt, media_type)
    ctx = Context(base=settings.base, crosswalk=crosswalk(kg, settings),
                  unknown_license="warning" if skip_unknown_licenses else "error")
    result = import_file(fmt.name, data, file_name(fmt, name), ctx)
    refuse_errors(result, fmt)
    if len(result.quads) > settings.max_triples:
        raise too_large(f"the import maps to more than {settings.max_triples} triples (LLMKG_MAX_TRIPLES): "
                        "split the file")
    return without_provenance(fmt, result, mt)


def crosswalk(kg: KnowledgeGraph, settings: Settings) -> Crosswalk:
    """The crosswalk of the store: the kinds' class hierarchy, and the type, labels and identifiers
    of every model, dataset and organization (one CONSTRUCT; the inferred graph left out, as in
    validation). Its size follows the number of such entities, not the store's."""
    roots = " ".join(f"<{r}>" for r in (*KINDS.values(), FAMILY))
    names = " ".join(f"<{p}>" for p in (*LABELS, IDENTIFIER))
    triples = kg.query(f"""CONSTRUCT {{ ?c <{SUBCLASS}> ?d . ?e a ?t . ?e ?np ?n }} WHERE {{
  {{ VALUES ?root {{ {roots} }} ?c <{SUBCLASS}>* ?root . ?c <{SUBCLASS}> ?d }}
  UNION {{ VALUES ?root {{ {roots} }} ?t <{SUBCLASS}>* ?root . GRAPH ?g {{ ?e a ?t }}
           FILTER(isIRI(?e) && ?g != <{inferred_graph(settings)}>)
           OPTIONAL {{ VALUES ?np {{ {names} }} ?e ?np ?n }} }}
}}""")
    return Crosswalk.from_quads(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
                                for t in triples)  # type: ignore[union-attr]


def refuse_errors(result: ImportResult, fmt: ImportFormat) -> None:
    """400 when the file cannot be read at all, 422 for any other error; every problem in details."""
    if not result.errors:
        return
    first = result.errors[0]
    details = {"problems": [p.to_json() for p in result.problems]}
    if not first.field:
        raise LlmkgError(f"{short_name(result.name)} cannot be read as {fmt.title}: {first.message}; nothing was "
                         "written", 400, "syntax-error", _where(first), details)
    raise LlmkgError(f"{len(result.errors)} error(s) in {short_name(result.name)}, e.g. {first}; nothing was "
                     "written. Fix them (details.problems) and send the file again", 422, "import-failed",
                     _where(first), details)


def _where(p: Problem) -> dict[str, Any]:
    return {k: v for k, v in (("file", p.file), ("record", p.record), ("field", p.field), ("line", p.line)) if v}


def without_provenance(fmt: ImportFormat, result: ImportResult, media_type: str) -> Imported:
    """Leave out the importer's GraphRecord and SourceDocument (and what only they mention: the
    peer data's license); keep what they said; the rest in the default graph."""
    own = {result.graph} | {q.subject.value for q in result.quads if q.predicate.value == RDF_TYPE
                            and q.object.value in PROVENANCE_CLASSES and isinstance(q.subject, ox.NamedNode)}
    said = [q for q in result.quads if q.subject.value in own]
    kept = [q for q in result.quads if q.subject.value not in own]
    linked = {q.object.value for q in kept if isinstance(q.object, ox.NamedNode)}
    only_theirs = {q.object.value for q in said if isinstance(q.object, ox.NamedNode)} - linked - own
    kept = [q for q in kept if q.subject.value not in only_theirs]
    cited = {iri: ("graph" if iri == result.graph else "source") for iri in own}
    quads = [ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in kept]
    return Imported(fmt, result, media_type, quads, cited, _upstream(said, own - {result.graph}))


def _upstream(said: list[ox.Quad], sources: set[str]) -> dict[str, str]:
    names = {DCT + "source": "source", DCT + "description": "description", DCT + "rights": "rights",
             RDFS_COMMENT: "comment"}
    return {names[q.predicate.value]: q.object.value for q in said
            if q.subject.value in sources and q.predicate.value in names}
