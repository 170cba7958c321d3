"""Each step of a commit and of a withdrawal can be the last one a process makes: a child process
runs the real code and dies (os._exit, as under SIGKILL: no cleanup runs) at that step; the
reconciliation the server runs at start-up then leaves the submission whole or absent, and files
and store in agreement."""

from __future__ import annotations

import multiprocessing
import os

import pyoxigraph as ox
import pytest
from subcheck import BASE, FIXTURES

from llmkg.config import Settings
from llmkg.parse import parse_file
from llmkg.store import EmbeddedStore
from llmkg.submissions import commit, files
from llmkg.submissions.records import Record, new_id, now_iso

QUADS_IN_FIXTURE = 6


def record() -> Record:
    return Record(new_id(), "alice", now_iso(), "0" * 64, "text/turtle", QUADS_IN_FIXTURE)


def _die_at(step: str, calls: int = 1):
    """A replacement for `step` that lets `calls - 1` calls through and exits the process on the next."""
    owner, name = step.rsplit(".", 1)
    target = {"files": files, "Ledger": commit.Ledger, "EmbeddedStore": EmbeddedStore}[owner]
    original = getattr(target, name)
    seen = []

    def dying(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        seen.append(1)
        if len(seen) >= calls:
            os._exit(9)
        return original(*args, **kwargs)

    setattr(target, name, dying)


def _child(settings: Settings, action: str, rec: Record, step: str, calls: int) -> None:
    kg = EmbeddedStore.open(settings)
    ledger = commit.Ledger(kg, settings)
    if action == "withdraw":
        _die_at(step, calls)
        ledger.withdraw(rec, "alice")
    else:
        _die_at(step, calls)
        ledger.accept(rec, parse_file(FIXTURES / "fine-tune.ttl", settings))
    os._exit(0)  # got through: the test expected a death


def run_until_death(settings: Settings, action: str, rec: Record, step: str, calls: int = 1) -> None:
    p = multiprocessing.get_context("fork").Process(target=_child, args=(settings, action, rec, step, calls))
    p.start()
    p.join(120)
    assert p.exitcode == 9, f"the child did not die at {step}"


def accepted(settings: Settings) -> Record:
    rec = record()
    kg = EmbeddedStore.open(settings)
    commit.Ledger(kg, settings).accept(rec, parse_file(FIXTURES / "fine-tune.ttl", settings))
    kg.close()
    return rec


def reconcile(settings: Settings) -> tuple[commit.Reconciled, int | None]:
    """Reconcile as the server's start-up does; the number of statements of the graph (None: absent)."""
    kg = EmbeddedStore.open(settings)
    try:
        done = commit.Ledger(kg, settings).reconcile()
        sizes = {g: sum(1 for _ in kg.quads(g)) for g in kg.graphs() if g.startswith(BASE + "graph/submission/")}
    finally:
        kg.close()
    assert set(files.accepted_ids(settings)) == {g.rsplit("/", 1)[-1] for g in sizes}
    assert set(files.recorded_ids(settings)) == set(files.accepted_ids(settings))
    return done, next(iter(sizes.values()), None)


WHOLE = QUADS_IN_FIXTURE + 12  # the statements and the provenance


@pytest.mark.parametrize("step,calls,visible", [
    ("files.write_once", 1, False),  # before the record is written
    ("files.write_once", 2, False),  # after the record, before the TriG file: not committed
    ("EmbeddedStore.replace_graphs", 1, True),  # after the TriG file (the commit point), before the store
])
def test_a_commit_killed_at_any_step_is_whole_or_absent_after_reconciliation(sub_settings, step, calls, visible):
    rec = record()
    run_until_death(sub_settings, "accept", rec, step, calls)
    done, size = reconcile(sub_settings)
    assert size == (WHOLE if visible else None)
    if visible:
        assert done.loaded == [rec.id]


@pytest.mark.parametrize("step,calls,withdrawn", [
    ("files.write_atomic", 1, False),  # before the withdrawal record
    ("files.remove", 1, False),  # withdrawal recorded, TriG file still there: not withdrawn
    ("files.remove", 2, True),  # TriG file removed (the commit point), record not yet
    ("EmbeddedStore.replace_graphs", 1, True),  # files done, graph still in the store
])
def test_a_withdrawal_killed_at_any_step_is_done_or_not_after_reconciliation(sub_settings, step, calls, withdrawn):
    rec = accepted(sub_settings)
    run_until_death(sub_settings, "withdraw", rec, step, calls)
    done, size = reconcile(sub_settings)
    assert size == (None if withdrawn else WHOLE)
    assert files.withdrawn_path(sub_settings, rec.id).exists() == withdrawn
    if step == "EmbeddedStore.replace_graphs":
        assert done.dropped == [rec.id]


def test_temporary_files_of_a_killed_write_are_removed(sub_settings):
    folder = files.folder(sub_settings)
    folder.mkdir(parents=True)
    (folder / ".20240101-000000-00000000.trig.123.tmp").write_bytes(b"<http://x/a> <http://x/b> ")
    done, size = reconcile(sub_settings)
    assert done.cleaned == [".20240101-000000-00000000.trig.123.tmp"] and size is None
    assert list(folder.iterdir()) == []


def test_reconciliation_of_agreeing_files_and_store_changes_nothing(sub_settings):
    rec = accepted(sub_settings)
    done, size = reconcile(sub_settings)
    assert not done and size == WHOLE
    kg = EmbeddedStore.open(sub_settings, read_only=True)
    assert any(q.object == ox.Literal("Acme Llama 2 13B Tune") for q in kg.quads(rec.graph(sub_settings)))
    kg.close()
