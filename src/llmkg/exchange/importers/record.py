"""What every importer returns, and the pieces they share: problems, one named graph, YAML with lines.

An importer is a pure function `(data: bytes, name: str, context: Context) -> ImportResult`: it
reads nothing but its arguments and writes nothing. Its quads are all in one named graph,
`{base}graph/import/{format}/{slug}`, which describes itself (a GraphRecord that
llmkg:recordsSource the peer record, with the record's upstream, license and the import time).
What it cannot map is a `Problem` naming the file, the record, the field and the line.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pyoxigraph as ox
import yaml

from ..crosswalk import Crosswalk, Resolution
from ..licenses import NO_LICENSE, normalise
from .provenance import peer_record
from .terms import DCT, FOAF, LLMKG, PROV, RDF, RDFS, XSD

DEFAULT_BASE = "https://w3id.org/llmkg/"

PREFIXES = {
    "llmkg": "https://w3id.org/llmkg/ontology#", "voc": "https://w3id.org/llmkg/vocab/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "dct": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#", "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/", "skos": "http://www.w3.org/2004/02/skos/core#",
    "spdx": "http://spdx.org/licenses/",
}


@dataclass(frozen=True)
class Problem:
    """One thing an importer could not map (a warning) or one reason a record was not imported
    (an error). `field` is a path into the record (`release.components[4].license`)."""

    file: str
    record: str
    field: str
    message: str
    line: int | None = None
    severity: str = "warning"  # "error": nothing of the file is imported

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        rec = f" [{self.record}]" if self.record else ""
        fld = f" {self.field}:" if self.field else ""
        return f"{where}{rec}{fld} {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v not in (None, "")}


@dataclass
class ImportResult:
    format: str
    name: str
    slug: str
    graph: str
    quads: list[ox.Quad] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    records: list[str] = field(default_factory=list)  # the records imported (e.g. model names)
    sha256: str = ""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def trig(self) -> bytes:
        header = (f"# Imported by `llmkg import {self.format}` from {short_name(self.name)} (sha256 {self.sha256}).\n"
                  "# Written once by the importer; re-import with --replace rather than editing.\n")
        return header.encode() + ox.serialize(sorted(self.quads, key=str), format=ox.RdfFormat.TRIG,
                                              prefixes=PREFIXES)


@dataclass
class Context:
    """What an importer may know besides the file: the base IRI, the entities already in the
    knowledge graph (for the crosswalk) and the time of the import."""

    base: str = DEFAULT_BASE
    crosswalk: Crosswalk | None = None
    now: datetime = field(default_factory=lambda: datetime.now(UTC).replace(microsecond=0))
    # an unknown license name is an "error" (nothing of the file is imported) unless the caller
    # accepts to import the record without that license ("warning")
    unknown_license: str = "error"

    def __post_init__(self) -> None:
        if self.crosswalk is None:
            self.crosswalk = Crosswalk()


def slugify(text: str) -> str:
    """`Falcon-40B` -> `falcon-40b`; `Llama 3.1` -> `llama-3-1`."""
    t = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-") or "unnamed"


def short_name(name: str) -> str:
    """The file name without its folders (what data/imports/ files record, never a machine's path);
    a model card keeps its OWNER/REPO folders: `…/acme/tiny-chat/README.md` -> `acme/tiny-chat/README.md`."""
    parts = name.replace("\\", "/").split("/")
    return "/".join(parts[-3:]) if parts[-1].lower() == "readme.md" else parts[-1]


def file_slug(name: str) -> str:
    stem = re.sub(r"\.(ya?ml|ttl|md|json)$", "", name.rsplit("/", 1)[-1], flags=re.I)
    return slugify(stem)


class Graph:
    """The quads of one import, all in one named graph, with the problems found on the way."""

    def __init__(self, fmt: str, name: str, data: bytes, ctx: Context, slug: str | None = None) -> None:
        self.fmt, self.name, self.ctx = fmt, name, ctx
        self.quads: list[ox.Quad] = []
        self.rename(slug or file_slug(name))
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.problems: list[Problem] = []
        self.records: list[str] = []
        self.record = ""  # the record being mapped, for problems
        self.lines: dict[str, int] = {}

    def rename(self, slug: str) -> None:
        """Name the graph, its source and its file (data/imports/FORMAT/SLUG.trig) after `slug`:
        the file's name by default, the record's when the file is known to hold one (before any
        statement is added)."""
        assert not self.quads, "rename the graph before adding statements"
        self.slug = slug
        self.iri = f"{self.ctx.base}graph/import/{self.fmt}/{slug}"
        self.node = ox.NamedNode(self.iri)
        self.source = ox.NamedNode(f"{self.ctx.base}source/import/{self.fmt}/{slug}")

    # ---- statements
    def add(self, s: ox.NamedNode | ox.BlankNode, p: ox.NamedNode, o: Any) -> None:
        if o is None or o == "":
            return
        self.quads.append(ox.Quad(s, p, o if isinstance(o, ox.NamedNode | ox.BlankNode | ox.Literal) else
                                  ox.Literal(str(o)), self.node))

    def entity(self, path: str) -> ox.NamedNode:
        return ox.NamedNode(self.ctx.base + path)

    def resolve(self, kind: str, name: str | None, identifiers: list[str], path: str, fld: str) -> Resolution:
        """The IRI of the record's model/dataset/organization: an existing one (crosswalk) or
        `{base}{path}`; ambiguous and refused matches are reported."""
        cw = self.ctx.crosswalk
        assert cw is not None
        res = cw.resolve(kind, name, identifiers, self.ctx.base + path)
        if res.ambiguous:
            self.problem(fld, f"{kind} {name!r} matches several entities ({', '.join(res.candidates)}): "
                         f"not merged on a guess; imported as {res.iri}")
        elif res.note:
            self.problem(fld, f"{kind} {name!r}: {res.note}; imported as {res.iri}")
        if res.how == "new":
            cw.add(res.iri, kind, [name] if name else [], identifiers)
        return res

    def model(self, res: Resolution, label: str, cls: ox.NamedNode = LLMKG.Model) -> ox.NamedNode:
        """Type and label the model; a matched model family keeps its kind (no llmkg:Model)."""
        node = ox.NamedNode(res.iri)
        self.add(node, RDF.type, LLMKG.ModelResource if res.family else cls)
        self.add(node, RDFS.label, label)
        return node

    def license(self, subject: ox.NamedNode, raw: str, fld: str) -> ox.NamedNode | None:
        """dct:license from a license name or URL as the peer writes it, normalised; an unknown
        name or a no-license sentinel is reported and left out."""
        lic = normalise(raw)
        if lic is None:
            self.problem(fld, f"unknown license {raw!r}: not in llmkg's license table (never guessed)"
                         + ("; left out" if self.ctx.unknown_license != "error" else
                            "; import with --skip-unknown-licenses (HTTP: skip_unknown_licenses=true) to leave it "
                            "out"), self.ctx.unknown_license)
            return None
        if lic is NO_LICENSE:
            self.problem(fld, f"license {raw!r} means no license: recorded without a dct:license")
            return None
        node = ox.NamedNode(lic.iri.replace(DEFAULT_BASE, self.ctx.base, 1))
        self.add(subject, DCT.license, node)
        self.add(node, RDF.type, LLMKG.License)
        self.add(node, RDFS.label, raw if not raw.startswith(("http://", "https://")) else lic.name)
        if lic.spdx_id:
            self.add(node, DCT.identifier, lic.spdx_id)
        return node

    # ---- problems
    def problem(self, fld: str, message: str, severity: str = "warning", line: int | None = None) -> None:
        """Report once: a license inherited by several components is one problem, at its field."""
        found = Problem(self.name, self.record, fld, message, line if line is not None else self.line_of(fld), severity)
        if found not in self.problems:
            self.problems.append(found)

    def error(self, fld: str, message: str, line: int | None = None) -> None:
        self.problem(fld, message, "error", line)

    def line_of(self, fld: str) -> int | None:
        while fld:
            if fld in self.lines:
                return self.lines[fld]
            fld = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", fld) if re.search(r"[.\[]", fld) else ""
        return None

    # ---- provenance
    def describe_source(self, title: str, peer: str) -> None:
        """The GraphRecord and the source entity: the peer record, its upstream and license."""
        g, s = self.node, self.source
        self.add(g, RDF.type, LLMKG.GraphRecord)
        self.add(g, RDFS.label, ox.Literal(f"Statements of the {peer} record {short_name(self.name)}, as imported",
                                            language="en"))
        self.add(g, LLMKG.recordsSource, s)
        self.add(g, PROV.generatedAtTime, ox.Literal(self.ctx.now.isoformat().replace("+00:00", "Z"),
                                                     datatype=XSD.dateTime))
        self.add(s, RDF.type, LLMKG.SourceDocument)
        self.add(s, DCT.title, title)
        self.add(s, LLMKG.localCopy, short_name(self.name))
        self.add(s, LLMKG.sha256, self.sha256)
        known = peer_record(self.sha256)
        if known is None:
            self.add(s, DCT.description,
                     f"A {peer} record, imported from a local file; its upstream is not known to llmkg.")
            return
        self.add(s, DCT.source, ox.NamedNode(known.url))
        self.add(s, DCT.description, known.description)
        self.add(s, DCT.rights, known.attribution)
        self.add(s, DCT.license, ox.NamedNode(known.license))
        self.add(ox.NamedNode(known.license), RDF.type, LLMKG.License)
        self.add(ox.NamedNode(known.license), RDFS.label, known.license.rsplit("/", 1)[-1])
        self.add(s, FOAF.page, ox.NamedNode(known.repository))

    def result(self) -> ImportResult:
        errors = any(p.severity == "error" for p in self.problems)
        return ImportResult(self.fmt, self.name, self.slug, self.iri, [] if errors else _dedup(self.quads),
                            self.problems, self.records, self.sha256)


def _dedup(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    return list(dict.fromkeys(quads))


# ---------------------------------------------------------------- YAML with line numbers


def open_yaml(fmt: str, name: str, data: bytes, ctx: Context) -> tuple[Graph, Any, bool]:
    """A YAML record's Graph, its parsed document, and whether it parsed (if not, the Graph holds
    the syntax error with its line, and the importer returns `g.result()`)."""
    g = Graph(fmt, name, data, ctx)
    try:
        doc, g.lines = load_yaml(data)
    except YamlError as e:
        g.error("", str(e), e.line)
        return g, None, False
    return g, doc, True


class YamlError(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


def load_yaml(data: bytes) -> tuple[Any, dict[str, int]]:
    """The YAML document and the line (1-based) of every field path in it.

    Raises YamlError with the line of the syntax error.
    """
    try:
        node = yaml.compose(data.decode("utf-8-sig"), Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise YamlError(f"bad YAML: {e.problem or e}", mark.line + 1 if mark else None) from None
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise YamlError(f"bad YAML: {e}", None) from None
    if node is None:
        return None, {}
    lines: dict[str, int] = {}
    _index(node, "", lines)
    return yaml.load(data.decode("utf-8-sig"), Loader=_StringDates), lines


def _index(node: yaml.Node, path: str, lines: dict[str, int]) -> None:
    if path:
        lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            sub = f"{path}.{k.value}" if path else str(k.value)
            lines.setdefault(sub, k.start_mark.line + 1)
            _index(v, sub, lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            _index(v, f"{path}[{i}]", lines)


class _StringDates(yaml.SafeLoader):
    """SafeLoader that keeps dates as the strings written (so '2024-09' and '2024-09-01' stay text)."""


_StringDates.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def text(value: Any) -> str:
    """A YAML scalar as stripped text ('' for None and empty values)."""
    if value is None or isinstance(value, dict | list):
        return ""
    return str(value).strip()
