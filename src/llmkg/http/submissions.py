"""Submissions over HTTP: validate RDF in the context of the store, submit it, list, read, withdraw.

    POST   /validate            RDF body (Content-Type) → the report; nothing is written
    GET    /validate            a page with a form, for people
    POST   /submissions         RDF body + `Authorization: Bearer TOKEN` [+ ?description=&source_url=]
                                → 201 {id, graph, report} | 422 {error: …, details: report}
    GET    /submissions         the submissions (JSON, or a page), `?status=accepted|withdrawn`
    GET    /submissions/{id}    one: status, report, triples (JSON; its graph in any RDF format by Accept)
    DELETE /submissions/{id}    withdrawal, by its submitter or an admin → 200 {…, status: withdrawn}

A peer file instead of RDF — a Model Openness Tool or OSAI YAML, a Hugging Face model card, an
MLDCAT-AP Turtle file, an os-ai-map YAML — with `?import=FORMAT` (mot, osai, hf-card, mldcat-ap,
os-ai-map) on either POST, the file as the body with its media type (YAML: application/yaml,
text/yaml…; a model card: text/markdown; MLDCAT-AP: text/turtle):

    POST   /validate?import=FORMAT[&name=FILE]                      → the report, `imported`; nothing written
    POST   /submissions?import=FORMAT[&name=FILE][&description=…]   → 201 {id, graph, report, imported} | 422
           [&skip_unknown_licenses=true]

`name` is the file's name as the importer sees it (problems name it; a model card's repo id comes
from OWNER/REPO/README.md or OWNER--REPO.md). The importer maps the file with the store's crosswalk
(submissions/imports.py); a file it cannot read is 400 `syntax-error` (with the line), one with
an error (a missing required field, an unknown license) 422 `import-failed` with every problem
in `details.problems`; otherwise the statements are validated and committed as any submission's,
and what the importer could not map comes back in `imported.problems` and stays in the record.
`import=` naming no format is 400 (parameter `import`), a media type not of the format 415.

    curl -X POST 'http://127.0.0.1:8000/submissions?import=mot&name=Falcon-40B.yml' \\
         -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/yaml' --data-binary @Falcon-40B.yml

Reports come as JSON (default), as a SHACL sh:ValidationReport in Turtle or JSON-LD (Accept, or
`?format=turtle|jsonld|json|html`), or as a page for browsers. Bodies are read up to
settings.max_body_bytes (413 beyond, before parsing); validation and commits run in worker
threads. The store and the files are reconciled at start-up (submissions/commit.py).
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any
from urllib.parse import parse_qs

import pyoxigraph as ox
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from .. import formats
from ..config import Settings
from ..errors import LlmkgError, not_acceptable
from ..submissions import body as bodies
from ..submissions import imports
from ..submissions import report as reports
from ..submissions.imports import Imported
from ..submissions.records import Record
from ..submissions.service import Submissions
from ..submissions.tokens import Token
from ..validate import Report
from . import handlers, rdfdoc
from .deps import SettingsDep
from .negotiation import FORM, HTML, JSON, by_parameter, media_type_of, parse_accept, prefers_html, quality

_lock = threading.Lock()


def service_of(app: FastAPI) -> Submissions:
    """The app's submission service, made (and the store reconciled with the files) on first use."""
    with _lock:
        if getattr(app.state, "submissions", None) is None:
            service = Submissions(app.state.kg, app.state.settings)
            service.ledger.reconcile()
            app.state.submissions = service
    return app.state.submissions


def get_submissions(request: Request) -> Submissions:
    return service_of(request.app)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Reconcile before the first request is served."""
    await run_in_threadpool(service_of, app)
    yield


router = APIRouter(tags=["submissions"], lifespan=lifespan)
Service = Annotated[Submissions, Depends(get_submissions)]
REPORT_FORMATS = [f for f in formats.RDF_FORMATS if f.name in ("turtle", "jsonld")]
AUTH_HEADERS = {"WWW-Authenticate": 'Bearer realm="llmkg"'}


# ---------------------------------------------------------------- reading requests


async def read_body(request: Request, settings: Settings) -> bytes:
    """The request body, refused with 413 as soon as it is longer than settings.max_body_bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit():
        bodies.check_size(int(declared), settings)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        bodies.check_size(size, settings)
        chunks.append(chunk)
    return b"".join(chunks)


