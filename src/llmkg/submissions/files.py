"""Accepted submissions as files: `data/submissions/{id}.trig` (the graph, provenance included, so
`llmkg build` loads it like any source) beside `{id}.json` (the record and its report).

Guarantees:
- a file is written once and never edited: its bytes go to a temporary file, are fsynced, and are
  linked to their name only if nothing has that name (then the folder is fsynced), so a reader or
  a crash sees the whole file or none of it, and an accepted file is never overwritten;
- a withdrawn submission's record moves to `data/submissions/withdrawn/{id}.json` (with who and
  when); its TriG file is deleted, so a rebuild from the files no longer has its graph.

The TriG is written under the default base (https://w3id.org/llmkg/), like every file in data/,
and rebased when loaded.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyoxigraph as ox

from ..config import DEFAULT_BASE, ONTOLOGY_NS, VOCAB_NS, Settings
from ..errors import LlmkgError
from .records import ID_PATTERN, Record

PREFIXES = {
    "llmkg": ONTOLOGY_NS, "voc": VOCAB_NS, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dct": "http://purl.org/dc/terms/", "prov": "http://www.w3.org/ns/prov#", "odrl": "http://www.w3.org/ns/odrl/2/",
}


def folder(settings: Settings) -> Path:
    return settings.data_dir / "submissions"


def withdrawn_folder(settings: Settings) -> Path:
    return folder(settings) / "withdrawn"


def trig_path(settings: Settings, sid: str) -> Path:
    return folder(settings) / f"{sid}.trig"


def record_path(settings: Settings, sid: str) -> Path:
    return folder(settings) / f"{sid}.json"


def withdrawn_path(settings: Settings, sid: str) -> Path:
    return withdrawn_folder(settings) / f"{sid}.json"


# ---------------------------------------------------------------- durable writes


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp(path: Path, data: bytes, mode: int) -> Path:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode), "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return tmp


def write_once(path: Path, data: bytes) -> None:
    """Write a new file durably; LlmkgError 409 if the name is taken (nothing is overwritten)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp(path, data, 0o644)
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise LlmkgError(f"{path} exists already: accepted files are never overwritten", 409, "conflict") from None
    finally:
        tmp.unlink()
    _fsync_dir(path.parent)


def write_atomic(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Replace a file durably and atomically (for files that may change, such as tokens.json)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.replace(_temp(path, data, mode), path)
    _fsync_dir(path.parent)


def remove(path: Path) -> None:
    """Delete a file durably (the folder is fsynced); nothing if it is gone already."""
    try:
        path.unlink()
    except FileNotFoundError:
        return
    _fsync_dir(path.parent)


def clean_temporaries(settings: Settings) -> list[Path]:
    """Remove what a crash left half-written (never a named file)."""
    found = [p for d in (folder(settings), withdrawn_folder(settings)) if d.is_dir() for p in d.glob(".*.tmp")]
    for p in found:
        p.unlink(missing_ok=True)
    return found


# ---------------------------------------------------------------- contents


def trig_bytes(record: Record, quads: list[ox.Quad], settings: Settings) -> bytes:
    header = (f"# Submission {record.id} by {record.submitter}, accepted {record.submitted}"
              f" (sha256 of the body {record.sha256}).\n"
              "# Written once by the llmkg server; withdraw it (llmkg withdraw) rather than editing it.\n")
    body = ox.serialize([_unrebased(q, settings) for q in quads], format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    return header.encode() + body


def record_bytes(record: Record) -> bytes:
    return json.dumps(record.to_json(), indent=1, ensure_ascii=False).encode()


def accepted_ids(settings: Settings) -> list[str]:
    d = folder(settings)
    return sorted(p.stem for p in d.glob("*.trig") if ID_PATTERN.match(p.stem)) if d.is_dir() else []


def recorded_ids(settings: Settings) -> list[str]:
    d = folder(settings)
    return sorted(p.stem for p in d.glob("*.json") if ID_PATTERN.match(p.stem)) if d.is_dir() else []


def withdrawn_ids(settings: Settings) -> list[str]:
    d = withdrawn_folder(settings)
    return sorted(p.stem for p in d.glob("*.json") if ID_PATTERN.match(p.stem)) if d.is_dir() else []


def read_record(path: Path) -> Record | None:
    try:
        return Record.from_json(json.loads(path.read_text()))
    except FileNotFoundError:
        return None


def _unrebased(q: ox.Quad, settings: Settings) -> ox.Quad:
    if settings.base == DEFAULT_BASE:
        return q

    def term(t):  # noqa: ANN001, ANN202 - any pyoxigraph term
        if isinstance(t, ox.NamedNode) and t.value.startswith(settings.base):
            return ox.NamedNode(DEFAULT_BASE + t.value[len(settings.base):])
        return t

    return ox.Quad(term(q.subject), term(q.predicate), term(q.object), term(q.graph_name))
