"""What the HTTP routes and the CLI call: validate, submit, list, read and withdraw submissions.

Guarantees (each tested in tests/submissions/):
- `check` writes nothing;
- `submit` commits the whole submission as its own graph or nothing: a submission with a Violation
  is refused (422, the report in `details`) and changes nothing, neither the store nor a file;
- two submitters at once both succeed or fail cleanly: validation runs outside the lock, and
  if another submission or withdrawal was committed meanwhile it runs again under the lock, so
  what is committed conforms together with everything committed before it;
- a submitter who sends the same bytes again (say, after a lost acknowledgement) gets the first
  submission back (200) instead of a copy;
- `submit_import` is `submit` for a peer file mapped by imports.py (POST /submissions?import=):
  the same validation, lock and commit, its record made before validation (its statements may
  cite the submission as their source) and keeping what the importer could not map;
- `withdraw` removes exactly that graph, asked by its submitter or an admin, and is refused (409,
  with the report) if other graphs would be left linking to what only this one defines.

    >>> from llmkg.config import Settings
    >>> from llmkg.store import EmbeddedStore
    >>> service = Submissions(EmbeddedStore.in_memory(), Settings())
    >>> service.check(b"<https://w3id.org/llmkg/model/x> a <https://w3id.org/llmkg/ontology#Model> .",
    ...               "text/turtle").report.violations[0].message
    'A model or model family needs an rdfs:label (a string): add the name the source uses.'
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import pyoxigraph as ox

from ..config import ONTOLOGY_NS, Settings
from ..errors import LlmkgError, bad_request, forbidden, invalid_data, not_found
from ..reasoning.inference import graph_iri as inferred_graph
from ..store import KnowledgeGraph
from ..validate import Report
from . import body, files
from .commit import Ledger
from .context import validate_in_context
from .imports import Imported
from .records import ID_PATTERN, Record, graph_prefix, id_of_graph, new_id, now_iso, provenance, slug
from .rules import SHAPES
from .tokens import Token, TokenStore

MAX_DESCRIPTION = 2000
PROVENANCE_RULE = SHAPES + "SubmissionProvenanceRule"
_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


@dataclass
class Checked:
    quads: list[ox.Quad]
    report: Report
    sha256: str
    media_type: str
    record: Record | None = None  # made before validation: an import's statements cite their own submission


def rejected(report: Report, what: str = "the submission", imported: dict | None = None) -> LlmkgError:
    details = report.to_json() if imported is None else {**report.to_json(), "imported": imported}
    return invalid_data(f"{what} does not conform: {report.summary()}; nothing was written. "
                        "Fix the violations listed in details.results and send it again", details)


class Submissions:
    def __init__(self, kg: KnowledgeGraph, settings: Settings) -> None:
        self.kg, self.settings = kg, settings
        self.ledger = Ledger(kg, settings)
        self.tokens = TokenStore.of(settings)

    # ---------------------------------------------------------------- validate and submit

    def check(self, data: bytes, media_type: str | None) -> Checked:
        """Parse and validate in the context of the store; writes nothing."""
        fmt = body.media_format(media_type)
        quads = body.read(data, fmt, self.settings)
        return self.check_quads(quads, hashlib.sha256(data).hexdigest(), fmt.media_type)

    def check_quads(self, quads: list[ox.Quad], sha256: str, media_type: str, record: Record | None = None) -> Checked:
        """Validate statements already parsed (default graph) in the context of the store; writes
        nothing. With `record`, together with the provenance the server will write for it."""
        return Checked(quads, self._validate(quads, record), sha256, media_type, record)

    def check_import(self, imported: Imported, record: Record | None = None) -> Checked:
        """A peer file's statements (submissions/imports.py) checked as they would be committed, citing
        the submission `record` (a draft one for POST /validate); writes nothing."""
        s = self.settings
        record = record or self._import_record(imported, "anonymous", None, None)
        quads = imported.citing(record.graph(s), record.source(s))
        return self.check_quads(quads, imported.sha256, imported.media_type, record)

    def submit(self, data: bytes, media_type: str | None, token: Token, description: str | None = None,
               source_url: str | None = None) -> tuple[Record, bool]:
        """(the record, True) when committed now; (the earlier record, False) for the same bytes again."""
        description, source_url = _metadata(description, source_url)
        before = self.ledger.snapshot()
        return self.submit_checked(self.check(data, media_type), before, token, description, source_url)

    def submit_import(self, imported: Imported, token: Token, description: str | None = None,
                      source_url: str | None = None) -> tuple[Record, bool]:
        """`submit` for a peer file mapped by submissions/imports.py. Its record (id, time) is made
        before validation, as its statements may cite the submission as their source; the record's
        description says where they come from (after the submitter's), its source URL is the peer
        record's upstream unless one is given, and it keeps the importer's problems (`imported`)."""
        description, source_url = _metadata(description, source_url)
        before = self.ledger.snapshot()
        record = self._import_record(imported, token.name, description, source_url)
        return self.submit_checked(self.check_import(imported, record), before, token)

    def submit_checked(self, checked: Checked, before: tuple[str, ...], token: Token, description: str | None = None,
                       source_url: str | None = None) -> tuple[Record, bool]:
        """Commit statements `check`ed (or `check_quads`ed) while the ledger was at `before`: refused
        (422) on a Violation; validated again under the lock if the ledger has changed since; the
        record is `checked.record`, or made now with `description` and `source_url` (already checked)."""
        imported = checked.record.imported if checked.record else None
        if not checked.report.conforms:
            raise rejected(checked.report, imported=imported)
        with self.ledger.locked():
            earlier = self._same(token, checked.sha256)
            if earlier is not None:
                return earlier, False
            if self.ledger.snapshot() != before:  # someone committed or withdrew meanwhile
                checked.report = self._validate(checked.quads, checked.record)
                if not checked.report.conforms:
                    raise rejected(checked.report, imported=imported)
            record = checked.record or Record(new_id(), token.name, now_iso(), checked.sha256, checked.media_type,
                                              len(checked.quads), description, source_url)
            record.report = checked.report.to_json()
            self.ledger.accept(record, checked.quads)
        return record, True

    def _import_record(self, imported: Imported, submitter: str, description: str | None,
                       source_url: str | None) -> Record:
        return Record(new_id(), submitter, now_iso(), imported.sha256, imported.media_type, len(imported.quads),
                      imported.describe(description, MAX_DESCRIPTION), source_url or imported.source_url,
                      imported=imported.to_json())

    def _validate(self, quads: list[ox.Quad], record: Record | None = None) -> Report:
        """In context. With `record`, together with the provenance the server writes for it (so an
        imported assessment's dct:source, the submission, is a SourceDocument); the server's own
        nodes are not judged by the rule that keeps submitters from writing provenance."""
        if record is None:
            return validate_in_context(quads, self.kg, self.settings)
        s = self.settings
        server = [ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in provenance(record, s)]
        report = validate_in_context(quads + server, self.kg, s)
        own = {record.graph(s), record.source(s), record.agent(s)}
        kept = [r for r in report.results if not (r.focus_node in own and r.shape == PROVENANCE_RULE)]
        return Report(not any(r.severity == "Violation" for r in kept), kept)

    def _same(self, token: Token, sha256: str) -> Record | None:
        """The accepted submission of the same bytes by the same submitter, if any."""
        s = self.settings
        agent = f"{s.base}agent/{slug(token.name)}"
        rows = self.kg.query(f"""SELECT ?g WHERE {{
  GRAPH ?g {{ ?src <{ONTOLOGY_NS}sha256> "{sha256}" ; <http://www.w3.org/ns/prov#wasAttributedTo> <{agent}> }}
  FILTER(STRSTARTS(STR(?g), "{graph_prefix(s)}")) }}""")
        for row in rows:  # type: ignore[union-attr]
            sid = id_of_graph(row["g"].value, s)
            if sid and files.trig_path(s, sid).exists():
                return self.get(sid)
        return None

    # ---------------------------------------------------------------- read

    def get(self, sid: str) -> Record:
        s = self.settings
        if ID_PATTERN.match(sid):
            if files.trig_path(s, sid).exists():
                record = files.read_record(files.record_path(s, sid))
                if record is not None:
                    return record
            withdrawn = files.read_record(files.withdrawn_path(s, sid))
            if withdrawn is not None:
                return withdrawn
        raise not_found(f"no submission {sid!r}: GET /submissions lists them", submission=sid)

    def list(self, status: str | None = None) -> list[Record]:
        s = self.settings
        ids = {"accepted": files.accepted_ids(s), "withdrawn": files.withdrawn_ids(s)}
        if status is not None and status not in ids:
            raise bad_request(f"unknown status {status!r}; use accepted or withdrawn", parameter="status")
        wanted = [i for k, v in ids.items() if status in (None, k) for i in v]
        out = []
        for sid in wanted:
            try:
                out.append(self.get(sid))
            except LlmkgError:  # withdrawn or reconciled since the folder was listed
                continue
        return sorted(out, key=lambda r: r.id, reverse=True)

    def triples(self, record: Record) -> list[ox.Triple]:
        if record.status != "accepted":
            return []
        g = record.graph(self.settings)
        return list(self.kg.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}"))  # type: ignore[arg-type]

    # ---------------------------------------------------------------- withdraw

    def withdraw(self, sid: str, token: Token) -> Record:
        with self.ledger.locked():
            record = self.get(sid)
            if record.status == "withdrawn":
                raise LlmkgError(f"submission {sid} was withdrawn already ({record.withdrawn_at}, by "
                                 f"{record.withdrawn_by})", 409, "conflict", {"submission": sid})
            if slug(record.submitter) != slug(token.name) and not token.admin:
                raise forbidden(f"submission {sid} was sent by {record.submitter}: only they or an admin may "
                                "withdraw it", submission=sid)
            self._check_dependents(record)
            return self.ledger.withdraw(record, token.name)

    def _check_dependents(self, record: Record) -> None:
        """409 if statements in other graphs would be left invalid without this graph."""
        g = record.graph(self.settings)
        others = dependents(self.kg, g, self.settings)
        if not others:
            return
        report = validate_in_context(others, self.kg, self.settings, submission=False, exclude=[g])
        if not report.conforms:
            raise LlmkgError(f"withdrawing {record.id} would leave other graphs linking to what only it defines: "
                             f"{report.summary()} (see details). Withdraw or correct those first",
                             409, "conflict", {"submission": record.id}, report.to_json())


def dependents(kg: KnowledgeGraph, graph: str, settings: Settings) -> list[ox.Quad]:
    """Statements of other graphs (not the inferred one) about or linking to the IRIs `graph` describes."""
    skip = f"<{graph}>, <{inferred_graph(settings)}>"
    rows = kg.query(f"""SELECT DISTINCT ?s ?p ?o WHERE {{
  {{ SELECT DISTINCT ?x WHERE {{ GRAPH <{graph}> {{ ?x ?q ?v }} FILTER(isIRI(?x)) }} }}
  {{ GRAPH ?h {{ ?x ?p ?o }} BIND(?x AS ?s) }} UNION {{ GRAPH ?h {{ ?s ?p ?x }} BIND(?x AS ?o) }}
  FILTER(?h NOT IN ({skip}) && !STRSTARTS(STR(?h), "{settings.base}graph/ontology/"))
}}""")
    return [ox.Quad(r["s"], r["p"], r["o"], ox.DefaultGraph()) for r in rows]  # type: ignore[union-attr]


def _metadata(description: str | None, source_url: str | None) -> tuple[str | None, str | None]:
    description = (description or "").strip() or None
    if description is not None and (len(description) > MAX_DESCRIPTION or not description.isprintable()):
        raise bad_request(f"the description must be one line of at most {MAX_DESCRIPTION} printable characters",
                          parameter="description")
    source_url = (source_url or "").strip() or None
    if source_url is not None and not _URL.match(source_url):
        raise bad_request(f"source_url must be an absolute http(s) URL, got {source_url!r}", parameter="source_url")
    return description, source_url

