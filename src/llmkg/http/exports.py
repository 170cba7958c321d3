"""Exports to other catalogue standards over HTTP (the same as `llmkg export`).

    GET /exports                        the formats offered (JSON)
    GET /exports/{format}               the whole catalogue
    GET /exports/{format}/{id}          one model or dataset: `zephyr`, `model/zephyr`, `dataset/the-pile`

MLDCAT-AP and DCAT answer in the RDF syntax the client asks for (Accept, or `?format=`), Turtle
by default. Unknown formats and entities are 404s naming them.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from .. import formats
from ..exchange.exporters import EXPORTERS, Options, by_name, export
from .deps import KG, SettingsDep
from .negotiation import negotiate

router = APIRouter(tags=["exports"])


@router.get("/exports", name="exports")
def list_exports(request: Request) -> JSONResponse:
    items = []
    for e in EXPORTERS:
        item = e.to_json()
        item["url"] = str(request.url_for("export_catalogue", format=e.name))
        items.append(item)
    return JSONResponse({"exports": items})


@router.get("/exports/{format}", name="export_catalogue")
def export_catalogue(format: str, request: Request, kg: KG, settings: SettingsDep) -> Response:
    return _export(format, None, request, kg, settings)


@router.get("/exports/{format}/{entity:path}", name="export_entity")
def export_entity(format: str, entity: str, request: Request, kg: KG, settings: SettingsDep) -> Response:
    return _export(format, entity, request, kg, settings)


def _export(name: str, entity: str | None, request: Request, kg: KG, settings: SettingsDep) -> Response:
    exporter = by_name(name)  # 404 naming the known formats
    rdf_format = negotiate(request, formats.GRAPH_FORMATS) if exporter.rdf else None
    result = export(kg, name, entity, Options(base=settings.base, rdf_format=rdf_format))
    headers = {"Content-Disposition": f'inline; filename="{result.filename}"'}
    if exporter.rdf:
        headers["Vary"] = "Accept"
    return Response(result.content, media_type=result.media_type, headers=headers)
