"""Closed-world judgements on a model's effective terms: commercial use, conflicts, license flags.

Each is data (dataclasses) naming the terms that decide it, so the explanation can show the
route and the source of every one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .terms import EffectiveTerm, Terms


@dataclass
class CommercialUse:
    verdict: str  # prohibited | permitted with conditions | permitted | unknown
    reason: str
    deciding: list[EffectiveTerm] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return self.verdict in ("permitted", "permitted with conditions")


@dataclass
class Conflict:
    """A permission and an unconditional prohibition of the same action, both binding the model."""

    action: str
    permission: EffectiveTerm
    prohibition: EffectiveTerm
    resolution: str = "the prohibition prevails: a licensee must comply with every license that binds the model"


@dataclass
class Flag:
    kind: str  # more-permissive-declared-license | no-declared-license | called-open-source
    message: str
    terms: list[EffectiveTerm] = field(default_factory=list)
    graphs: list[str] = field(default_factory=list)


def commercial_use(t: Terms) -> CommercialUse:
    """Prohibited if any binding term forbids commercial use without a limiting constraint."""
    banned = [e for e in t.terms if e.prohibits_commercial_use]
    hard = [e for e in banned if e.unconstrained]
    if hard:
        return CommercialUse("prohibited", "a binding term prohibits commercial use", hard)
    granted = [e for e in t.terms if e.permits_commercial_use]
    if granted and banned:
        return CommercialUse("permitted with conditions", "commercial use is permitted within the limits of "
                             "constrained terms", granted + banned)
    if granted:
        others = [e for e in t.restrictions if e.unconstrained]
        reason = "a binding license permits commercial use and no binding term prohibits it"
        if others:
            reason += "; other restrictions still apply"
        return CommercialUse("permitted", reason, granted)
    if not t.terms:
        return CommercialUse("unknown", "no source states a license, with terms, for the model or its lineage")
    return CommercialUse("unknown", "no binding license is known to permit commercial use")


def conflicts(t: Terms) -> list[Conflict]:
    out = []
    for p in (e for e in t.terms if "permission" in e.term.rules):
        for q in (e for e in t.restrictions if e.unconstrained):
            for action in sorted(p.term.actions & q.term.actions):
                out.append(Conflict(action, p, q))
    return out


def license_flags(t: Terms) -> list[Flag]:
    """No declared license though terms bind the model; a declared license more permissive than
    what the model inherits: a more restrictive license category, or commercial use the declared
    license permits and an inherited term prohibits."""
    flags = []
    if not t.declared_licenses and t.terms:
        flags.append(Flag("no-declared-license", f"no source states a license for {t.label(t.model)}, yet "
                          f"{len(t.terms)} term(s) bind it through its lineage", t.restrictions))
    own = [t.licenses[lic].rank for lic in t.declared_licenses if t.licenses[lic].rank is not None]
    own_commercial = any(e.declared and e.permits_commercial_use for e in t.terms)
    worse = [e for e in t.inherited_restrictions
             if (own and (_rank(t, e) or -1) > max(own))
             or (own_commercial and e.prohibits_commercial_use and e.unconstrained)]
    if worse:
        names = sorted({t.route_end(r) for e in worse for r in e.routes if not r.declared})
        declared = sorted(t.licenses[lic].label for lic in t.declared_licenses)
        flags.append(Flag("more-permissive-declared-license",
                          f"declared license ({', '.join(declared)}) is more permissive than terms it inherits "
                          f"({'; '.join(names)})", worse))
    return flags


def _rank(t: Terms, e: EffectiveTerm) -> int | None:
    ranks = [t.licenses[lic].rank for lic in e.licenses if t.licenses[lic].rank is not None]
    return max(ranks) if ranks else None
