"""The page's stylesheets, scripts, images and fonts, fetched within firm bounds.

Discovery runs in two waves: what the HTML refers to, then what the fetched stylesheets
refer to (``@import``, web fonts, background images). Every request goes through the
guarded fetcher. Count, bytes, per-host concurrency and wall time are all bounded; a
resource that fails (an unresolvable CDN, a 404, a timeout) is recorded, never fatal.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urldefrag, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from aura.audit import cpu, css
from aura.audit.artifacts import Document, Headers, Subresource, Subresources, exclusive
from aura.audit.fetch import Fetcher, FetchError
from aura.audit.gatherers.base import GatherContext
from aura.audit.gatherers.limits import SubresourceLimits

#: How much of a larger image is kept: enough for any header that carries its dimensions.
IMAGE_HEAD_BYTES = 64 * 1024
#: Images up to this size are kept whole, to be re-encoded (Lighthouse's limit for it); the
#: subresource byte budget bounds what they hold together.
IMAGE_BODY_BYTES = 2000 * 1024

_FONT_EXTENSIONS = (".woff2", ".woff", ".ttf", ".otf", ".eot")
_PRELOAD_KINDS = {"style": "stylesheet", "script": "script", "image": "image", "font": "font"}


@dataclass(frozen=True)
class Reference:
    url: str
    kind: str
    initiator: str = "html"


def discover_in_html(document: Document) -> list[Reference]:
    """Subresources the HTML refers to, stylesheets and scripts first, in document order."""
    found: list[Reference] = []
    for node in document.css("link[href]"):
        rel = (node.attributes.get("rel") or "").lower().split()
        href = node.attributes.get("href") or ""
        if "stylesheet" in rel:
            found.append(Reference(href, "stylesheet"))
        elif "preload" in rel or "modulepreload" in rel:
            kind = _PRELOAD_KINDS.get((node.attributes.get("as") or "").lower(), "other")
            found.append(Reference(href, "script" if "modulepreload" in rel else kind))
    if not any(ref.kind == "stylesheet" for ref in found):
        found.extend(_noscript_stylesheets(document.html))
    for node in document.css("script[src]"):
        found.append(Reference(node.attributes.get("src") or "", "script"))
    for node in document.css("img, input[type=image], video[poster]"):
        source = node.attributes.get("src") or node.attributes.get("poster") or ""
        if not source.strip():
            source = _first_srcset_candidate(node.attributes.get("srcset") or "")
        found.append(Reference(source, "image"))
    found.extend(Reference(url, "image") for url in _inline_css_images(document))
    order = {"stylesheet": 0, "script": 1, "font": 2, "image": 3, "other": 4}
    resolved = _resolve(found, document.base_url)
    return sorted(resolved, key=lambda ref: order.get(ref.kind, 5))


#: Initiators of the subresources the page's HTML names (the others: a stylesheet's URL).
HTML_INITIATORS = frozenset({"html", "noscript"})
_NOSCRIPT = re.compile(r"<noscript\b[^>]*>(.*?)</noscript\s*>", re.IGNORECASE | re.DOTALL)


def _noscript_stylesheets(html: str) -> list[Reference]:
    """The stylesheets a page links only inside ``<noscript>``: pages that load their CSS
    with a script (skel.js, loadCSS) put the same sheets there for visitors without one.
    Static mode runs no script, and this fallback is the best view it has of the page's
    styling (the parsed tree leaves ``<noscript>`` out: a browser with scripting on never
    renders it, so these sheets count as the page's CSS and never as render-blocking)."""
    found: list[Reference] = []
    for match in _NOSCRIPT.finditer(html):
        fragment = LexborHTMLParser(match.group(1))
        for node in fragment.css("link[href]"):
            rel = (node.attributes.get("rel") or "").lower().split()
            if "stylesheet" in rel:
                found.append(Reference(node.attributes.get("href") or "", "stylesheet", "noscript"))
    return found


def _inline_css_images(document: Document) -> list[str]:
    """Images that ``<style>`` elements and ``style`` attributes load (hero backgrounds,
    cards): the page downloads them as surely as an ``<img>``. Font files are left to the
    stylesheets that declare their faces."""
    texts = [node.text(deep=True) or "" for node in document.css("style")]
    texts.extend(node.attributes.get("style") or "" for node in document.css("[style*='url(']"))
    urls: list[str] = []
    for text in texts:
        facts = css.references(text)
        fonts = {url for face in facts.font_faces for url in face.sources}
        urls.extend(
            url
            for url in facts.urls
            if url not in fonts
            and url not in facts.imports
            and not url.lower().split("?")[0].endswith(_FONT_EXTENSIONS)
        )
    return urls


def discover_in_css(sheet: Subresource) -> list[Reference]:
    """What a fetched stylesheet refers to: imports, web fonts (one per face), images."""
    facts = css.references(sheet.text)
    found = [Reference(url, "stylesheet", sheet.url) for url in facts.imports]
    font_urls: set[str] = set()
    for face in facts.font_faces:
        # A browser downloads one format per face; prefer the one it would pick.
        preferred = sorted(face.sources, key=_font_preference)
        if preferred:
            font_urls.update(face.sources)
            found.append(Reference(preferred[0], "font", sheet.url))
    for url in facts.urls:
        if url in font_urls or url in facts.imports:
            continue
        kind = "font" if url.lower().split("?")[0].endswith(_FONT_EXTENSIONS) else "image"
        if kind == "image":
            found.append(Reference(url, kind, sheet.url))
    return _resolve(found, sheet.url)


def _font_preference(url: str) -> int:
    path = url.lower().split("?")[0].split("#")[0]
    for rank, extension in enumerate(_FONT_EXTENSIONS):
        if path.endswith(extension):
            return rank
    return len(_FONT_EXTENSIONS)


def _first_srcset_candidate(srcset: str) -> str:
    first = srcset.split(",")[0].strip()
    return first.split()[0] if first else ""


def _resolve(references: Iterable[Reference], base: str) -> list[Reference]:
    resolved: list[Reference] = []
    seen: set[str] = set()
    for ref in references:
        raw = ref.url.strip()
        if not raw or raw.startswith(("data:", "javascript:", "blob:", "about:", "#")):
            continue
        url = urldefrag(urljoin(base, raw)).url
        if urlsplit(url).scheme not in ("http", "https") or url in seen:
            continue
        seen.add(url)
        resolved.append(Reference(url, ref.kind, ref.initiator))
    return resolved


class _Budget:
    """Shared bookkeeping of one page's subresource fetches."""

    def __init__(self, limits: SubresourceLimits) -> None:
        self.limits = limits
        self.started = 0
        self.bytes = 0
        self.all = asyncio.Semaphore(limits.max_concurrency)
        self.hosts: dict[str, asyncio.Semaphore] = {}

    def host(self, url: str) -> asyncio.Semaphore:
        key = urlsplit(url).netloc.lower()
        if key not in self.hosts:
            self.hosts[key] = asyncio.Semaphore(self.limits.per_host_concurrency)
        return self.hosts[key]


async def fetch_one(fetcher: Fetcher, reference: Reference, budget: _Budget) -> Subresource:
    async with budget.host(reference.url), budget.all:
        if budget.bytes >= budget.limits.max_total_bytes:
            return _unfetched(reference, "skipped: the subresource byte budget was spent")
        started = time.perf_counter()
        try:
            response = await fetcher.fetch(reference.url)
        except FetchError as error:
            return _unfetched(reference, str(error), started)
    budget.bytes += len(response.body)
    keep = response.body
    if reference.kind == "image":
        if len(response.body) > IMAGE_BODY_BYTES:
            keep = response.body[:IMAGE_HEAD_BYTES]
    elif reference.kind not in ("stylesheet", "script"):
        keep = b""
    return Subresource(
        url=reference.url,
        kind=reference.kind,
        initiator=reference.initiator,
        status_code=response.status_code,
        content_type=response.content_type,
        headers=Headers.of(response.headers),
        size=len(response.body),
        transfer_bytes=response.transfer_bytes,
        http_version=response.http_version,
        body=keep,
        elapsed_ms=response.timings.total_ms,
    )


def _unfetched(reference: Reference, error: str, started: float | None = None) -> Subresource:
    elapsed = None if started is None else round((time.perf_counter() - started) * 1000, 2)
    return Subresource(
        url=reference.url,
        kind=reference.kind,
        initiator=reference.initiator,
        error=error,
        elapsed_ms=elapsed,
    )


async def fetch_all(
    fetcher: Fetcher, document: Document, limits: SubresourceLimits
) -> Subresources:
    """Fetch the page's subresources in two waves, within the limits."""
    budget = _Budget(limits)
    deadline = time.monotonic() + limits.time_budget
    items: list[Subresource] = []
    skipped: list[tuple[str, str]] = []
    seen: set[str] = {document.url}

    async def wave(references: list[Reference]) -> None:
        chosen: list[Reference] = []
        for ref in references:
            if ref.url in seen:
                continue
            seen.add(ref.url)
            if budget.started >= limits.max_count:
                skipped.append((ref.url, f"over the limit of {limits.max_count} subresources"))
                continue
            budget.started += 1
            chosen.append(ref)
        if not chosen:
            return
        tasks = {cpu.create_task(fetch_one(fetcher, ref, budget)): ref for ref in chosen}
        try:
            done, pending = await asyncio.wait(tasks, timeout=max(0.0, deadline - time.monotonic()))
        except BaseException:
            # The analysis was cut short (its time limit): its fetches stop with it rather
            # than run on against a fetcher about to close.
            for task in tasks:
                task.cancel()
            raise
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending)
        for task, ref in tasks.items():
            if task in done and not task.cancelled() and task.exception() is None:
                items.append(task.result())
            else:
                items.append(
                    _unfetched(ref, f"not finished within the {limits.time_budget:g} s budget")
                )

    # In a thread, holding the tree: the event loop must not wait for the tree's lock
    # while another thread reads a large page (every timer of the worker would be late).
    await wave(await cpu.to_thread(exclusive, document, discover_in_html, document))
    found_in_css: list[Reference] = []
    for sheet in [item for item in items if item.kind == "stylesheet" and item.ok]:
        found_in_css.extend(discover_in_css(sheet))
    await wave(found_in_css)
    # One more level of @import is common (font services); deeper chains are not followed.
    imported = [
        ref
        for item in items
        if item.kind == "stylesheet" and item.ok and item.initiator not in HTML_INITIATORS
        for ref in discover_in_css(item)
    ]
    await wave(imported)
    return Subresources(tuple(items), tuple(skipped))


class SubresourcesGatherer:
    produces: ClassVar[type[Subresources]] = Subresources
    depends: ClassVar[tuple[type[object], ...]] = (Document,)

    async def gather(self, context: GatherContext) -> Subresources:
        return await fetch_all(
            context.aux_fetcher, context.artifacts.get(Document), context.subresource_limits
        )
