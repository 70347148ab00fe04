"""Hand-built artifacts for audit tests (no network)."""

from __future__ import annotations

from typing import Any

from aura.audit.artifacts import (
    Artifacts,
    Document,
    Headers,
    HttpExchange,
    HttpRedirection,
    RobotsTxt,
    Sitemap,
    Stylesheets,
    Subresource,
    Subresources,
    WebManifest,
)
from aura.audit.audits import audits_by_id
from aura.audit.base import AuditResult
from aura.audit.fetch.client import RedirectHop, Timings
from aura.audit.gatherers.stylesheets import collect_stylesheets

PAGE = "https://example.com/"


def exchange(
    headers: dict[str, str] | list[tuple[str, str]] | None = None,
    *,
    url: str = PAGE,
    status: int = 200,
    http_version: str = "HTTP/2",
    ttfb_ms: float = 100.0,
    body_bytes: int = 10_000,
    redirects: int = 0,
) -> HttpExchange:
    pairs = list(headers.items()) if isinstance(headers, dict) else list(headers or [])
    hops = tuple(RedirectHop(f"{url}r{i}", 301, url) for i in range(redirects))
    return HttpExchange(
        requested_url=url,
        final_url=url,
        status_code=status,
        http_version=http_version,
        headers=Headers.of(pairs),
        redirects=hops,
        timings=Timings(ttfb_ms=ttfb_ms),
        body_bytes=body_bytes,
    )


def document(
    body: str = "", head: str = "", *, lang: str | None = "en", url: str = PAGE
) -> Document:
    lang_attr = f' lang="{lang}"' if lang is not None else ""
    return Document(
        url, f"<!doctype html><html{lang_attr}><head>{head}</head><body>{body}</body></html>"
    )


def resource(url: str, kind: str, size: int = 10_000, **kwargs: Any) -> Subresource:
    headers = Headers.of(kwargs.pop("headers", {}))
    body = kwargs.pop("body", b"")
    return Subresource(
        url=url, kind=kind, status_code=200, size=size, headers=headers, body=body, **kwargs
    )


def stylesheets(*css: str) -> Stylesheets:
    return Stylesheets(tuple(("inline", text) for text in css))


def run(audit_id: str, *items: object) -> AuditResult:
    """Run one audit on exactly the artifacts given, filling the usual defaults."""
    bag = Artifacts(items)
    audit = audits_by_id()[audit_id]
    for kind in audit.requires:
        if kind in bag:
            continue
        if kind is HttpExchange:
            bag.add(exchange())
        elif kind is Document:
            bag.add(document())
        elif kind is Subresources:
            bag.add(Subresources())
        elif kind is RobotsTxt:
            bag.add(RobotsTxt(PAGE + "robots.txt", 404))
        elif kind is Sitemap:
            bag.add(Sitemap(()))
        elif kind is WebManifest:
            bag.add(WebManifest())
        elif kind is HttpRedirection:
            bag.add(HttpRedirection("http://example.com/", ("http://example.com/",), None))
        elif kind is Stylesheets:
            doc = bag.find(Document) or document()
            bag.add(collect_stylesheets(doc, bag.find(Subresources) or Subresources()))
    return audit().audit(bag.only((*audit.requires, *audit.optional)))
