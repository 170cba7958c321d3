"""Pages for people: the home page, the SPARQL editor, and a page per entity (server-rendered)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from .. import formats
from ..config import Settings
from ..errors import not_found
from ..queries import NamedQuery
from ..store import KnowledgeGraph
from . import entity, lineage, models
from .deps import KG, NamedQueries, SettingsDep
from .dumps import dump_files
from .handlers import html_response
from .iris import iri_of, local_path, page_href, valid_iri
from .negotiation import FORM

router = APIRouter(tags=["pages"])

COUNTED = {  # what the home page counts: label → class (instances of its subclasses count too)
    "models": "llmkg:Model",
    "model families": "llmkg:ModelFamily",
    "datasets": "llmkg:Dataset",
    "organizations": "llmkg:Organization",
    "licenses": "llmkg:License",
    "openness assessments": "llmkg:OpennessAssessment",
    "sources": "llmkg:SourceDocument",
}
_COUNT = entity.PREFIXES + "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?c . ?c rdfs:subClassOf* CLASS }"
_LIST = (
    entity.PREFIXES
    + """SELECT ?x (SAMPLE(?l) AS ?label) WHERE {
  ?x a ?c . ?c rdfs:subClassOf* CLASS . OPTIONAL { ?x rdfs:label|dct:title ?l }
} GROUP BY ?x ORDER BY LCASE(STR(SAMPLE(?l))) ?x"""
)


def _count(kg: KnowledgeGraph, cls: str) -> int:
    return int(next(iter(kg.query(_COUNT.replace("CLASS", cls))))["n"].value)  # type: ignore[call-overload]


def _members(kg: KnowledgeGraph, cls: str, settings: Settings) -> list[dict]:
    rows = kg.query(_LIST.replace("CLASS", cls))
    return [
        {
            "iri": r["x"].value,
            "label": r["label"].value if r["label"] else entity.short(r["x"].value),
            "href": page_href(r["x"].value, settings),
        }
        for r in rows
    ]  # type: ignore[union-attr]


@router.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse, name="home")
def home(request: Request, kg: KG, settings: SettingsDep, named: NamedQueries) -> HTMLResponse:
    counts = {label: _count(kg, cls) for label, cls in COUNTED.items()}
    return html_response(
        request,
        "home.html",
        {
            "title": "llmkg",
            "counts": counts,
            "models": _members(kg, "llmkg:Model", settings),
            "families": _members(kg, "llmkg:ModelFamily", settings),
            "sources": _members(kg, "llmkg:SourceDocument", settings),
            "dumps": [name for name, _ in dump_files()],
            "named": list(named.values()),
        },
    )


def script_context(settings: Settings) -> dict[str, str]:
    """What sparql.js needs: the base (to link IRIs to pages), the Accept and form types to send."""
    srj, turtle = formats.by_name("srj"), formats.by_name("turtle")
    assert srj and turtle
    return {"base": settings.base, "form_type": FORM, "accept": f"{srj.media_type}, {turtle.media_type};q=0.9"}


def editor(request: Request, named: dict[str, NamedQuery], status: int = 200) -> HTMLResponse:
    """The SPARQL editor (also what GET /sparql shows a browser)."""
    context = {"title": "SPARQL query", "named": list(named.values()), "initial": request.query_params.get("query", "")}
    return html_response(request, "editor.html", context | script_context(request.app.state.settings), status)


@router.api_route("/query", methods=["GET", "HEAD"], response_class=HTMLResponse, name="editor")
def query_page(request: Request, named: NamedQueries) -> HTMLResponse:
    return editor(request, named)


@router.api_route("/page", methods=["GET", "HEAD"], response_class=HTMLResponse, name="page_by_iri")
def page_by_iri(iri: str, request: Request, kg: KG, settings: SettingsDep) -> HTMLResponse:
    return entity_page(request, kg, settings, iri)


@router.api_route("/page/{path:path}", methods=["GET", "HEAD"], response_class=HTMLResponse, name="page")
def page(path: str, request: Request, kg: KG, settings: SettingsDep) -> HTMLResponse:
    return entity_page(request, kg, settings, iri_of(path, settings))


def entity_page(request: Request, kg: KnowledgeGraph, settings: Settings, iri: str) -> HTMLResponse:
    if not valid_iri(iri):
        raise not_found(f"not an IRI: {iri!r}", iri=iri)
    view = entity.load(kg, iri)
    if not view.facts:
        raise not_found(f"nothing is known about <{iri}>", iri=iri)
    lin = lineage.walk(kg, iri) if view.is_model else None
    path = local_path(iri, settings)
    return html_response(
        request,
        "entity.html",
        {
            "title": view.title,
            "view": view,
            "lineage": lin,
            "svg": lineage.svg(lin, lambda x: page_href(x, settings)) if lin else "",
            "legend": lineage.legend_svg(lin) if lin else "",
            "reasoning": models.summary(kg, iri, settings) if view.is_model else None,
            "href": lambda x: page_href(x, settings),
            "data_path": path,
            "formats": [f for f in formats.RDF_FORMATS],
            "colours": lineage.COLOURS,
        },
    )
