"""The interactive API docs (``/docs``: Swagger UI, ``/redoc``: ReDoc), with no CDN.

The viewers' assets come from the pinned ``fastapi-offline`` package and are served from
Aura's own origin under ``/docs/assets/``; the start-up scripts are files here rather than
inline scripts, so the pages run under a Content-Security-Policy without
``'unsafe-inline'`` for scripts. Each page's policy allows exactly what its viewer needs.
"""

from __future__ import annotations

import html
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

VENDOR_ASSETS = Path(fastapi_offline.__file__).resolve().parent / "static"
OWN_ASSETS = Path(__file__).resolve().parent / "static"
ASSETS_URL = "/docs/assets"
OWN_ASSETS_URL = "/docs/start"

_COMMON_POLICY = (
    "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
#: Swagger UI injects style attributes; it fetches the schema and sends "Try it out" calls
#: to this origin.
SWAGGER_POLICY = f"{_COMMON_POLICY}; style-src 'self' 'unsafe-inline'"
#: ReDoc (styled-components) writes <style> elements, and runs its search index in a Worker
#: it builds from a blob: URL.
REDOC_POLICY = f"{_COMMON_POLICY}; style-src 'self' 'unsafe-inline'; worker-src blob:"


def _page(title: str, openapi_url: str, head: str, body: str, policy: str) -> HTMLResponse:
    document = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<link rel="icon" type="image/png" href="{ASSETS_URL}/favicon.png">
{head}
</head>
<body data-openapi-url="{html.escape(openapi_url, quote=True)}">
{body}
</body>
</html>
"""
    return HTMLResponse(document, headers={"Content-Security-Policy": policy})


def add_api_docs(app: FastAPI, openapi_url: str) -> None:
    """Route ``/docs`` and ``/redoc`` (the app is built with ``docs_url=redoc_url=None``)."""
    app.mount(ASSETS_URL, StaticFiles(directory=VENDOR_ASSETS), name="api-docs-assets")
    app.mount(OWN_ASSETS_URL, StaticFiles(directory=OWN_ASSETS), name="api-docs-start")

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return _page(
            f"{app.title} API",
            openapi_url,
            f'<link rel="stylesheet" href="{ASSETS_URL}/swagger-ui.css">',
            f'<div id="swagger-ui"></div>\n'
            f'<script src="{ASSETS_URL}/swagger-ui-bundle.js"></script>\n'
            f'<script src="{OWN_ASSETS_URL}/swagger.js"></script>',
            SWAGGER_POLICY,
        )

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return _page(
            f"{app.title} API reference",
            openapi_url,
            "",
            f'<div id="redoc"></div>\n'
            f'<script src="{ASSETS_URL}/redoc.standalone.js"></script>\n'
            f'<script src="{OWN_ASSETS_URL}/redoc.js"></script>',
            REDOC_POLICY,
        )