async def rdf_of(request: Request, settings: Settings) -> tuple[bytes, str | None]:
    """(RDF bytes, their media type): the body, or the `data` and `format` fields of the page's form."""
    data = await read_body(request, settings)
    media_type, _ = media_type_of(request)
    if media_type != FORM:
        return data, request.headers.get("content-type")
    fields = parse_qs(data.decode("utf-8", "replace"))
    return fields.get("data", [""])[0].encode(), fields.get("format", ["text/turtle"])[0]


async def peer_file(request: Request, service: Submissions, settings: Settings) -> Imported:
    """The body as a peer file of the format `?import=` names, mapped to statements (imports.py):
    415 before reading the body if its Content-Type is not one of that format's."""
    params = request.query_params
    fmt = imports.import_format(params["import"])
    imports.check_media_type(fmt, request.headers.get("content-type"))
    data = await read_body(request, settings)
    skip = params.get("skip_unknown_licenses", "").lower() in ("1", "true", "yes")
    return await run_in_threadpool(imports.read, fmt.name, data, params.get("name"),
                                   request.headers.get("content-type"), service.kg, settings, skip)


def token_of(request: Request, service: Submissions) -> Token:
    return service.tokens.check(request.headers.get("authorization"))


# ---------------------------------------------------------------- answering with a report


def report_choice(request: Request) -> str:
    """'html', 'json', 'turtle' or 'jsonld': `format` parameter, else Accept (JSON when unsaid)."""
    override = request.query_params.get("format")
    if override:
        if override.lower() in ("html", "json"):
            return override.lower()
        return by_parameter(override, REPORT_FORMATS).name
    accept = request.headers.get("accept")
    if prefers_html(accept, REPORT_FORMATS):
        return "html"
    ranges = parse_accept(accept)
    if not ranges:
        return "json"
    scored = [(quality(ranges, JSON), 1, "json")] + [
        (quality(ranges, f.media_type), -i, f.name) for i, f in enumerate(REPORT_FORMATS)]
    q, _, name = max(scored)
    if q <= 0:
        raise not_acceptable([JSON, *(f.media_type for f in REPORT_FORMATS), HTML])
    return name


def report_response(request: Request, report: Report, extra: dict[str, Any], title: str,
                    status: int = 200, headers: dict[str, str] | None = None) -> Response:
    choice = report_choice(request)
    headers = {"Vary": "Accept", **(headers or {})}
    if choice == "html":
        context = {"title": title, "report": report.to_json(), "extra": extra, "formats": formats.RDF_FORMATS}
        return handlers.html_response(request, "validate.html", context, status, headers)
    if choice == "json":
        return JSONResponse({**extra, "report": report.to_json()}, status, headers, media_type=JSON)
    fmt = formats.by_name(choice)
    assert fmt is not None
    return Response(reports.serialize(report, fmt), status, headers, media_type=fmt.media_type)


# ---------------------------------------------------------------- routes


@router.get("/validate", response_class=HTMLResponse, name="validate_form")
def validate_form(request: Request) -> HTMLResponse:
    return handlers.html_response(request, "validate.html", {"title": "Validate RDF", "report": None,
                                                             "formats": formats.RDF_FORMATS})


@router.post("/validate", name="validate")
async def validate(request: Request, service: Service, settings: SettingsDep) -> Response:
    report_choice(request)  # a 406 before any work
    if "import" in request.query_params:
        imported = await peer_file(request, service, settings)
        checked = await run_in_threadpool(service.check_import, imported)
        extra = {"conforms": checked.report.conforms, "triples": len(checked.quads), "imported": imported.to_json()}
        return report_response(request, checked.report, extra, "Validation report")
    data, media_type = await rdf_of(request, settings)
    checked = await run_in_threadpool(service.check, data, media_type)
    extra = {"conforms": checked.report.conforms, "triples": len(checked.quads)}
    return report_response(request, checked.report, extra, "Validation report")


