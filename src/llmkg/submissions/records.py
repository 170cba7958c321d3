"""What llmkg records about each accepted submission: its id, its named graph and the provenance
the server writes into that graph (never the submitter: rules.py refuses statements about these IRIs).

| IRI | what |
|---|---|
| `{base}graph/submission/{id}` | the submission's named graph, an `llmkg:GraphRecord` |
| `{base}submission/{id}` | the submission, the `llmkg:SourceDocument` the graph records: title, description, |
| | source URL, SHA-256 of the body, submitter (`prov:wasAttributedTo`), time |
| `{base}agent/{slug}` | the submitter (`prov:Agent`), named after the token that sent it |

An id is the UTC time of the submission to the second, then 8 hex digits: the milliseconds as
three decimal digits and five random hex digits. Ids sort by time, to the millisecond; two
submissions in the same millisecond share an id once in a million.

    >>> new_id(datetime(2024, 1, 1, 12, 0, 0, 123456, tzinfo=UTC))[:19]
    '20240101-120000-123'

    >>> from llmkg.config import Settings
    >>> r = Record("20240101-120000-0a1b2c3d", "Alice", "2024-01-01T12:00:00Z", "ab" * 32, "text/turtle", 3)
    >>> r.graph(Settings())
    'https://w3id.org/llmkg/graph/submission/20240101-120000-0a1b2c3d'
    >>> quads = provenance(r, Settings())
    >>> len(quads), {q.graph_name.value for q in quads} == {r.graph(Settings())}
    (12, True)
"""

from __future__ import annotations

import re
import secrets
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

import pyoxigraph as ox

from ..config import ONTOLOGY_NS, Settings

ID_PATTERN = re.compile(r"^\d{8}-\d{6}-[0-9a-f]{8}$")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
XSD_DATETIME = ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")


def new_id(now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    return f"{now:%Y%m%d-%H%M%S}-{now.microsecond // 1000:03d}{secrets.token_hex(3)[:5]}"


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def slug(name: str) -> str:
    """A token or submitter name as an IRI path segment: `Alice Smith` → `alice-smith`."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def graph_prefix(settings: Settings) -> str:
    return settings.base + "graph/submission/"


def id_of_graph(iri: str, settings: Settings) -> str | None:
    prefix = graph_prefix(settings)
    rest = iri[len(prefix):] if iri.startswith(prefix) else ""
    return rest if ID_PATTERN.match(rest) else None


@dataclass
class Record:
    """One submission as the server keeps it (data/submissions/{id}.json), report included."""

    id: str
    submitter: str
    submitted: str  # ISO 8601 UTC
    sha256: str  # of the body as sent
    media_type: str
    triples: int
    description: str | None = None
    source_url: str | None = None
    report: dict[str, Any] = field(default_factory=dict)
    status: str = "accepted"  # or "withdrawn"
    withdrawn_by: str | None = None
    withdrawn_at: str | None = None
    # for a peer file sent with ?import=: format, file, records, upstream and the importer's problems
    imported: dict[str, Any] | None = None

    def graph(self, settings: Settings) -> str:
        return graph_prefix(settings) + self.id

    def source(self, settings: Settings) -> str:
        return f"{settings.base}submission/{self.id}"

    def agent(self, settings: Settings) -> str:
        return f"{settings.base}agent/{slug(self.submitter)}"

    def to_json(self, settings: Settings | None = None) -> dict[str, Any]:
        out = {k: v for k, v in asdict(self).items() if v is not None}
        if settings is not None:
            out["graph"] = self.graph(settings)
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Record:
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


def provenance(record: Record, settings: Settings) -> list[ox.Quad]:
    """The statements the server adds to a submission's graph: who, when, from where, which bytes."""
    g, src, agent = (ox.NamedNode(x) for x in (record.graph(settings), record.source(settings), record.agent(settings)))
    when = ox.Literal(record.submitted, datatype=XSD_DATETIME)
    title = f"Submission {record.id} by {record.submitter}" + (f": {record.description}" if record.description else "")
    triples = [
        (g, RDF_TYPE, ox.NamedNode(ONTOLOGY_NS + "GraphRecord")),
        (g, RDFS_LABEL, ox.Literal(f"Statements of submission {record.id} by {record.submitter}", language="en")),
        (g, ox.NamedNode(ONTOLOGY_NS + "recordsSource"), src),
        (g, ox.NamedNode(PROV + "generatedAtTime"), when),
        (src, RDF_TYPE, ox.NamedNode(ONTOLOGY_NS + "SourceDocument")),
        (src, ox.NamedNode(DCT + "title"), ox.Literal(title)),
        (src, ox.NamedNode(ONTOLOGY_NS + "sha256"), ox.Literal(record.sha256)),
        (src, ox.NamedNode(DCT + "format"), ox.Literal(record.media_type)),
        (src, ox.NamedNode(PROV + "wasAttributedTo"), agent),
        (src, ox.NamedNode(PROV + "generatedAtTime"), when),
        (agent, RDF_TYPE, ox.NamedNode(PROV + "Agent")),
        (agent, RDFS_LABEL, ox.Literal(record.submitter)),
    ]
    if record.description:
        triples.append((src, ox.NamedNode(DCT + "description"), ox.Literal(record.description)))
    if record.source_url:
        triples.append((src, ox.NamedNode(DCT + "source"), ox.NamedNode(record.source_url)))
    return [ox.Quad(s, p, o, g) for s, p, o in triples]
