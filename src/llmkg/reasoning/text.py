"""The explanation as text for a terminal: restrictions with the routes and sources that
produce them, then the frameworks' verdicts side by side, then the flags."""

from __future__ import annotations

import textwrap
from typing import Any

from .explain import Explanation
from .fetch import VOC
from .frameworks import STATED_AS
from .lineage import Step
from .terms import EffectiveTerm, Route, Terms

WIDTH = 100
FRAMEWORKS = ("MOF", "OSAI", "OSAID")
COMPONENT_NAMES = {
    VOC + "component-weights": "weights", VOC + "component-pretraining-data": "pre-training data",
    VOC + "component-finetuning-data": "fine-tuning data", VOC + "code-data-processing": "data-processing code",
    VOC + "code-training": "training code",
}


def render(e: Explanation) -> str:
    t, cite = e.terms, e.source_numbers()
    out = [f"{e.label}  <{e.model}>"]
    declared = ", ".join(_license(t, lic) for lic in sorted(t.declared_licenses)) or "none stated by any source"
    out.append(f"Declared license: {declared}")
    out.append(f"Commercial use (including inherited terms): {e.commercial.verdict.upper()} — {e.commercial.reason}")
    if e.inferred:
        out += _wrap("Inferred classes: " + ", ".join(label for _, label in e.inferred), "", "  ")
    groups = [("Restrictions", [x for x in t.terms if x.restriction]),
              ("Obligations", [x for x in t.terms if "obligation" in x.term.rules and not x.restriction]),
              ("Permissions", [x for x in t.terms if x.term.rules == {"permission"}])]
    for title, terms in groups:
        if terms:
            out += ["", f"{title} ({len(terms)})"]
            for i, x in enumerate(terms, 1):
                out += _term(t, x, i, cite, full=title != "Permissions")
    if e.conflicts:
        out += ["", "Conflicting terms"]
        out += [f"  - {t.label(c.action)}: “{c.permission.term.label}” ({_lics(t, c.permission)}) vs "
                f"“{c.prohibition.term.label}” ({_lics(t, c.prohibition)}); {c.resolution}" for c in e.conflicts]
    if t.gaps:
        out += ["", "Terms unknown (facts missing)"]
        out += [f"  - {g.message}" + (f"  [{_path(t, g.route, cite)}]" if g.route else "") for g in t.gaps]
    out += ["", *_openness(e, cite)]
    if e.flags:
        out += ["", "Flags"]
        for f in e.flags:
            refs = "".join(f" [{cite[g]}]" for g in f.graphs if g in cite)
            out += _wrap(f"! {f.message}{refs}", "  ", "    ")
    out += ["", "Sources"]
    out += [f"  [{n}] {t.sources[g].title}" + ("" if t.sources[g].document else "  (curators' general knowledge, "
                                                "not a source document)") for g, n in cite.items()]
    return "\n".join(out)


def _term(t: Terms, x: EffectiveTerm, i: int, cite: dict[str, int], full: bool) -> list[str]:
    kinds = ", ".join(sorted(t.label(k) for k in x.term.kinds))
    head = f"{i:>2}. [{kinds}] {x.term.label}" if kinds else f"{i:>2}. {x.term.label}"
    lines = _wrap(head, "  ", "      ")
    extra = [c.text() for c in x.term.constraints] + [f"clause {c}" for c in sorted(x.term.clauses)]
    stated = _refs(x.term.graphs, cite)
    if full and (extra or stated):
        lines += _wrap("; ".join(extra + ([f"term stated by{stated}"] if stated else [])), "      ", "      ")
    routes = x.routes if full else x.routes[:1]
    for r in routes[:4]:
        lines += _wrap(("own license: " if r.declared else "inherited: ") + _route(t, r, cite), "      ", "        ")
    if len(routes) > 4:
        lines.append(f"      … and {len(routes) - 4} more route(s)")
    return lines