@router.post("/submissions", status_code=201, name="submit")
async def submit(request: Request, service: Service, settings: SettingsDep) -> Response:
    try:
        token = token_of(request, service)
    except LlmkgError as e:
        return handlers.render(request, e, AUTH_HEADERS)
    params = request.query_params
    if "import" in params:
        imported = await peer_file(request, service, settings)
        record, created = await run_in_threadpool(service.submit_import, imported, token, params.get("description"),
                                                  params.get("source_url"))
    else:
        data = await read_body(request, settings)
        record, created = await run_in_threadpool(service.submit, data, request.headers.get("content-type"), token,
                                                  params.get("description"), params.get("source_url"))
    location = href(request, record.id)
    body = {**record_json(record, settings, location), "created": created}
    return JSONResponse(body, 201 if created else 200, {"Location": location}, media_type=JSON)


@router.get("/submissions", name="submissions")
def submissions(request: Request, service: Service, settings: SettingsDep, status: str | None = None) -> Response:
    records = service.list(status)
    if prefers_html(request.headers.get("accept"), ()):
        rows = [(r, href(request, r.id)) for r in records]
        return handlers.html_response(request, "submissions.html", {"title": "Submissions", "rows": rows})
    listed = [summary_json(r, settings, href(request, r.id)) for r in records]
    return JSONResponse({"submissions": listed}, media_type=JSON)


@router.get("/submissions/{sid}", name="submission")
async def submission(sid: str, request: Request, service: Service, settings: SettingsDep) -> Response:
    record = service.get(sid)
    wanted = representation(request)
    triples = await run_in_threadpool(service.triples, record)
    headers = {"Vary": "Accept"}
    if isinstance(wanted, formats.Format):
        graph = ox.NamedNode(record.graph(settings))
        quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
        return Response(rdfdoc.serialize_quads(quads, wanted), media_type=wanted.media_type, headers=headers)
    location = href(request, record.id)
    if wanted == "html":
        turtle = formats.by_name("turtle")
        assert turtle is not None
        context = {"title": f"Submission {record.id}", "record": record, "graph": record.graph(settings),
                   "report": record.report, "location": location,
                   "turtle": rdfdoc.serialize(triples, turtle).decode() if triples else ""}
        return handlers.html_response(request, "submission.html", context, headers=headers)
    body = {**record_json(record, settings, location), "statements": len(triples)}
    return JSONResponse(body, headers=headers, media_type=JSON)


@router.delete("/submissions/{sid}", name="withdraw")
async def withdraw(sid: str, request: Request, service: Service, settings: SettingsDep) -> Response:
    try:
        token = token_of(request, service)
    except LlmkgError as e:
        return handlers.render(request, e, AUTH_HEADERS)
    record = await run_in_threadpool(service.withdraw, sid, token)
    return JSONResponse(record_json(record, settings, href(request, sid)), media_type=JSON)


# ---------------------------------------------------------------- JSON and RDF shapes


def record_json(record: Record, settings: Settings, location: str) -> dict[str, Any]:
    return {**record.to_json(settings), "href": location}


def summary_json(record: Record, settings: Settings, location: str) -> dict[str, Any]:
    out = {k: v for k, v in record_json(record, settings, location).items() if k != "report"}
    out["violations"] = record.report.get("violations", 0)
    out["warnings"] = record.report.get("warnings", 0)
    if record.imported:  # the problems are in the submission's own answer
        out["imported"] = {k: v for k, v in record.imported.items() if k != "problems"}
    return out


def href(request: Request, sid: str) -> str:
    return str(request.url_for("submission", sid=sid).path)


def representation(request: Request) -> str | formats.Format:
    """'json' (default), 'html' (browsers), or the RDF format of the submission's statements that
    `format=` or the Accept header names above JSON and HTML."""
    override = request.query_params.get("format")
    if override:
        return override.lower() if override.lower() in ("json", "html") else by_parameter(override, formats.RDF_FORMATS)
    accept = request.headers.get("accept")
    if prefers_html(accept, formats.RDF_FORMATS):
        return "html"
    ranges = parse_accept(accept)
    best = max(formats.RDF_FORMATS, key=lambda f: quality(ranges, f.media_type))
    named = any(r.type != "*" and r.subtype != "*" for r in ranges)
    return best if named and quality(ranges, best.media_type) > quality(ranges, JSON) else "json"
