"""Use limits a source states for a model's training data, through its openness assessment.

Document 002 scores each component of a model on its 0-4 scale, whose level 2 is "Research use
only". When a source scores a model's pre-training or fine-tuning data at such a level, the
data may be used for research only, and so may the model trained on it: the limit binds the
model like a license term, with the assessment (and the source that prints it) in place of a
license. AmberChat is the case in point: its fine-tuning data, "based on WizardLM evol instruct
V2 and share gpt 90k both based in ShareGPT", is scored 2 "Research use only", while its own
license is Apache 2.0. The limit travels like a license term along weight derivations and
family membership. queries/rules/non-commercial-model.rq and inherited-restrictions.rq apply the
same rule in SPARQL.

    >>> [(s.score, s.level) for s in stated_limits(kg, [AMBERCHAT])]   # doctest: +SKIP
    [(2, 'Research use only')]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .fetch import LLMKG, VOC, labels, rows, values

# score on document 002's scale -> the kind of term a component scored so implies
LIMITING_SCORES = {2: VOC + "term-research-only"}
# the data components, and the lineage properties that name the data of each
DATA_COMPONENTS = {
    VOC + "component-pretraining-data": (LLMKG + "pretrainedOn", LLMKG + "trainedOn"),
    VOC + "component-finetuning-data": (LLMKG + "fineTunedOn",),
}


@dataclass(frozen=True)
class StatedLimit:
    """A source's score of a model's data that limits how the data (and so the model) may be used."""

    iri: str  # the first of the assessments that state it (one per table that prints it)
    model: str
    component: str
    component_label: str
    score: int
    level: str
    rationale: str
    kind: str
    graphs: tuple[str, ...]

    @property
    def label(self) -> str:
        text = f"{self.component_label.lower()} stated to be “{self.level}” (score {self.score} of 4)"
        return f"{text}: {self.rationale}" if self.rationale else text

    @property
    def short_label(self) -> str:
        return f"{self.component_label.lower()} “{self.level}” (score {self.score})"


def stated_limits(kg: object, models: Iterable[str]) -> list[StatedLimit]:
    """The limits stated for the data of these models, one per (model, component, score)."""
    models = set(models)
    if not models:
        return []
    q = f"""SELECT ?a ?m ?comp ?score ?level ?rationale ?g WHERE {{ {values('m', models)}
      {values('comp', DATA_COMPONENTS)}
      GRAPH ?g {{ ?a a llmkg:OpennessAssessment ; llmkg:assessedModel ?m ; llmkg:component ?comp ;
                  llmkg:score ?score .
        OPTIONAL {{ ?a llmkg:levelText ?level }} OPTIONAL {{ ?a llmkg:rationale ?rationale }} }} }}"""
    grouped: dict[tuple[str, str, int], list[dict[str, str]]] = {}
    for r in rows(kg, q):
        score = int(r["score"])
        if score in LIMITING_SCORES:
            grouped.setdefault((r["m"], r["comp"], score), []).append(r)
    names = labels(kg, {comp for _m, comp, _s in grouped})
    out = []
    for (model, comp, score), found in sorted(grouped.items()):
        found.sort(key=lambda r: r["a"])
        out.append(StatedLimit(
            iri=found[0]["a"], model=model, component=comp, component_label=names[comp], score=score,
            level=next((r["level"] for r in found if "level" in r), str(score)),
            rationale=max((r.get("rationale", "") for r in found), key=len),
            kind=LIMITING_SCORES[score], graphs=tuple(sorted({r["g"] for r in found}))))
    return out
