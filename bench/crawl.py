"""Crawl benchmark (issue #26): five generated sites crawled end to end through the jobs.

Five sites of 600 pages each (a home page, categories, products, blog posts: four route
templates; robots.txt and a sitemap) are served on loopback by this process. For each crawl
size (100 and 500 pages a site by default) a fresh child process runs Aura embedded (SQLite,
in-process queue and worker, static mode), creates one batch of the five sites with
``pages=N`` through ``CompetitiveService`` as the API does, and waits for it to finish. The
child reports the pages crawled, wall time, its CPU time and its peak resident memory.

Figures: pages per second (wall), pages per CPU-second of the Aura process (= pages/s per
core kept busy), and peak RSS per size: flat memory means the crawl does not hold its pages.

Usage: .venv/bin/python bench/crawl.py [--sizes 100 500] [--site-pages 600]
Writes bench/results/crawl.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from bench.common import write_result  # noqa: E402

SITES = 5
TEMPLATE = (
    "<!doctype html><html lang=en><head><meta charset=utf-8><title>{title}</title>"
    '<meta name="description" content="{title} of site {site}"></head><body>'
    "<header><a href=/>Home</a> <a href=/blog/>Blog</a></header><main><h1>{title}</h1>"
    "<p>{text}</p>{links}</main><footer><a href=/about>About</a></footer></body></html>"
)
WORDS = "crawl page text about products and posts for a generated benchmark site " * 6


def _write(path: Path, html: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")


def generate(root: Path, site: int, pages: int) -> None:
    """One site of about ``pages`` pages: 10 categories of products, a blog, an about page."""
    categories = 10
    products = max(1, (pages * 2 // 3) // categories)
    posts = max(1, pages - categories * products - categories - 3)
    urls: list[str] = ["/", "/about", "/blog/"]

    def page(path: str, title: str, links: list[str]) -> None:
        anchors = "".join(f'<a href="{link}">{link}</a> ' for link in links)
        html = TEMPLATE.format(title=title, site=site, text=WORDS, links=f"<nav>{anchors}</nav>")
        folder = root / path.strip("/")
        _write(folder / "index.html", html)

    page("/", f"Site {site}", [f"/category/{c}/" for c in range(categories)])
    page("/about", "About", [])
    page("/blog/", "Blog", [f"/blog/post-{p}/" for p in range(posts)])
    for p in range(posts):
        page(f"/blog/post-{p}/", f"Post {p}", ["/blog/", f"/blog/post-{(p + 1) % posts}/"])
        urls.append(f"/blog/post-{p}/")
    for c in range(categories):
        items = [f"/product/{c}-{i}/" for i in range(products)]
        page(f"/category/{c}/", f"Category {c}", items)
        urls.append(f"/category/{c}/")
        for i, item in enumerate(items):
            page(item, f"Product {c}-{i}", [f"/category/{c}/", items[(i + 1) % len(items)]])
            urls.append(item)
    sitemap = "".join(f"<url><loc>SITE{url}</loc></url>" for url in urls)
    _write(root / "sitemap.xml", f'<?xml version="1.0"?><urlset>{sitemap}</urlset>')
    _write(root / "robots.txt", "User-agent: *\nDisallow: /private/\nSitemap: /sitemap.xml\n")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    request_queue_size = 128
    daemon_threads = True


def serve(folder: Path) -> tuple[_Server, str]:
    def handler(*args: Any) -> _Quiet:
        return _Quiet(*args, directory=str(folder))

    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}"


async def crawl_once(urls: list[str], pages: int, data_dir: Path) -> dict[str, Any]:
    """The child's part: one batch of ``urls`` with ``pages`` a site, embedded."""
    import sqlalchemy as sa

    from aura.competitive.schemas import BatchCreate
    from aura.competitive.service import CompetitiveService
    from aura.config import Settings
    from aura.db.migrate import upgrade
    from aura.models import BatchStatus, CompetitiveAnalysisBatch, Crawl
    from aura.runtime import background_worker
    from aura.worker import create_runtime

    database = f"sqlite+aiosqlite:///{data_dir / 'aura.db'}"
    await asyncio.to_thread(upgrade, database)
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=database,
        data_dir=data_dir,
        queue_url="memory://",
        queue_name=f"bench-{uuid.uuid4().hex[:8]}",
        allow_private_networks=True,
        default_mode="static",
        fetch_retries=0,
    )
    runtime = create_runtime(settings)
    async with runtime.opened(), background_worker(runtime):
        service = CompetitiveService(
            runtime.queue, runtime.bus, max_urls=10, allow_private=True, default_mode="static"
        )
        started = time.perf_counter()
        cpu_started = time.process_time()
        async with runtime.db.write() as session:
            batch = await service.create(session, BatchCreate(urls=urls, pages=pages, depth=10))
        batch_id = batch.id
        # The bench's own watching costs as little as it can: the batch's status alone, then
        # the whole batch once (a full read every 0.2 s was a tenth of the process's CPU).
        status_of = sa.select(CompetitiveAnalysisBatch.status).where(
            CompetitiveAnalysisBatch.id == batch_id
        )
        while True:
            await asyncio.sleep(0.2)
            async with runtime.db.read() as session:
                status = BatchStatus(await session.scalar(status_of))
            if status.finished:
                break
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        async with runtime.db.read() as session:
            crawls = list((await service.get(session, batch_id)).crawls)
    crawled = sum(crawl.done + crawl.failed for crawl in crawls if isinstance(crawl, Crawl))
    return {
        "pages_per_site": pages,
        "status": str(status),
        "pages_crawled": crawled,
        "failed": sum(crawl.failed for crawl in crawls),
        "seconds": round(elapsed, 2),
        "cpu_seconds": round(cpu, 2),
        "pages_per_second": round(crawled / elapsed, 1),
        "pages_per_cpu_second": round(crawled / cpu, 1) if cpu else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        # CPU-seconds grow on a busy machine (caches, frequency): say how busy it was.
        "load_average": round(os.getloadavg()[0], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500])
    parser.add_argument("--site-pages", type=int, default=600)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--urls", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        # The process Aura is when the ``aura`` command starts it (few malloc arenas: with
        # glibc's default the freed memory spreads over an arena per thread and grows with
        # the pages crawled).
        from aura.process import prepare_process

        prepare_process()
        with tempfile.TemporaryDirectory(prefix="aura-bench-crawl-") as data:
            print(json.dumps(asyncio.run(crawl_once(args.urls, args.child, Path(data)))))
        return

    runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="aura-bench-sites-") as folder:
        servers = []
        for site in range(SITES):
            root = Path(folder) / f"site-{site}"
            generate(root, site, args.site_pages)
            servers.append(serve(root))
        for _server, base in servers:
            sitemap = root_of(Path(folder), servers, base) / "sitemap.xml"
            sitemap.write_text(sitemap.read_text().replace("SITE", base))
        urls = [f"{base}/" for _server, base in servers]
        for size in args.sizes:
            child = subprocess.run(
                [sys.executable, __file__, "--child", str(size), "--urls", *urls],
                capture_output=True,
                text=True,
                check=False,
                cwd=ROOT,
            )
            if child.returncode != 0:
                sys.exit(f"the crawl of {size} pages a site failed:\n{child.stderr[-4000:]}")
            figures = json.loads(child.stdout.strip().splitlines()[-1])
            runs.append(figures)
            print(
                f"{size:>5} pages/site: {figures['pages_crawled']} pages in "
                f"{figures['seconds']} s = {figures['pages_per_second']} pages/s, "
                f"{figures['pages_per_cpu_second']} pages per CPU-second, "
                f"peak RSS {figures['peak_rss_mb']} MB, load {figures['load_average']} "
                f"({figures['status']})"
            )
        for server, _base in servers:
            server.shutdown()
    path = write_result("crawl", {"sites": SITES, "site_pages": args.site_pages, "runs": runs})
    print(f"wrote {path}")


def root_of(folder: Path, servers: list[tuple[_Server, str]], base: str) -> Path:
    index = [item for _server, item in servers].index(base)
    return folder / f"site-{index}"


if __name__ == "__main__":
    main()
