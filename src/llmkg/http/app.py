"""The FastAPI application: one router per concern, assembled here.

    uvicorn --factory llmkg.http.app:app_from_env        # or: llmkg serve

`create_app(settings)` opens the store once (embedded, read-write so submissions can come
later; or remote when settings.endpoint is set) and keeps no other state, so several workers
can serve one (remote) store.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager, nullcontext

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..config import Settings, from_env
from ..queries import load_all
from ..serving import announced
from ..store import open_store
from . import dumps, exports, handlers, linked_data, models, named_queries, pages, sparql, submissions, void
from .deps import HERE

QUERY_WORKERS = 8  # queries evaluated at once; more wait in line (the event loop never blocks)


def create_app(settings: Settings, url: str | None = None) -> FastAPI:
    """The app over the configured store. Given the URL it will be reached at, it says so in the
    embedded store's folder while it serves, so the CLI reads through it (serving.py)."""
    kg = open_store(settings)
    store_dir = getattr(kg, "path", None)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with announced(store_dir, url) if url and store_dir else nullcontext():
            yield
        app.state.pool.shutdown(wait=False, cancel_futures=True)
        app.state.kg.close()

    app = FastAPI(
        title="llmkg",
        version=__version__,
        lifespan=lifespan,
        description="An open knowledge graph of large language models: SPARQL 1.1 endpoint "
        "(read-only), named queries, linked data, dumps and VoID.",
    )
    app.state.settings = settings
    app.state.kg = kg
    app.state.named_queries = load_all(settings)
    app.state.pool = ThreadPoolExecutor(QUERY_WORKERS, thread_name_prefix="sparql")
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST", "DELETE", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=["Link", "Location", "Content-Location", "Vary"],
    )
    handlers.install(app)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    for module in (sparql, named_queries, void, dumps, exports, pages, linked_data):
        app.include_router(module.router)
    app.include_router(models.router)  # /models/{id}/lineage and /terms (reasoning)
    app.include_router(submissions.router)  # /validate, /submissions; reconciles files and store at start-up
    app.include_router(linked_data.redirects)  # the catch-all /{path}: last
    return app


def app_from_env() -> FastAPI:
    return create_app(from_env())
