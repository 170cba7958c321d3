"""docs/reasoning.md keeps up with the rules, the frameworks' sources, the routes and the CLI."""

from __future__ import annotations

from reasoning_helpers import REPO

from llmkg import cli
from llmkg.http.models import router
from llmkg.reasoning.fetch import rows
from llmkg.reasoning.frameworks import MOF, OSAI, OSAID

DOC = (REPO / "docs" / "reasoning.md").read_text(encoding="utf-8")


def test_every_rule_is_said_to_live_somewhere():
    for rule in sorted((REPO / "queries" / "rules").glob("*.rq")):
        assert f"queries/rules/{rule.name}" in DOC, rule.name


def test_the_frameworks_cite_what_they_are_taken_from(real_kg):
    for scheme in (MOF, OSAI, OSAID):
        found = {r["s"] for r in rows(real_kg, f"SELECT ?s WHERE {{ <{scheme}> rdfs:seeAlso ?s }}")}
        assert any(url in DOC for url in found), (scheme, found)


def test_the_routes_and_named_queries_are_documented():
    for route in router.routes:
        assert route.path.replace("{model_id:path}", "{id}") in DOC
    for name in ("commercially-usable-inherited", "restrictions-from-proprietary-data", "open-weights-failing-osi"):
        assert f"queries/{name}.rq" in DOC


def test_the_example_is_what_llmkg_explain_alpaca_prints(capsys, built_store):
    assert cli.main(["explain", "alpaca", "--store", str(built_store.store)]) == 0
    printed = capsys.readouterr().out.splitlines()
    example = DOC[DOC.index("## Example: `llmkg explain alpaca`"):].split("```")[1].strip("\n").splitlines()
    # the head and the verdicts, which change only when the facts about Alpaca do
    assert example[:3] == printed[:3]
    assert [line for line in example if ": BELOW" in line or ": NOT MET" in line or "OPEN" in line] == [
        line for line in printed if ": BELOW" in line or ": NOT MET" in line or "OPEN" in line]
