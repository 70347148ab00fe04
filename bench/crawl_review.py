"""Review driver: crawl each of ``../shared/sites-multi/*`` served on loopback with the crawl
engine's functions, and print its ``site_report`` (and the comparison of the three sites),
so every claim can be checked against the sites' files.

Breadth-first from ``/`` over the same-site links in scope (robots.txt obeyed), then the
sitemap URLs the links did not reach (``source="sitemap"``, queued beyond the depth limit as
the crawl queues them, so their links are not followed), then the same-site subresources the
pages load, checked with the crawl's own ``check_resources`` (HEAD, then a short GET) and
its concurrency, delay and time limit; each page keeps the template ``crawl_page`` gave it
(``template_of``), as the crawl stores it. What the review prints is what Aura says.

    .venv/bin/python bench/crawl_review.py [--json OUT] [--site NAME]
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import sys
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aura.audit.fetch import Fetcher, FetchLimits, NetworkPolicy
from aura.audit.runner import ANALYSIS_VERSION
from aura.comparison import SiteInput, compare
from aura.competitive.crawl_tasks import RESOURCE_CHECK_S
from aura.competitive.crawls import sitemap_depth
from aura.crawl.page import crawl_page
from aura.crawl.records import SITEMAP_SOURCE, CrawlOptions, PageRecord
from aura.crawl.resources import check_resources
from aura.crawl.rules import SiteRules, site_rules
from aura.crawl.site import site_report
from aura.crawl.urls import Scope, normalise

SITES = Path(__file__).resolve().parents[1] / ".." / "shared" / "sites-multi"
LIMITS = FetchLimits(user_agent="Aura-review", total_timeout=10, retries=0)
LOOPBACK = NetworkPolicy(allow_private=True)
OPTIONS = CrawlOptions(max_pages=500, max_depth=10)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=folder))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


async def crawl_site(base: str) -> tuple[list[PageRecord], SiteRules, str]:
    start = base + "/"
    scope = Scope(start, OPTIONS)
    records: dict[str, PageRecord] = {}
    async with Fetcher(LIMITS, LOOPBACK) as fetcher:
        rules = await site_rules(start, fetcher, OPTIONS)
        queue: deque[tuple[str, int, str | None, str]] = deque(
            [(scope.start_url, 0, None, "start")]
        )
        queued = {scope.start_url}
        for entry in rules.entries:
            url = normalise(entry.url)
            if url is None or url in queued or scope.refusal(url) is not None:
                continue
            if rules.allowed(url):
                queued.add(url)
                queue.append((url, sitemap_depth(OPTIONS), None, SITEMAP_SOURCE))
        # Links first (breadth-first), sitemap URLs after them, as the crawl's frontier does.
        links: deque[tuple[str, int, str | None, str]] = deque([queue.popleft()])
        sitemap = queue
        while (links or sitemap) and len(records) < OPTIONS.max_pages:
            url, depth, found_on, source = links.popleft() if links else sitemap.popleft()
            if not rules.allowed(url):
                continue
            if url in records:
                continue
            record = await crawl_page(url, depth, fetcher, source=source, found_on=found_on)
            records[url] = record
            if depth >= OPTIONS.max_depth or record.nofollow:
                continue
            for link in record.links:
                if link in records or scope.refusal(link) is not None:
                    continue
                if link not in queued:
                    queued.add(link)
                    links.append((link, depth + 1, url, "link"))
                elif any(item[0] == link for item in sitemap):
                    # Found by a link after all: it has a click path.
                    sitemap = deque(item for item in sitemap if item[0] != link)
                    links.append((link, depth + 1, url, "link"))
        pages = list(records.values())
        resources = await check_resources(
            pages,
            fetcher,
            rules,
            concurrency=OPTIONS.concurrency,
            delay_s=rules.delay(OPTIONS),
            time_s=RESOURCE_CHECK_S,
        )
    return [*pages, *resources], rules, start


async def review(names: list[str]) -> dict[str, Any]:
    reports: dict[str, Any] = {}
    for name in names:
        with serve(SITES / name) as base:
            pages, rules, start = await crawl_site(base)
        report = site_report(pages, rules, start)
        reports[name] = {
            "base": base,
            "report": report,
            "pages": [p.as_json() for p in pages],
        }
    return reports


def compare_sites(reports: dict[str, Any]) -> dict[str, Any]:
    """The three crawled sites compared, the first primary. Each site's page-level result is
    its start page's category scores (from its record); its ``site`` is the site report."""
    sites = []
    for index, data in enumerate(reports.values()):
        url = data["report"]["start_url"]
        start = next(p for p in data["pages"] if p["url"] == url)
        categories = {
            name: {
                "title": name,
                "description": "",
                "informative": False,
                "score": score,
                "audits": [],
            }
            for name, score in start["scores"].items()
        }
        result = {
            "url": url,
            "final_url": url,
            "mode": "static",
            "analysis_version": ANALYSIS_VERSION,
            "title": start["title"],
            "metrics": {},
            "categories": categories,
            "facts": {},
            "site": data["report"],
        }
        sites.append(SiteInput(url, "completed", index == 0, None, result))
    return compare(sites, sites[0].url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", type=Path, help="write the reports and records here")
    parser.add_argument("--site", action="append", help="a folder of sites-multi (repeatable)")
    args = parser.parse_args()
    if not SITES.is_dir():
        sys.exit(f"the shared multi-page sites are not at {SITES}")
    names = args.site or sorted(p.name for p in SITES.iterdir() if p.is_dir())
    reports = asyncio.run(review(names))
    comparison = compare_sites(reports) if len(reports) > 1 else None
    if args.json:
        data = {"sites": reports, "comparison": comparison}
        args.json.write_text(json.dumps(data, indent=1, default=str))
    for name, data in reports.items():
        report = data["report"]
        print(f"== {name} ({data['base']})")
        print(json.dumps(report["figures"], indent=1))
        for finding in report["findings"]:
            print(
                f"  {finding['id']:24} count={finding['count']} "
                f"checked={finding['total_pages_checked']} unchecked={finding['unchecked']} "
                f"note={finding['note']}"
            )
        print("  structured:", json.dumps(report["structured_data"]))
        print("  scores:", json.dumps(report["scores"])[:600])
    if comparison is not None:
        section = comparison["site"]
        print("== comparison (site section)")
        for row in section["findings"]:
            print(f"  {row['id']:24} counts={list(row['counts'].values())} best={row['best']}")
        for statement in section.get("statements", []):
            print("  *", statement)


if __name__ == "__main__":
    main()
