"""Named queries: the `.rq` files in queries/, each with a short header.

    # title: Openness matrix (document 002)
    # description: What it answers.
    # param: model iri optional  The model (an IRI, or an id such as llama-2-7b)

A parameter is written `?_model` in the query and replaced by a properly escaped RDF term
before the query runs; an optional parameter that is not given stays an unbound variable.
The folder is the API: `llmkg query NAME` and `GET /queries/NAME` run the same text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .config import Settings
from .errors import bad_request, not_found

_HEADER = re.compile(r"^#\s*(title|description|param):\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s+(iri|string|integer)\s+(required|optional)\s*(.*)$")
_IRI_FORBIDDEN = re.compile(r'[\s<>"{}|\\^`]')
# an id given for an IRI parameter is looked up under the path its name suggests
ID_PATHS = {
    "model": "model/", "base": "model/", "dataset": "dataset/", "license": "license/",
    "org": "org/", "organization": "org/", "graph": "graph/", "source": "source/",
}


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    description: str

    def to_json(self) -> dict[str, object]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    text: str
    params: tuple[Param, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name, "title": self.title, "description": self.description,
            "parameters": [p.to_json() for p in self.params],
        }


def parse_query_file(path: Path) -> NamedQuery:
    meta: dict[str, str] = {"title": path.stem, "description": ""}
    params: list[Param] = []
    text = path.read_text(encoding="utf-8")
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if not m:
            if line.strip() and not line.lstrip().startswith("#"):
                break
            continue
        key, value = m.groups()
        if key == "param":
            pm = _PARAM.match(value)
            if not pm:
                raise bad_request(f"malformed param header: {value!r}", file=str(path))
            name, typ, req, desc = pm.groups()
            params.append(Param(name, typ, req == "required", desc.strip()))
        else:
            meta[key] = value.strip()
    return NamedQuery(path.stem, meta["title"], meta["description"], text, tuple(params))


def load_all(settings: Settings) -> dict[str, NamedQuery]:
    return {p.stem: parse_query_file(p) for p in sorted(settings.queries_dir.glob("*.rq"))}


def resolve(name_or_file: str, settings: Settings) -> NamedQuery:
    """A named query by name, or any .rq file by path."""
    path = Path(name_or_file)
    if path.suffix == ".rq" and path.is_file():
        return parse_query_file(path)
    found = settings.queries_dir / f"{name_or_file}.rq"
    if "/" in name_or_file or not found.is_file():
        names = ", ".join(load_all(settings))
        raise not_found(f"no named query {name_or_file!r}; known: {names}", parameter="name")
    return parse_query_file(found)


def bind(query: NamedQuery, values: dict[str, str], settings: Settings) -> str:
    """The query text with parameters substituted; raises a 400 naming the bad parameter."""
    known = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise bad_request(
            f"unknown parameter {unknown[0]!r} for query {query.name!r}; "
            f"it takes: {', '.join(known) or 'no parameters'}",
            parameter=unknown[0],
        )
    text = query.text
    for p in query.params:
        if p.name not in values or values[p.name] == "":
            if p.required:
                raise bad_request(f"query {query.name!r} needs parameter {p.name!r}: {p.description}", parameter=p.name)
            continue
        term = to_term(p, values[p.name], settings)
        # `BOUND(?_x)` tests whether an optional parameter was given: it was.
        text = re.sub(rf"BOUND\s*\(\s*[?$]_{re.escape(p.name)}\s*\)", "true", text, flags=re.IGNORECASE)
        text = re.sub(rf"[?$]_{re.escape(p.name)}\b", lambda _m, t=term: t, text)
    return text


def to_term(p: Param, value: str, settings: Settings) -> str:
    if p.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise bad_request(f"parameter {p.name!r} must be an integer, got {value!r}", parameter=p.name)
        return value.strip()
    if p.type == "string":
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        return f'"{escaped}"'
    iri = expand_id(p.name, value.strip(), settings)
    if _IRI_FORBIDDEN.search(iri):
        raise bad_request(f"parameter {p.name!r} is not a valid IRI: {value!r}", parameter=p.name)
    return f"<{iri}>"


def expand_id(name: str, value: str, settings: Settings) -> str:
    """`llama-2-7b` → `{base}model/llama-2-7b`; `model/x` → `{base}model/x`; IRIs unchanged."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value):
        return value
    if "/" in value:
        return settings.base + value.lstrip("/")
    return settings.base + ID_PATHS.get(name, "") + value
