"""Reasoning over lineage and licenses (issue 5); docs/reasoning.md says which rule lives where.

lineage (the steps upstream of a model) → licenses (what each license's ODRL policy holds) and
stated (limits a source states for a model's data) → terms (every term that binds a model, with
its routes and sources) → judgements (commercial use, conflicts, flags) and evidence/frameworks
(openness under MOF, the EU Open Source AI Index and the OSI definition) → explain (all of it as
data) → text (for a terminal). inference and owl materialise the inferred classes at build time.
"""
