"""MLDCAT-AP Turtle (SEMICeu/MLDCAT-AP, `it6:MachineLearningModel`) -> llmkg.

Each it6:MachineLearningModel in the file is a record: a model (crosswalked by dct:identifier,
then by title), its license (an SPDX IRI when the license IRI is a known license URL; an unknown
license IRI is kept as given and reported), parameters, architecture, provider, the datasets it
was trained on, its weights files' formats and its papers. Every other property of the model is
reported per record. A relative IRI in the file (e.g. `<LicenseDocument>`) is reported, not
resolved against a guessed base. See docs/imports.md for the field table.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from ..licenses import normalise
from .record import Context, Graph, ImportResult, slugify
from .terms import DCAT, DCT, FOAF, LLMKG, RDF, RDFS, VOC, XSD

FORMAT = "mldcat-ap"
IT6 = "http://data.europa.eu/it6/"
DCTNS, DCATNS, FOAFNS = "http://purl.org/dc/terms/", "http://www.w3.org/ns/dcat#", "http://xmlns.com/foaf/0.1/"
RDFTYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RELATIVE = "relative-iri:/"  # stands for the file's (absent) base while parsing; reported, never kept
HF_DATASET = re.compile(r"^https?://huggingface\.co/datasets/([^/]+/[^/]+?)/?$")
FORMATS = {"safetensors": VOC["format-safetensors"], "pytorch": VOC["format-pytorch"], "gguf": VOC["format-gguf"],
           "ggml": VOC["format-ggml"], "jax": VOC["format-jax"]}
MAPPED = {RDFTYPE, DCTNS + "title", DCTNS + "identifier", DCTNS + "license", DCATNS + "version", DCTNS + "created",
          IT6 + "releaseDate", IT6 + "totalNumberOfParameters", IT6 + "modelArchitecture", IT6 + "hasProvider",
          IT6 + "trainedOn", IT6 + "hasFile", IT6 + "hasBibliographicReference", DCTNS + "description"}
DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(T.*)?$")
PREFIXED = re.compile(r"(?<![\w/<#:])([a-z][\w-]*:[A-Za-z_][\w-]*)")


class Turtle:
    """The file's triples, indexed by subject."""

    def __init__(self, triples: list[ox.Triple]) -> None:
        self.by_subject: dict[str, list[ox.Triple]] = {}
        for t in triples:
            self.by_subject.setdefault(str(t.subject), []).append(t)

    def values(self, s: ox.NamedNode | ox.BlankNode, p: str) -> list:
        return [t.object for t in self.by_subject.get(str(s), []) if t.predicate.value == p]

    def one(self, s: ox.NamedNode | ox.BlankNode, p: str) -> str:
        v = self.values(s, p)
        return v[0].value if v else ""


