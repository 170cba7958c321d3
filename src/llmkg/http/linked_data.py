"""Linked data: entity IRIs dereference on this server, following Cool URIs (303 See Other).

    GET /model/llama-2-7b   Accept: text/html      → 303 /page/model/llama-2-7b
    GET /model/llama-2-7b   Accept: text/turtle    → 303 /data/model/llama-2-7b.ttl   (any RDF format)
    GET /model/llama-2-7b   (no Accept, or */*)    → 303 /data/model/llama-2-7b.ttl
    GET /data/model/llama-2-7b.nt                  → the description (see describe.py)
    GET /data/model/llama-2-7b                     → the description, format by Accept

HTML wins only when the client names text/html at least as highly as any RDF format. Unknown
entities are 404. The catch-all redirect router must be included last.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from .. import formats
from ..config import Settings
from ..errors import not_found
from . import describe, rdfdoc
from .deps import KG, SettingsDep
from .iris import data_href, iri_of, page_href, valid_iri
from .negotiation import HTML, negotiate, prefers_html

router = APIRouter(tags=["linked data"])
redirects = APIRouter(tags=["linked data"])


def known_entity(kg: KG, path: str, settings: Settings) -> str:
    iri = iri_of(path, settings)
    if not path or not valid_iri(iri) or not describe.exists(kg, iri):
        raise not_found(f"nothing is known about <{iri}>", iri=iri)
    return iri


@router.api_route("/data/{path:path}", methods=["GET", "HEAD"], name="entity_data")
def entity_data(path: str, request: Request, kg: KG, settings: SettingsDep) -> Response:
    fmt = formats.by_extension(path)
    if fmt is not None and fmt.kind == "rdf" and path.endswith(fmt.extension):
        path = path[: -len(fmt.extension)]
    else:
        fmt = negotiate(request, formats.RDF_FORMATS)
    iri = known_entity(kg, path, settings)
    quads = describe.describe(kg, iri)
    body = rdfdoc.serialize_quads(quads, fmt)
    links = _links(iri, path, fmt, settings, request.scope.get("root_path", ""))
    return Response(body, media_type=fmt.media_type, headers={"Vary": "Accept", "Link": links})


def _links(iri: str, path: str, current: formats.Format, settings: Settings, root: str) -> str:
    """What this document describes, and its other representations (RFC 8288 / RFC 6892)."""
    links = [f'<{iri}>; rel="describes"', f'<{root}{page_href(iri, settings)}>; rel="alternate"; type="{HTML}"']
    links += [
        f'<{root}{data_href(path, f.extension)}>; rel="alternate"; type="{f.media_type}"'
        for f in formats.RDF_FORMATS
        if f != current
    ]
    return ", ".join(links)


@redirects.api_route("/{path:path}", methods=["GET", "HEAD"], name="entity")
def entity(path: str, request: Request, kg: KG, settings: SettingsDep) -> Response:
    iri = known_entity(kg, path, settings)
    if prefers_html(request.headers.get("accept")):
        target = page_href(iri, settings)
    else:
        target = data_href(path, negotiate(request, formats.RDF_FORMATS).extension)
    root = request.scope.get("root_path", "")
    return RedirectResponse(root + target, status_code=303, headers={"Vary": "Accept"})
