"""One way to fail: every error is an LlmkgError rendered as `{"error": {...}}` (or a page).

Starlette's own errors (no such route 404, 405) and FastAPI's parameter validation errors are
turned into LlmkgErrors first, so a client sees one shape. Only the 500 path logs.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from ..errors import LlmkgError
from .deps import templates
from .negotiation import JSON, prefers_html

log = logging.getLogger("llmkg.http")
_CODES = {404: "not-found", 405: "method-not-allowed", 413: "too-large", 415: "unsupported-media-type"}


def render(request: Request, error: LlmkgError, headers: dict[str, str] | None = None) -> Response:
    if prefers_html(request.headers.get("accept"), ()):
        return templates.TemplateResponse(
            request,
            "error.html",
            {"error": error, "title": f"{error.status} {error.code}"},
            status_code=error.status,
            headers=headers,
        )
    return JSONResponse(error.to_json(), status_code=error.status, headers=headers, media_type=JSON)


async def on_llmkg_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LlmkgError)
    return render(request, exc)


async def on_http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        message = f"nothing at {request.url.path}"
    elif exc.status_code == 405:
        message = f"method {request.method} is not allowed on {request.url.path}"
    else:
        message = str(exc.detail)
    error = LlmkgError(message, exc.status_code, _CODES.get(exc.status_code, "http-error"))
    return render(request, error, dict(exc.headers or {}))


async def on_validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {}
    loc = [str(x) for x in first.get("loc", ())]
    where = {"parameter": loc[-1]} if loc else {}
    return render(
        request, LlmkgError(f"bad request: {first.get('msg', 'invalid')} ({'.'.join(loc)})", 400, "bad-request", where)
    )


async def on_unexpected(request: Request, exc: Exception) -> Response:
    log.exception("internal error on %s %s", request.method, request.url.path)
    return render(request, LlmkgError("internal server error", 500, "internal-error"))


def install(app: FastAPI) -> None:
    app.add_exception_handler(LlmkgError, on_llmkg_error)
    app.add_exception_handler(HTTPException, on_http_exception)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(Exception, on_unexpected)


def html_response(
    request: Request, template: str, context: dict, status: int = 200, headers: dict[str, str] | None = None
) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context, status_code=status, headers=headers)
