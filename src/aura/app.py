"""The FastAPI application factory and its lifespan."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import sqlalchemy as sa
from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from aura import __version__
from aura.analyses.endpoints import router as analyses_router
from aura.apidocs import add_api_docs
from aura.audit.fetch import NetworkPolicy
from aura.competitive.endpoints import router as competitive_router
from aura.competitive.websocket import router as competitive_ws_router
from aura.config import Settings, get_settings
from aura.errors import AuraError
from aura.runtime import Runtime, background_worker
from aura.security import (
    AuthMiddleware,
    BodyLimitMiddleware,
    ClientAddress,
    RateLimitedError,
    RateLimiter,
    SecurityHeadersMiddleware,
    TokenAuth,
    parse_networks,
)
from aura.sets.endpoints import router as sets_router
from aura.sets.monitoring_endpoints import router as monitoring_router
from aura.status import router as status_router
from aura.worker import create_runtime

logger = logging.getLogger(__name__)

#: The built web UI (``make frontend``); served at ``/`` when it exists.
FRONTEND_DIST = Path(__file__).resolve().parents[2] / "frontend" / "dist"
#: Paths that are never the web UI, so an unknown one stays a JSON 404.
_NOT_UI = ("/api/", "/docs", "/redoc", "/openapi.json", "/healthz", "/readyz")


def create_app(
    settings: Settings | None = None,
    *,
    policy: NetworkPolicy | None = None,
    run_worker: bool | None = None,
    frontend_dist: Path | None = FRONTEND_DIST,
) -> FastAPI:
    """Build the app. The embedded worker runs when the queue is in-process, unless told."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = create_runtime(settings, policy)
        app.state.runtime = runtime
        async with runtime.opened(), contextlib.AsyncExitStack() as stack:
            embedded = settings.embedded_queue if run_worker is None else run_worker
            if embedded:
                await stack.enter_async_context(background_worker(runtime))
            yield

    app = FastAPI(
        title="Aura",
        version=__version__,
        summary="Competitive website analysis: your site and your competitors, side by side.",
        lifespan=lifespan,
        # /docs and /redoc are Aura's own pages (aura.apidocs): FastAPI's load from a CDN.
        docs_url=None,
        redoc_url=None,
    )
    add_api_docs(app, app.openapi_url or "/openapi.json")

    @app.exception_handler(AuraError)
    async def _aura_error(_request: Request, error: AuraError) -> JSONResponse:
        headers = {}
        if isinstance(error, RateLimitedError):
            headers["Retry-After"] = str(error.retry_after)
        return JSONResponse(
            {"detail": error.detail}, status_code=error.status_code, headers=headers
        )

    app.state.batch_rate_limiter = RateLimiter(settings.batch_rate_limit)
    app.state.report_rate_limiter = RateLimiter(settings.report_rate_limit, what="reports")
    app.state.client_address = ClientAddress(parse_networks(settings.trusted_proxies))
    # Last added runs first: CORS answers preflights (which carry no token) before auth.
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_request_bytes)
    app.add_middleware(AuthMiddleware, auth=TokenAuth(settings.token_list))
    app.add_middleware(SecurityHeadersMiddleware)
    if settings.cors_origin_list:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origin_list,
            allow_methods=["GET", "POST", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
        )

    @app.get("/healthz", tags=["health"])
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["health"])
    async def readyz(request: Request) -> JSONResponse:
        runtime: Runtime = request.app.state.runtime
        checks: dict[str, str] = {}
        try:
            async with runtime.db.read() as session:
                await session.execute(sa.text("SELECT 1"))
            checks["database"] = "ok"
        except Exception as error:
            checks["database"] = f"unavailable: {type(error).__name__}"
        try:
            await runtime.queue.ping()
            checks["queue"] = "ok"
        except Exception as error:
            checks["queue"] = f"unavailable: {type(error).__name__}"
        ready = all(value == "ok" for value in checks.values())
        return JSONResponse(
            {"status": "ready" if ready else "not ready", "checks": checks},
            status_code=200 if ready else 503,
        )

    app.include_router(competitive_router)
    app.include_router(competitive_ws_router)
    app.include_router(analyses_router)
    app.include_router(sets_router)
    app.include_router(monitoring_router)
    app.include_router(status_router)
    _serve_frontend(app, frontend_dist)
    return app


def _serve_frontend(app: FastAPI, dist: Path | None) -> None:
    """The web UI at ``/``: its files, and ``index.html`` for its client-side routes.

    The fallback is a 404 handler rather than a catch-all route, so routes added later
    (in any order) are never shadowed by the UI.
    """
    index = dist / "index.html" if dist is not None else None
    if dist is None or index is None or not index.is_file():

        @app.get("/", include_in_schema=False)
        async def _no_frontend() -> PlainTextResponse:
            return PlainTextResponse(
                "Aura's API is running (see /docs). The web UI is not built: run `make frontend` "
                "(npm ci && npm run build in frontend/), then reload this page.\n"
            )

        return
    root = dist.resolve()
    if (root / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=root / "assets"), name="ui-assets")

    @app.exception_handler(StarletteHTTPException)
    async def _ui_or_error(request: Request, error: StarletteHTTPException) -> Response:
        path = request.url.path
        if error.status_code != 404 or request.method not in ("GET", "HEAD"):
            return await http_exception_handler(request, error)
        if path.startswith(_NOT_UI) or path in {p.rstrip("/") for p in _NOT_UI}:
            return await http_exception_handler(request, error)
        candidate = (root / path.lstrip("/")).resolve()
        if path != "/" and candidate.is_file() and candidate.is_relative_to(root):
            return FileResponse(candidate)
        # A client-side route: the app decides what to show.
        return FileResponse(index, headers={"Cache-Control": "no-cache"})
