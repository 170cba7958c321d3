"""Named queries over HTTP: GET /queries (the list) and GET /queries/{name}?param=… (the results).

The text run is `queries.bind(...)` of the `.rq` file, exactly what `llmkg query NAME` runs;
results are negotiated as on /sparql (`format=` works too). Browsers get HTML.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from .. import queries
from ..errors import not_found
from .deps import KG, NamedQueries, Pool, SettingsDep
from .handlers import html_response
from .negotiation import JSON, prefers_html
from .pages import script_context
from .sparql import answer

router = APIRouter(tags=["named queries"])
RESERVED = {"format"}  # request parameters that are not query parameters


@router.api_route("/queries", methods=["GET", "HEAD"], name="queries")
def list_queries(request: Request, named: NamedQueries) -> Response:
    if prefers_html(request.headers.get("accept"), ()):
        return html_response(request, "queries.html", {"queries": list(named.values()), "title": "Named queries"})
    return JSONResponse([q.to_json() for q in named.values()], media_type=JSON, headers={"Vary": "Accept"})


@router.api_route("/queries/{name}", methods=["GET", "HEAD"], name="named_query")
async def run_named(
    name: str, request: Request, kg: KG, settings: SettingsDep, pool: Pool, named: NamedQueries
) -> Response:
    query = named.get(name)
    if query is None:
        raise not_found(f"no named query {name!r}; known: {', '.join(named)}", parameter="name")
    values = {k: v for k, v in request.query_params.items() if k not in RESERVED}
    text = queries.bind(query, values, settings)
    if prefers_html(request.headers.get("accept"), ()) and "format" not in request.query_params:
        context = {"query": query, "values": values, "title": query.title} | script_context(settings)
        return html_response(request, "named_query.html", context)
    return await answer(request, kg, settings, pool, text)
