"""A synthetic llmkg graph shaped like the Hugging Face Hub's model tree, streamed to N-Quads.

This module is longer than most (~400 lines) because the shape of the data is the point: it
holds every distribution of the generator in one place, so a reader can judge its realism.

Shape (all terms from ontology/llmkg.ttl, ontology/vocab.ttl, dct:, odrl:, foaf:, rdfs:):

- ~2% foundation models (`llmkg:FoundationModel`); the rest derived: 62% `llmkg:fineTunedFrom`,
  18% `llmkg:quantizedFrom`, 12% `llmkg:adapterOf`, 8% `llmkg:mergedFrom` (two parents).
- Heavy-tailed fan-out: a derived model picks its parent by preferential attachment, either
  among foundation models weighted by their tree's size (40%), among all models weighted by
  their number of children (45%), or among the 50 most recent models (15%, which makes chains).
  Derivation depth is capped at 10. A quarter of the initial foundations are seeded up front,
  so no single first-mover owns the hub.
- 13 licenses with ODRL policies (SPDX permissive, open data, copyleft, non-commercial, a
  community license with a 700M monthly-active-users threshold, two RAIL licenses, a
  research-only license, proprietary terms of use); derived models mostly keep their parent's.
- Datasets (one per 20 models): pre-training corpora for foundations (`llmkg:pretrainedOn`),
  fine-tuning sets (`llmkg:fineTunedOn`), a fifth of them `llmkg:generatedBy` a proprietary model.
- Organizations (one per 100 models), with Zipf-distributed activity.
- Openness assessments: five components for every foundation model and ~10% of derived ones,
  `llmkg:score` 0–4 or `llmkg:notApplicable true`, all in one source's graph.
- Named graphs: one per organization (`graph/synth-hub-<org>`, the import of that org's
  namespace on the Hub: its models, datasets and the org itself: N/100 graphs, 10 000 at 1M
  models), one for the openness index, one reference graph (licenses, proprietary models) and
  the two ontology graphs, as `llmkg build` names them.

Deterministic for a given (models, seed). Only small per-model arrays are kept in memory; the
quads are written as they are made. About 25 quads per model.

    >>> import io
    >>> meta = generate(200, io.StringIO())
    >>> meta["models"], meta["foundation_models"] > 0
    (200, True)
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import random
import sys
import time
from array import array
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox

VERSION = 2  # bump when the output changes, so cached files are regenerated
ROOT = Path(__file__).resolve().parents[1]

B = "https://w3id.org/llmkg/"
ONT = "https://w3id.org/llmkg/ontology#"
V = "https://w3id.org/llmkg/vocab/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
ODRL = "http://www.w3.org/ns/odrl/2/"
FOAF = "http://xmlns.com/foaf/0.1/"
SPDX = "http://spdx.org/licenses/"


def o(local: str) -> str:
    return f"<{ONT}{local}>"


def v(local: str) -> str:
    return f"<{V}{local}>"


def e(path: str) -> str:
    return f"<{B}{path}>"


def lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def typed(value: object, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


INT, DATE, BOOL, DEC, LANG = "integer", "date", "boolean", "decimal", "language"
DCT_LICENSE, DCT_ID, DCT_ISSUED = f"<{DCT}license>", f"<{DCT}identifier>", f"<{DCT}issued>"
DCT_MODIFIED, DCT_DESC, DCT_LANG = f"<{DCT}modified>", f"<{DCT}description>", f"<{DCT}language>"
DCT_SOURCE, DCT_TITLE = f"<{DCT}source>", f"<{DCT}title>"
FOAF_NAME, KEYWORD = f"<{FOAF}name>", "<http://www.w3.org/ns/dcat#keyword>"
TAGS = ("text-generation", "conversational", "code", "multilingual", "reasoning", "summarization", "long-context")
DERIVE = {"finetune": o("fineTunedFrom"), "quantized": o("quantizedFrom"),
          "adapter": o("adapterOf"), "merge": o("mergedFrom")}
KINDS, KIND_CUM = ("finetune", "quantized", "adapter", "merge"), (0.62, 0.80, 0.92, 1.0)
COMPONENTS = ("weights", "pretraining-data", "finetuning-data", "reward-model", "data-processing-code")
LEVELS = ("No public information or access", "Published research only", "Research use only",
          "Open with limitations", "Access and reuse without restriction")
SIZES = ((125_000_000, "125M", 4), (1_300_000_000, "1.3B", 6), (2_700_000_000, "2.7B", 6),
         (7_000_000_000, "7B", 30), (8_000_000_000, "8B", 15), (13_000_000_000, "13B", 12),
         (34_000_000_000, "34B", 8), (70_000_000_000, "70B", 12), (180_000_000_000, "180B", 2),
         (405_000_000_000, "405B", 1))
SUFFIX = {"finetune": ("instruct", "chat", "sft", "dpo", "orpo", "code", "math", "roleplay", "de", "ja", "medical"),
          "quantized": ("GGUF", "AWQ", "GPTQ", "4bit", "8bit", "exl2"),
          "adapter": ("lora", "qlora", "peft"), "merge": ("merge", "slerp", "ties", "dare")}
SYL1 = ("Lla", "Fal", "Mis", "Ph", "Gem", "Qw", "Ol", "Sta", "Zep", "Orc", "Vic", "Wiz", "Bl", "Pyth", "Ce", "Ne")
SYL2 = ("ma", "con", "tral", "i", "mo", "en", "ra", "lm", "yr", "ora", "ix", "ion", "as", "ova")
ORG_WORDS = ("Nebula", "Vertex", "Quanta", "Lumen", "Cortex", "Atlas", "Helix", "Nova", "Orbit", "Prism", "Sigma",
             "Tensor", "Vector", "Zenith", "Arbor", "Cobalt", "Delta", "Ember", "Fjord", "Granite")
ORG_KINDS = (("Labs", "org-startup"), ("AI", "org-company"), ("Research", "org-research-institute"),
             ("University", "org-university"), ("Collective", "org-collaboration"), ("Foundation", "org-non-profit"))
COUNTRIES = ("US", "FR", "DE", "CN", "GB", "CA", "AE", "JP", "KR", "ES", "CH", "IN")

# License: (iri, label, id, category, foundation weight, derived-relabel weight, dataset weight, terms)
# term: (rule class, action, kind, label, constraint or None)
PERMISSIVE_TERMS = (
    ("Permission", f"<{ODRL}commercialize>", "term-commercial-use-permitted", "commercial use permitted", None),
    ("Permission", f"<{ODRL}modify>", "term-modification-permitted", "modification permitted", None),
    ("Permission", f"<{ODRL}distribute>", "term-distribution-permitted", "redistribution permitted", None),
    ("Duty", f"<{ODRL}attribute>", "term-attribution", "give attribution", None))
NC = ("Prohibition", f"<{ODRL}commercialize>", "term-commercial-use-prohibited", "commercial use prohibited", None)
SA = ("Duty", v("action-share-alike"), "term-share-alike", "share alike", None)
AUP = ("Prohibition", f"<{ODRL}use>", "term-acceptable-use-policy", "uses listed in the acceptable-use policy", None)
MAU = ("Prohibition", f"<{ODRL}use>", "term-user-threshold",
       "a separate license is needed above 700 million monthly active users", 700_000_000)
LICENSES = (
    (f"<{SPDX}Apache-2.0>", "Apache License 2.0", "Apache-2.0", "license-permissive", 30, 20, 10, PERMISSIVE_TERMS),
    (f"<{SPDX}MIT>", "MIT License", "MIT", "license-permissive", 8, 15, 10, PERMISSIVE_TERMS),
    (f"<{SPDX}BSD-3-Clause>", "BSD 3-Clause License", "BSD-3-Clause", "license-permissive", 3, 3, 2, PERMISSIVE_TERMS),
    (f"<{SPDX}CC-BY-4.0>", "Creative Commons Attribution 4.0", "CC-BY-4.0", "license-open-data", 3, 4, 25,
     PERMISSIVE_TERMS),
    (f"<{SPDX}ODC-By-1.0>", "Open Data Commons Attribution License v1.0", "ODC-By-1.0", "license-open-data", 0, 0, 10,
     PERMISSIVE_TERMS),
    (f"<{SPDX}CC-BY-SA-4.0>", "Creative Commons Attribution Share Alike 4.0", "CC-BY-SA-4.0", "license-copyleft",
     4, 3, 10, (*PERMISSIVE_TERMS, SA)),
    (f"<{SPDX}GPL-3.0-only>", "GNU General Public License v3.0 only", "GPL-3.0-only", "license-copyleft", 2, 2, 1,
     (*PERMISSIVE_TERMS, SA)),
    (f"<{SPDX}CC-BY-NC-4.0>", "Creative Commons Attribution Non Commercial 4.0", "CC-BY-NC-4.0",
     "license-non-commercial", 10, 8, 15, (*PERMISSIVE_TERMS[1:], NC)),
    (e("license/synth-community-license"), "Synthetic Community License", "synth-community-license",
     "license-community", 20, 4, 0, (PERMISSIVE_TERMS[0], PERMISSIVE_TERMS[2], MAU, AUP,
                ("Prohibition", v("action-improve-other-models"), "term-no-improving-other-models",
                 "no use of outputs to improve other models", None))),
    (e("license/synth-openrail-m"), "Synthetic OpenRAIL-M", "synth-openrail-m", "license-responsible-ai", 10, 4, 2,
     (*PERMISSIVE_TERMS[:3], AUP,
      ("Duty", f"<{ODRL}nextPolicy>", "term-obligation", "pass the use restrictions on to recipients", None))),
    (e("license/synth-bigscience-rail"), "Synthetic BigScience RAIL", "synth-bigscience-rail", "license-responsible-ai",
     3, 1, 0, (*PERMISSIVE_TERMS[:3], AUP)),
    (e("license/synth-research-only-license"), "Synthetic Research-Only License", "synth-research-only-license",
     "license-non-commercial", 7, 2, 5,
     (("Prohibition", f"<{ODRL}commercialize>", "term-research-only", "research use only", None),)),
    (e("license/synth-proprietary-terms"), "Synthetic Proprietary Terms of Use", "synth-proprietary-terms",
     "license-proprietary", 0, 0, 0,
     (("Prohibition", v("action-develop-competing-models"), "term-no-competing-models",
       "no use of outputs to develop competing models", None),)),
)
PROPRIETARY_LICENSE = len(LICENSES) - 1
N_PROPRIETARY = 8


def ontology_quads(name: str) -> list[ox.Quad]:
    """ontology/NAME.ttl in the graph `llmkg build` puts it in, blank nodes named in order."""
    g, blanks = ox.NamedNode(f"{B}graph/ontology/{name}"), {}

    def stable(t: object) -> object:  # the parser names blank nodes at random
        if isinstance(t, ox.BlankNode):
            if t.value not in blanks:
                blanks[t.value] = ox.BlankNode(f"{name}{len(blanks)}")
            return blanks[t.value]
        return t

    triples = ox.parse(path=str(ROOT / "ontology" / f"{name}.ttl"), format=ox.RdfFormat.TURTLE)
    return [ox.Quad(stable(t.subject), t.predicate, stable(t.object), g) for t in triples]


class Cumulative:
    """Draw an index with fixed weights, by bisection on the running sums."""

    def __init__(self, weights: list[float]) -> None:
        self.sums, total = [], 0.0
        for w in weights:
            total += w
            self.sums.append(total)

    def draw(self, r: random.Random) -> int:
        return bisect.bisect_right(self.sums, r.random() * self.sums[-1])


class Writer:
    """Buffers N-Quads lines and counts them."""

    def __init__(self, out: TextIO) -> None:
        self.out, self.buf, self.quads = out, [], 0

    def add(self, s: str, g: str, pairs: list[tuple[str, str]]) -> None:
        self.buf.append("".join(f"{s} {p} {ob} {g} .\n" for p, ob in pairs))
        self.quads += len(pairs)
        if len(self.buf) >= 2000:
            self.flush()

    def flush(self) -> None:
        self.out.write("".join(self.buf))
        self.buf.clear()


class Generator:
    def __init__(self, models: int, seed: int, out: TextIO, progress: bool) -> None:
        self.n, self.r, self.w, self.progress = models, random.Random(seed), Writer(out), progress
        self.n_orgs = max(20, models // 100)
        self.n_labs = max(5, self.n_orgs // 50)  # orgs that pre-train foundation models
        self.n_datasets = max(40, models // 20)
        self.org_pick = Cumulative([1 / (k + 1) ** 0.8 for k in range(self.n_orgs)])
        self.lab_pick = Cumulative([1 / (k + 1) for k in range(self.n_labs)])
        self.lic_found = Cumulative([lic[4] for lic in LICENSES])
        self.lic_relabel = Cumulative([lic[5] for lic in LICENSES])
        self.lic_data = Cumulative([lic[6] for lic in LICENSES])
        self.size_pick = Cumulative([s[2] for s in SIZES])
        self.n_pre = max(5, self.n_datasets // 10)  # the first datasets are pre-training corpora
        self.ft_data_pick = Cumulative([1 / (k + 1) ** 1.1 for k in range(self.n_datasets - self.n_pre)])
        # per model: depth, primary parent, second parent (merges), root, license, size, org
        self.depth, self.p1, self.p2 = array("b"), array("i"), array("i")
        self.root, self.lic, self.size = array("i"), array("b"), array("b")
        self.targets, self.root_targets, self.foundations = array("i"), array("i"), array("i")
        self.assessed = 0
        self.t0 = self.last = time.monotonic()

    # ---------------------------------------------------------------- fixed parts

    @staticmethod
    def org(k: int) -> str:
        return e(f"org/synth-org-{k:05d}")

    @staticmethod
    def graph(k: int) -> str:
        return e(f"graph/synth-hub-{k:05d}")

    @staticmethod
    def model(i: int) -> str:
        return e(f"model/synth-{i:07d}")

    def ontology(self) -> None:
        for name in ("llmkg", "vocab"):
            quads = ontology_quads(name)
            self.w.flush()
            self.w.out.write(ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode())
            self.w.quads += len(quads)

    def reference(self) -> None:
        g, src = e("graph/synth-reference"), e("source/synth-reference")
        self.w.add(g, g, [(RDF_TYPE, o("GraphRecord")),
                          (LABEL, lit("Synthetic benchmark reference: licenses and proprietary models")),
                          (DCT_DESC, lit("Generated by bench/generate.py; not facts about real models.")),
                          (o("recordsSource"), src)])
        self.w.add(src, g, [(RDF_TYPE, o("SourceDocument")), (DCT_TITLE, lit("Synthetic license reference"))])
        for li, (iri, label, ident, cat, *_w, terms) in enumerate(LICENSES):
            slug = ident.lower().removeprefix("synth-")
            policy = e(f"policy/synth-{slug}")
            self.w.add(iri, g, [(RDF_TYPE, o("License")), (LABEL, lit(label)), (DCT_ID, lit(ident)),
                                (o("licenseCategory"), v(cat)), (f"<{ODRL}hasPolicy>", policy)])
            pol = [(RDF_TYPE, f"<{ODRL}Set>"), (LABEL, lit(f"terms of {ident}"))]
            for ti, (cls, action, kind, tlabel, limit) in enumerate(terms):
                term = e(f"term/synth-{slug}-{ti}")
                rel = {"Permission": "permission", "Prohibition": "prohibition", "Duty": "obligation"}[cls]
                pol.append((f"<{ODRL}{rel}>", term))
                t = [(RDF_TYPE, o("Term")), (RDF_TYPE, f"<{ODRL}{cls}>"), (LABEL, lit(tlabel)),
                     (f"<{ODRL}action>", action), (o("termKind"), v(kind))]
                if limit:
                    c = f"_:c{li}x{ti}"
                    t.append((f"<{ODRL}constraint>", c))
                    self.w.add(c, g, [(RDF_TYPE, f"<{ODRL}Constraint>"),
                                      (f"<{ODRL}leftOperand>", v("monthly-active-users")),
                                      (f"<{ODRL}operator>", f"<{ODRL}gt>"),
                                      (f"<{ODRL}rightOperand>", typed(limit, INT))])
                self.w.add(term, g, t)
            self.w.add(policy, g, pol)
        for k in range(N_PROPRIETARY):
            m = e(f"model/synth-proprietary-{k}")
            self.w.add(m, g, [(RDF_TYPE, o("Model")), (RDF_TYPE, o("ProprietaryModel")),
                              (LABEL, lit(f"Synth-GPT-{k + 1}")), (o("developedBy"), self.org(k % self.n_labs)),
                              (DCT_LICENSE, LICENSES[PROPRIETARY_LICENSE][0])])
        oi, src = e("graph/synth-openness-index"), e("source/synth-openness-index")
        self.w.add(oi, oi, [(RDF_TYPE, o("GraphRecord")), (LABEL, lit("Facts stated by the synthetic openness index")),
                            (o("recordsSource"), src)])
        self.w.add(src, oi, [(RDF_TYPE, o("SourceDocument")), (DCT_TITLE, lit("Synthetic openness index"))])

    def orgs(self) -> None:
        r = self.r
        for k in range(self.n_orgs):
            g, src = self.graph(k), e(f"source/synth-hub-{k:05d}")
            word, (suffix, kind) = r.choice(ORG_WORDS) + r.choice(ORG_WORDS).lower(), r.choice(ORG_KINDS)
            name = f"{word} {suffix} {k}"
            self.w.add(g, g, [(RDF_TYPE, o("GraphRecord")), (LABEL, lit(f"Hub import of {name}")),
                              (o("recordsSource"), src)])
            self.w.add(src, g, [(RDF_TYPE, o("SourceDocument")), (DCT_TITLE, lit(f"Hub namespace of {name}"))])
            self.w.add(self.org(k), g, [(RDF_TYPE, o("Organization")), (FOAF_NAME, lit(name)), (LABEL, lit(name)),
                                        (o("organizationKind"), v(kind)), (o("country"), lit(r.choice(COUNTRIES)))])

    def dataset(self, d: int) -> str:
        return e(f"dataset/synth-data-{d:06d}")

    def datasets(self) -> None:
        r, n_pre = self.r, self.n_pre
        for d in range(self.n_datasets):
            k = self.org_pick.draw(r)
            pre = d < n_pre
            pairs = [(RDF_TYPE, o("PretrainingDataset" if pre else "FineTuningDataset")),
                     (LABEL, lit(f"{'corpus' if pre else 'instructions'}-{d}")),
                     (o("developedBy"), self.org(k)), (DCT_LICENSE, LICENSES[self.lic_data.draw(r)][0])]
            if pre:
                pairs.append((o("tokenCount"), typed(r.randrange(50, 15000) * 1_000_000_000, INT)))
            else:
                pairs.append((o("exampleCount"), typed(r.randrange(1_000, 2_000_000), INT)))
                if r.random() < 0.2:
                    pairs.append((o("generatedBy"), e(f"model/synth-proprietary-{r.randrange(N_PROPRIETARY)}")))
                if d > n_pre and r.random() < 0.1:
                    pairs.append((o("derivedFromDataset"), self.dataset(r.randrange(n_pre, d))))
            self.w.add(self.dataset(d), self.graph(k), pairs)

    # ---------------------------------------------------------------- the model tree

    def pick_parent(self, i: int) -> int:
        r, depth = self.r, self.depth
        for _ in range(20):
            x = r.random()
            if x < 0.15:
                p = i - 1 - r.randrange(min(i, 50))
            elif x < 0.55:
                f = self.foundations
                if r.random() < 0.15:  # recently released bases get attention
                    p = f[max(0, len(f) - 1 - int(r.expovariate(1 / max(1.0, len(f) * 0.1))))]
                else:
                    p = self.root_targets[r.randrange(len(self.root_targets))]
            else:
                p = self.targets[r.randrange(len(self.targets))]
            if depth[p] < 10:
                return p
        return self.root[p]

    def run(self) -> dict:
        self.ontology()
        self.reference()
        self.orgs()
        self.datasets()
        r, n = self.r, self.n
        n_init, day0, span = max(2, n // 400), dt.date(2019, 1, 1).toordinal(), 6 * 365
        for i in range(n):
            if i < n_init or r.random() < 0.02 - n_init / n:
                self.foundation(i, day0 + i * span // n)
            else:
                self.derived(i, day0 + i * span // n)
            if self.progress and i % 1000 == 0 and time.monotonic() - self.last > 3:
                self.last = time.monotonic()
                print(f"generate: {i:,}/{n:,} models, {self.w.quads:,} quads, {self.last - self.t0:.0f} s",
                      file=sys.stderr, flush=True)
        self.w.flush()
        return self.meta()

    def common(self, i: int, k: int, cls: str, label: str, li: int, si: int, day: int) -> list[tuple[str, str]]:
        r, issued = self.r, dt.date.fromordinal(day)
        name = label.lower()
        return [(RDF_TYPE, o(cls)), (LABEL, lit(label)), (DCT_ID, lit(f"synth-org-{k:05d}/{name}")),
                (o("developedBy"), self.org(k)), (DCT_LICENSE, LICENSES[li][0]),
                (o("parameterCount"), typed(SIZES[si][0], INT)), (DCT_ISSUED, typed(issued.isoformat(), DATE)),
                (DCT_MODIFIED, typed((issued + dt.timedelta(days=r.randrange(0, 90))).isoformat(), DATE)),
                (DCT_LANG, typed("en", LANG)), (o("contextLength"), typed(2 ** r.randrange(11, 18), INT)),
                (o("minimumVRAM"), typed(max(1, SIZES[si][0] * 2 // 1_000_000_000), DEC)),
                (o("hasWeights"), e(f"artifact/synth-{i:07d}-weights")),
                (DCT_DESC, lit(f"{label} is a {SIZES[si][1]} parameter language model published by "
                               f"synth-org-{k:05d}.")),
                (KEYWORD, lit(r.choice(TAGS)))]

    def weights(self, i: int, g: str, li: int, fmt: str) -> None:
        self.w.add(e(f"artifact/synth-{i:07d}-weights"), g,
                   [(RDF_TYPE, o("Weights")), (LABEL, lit(f"weights of synth-{i:07d}")), (o("weightsFormat"), v(fmt)),
                    (o("availability"), v("available-gated" if self.r.random() < 0.1 else "available-public")),
                    (DCT_LICENSE, LICENSES[li][0])])

    def foundation(self, i: int, day: int) -> None:
        r = self.r
        k, li, si = self.lab_pick.draw(r), self.lic_found.draw(r), self.size_pick.draw(r)
        stem = r.choice(SYL1) + r.choice(SYL2)
        label = f"{stem}-{SIZES[si][1]}-v{i}"
        pairs = self.common(i, k, "FoundationModel", label, li, si, day)
        pairs.append((o("trainingTokens"), typed(r.randrange(300, 15000) * 1_000_000_000, INT)))
        pairs.append((o("architecture"), lit(stem + " decoder")))
        pairs += [(o("pretrainedOn"), self.dataset(d)) for d in sorted({r.randrange(self.n_pre) for _ in range(3)})]
        self.emit(i, k, pairs, li, "format-safetensors")
        self._record(i, 0, -1, -1, i, li, si)
        self.foundations.append(i)
        self.root_targets.append(i)
        self.assess(i, True)

    def derived(self, i: int, day: int) -> None:
        r = self.r
        x = r.random()
        kind = next(kd for kd, c in zip(KINDS, KIND_CUM, strict=True) if x < c)
        p = self.pick_parent(i)
        p2 = -1
        if kind == "merge":
            p2 = self.pick_parent(i)
            if p2 == p:
                kind, p2 = "finetune", -1
        keep = 0.9 if kind in ("quantized", "adapter") else 0.7  # else the uploader relabels the license
        li = self.lic[p] if r.random() < keep else self.lic_relabel.draw(r)
        si, root = self.size[p], self.root[p]
        k = self.org_pick.draw(r)
        cls = "Model"
        if kind == "finetune":
            cls = ("FineTunedModel", "InstructModel", "ChatModel")[int(r.random() * 2.2) % 3]
        label = f"{r.choice(SYL1)}{r.choice(SYL2)}-{SIZES[si][1]}-{r.choice(SUFFIX[kind])}-{i}"
        pairs = self.common(i, k, cls, label, li, si, day)
        pairs.append((DERIVE[kind], self.model(p)))
        if p2 >= 0:
            pairs.append((DERIVE[kind], self.model(p2)))
        if kind == "finetune" and r.random() < 0.6:
            pairs += [(o("fineTunedOn"), self.dataset(self.n_pre + d))
                      for d in sorted({self.ft_data_pick.draw(r) for _ in range(r.randrange(1, 3))})]
            if cls != "FineTunedModel":
                method = r.choice(("method-instruction-tuning", "method-dpo", "method-rlhf"))
                pairs.append((o("alignmentMethod"), v(method)))
        self.emit(i, k, pairs, li, "format-gguf" if kind == "quantized" else "format-safetensors")
        depth = max(self.depth[p], self.depth[p2] if p2 >= 0 else 0) + 1
        self._record(i, depth, p, p2, root, li, si)
        self.targets.append(p)
        if p2 >= 0:
            self.targets.append(p2)
        self.root_targets.append(root)
        if r.random() < 0.1:
            self.assess(i, False)

    def emit(self, i: int, k: int, pairs: list[tuple[str, str]], li: int, fmt: str) -> None:
        g = self.graph(k)
        self.w.add(self.model(i), g, pairs)
        self.weights(i, g, li, fmt)

    def _record(self, i: int, depth: int, p: int, p2: int, root: int, li: int, si: int) -> None:
        self.depth.append(depth)
        self.p1.append(p)
        self.p2.append(p2)
        self.root.append(root)
        self.lic.append(li)
        self.size.append(si)
        self.targets.append(i)

    def assess(self, i: int, foundation: bool) -> None:
        r, g, src = self.r, e("graph/synth-openness-index"), e("source/synth-openness-index")
        self.assessed += 1
        for comp in COMPONENTS:
            pairs = [(RDF_TYPE, o("OpennessAssessment")), (o("assessedModel"), self.model(i)),
                     (o("component"), v(f"component-{comp}")), (o("framework"), v("GenAIOpennessScale")),
                     (DCT_SOURCE, src)]
            if foundation and comp in ("finetuning-data", "reward-model") and r.random() < 0.7:
                pairs += [(o("notApplicable"), typed("true", BOOL)), (o("levelText"), lit("Not applicable"))]
            else:
                score = min(4, int(r.triangular(0, 5, 3)))
                pairs += [(o("score"), typed(score, INT)), (o("levelText"), lit(LEVELS[score]))]
            self.w.add(e(f"assessment/synth-openness-index/{i:07d}/{comp}"), g, pairs)

    # ---------------------------------------------------------------- what the benchmark needs to know

    def closure(self, base: int) -> int:
        reach = bytearray(self.n)
        reach[base] = 1
        p1, p2 = self.p1, self.p2
        for i in range(base + 1, self.n):
            a, b = p1[i], p2[i]
            if (a >= 0 and reach[a]) or (b >= 0 and reach[b]):
                reach[i] = 1
        return sum(reach) - 1

    def ancestors(self, i: int) -> int:
        seen, todo = set(), [i]
        while todo:
            m = todo.pop()
            for p in (self.p1[m], self.p2[m]):
                if p >= 0 and p not in seen:
                    seen.add(p)
                    todo.append(p)
        return len(seen)

    def meta(self) -> dict:
        sizes: dict[int, int] = {}
        for rt in self.root:
            sizes[rt] = sizes.get(rt, 0) + 1
        top = sorted(sizes, key=lambda f: (-sizes[f], f))[:3]
        closures = sorted(((self.closure(f), f) for f in top), key=lambda c: (-c[0], c[1]))
        max_depth = max(self.depth)
        deep = max(i for i in range(self.n) if self.depth[i] == max_depth)
        hist = [0] * (max_depth + 1)
        for d in self.depth:
            hist[d] += 1
        return {
            "generator_version": VERSION, "models": self.n, "quads": self.w.quads,
            "foundation_models": len(self.foundations), "organizations": self.n_orgs, "datasets": self.n_datasets,
            "named_graphs": self.n_orgs + 4, "assessed_models": self.assessed, "depth_histogram": hist,
            "base_model": self.model(closures[0][1])[1:-1], "base_closure": closures[0][0],
            "top_closures": [{"model": self.model(f)[1:-1], "descendants": c} for c, f in closures],
            "deep_model": self.model(deep)[1:-1], "deep_model_depth": max_depth,
            "deep_model_ancestors": self.ancestors(deep),
        }


def generate(models: int, out: TextIO, seed: int = 42, progress: bool = False) -> dict:
    """Write the synthetic graph as N-Quads to `out`; return its summary (sizes, chosen models)."""
    return Generator(models, seed, out, progress).run()


def data_file(models: int, seed: int, folder: Path) -> Path:
    return folder / f"synth-{models}-s{seed}-v{VERSION}.nq"


def ensure(models: int, seed: int, folder: Path) -> tuple[Path, dict]:
    """The cached N-Quads file for (models, seed) and its summary, generated if missing."""
    path = data_file(models, seed, folder)
    meta_path = path.with_suffix(".json")
    if path.exists() and meta_path.exists():
        return path, json.loads(meta_path.read_text())
    folder.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".nq.tmp")
    t0 = time.monotonic()
    with open(tmp, "w", encoding="utf-8", buffering=1 << 20) as fh:
        meta = generate(models, fh, seed, progress=True)
    meta["generate_seconds"] = round(time.monotonic() - t0, 1)
    tmp.replace(path)
    meta_path.write_text(json.dumps(meta, indent=2))
    return path, meta


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n")[0])
    p.add_argument("--models", type=int, default=10_000, help="number of models (default 10000)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--output", "-o", help="N-Quads file to write (default: cached in bench/data/)")
    args = p.parse_args(argv)
    if args.output:
        with open(args.output, "w", encoding="utf-8", buffering=1 << 20) as fh:
            meta = generate(args.models, fh, args.seed, progress=True)
    else:
        path, meta = ensure(args.models, args.seed, ROOT / "bench" / "data")
        print(path, file=sys.stderr)
    print(json.dumps(meta, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
