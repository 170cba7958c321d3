"""The HTTP layer's dependencies, by name, so tests can swap them (`app.dependency_overrides`).

All state lives in the store; the app holds only the store handle, the settings, the named
queries read at start-up, the templates and the pool queries run in.
"""

from __future__ import annotations

from concurrent.futures import Executor
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from ..config import Settings
from ..queries import NamedQuery
from ..store import KnowledgeGraph

HERE = Path(__file__).parent

# The accessors are `async def`: FastAPI runs plain `def` dependencies in its thread pool, a hop
# that costs more than the attribute read itself (docs/benchmarks.md).
templates = Jinja2Templates(directory=str(HERE / "templates"))


async def get_kg(request: Request) -> KnowledgeGraph:
    return request.app.state.kg


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_named_queries(request: Request) -> dict[str, NamedQuery]:
    return request.app.state.named_queries


async def get_pool(request: Request) -> Executor:
    return request.app.state.pool


KG = Annotated[KnowledgeGraph, Depends(get_kg)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
NamedQueries = Annotated[dict[str, NamedQuery], Depends(get_named_queries)]
Pool = Annotated[Executor, Depends(get_pool)]


def endpoint_url(request: Request) -> str:
    """The SPARQL endpoint's absolute URL, as `request.url_for("sparql")` gives it (behind a
    root_path too) for a tenth of the cost: url_for walks every route, on every query."""
    return f"{request.base_url}sparql"


def term_kind(term: object) -> str:
    """'iri', 'bnode' or 'literal', for templates."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return "iri"
    return "bnode" if isinstance(term, ox.BlankNode) else "literal"


def literal_note(term: object) -> str:
    """A literal's language or short datatype ('en', 'integer'), shown beside its value."""
    lang = getattr(term, "language", None)
    if lang:
        return lang
    dt = getattr(getattr(term, "datatype", None), "value", "")
    short = dt.rsplit("#", 1)[-1]
    return "" if short in ("string", "langString", "") else short


templates.env.globals.update(term_kind=term_kind, literal_note=literal_note)
