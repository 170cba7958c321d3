"""The atomic commit of an accepted submission, its withdrawal, and the reconciliation at start-up.

The files in data/submissions/ are the source of truth and the store an index of them (as for
every file in data/), so each change is made in this order, under one lock (a thread lock and an
flock on `submissions.lock` beside the store, for several processes over one remote store):

    accept:   {id}.json (record) → {id}.trig (write once, fsync)  ← commit point
              → the graph into the store, one transaction (one SPARQL Update request if remote)
              → 201 to the submitter
    withdraw: withdrawn/{id}.json → delete {id}.trig (fsync)       ← commit point
              → delete {id}.json → DROP GRAPH in one transaction → 200

A crash (even SIGKILL) can stop this anywhere; `reconcile()`, run before the server answers
anything, finishes what passed its commit point and undoes what did not:
- a TriG file whose graph is not in the store is loaded (one transaction): the submission was
  committed, its acknowledgement may have been lost;
- a submission graph in the store without its TriG file is dropped (a withdrawal that passed its
  commit point);
- a record without its TriG file, a withdrawn record whose TriG file is still there, and
  temporary files are removed (changes that did not reach their commit point).
So after a restart every acknowledged submission is there, whole, and nothing else half-made is;
the store's own transactions (RocksDB write-ahead log) mean a graph is never half in the store.
"""

from __future__ import annotations

import fcntl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

import pyoxigraph as ox

from ..config import Settings
from ..parse import parse_file
from ..store import KnowledgeGraph
from . import files
from .records import Record, graph_prefix, id_of_graph, now_iso, provenance


@dataclass
class Reconciled:
    loaded: list[str] = field(default_factory=list)  # ids whose graph was missing from the store
    dropped: list[str] = field(default_factory=list)  # ids whose graph had no file any more
    cleaned: list[str] = field(default_factory=list)  # leftover files removed

    def __bool__(self) -> bool:
        return bool(self.loaded or self.dropped or self.cleaned)


class Ledger:
    """Accepted submissions in files and store, changed only under `locked()`."""

    def __init__(self, kg: KnowledgeGraph, settings: Settings) -> None:
        self.kg, self.settings = kg, settings
        self._lock = threading.Lock()

    @contextmanager
    def locked(self) -> Iterator[None]:
        lock_file = self.settings.store.parent / "submissions.lock"
        lock_file.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, open(lock_file, "a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def snapshot(self) -> tuple[str, ...]:
        """The accepted ids: changes with every accept and withdrawal (ids are never reused)."""
        return tuple(files.accepted_ids(self.settings))

    def accept(self, record: Record, quads: list[ox.Quad]) -> None:
        """Commit `quads` as the submission's own graph, with its provenance (caller holds the lock)."""
        s = self.settings
        graph = ox.NamedNode(record.graph(s))
        content = [ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads] + provenance(record, s)
        paths = [files.record_path(s, record.id), files.trig_path(s, record.id)]
        try:
            files.write_once(paths[0], files.record_bytes(record))
            files.write_once(paths[1], files.trig_bytes(record, content, s))
            self.kg.replace_graphs(content, [graph.value])
        except BaseException:
            self._undo(graph.value, paths)
            raise

    def _undo(self, graph: str, paths: list) -> None:
        """Not acknowledged, so not committed: remove what was written (a remote store may have
        applied an update whose answer was lost, hence the drop)."""
        for p in reversed(paths):
            files.remove(p)
        try:
            self.kg.replace_graphs([], [graph])
        except Exception:  # noqa: BLE001 - the store failed already; reconcile() drops it at start-up
            pass

    def withdraw(self, record: Record, by: str) -> Record:
        """Remove exactly the submission's graph (caller holds the lock and has checked who asks)."""
        s = self.settings
        withdrawn = replace(record, status="withdrawn", withdrawn_by=by, withdrawn_at=now_iso())
        files.write_atomic(files.withdrawn_path(s, record.id), files.record_bytes(withdrawn))
        files.remove(files.trig_path(s, record.id))
        files.remove(files.record_path(s, record.id))
        self.kg.replace_graphs([], [record.graph(s)])
        return withdrawn

    def reconcile(self) -> Reconciled:
        """Make files and store agree again after a crash (see the module docstring)."""
        s, done = self.settings, Reconciled()
        with self.locked():
            done.cleaned += [p.name for p in files.clean_temporaries(s)]
            accepted = set(files.accepted_ids(s))
            for sid in files.withdrawn_ids(s):
                if sid in accepted:
                    files.remove(files.withdrawn_path(s, sid))
                    done.cleaned.append(f"withdrawn/{sid}.json")
            for sid in files.recorded_ids(s):
                if sid not in accepted:
                    files.remove(files.record_path(s, sid))
                    done.cleaned.append(f"{sid}.json")
            in_store = {sid for g in self.kg.graphs() if (sid := id_of_graph(g, s))}
            for sid in sorted(accepted - in_store):
                self.kg.replace_graphs(parse_file(files.trig_path(s, sid), s), [graph_prefix(s) + sid])
                done.loaded.append(sid)
            for sid in sorted(in_store - accepted):
                self.kg.replace_graphs([], [graph_prefix(s) + sid])
                done.dropped.append(sid)
        return done
