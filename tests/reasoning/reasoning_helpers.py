"""Small readers of explanations for the reasoning tests: routes as one line each, terms by IRI."""

from __future__ import annotations

from pathlib import Path

from llmkg.reasoning.explain import Explanation
from llmkg.reasoning.fetch import short
from llmkg.reasoning.terms import EffectiveTerm, Route

BASE = "https://w3id.org/llmkg/"
REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
LLAMA_DOC = BASE + "graph/how-open-is-generative-ai-part-2"  # document 002
STATE_DOC = BASE + "graph/state-of-open-source-ai-models"  # document 003
LLAMA2_DOC = BASE + "graph/llama-2-license-not-open-source"  # document 004


def iri(path: str) -> str:
    return BASE + path


def chain(r: Route) -> str:
    """`model/alpaca —fine-tuned from→ model/llama —license→ license/llama-license`."""
    parts = [short(r.steps[0].subject) if r.steps else short(r.holder)]
    parts += [f"—{s.label}→ {short(s.object)}" for s in r.steps]
    parts.append(("—license→ " if r.via == "license" else "—stated limit→ ") + short(r.license))
    return " ".join(parts)


def term(e: Explanation, path: str) -> EffectiveTerm:
    """The effective term whose IRI is BASE + path (assessment/… for a stated limit)."""
    found = [x for x in e.terms.terms if x.term.iri == BASE + path]
    assert found, f"{path} does not bind {short(e.model)}; it is bound by {[short(x.term.iri) for x in e.terms.terms]}"
    return found[0]


def chains(e: Explanation, path: str) -> list[str]:
    return [chain(r) for r in term(e, path).routes]


def restriction_iris(e: Explanation) -> set[str]:
    return {short(x.term.iri) for x in e.terms.restrictions}
