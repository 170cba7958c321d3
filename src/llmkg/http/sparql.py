"""The SPARQL 1.1 Protocol endpoint, read-only: GET /sparql and POST /sparql.

- query by GET (`?query=`), URL-encoded POST (`query=`) or direct POST (application/sparql-query);
- `default-graph-uri` / `named-graph-uri` (repeatable) give the dataset; with neither, the
  default graph is the union of all named graphs (or the query's own FROM / FROM NAMED);
- results negotiated by Accept (or `format=`): SPARQL JSON, XML, CSV, TSV for SELECT/ASK, any
  RDF format for CONSTRUCT/DESCRIBE; 406 names what would work;
- updates (`update=`, application/sparql-update, an update sent as a query) → 403;
- GET with no query: the service description (RDF), or the query editor for browsers.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import Response

from .. import formats
from ..config import Settings
from ..errors import bad_request, too_large, unsupported_media_type
from ..store import QueryOptions
from . import execution, rdfdoc
from .deps import KG, NamedQueries, Pool, SettingsDep, endpoint_url
from .negotiation import FORM, SPARQL_QUERY, SPARQL_UPDATE, media_type_of, negotiate, prefers_html
from .pages import editor
from .service_description import service_description

router = APIRouter(tags=["sparql"])
MAX_BODY = 1_000_000  # bytes of a query request body
Params = dict[str, list[str]]


@router.api_route("/sparql", methods=["GET", "HEAD", "POST"], name="sparql")
@router.api_route("/sparql/", methods=["GET", "HEAD", "POST"], include_in_schema=False, name="sparql_slash")
async def sparql(request: Request, kg: KG, settings: SettingsDep, pool: Pool, named: NamedQueries) -> Response:
    params = await protocol_params(request)
    if "update" in params:
        raise execution.read_only_refusal()
    queries = params.get("query", [])
    if len(queries) > 1:
        raise bad_request(f"{len(queries)} queries given; send exactly one `query`", parameter="query")
    if not queries:
        if request.method == "POST":
            raise bad_request("no query: send `query=` (form) or an application/sparql-query body", parameter="query")
        return await describe_service(request, kg, named)
    return await answer(request, kg, settings, pool, queries[0], dataset(params))


async def answer(
    request: Request, kg: KG, settings: Settings, pool: Pool, text: str, options: QueryOptions = QueryOptions()
) -> Response:
    """Run a query and answer in the negotiated format (shared with named queries)."""

    def choose(kind: str) -> formats.Format:
        offered = formats.RESULTS_FORMATS if kind in ("select", "ask") else formats.RDF_FORMATS
        return negotiate(request, offered)

    options = replace(options, base_iri=endpoint_url(request))
    result = await execution.run(pool, kg, text, options, settings, choose)
    body = execution.serialize(result)
    assert result.format is not None
    return Response(body, media_type=result.format.media_type, headers={"Vary": "Accept"})


def dataset(params: Params) -> QueryOptions:
    """The protocol dataset: given graphs replace the default union entirely."""
    defaults = tuple(params.get("default-graph-uri", []))
    named = tuple(params.get("named-graph-uri", []))
    if not defaults and not named:
        return QueryOptions()
    return QueryOptions(union=False, default_graphs=defaults, named_graphs=named)


async def protocol_params(request: Request) -> Params:
    """URL parameters plus, for POST, the form fields or the direct query body."""
    params: Params = {}
    for k, v in request.query_params.multi_items():
        params.setdefault(k, []).append(v)
    if request.method != "POST":
        return params
    media_type, ct_params = media_type_of(request)
    body = await request.body()
    if len(body) > MAX_BODY:
        raise too_large(f"the request body is larger than {MAX_BODY} bytes")
    if media_type == SPARQL_UPDATE:
        raise execution.read_only_refusal()
    charset = ct_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise unsupported_media_type(f"{media_type}; charset={charset}", [f"{SPARQL_QUERY}; charset=utf-8"])
    text = _utf8(body)
    if media_type == FORM:
        for k, vs in parse_qs(text, keep_blank_values=True).items():
            params.setdefault(k, []).extend(vs)
    elif media_type == SPARQL_QUERY:
        params.setdefault("query", []).append(text)
    else:
        raise unsupported_media_type(media_type or "(none)", [FORM, SPARQL_QUERY])
    return params


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise bad_request(f"the request body is not UTF-8 (byte {e.start})", header="Content-Type") from None


async def describe_service(request: Request, kg: KG, named: NamedQueries) -> Response:
    if prefers_html(request.headers.get("accept")):
        return editor(request, named)
    fmt = negotiate(request, formats.RDF_FORMATS)
    graph = service_description(kg, endpoint_url(request))
    return Response(rdfdoc.serialize(graph, fmt), media_type=fmt.media_type, headers={"Vary": "Accept"})