def import_mldcat_ap(data: bytes, name: str, ctx: Context) -> ImportResult:
    g = Graph(FORMAT, name, data, ctx)
    try:
        triples = [q.triple for q in ox.parse(data, format=ox.RdfFormat.TURTLE, base_iri=RELATIVE)]
    except SyntaxError as e:
        g.error("", f"bad Turtle: {e.msg if getattr(e, 'msg', None) else e}", getattr(e, "lineno", None))
        return g.result()
    ttl = Turtle(triples)
    g.lines = _name_lines(data)
    models = [t.subject for t in triples
              if t.predicate.value == RDFTYPE and t.object.value == IT6 + "MachineLearningModel"]
    if not models:
        g.error("rdf:type", "no it6:MachineLearningModel in the file: nothing to import", line=1)
        return g.result()
    if len(models) == 1:  # one record: the graph and its file are named after it, as for the other formats
        ident = ttl.one(models[0], DCTNS + "identifier") or ttl.one(models[0], DCTNS + "title")
        if ident:
            g.rename(slugify(ident.rstrip("/").rsplit("/", 1)[-1]))
    g.describe_source(f"MLDCAT-AP description of {', '.join(ttl.one(m, DCTNS + 'title') or str(m) for m in models)}",
                      "MLDCAT-AP")
    for t in triples:
        for term in (t.subject, t.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(RELATIVE):
                rel = f"<{term.value[len(RELATIVE):]}>"
                g.problem(rel, f"relative IRI {rel} (the file has no base): statements using it not mapped",
                          line=_first_line(data, rel))
    for m in models:
        _model(g, ttl, m)
    return g.result()


def _name_lines(data: bytes) -> dict[str, int]:
    """The first line on which each prefixed name (`it6:hasFile`) is written: the line a problem
    with that field points to (Turtle has no field paths; the model's own statements come first
    in the peer files)."""
    lines: dict[str, int] = {}
    for i, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
        if not line.lstrip().startswith("@prefix"):
            for name in PREFIXED.findall(line):
                lines.setdefault(name, i)
    return lines


def _first_line(data: bytes, text: str) -> int | None:
    """The first line of the file that contains `text` (1-based), for problems with no record."""
    for i, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
        if text in line:
            return i
    return None


def _model(g: Graph, ttl: Turtle, m: ox.NamedNode) -> None:
    title = ttl.one(m, DCTNS + "title")
    ident = ttl.one(m, DCTNS + "identifier")
    g.record = ident or title or str(m)
    if not title and not ident:
        g.error("dct:title", f"{m}: an it6:MachineLearningModel needs a dct:title or a dct:identifier")
        return
    label = title or ident.rsplit("/", 1)[-1]
    res = g.resolve("model", label, [ident] if ident else [], f"model/{slugify(label)}", "dct:identifier")
    model = g.model(res, label)
    g.add(model, DCT.identifier, ident)
    if isinstance(m, ox.NamedNode) and not m.value.startswith(RELATIVE):
        g.add(model, DCAT.landingPage, m)
    g.add(model, DCAT.version, ttl.one(m, DCATNS + "version"))
    g.add(model, DCT.description, ttl.one(m, DCTNS + "description"))
    g.add(model, LLMKG.architecture, ttl.one(m, IT6 + "modelArchitecture"))
    _dates(g, ttl, m, model)
    _parameters(g, ttl.one(m, IT6 + "totalNumberOfParameters"), model)
    for lic in ttl.values(m, DCTNS + "license"):
        _license(g, ttl, model, lic)
    for p in ttl.values(m, IT6 + "hasProvider"):
        _provider(g, ttl, model, p)
    unmapped: dict[str, int] = {}
    for d in ttl.values(m, IT6 + "trainedOn"):
        for prop in _dataset(g, ttl, model, d):
            unmapped[prop] = unmapped.get(prop, 0) + 1
    for prop, n in unmapped.items():
        g.problem("it6:trainedOn", f"{prop} of {n} dataset(s) not mapped (no llmkg term for it)")
    _files(g, ttl, m, model, label)
    for ref in ttl.values(m, IT6 + "hasBibliographicReference"):
        _paper(g, ttl, model, ref)
    for t in ttl.by_subject.get(str(m), []):
        if t.predicate.value not in MAPPED:
            g.problem(_short(t.predicate.value), f"{_short(t.predicate.value)} not mapped (no llmkg term for it)")
    g.records.append(g.record)


def _short(iri: str) -> str:
    for prefix, ns in (("it6:", IT6), ("dct:", DCTNS), ("dcat:", DCATNS), ("odrl:", "http://www.w3.org/ns/odrl/2/")):
        if iri.startswith(ns):
            return prefix + iri[len(ns):]
    return f"<{iri}>"


def _dates(g: Graph, ttl: Turtle, m: ox.NamedNode, model: ox.NamedNode) -> None:
    for prop, target in ((IT6 + "releaseDate", DCT.issued), (DCTNS + "created", DCT.created)):
        value = ttl.one(m, prop)
        match = DATE.match(value)
        if match:
            g.add(model, target, ox.Literal(match.group(1), datatype=XSD.date))
            if match.group(2):
                g.problem(_short(prop), f"{value!r}: the time of day is not kept (llmkg records dates)")
        elif value:
            g.problem(_short(prop), f"{value!r} is not a date: not mapped")


def _parameters(g: Graph, value: str, model: ox.NamedNode) -> None:
    if value.isdigit() and int(value) > 0:
        g.add(model, LLMKG.parameterCount, ox.Literal(value, datatype=XSD.integer))
    elif value:
        g.problem("it6:totalNumberOfParameters", f"{value!r} is not a positive integer: not mapped")


def _license(g: Graph, ttl: Turtle, model: ox.NamedNode, lic: ox.NamedNode) -> None:
    if not isinstance(lic, ox.NamedNode):
        g.problem("dct:license", "a license that is not an IRI: not mapped")
        return
    if normalise(lic.value) is not None:
        g.license(model, lic.value, "dct:license")
        return
    g.problem("dct:license", f"license <{lic.value}> is not a license URL llmkg knows: kept as given, "
              "not normalised to an SPDX id")
    g.add(model, DCT.license, lic)
    g.add(lic, RDF.type, LLMKG.License)
    g.add(lic, RDFS.label, ttl.one(lic, DCTNS + "title") or lic.value)


def _provider(g: Graph, ttl: Turtle, model: ox.NamedNode, p: ox.NamedNode) -> None:
    name = ttl.one(p, FOAFNS + "name") or p.value
    res = g.resolve("organization", name, [], f"org/{slugify(name)}", "it6:hasProvider")
    org = ox.NamedNode(res.iri)
    g.add(org, RDF.type, LLMKG.Organization)
    g.add(org, RDFS.label, name)
    if isinstance(p, ox.NamedNode) and p.value.startswith(("http://", "https://")):
        g.add(org, FOAF.homepage, p)
    g.add(model, LLMKG.developedBy, org)


def _dataset(g: Graph, ttl: Turtle, model: ox.NamedNode, d: ox.NamedNode) -> list[str]:
    """Map one dataset; answer the properties of it that are not mapped."""
    title = ttl.one(d, DCTNS + "title") or d.value.rstrip("/").rsplit("/", 1)[-1]
    match = HF_DATASET.match(d.value) if isinstance(d, ox.NamedNode) else None
    ids = [match.group(1)] if match else []
    res = g.resolve("dataset", title, ids, f"dataset/{slugify(title)}", "it6:trainedOn")
    node = ox.NamedNode(res.iri)
    g.add(node, RDF.type, LLMKG.Dataset)
    g.add(node, RDFS.label, title)
    for i in ids:
        g.add(node, DCT.identifier, i)
    if isinstance(d, ox.NamedNode):
        g.add(node, DCAT.landingPage, d)
    g.add(node, DCT.description, ttl.one(d, DCTNS + "description"))
    g.add(node, DCAT.version, ttl.one(d, DCATNS + "version"))
    g.add(model, LLMKG.trainedOn, node)
    return sorted({_short(t.predicate.value) for t in ttl.by_subject.get(str(d), [])
                   if t.predicate.value not in (RDFTYPE, DCTNS + "title", DCTNS + "description", DCATNS + "version")})


def _files(g: Graph, ttl: Turtle, m: ox.NamedNode, model: ox.NamedNode, label: str) -> None:
    files = ttl.values(m, IT6 + "hasFile")
    if not files:
        return
    weights = g.entity(f"artifact/{model.value.rsplit('/', 1)[-1]}-weights")
    g.add(weights, RDF.type, LLMKG.Weights)
    g.add(weights, RDFS.label, f"{label} weights")
    g.add(model, LLMKG.hasWeights, weights)
    for f in files:
        fmt = ttl.one(f, DCTNS + "format")
        concept = FORMATS.get(fmt.rstrip("/").rsplit("/", 1)[-1].lower())
        if concept is not None:
            g.add(weights, LLMKG.weightsFormat, concept)
        else:
            g.problem("it6:hasFile", f"file format {fmt!r} of {f.value} not known: not mapped")
    g.problem("it6:hasFile", f"{len(files)} file(s): only their formats are kept (checksums, URLs not mapped)")


def _paper(g: Graph, ttl: Turtle, model: ox.NamedNode, ref: ox.NamedNode) -> None:
    for paper in ttl.values(ref, DCTNS + "references"):
        title = ttl.one(paper, DCTNS + "title")
        if not title:
            g.problem("it6:hasBibliographicReference", f"the referenced paper {paper.value} has no title: not mapped")
            continue
        node = g.entity(f"artifact/{slugify(title)[:80]}")
        g.add(node, RDF.type, LLMKG.Paper)
        g.add(node, RDFS.label, title)
        if isinstance(paper, ox.NamedNode):
            g.add(node, DCAT.landingPage, paper)
        match = DATE.match(ttl.one(paper, DCTNS + "date"))
        if match:
            g.add(node, DCT.issued, ox.Literal(match.group(1), datatype=XSD.date))
        g.add(model, LLMKG.hasPaper, node)
    if ttl.one(ref, DCTNS + "bibliographicCitation"):
        g.problem("it6:hasBibliographicReference", "the BibTeX citation is not kept (only the paper's title, "
                  "page and date)")