def _route(t: Terms, r: Route, cite: dict[str, int]) -> str:
    lic_refs = _refs(r.license_graphs, cite)
    path = _path(t, r.steps, cite)
    start = path if path else t.label(r.holder)
    arrow = "—license→" if r.via == "license" else "—stated limit→"
    return f"{start} {arrow} {t.route_end(r)}{lic_refs}"


def _path(t: Terms, steps: tuple[Step, ...], cite: dict[str, int]) -> str:
    if not steps:
        return ""
    parts = [t.label(steps[0].subject)]
    for s in steps:
        parts.append(f"—{s.label}→ {t.label(s.object)}{_refs(s.graphs, cite)}")
    return " ".join(parts)


def _refs(graphs: tuple[str, ...] | set[str] | list[str], cite: dict[str, int]) -> str:
    nums = sorted({cite[g] for g in graphs if g in cite})
    return f" [{','.join(map(str, nums))}]" if nums else ""


def _license(t: Terms, iri: str) -> str:
    lic = t.licenses[iri]
    cats = ", ".join(sorted(c.rsplit("license-", 1)[-1] for c in lic.categories))
    return f"{lic.label} ({cats})" if cats else lic.label


def _lics(t: Terms, x: EffectiveTerm) -> str:
    return ", ".join(sorted({t.route_end(r) for r in x.routes}))


def _openness(e: Explanation, cite: dict[str, int]) -> list[str]:
    o = e.openness
    out = ["Openness under each framework (computed from the facts; document 002's scores as stated)"]
    header = f"  {'component':<22}{'002 (stated)':<44}{'MOF':<10}{'EU index':<10}{'OSI OSAID':<10}"
    out += [header, "  " + "-" * (len(header) - 2)]
    for row in side_by_side(e):
        cell = " | ".join(f"{score} {level}{_refs([g], cite)}" for score, level, g in row["stated"]) or "-"
        cell = cell if len(cell) <= 43 else cell[:42] + "…"
        verdicts = "".join(f"{row[k]:<10}" for k in FRAMEWORKS)
        out.append(f"  {row['name']:<22}{cell:<44}{verdicts}")
    for name in FRAMEWORKS:
        v = o.verdicts[name]
        out += [""] + _wrap(f"{v.label}: {v.verdict.upper()}", "  ", "    ")
        for level, st in v.levels.items():
            out.append(f"    {level}: {st}")
        for r in v.components:
            if r.status not in ("unknown", "n/a"):
                why = "; ".join(dict.fromkeys(r.evidence.reasons)) or r.status
                out += _wrap(f"{r.label}: {r.status} — {why}", "    - ", "      ")
        if v.missing:
            out += _wrap("facts missing for this model: " + "; ".join(v.missing), "    ", "      ")
        if v.unrecorded:
            out += _wrap("components llmkg records no facts on yet: " + ", ".join(v.unrecorded), "    ", "      ")
    if o.disagreements:
        out += ["", "  Where the frameworks disagree"]
        out += [f"    - {COMPONENT_NAMES.get(comp, comp)}: open under {', '.join(yes)}; "
                f"not open under {', '.join(no)}" for comp, yes, no in o.disagreements]
    return out


def side_by_side(e: Explanation) -> list[dict[str, Any]]:
    """One row per component: document 002's cells as stated, (score, level text, graph), and
    each framework's "open", "not open", "mixed" or "unknown" ("-" where it has no such component)."""
    stated: dict[str, list[dict[str, str]]] = {}
    for comp, cells in e.openness.stated.items():
        stated.setdefault(STATED_AS.get(comp, comp), []).extend(cells)
    rows = []
    for comp, name in COMPONENT_NAMES.items():
        cells = list(dict.fromkeys((c.get("score", "n/a"), c["level"], c["g"]) for c in stated.get(comp, [])))
        verdicts = {k: e.openness.comparison.get(comp, {}).get(k, "-") for k in FRAMEWORKS}
        rows.append({"component": comp, "name": name, "stated": cells, **verdicts})
    return rows


def _wrap(text: str, first: str, rest: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False) or [first]
