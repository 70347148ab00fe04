"""For the crawl tests: a loopback server whose answers a function computes (generated
sites: traps, sitemaps of any size), and a small breadth-first crawl over the engine's
functions (the crawl jobs drive the real one across workers)."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

from aura.audit.fetch import Fetcher, FetchLimits, NetworkPolicy
from aura.crawl.page import crawl_page
from aura.crawl.records import CrawlOptions, PageRecord
from aura.crawl.rules import SiteRules
from aura.crawl.urls import Scope
from tests.support.servers import LoopbackServer, _serving

LIMITS = FetchLimits(user_agent="Aura-test", total_timeout=10, retries=0)
LOOPBACK = NetworkPolicy(allow_private=True)


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html"})


#: (path, query parameters) → the reply, or None for a 404.
App = Callable[[str, dict[str, list[str]]], Reply | None]


@dataclass
class Served:
    base: str
    hits: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def serve_app(app: App) -> Iterator[Served]:
    served = Served("")
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            with lock:
                served.hits.append(self.path)
            reply = app(parts.path, parse_qs(parts.query)) or Reply(404, b"not found")
            try:
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
            except ConnectionError:
                pass

        def log_message(self, format: str, *args: object) -> None:
            pass

    with _serving(LoopbackServer(("127.0.0.1", 0), Handler)) as base:
        served.base = base
        yield served


def html(body: str, head: str = "") -> Reply:
    page = f"<!doctype html><html lang=en><head>{head}</head><body>{body}</body></html>"
    return Reply(body=page.encode())


async def crawl(
    start_url: str, options: CrawlOptions, rules: SiteRules | None = None
) -> dict[str, PageRecord]:
    """Breadth-first over the same-site links in scope, to ``options.max_pages`` pages and
    ``options.max_depth`` clicks; robots.txt obeyed when ``rules`` are given."""
    scope = Scope(start_url, options)
    records: dict[str, PageRecord] = {}
    queue: deque[tuple[str, int, str | None]] = deque([(scope.start_url, 0, None)])
    queued = {scope.start_url}
    async with Fetcher(LIMITS, LOOPBACK) as fetcher:
        while queue and len(records) < options.max_pages:
            url, depth, found_on = queue.popleft()
            if rules is not None and not rules.allowed(url):
                continue
            source = "start" if found_on is None else "link"
            record = await crawl_page(url, depth, fetcher, source=source, found_on=found_on)
            records[url] = record
            if depth >= options.max_depth or record.nofollow:
                continue
            for link in record.links:
                if link not in queued and scope.refusal(link) is None:
                    queued.add(link)
                    queue.append((link, depth + 1, url))
    return records
