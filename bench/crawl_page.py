"""Benchmark: one page of a crawl (``aura.crawl.page.crawl_page``) on the shared sites.

Every page of the shared front pages (``../shared/sites``) and of the multi-page sites
(``../shared/sites-multi``, every ``.html`` file) is served from another process, so the
CPU measured here is the crawl's alone. For each page: ``crawl_page`` end to end (wall and
process CPU, median of ``--rounds``), and the parts of its CPU: decoding the HTML, parsing
it, reading the record's facts (links, text, SimHash, structured data…), and the
document-only audits, with the costliest audits across all pages (the parts in CPU time of
the measuring thread). Then each multi-page site is crawled whole, one page at a time:
pages per second and CPU per page. Target of issue #26: 10 pages/s per core end to end, so
well under 100 ms of CPU per page.

    .venv/bin/python bench/crawl_page.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import multiprocessing
import statistics
import sys
import threading
import time
from collections import defaultdict
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aura.audit.artifacts import Artifacts, exclusive
from aura.audit.fetch import Fetcher, FetchLimits, NetworkPolicy
from aura.audit.runner import page_artifacts, run_audit
from aura.crawl import page as crawl
from aura.crawl.records import CrawlOptions
from bench.common import SITES_DIR, percentile, summary, write_result
from tests.crawl.support import crawl as crawl_site
from tests.support.servers import LoopbackServer

SHARED = SITES_DIR.parent


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _serve(root: str, ports: Any) -> None:
    server = LoopbackServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=root))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    ports.put(server.server_address[1])
    threading.Event().wait()


def pages() -> list[str]:
    """Paths (under the shared folder) of every page measured."""
    found = [
        f"{SITES_DIR.name}/{site.name}/index.html"
        for site in sorted(SITES_DIR.iterdir())
        if (site / "index.html").exists()
    ]
    multi = SHARED / "sites-multi"
    if multi.is_dir():
        found += sorted(str(path.relative_to(SHARED)) for path in multi.rglob("*.html"))
    return found


def _ms(started: float) -> float:
    """CPU milliseconds of this thread since ``started`` (``time.thread_time()``): the
    machine may be busy with other work, so wall time would overstate the parts."""
    return (time.thread_time() - started) * 1000


async def main(rounds: int, limit: int | None) -> dict[str, Any]:
    ports: Any = multiprocessing.Queue()
    server = multiprocessing.Process(target=_serve, args=(str(SHARED), ports), daemon=True)
    server.start()
    try:
        base = f"http://127.0.0.1:{ports.get(timeout=10)}/"
        paths = pages()[:limit] if limit else pages()
        limits = FetchLimits(user_agent="Aura-bench", retries=0)
        async with Fetcher(limits, NetworkPolicy(allow_private=True)) as fetcher:
            await crawl.crawl_page(base + paths[0], 0, fetcher)  # warm-up: imports, caches
            rows = [await _measure(base + path, fetcher, rounds) for path in paths]
        sites = [await _crawl_site(base, folder) for folder in _multi_sites()]
    finally:
        server.terminate()
        server.join()
    audit_ms: defaultdict[str, list[float]] = defaultdict(list)
    for row in rows:
        for audit_id, spent in row.pop("audits_each").items():
            audit_ms[audit_id].append(spent)
    costliest = sorted(audit_ms.items(), key=lambda item: -sum(item[1]))[:12]
    figures: dict[str, Any] = {
        "pages": len(rows),
        "rounds": rounds,
        "audits": len(crawl.DOCUMENT_AUDITS),
        "per_page": rows,
        "wall_ms": summary([row["wall_ms"] for row in rows]),
        "cpu_ms": summary([row["cpu_ms"] for row in rows]),
        "parts_ms": {
            part: summary([row[part] for row in rows])
            for part in ("decode_ms", "parse_ms", "facts_ms", "audits_ms")
        },
        "costliest_audits_ms": {
            audit_id: {"mean": round(statistics.mean(spent), 2), "max": round(max(spent), 2)}
            for audit_id, spent in costliest
        },
    }
    cpu = [row["cpu_ms"] for row in rows]
    figures["pages_per_cpu_second"] = round(1000 / statistics.mean(cpu), 1)
    figures["sites"] = sites
    _print(figures)
    write_result("crawl_page", figures)
    return figures


def _multi_sites() -> list[str]:
    multi = SHARED / "sites-multi"
    if not multi.is_dir():
        return []
    return sorted(path.name for path in multi.iterdir() if (path / "index.html").exists())


async def _crawl_site(base: str, folder: str) -> dict[str, Any]:
    """A whole multi-page site, breadth-first, one page at a time (tests/crawl/support.py:
    scope, normalisation and ``crawl_page`` of every page): pages per second of wall time
    and CPU per page of this process."""
    prefix = f"/sites-multi/{folder}/"
    options = CrawlOptions(max_pages=1000, max_depth=20, include=(prefix + "*",))
    wall, cpu = time.perf_counter(), time.process_time()
    records = await crawl_site(base.rstrip("/") + prefix + "index.html", options)
    elapsed, spent = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "site": folder,
        "pages": len(records),
        "wall_s": round(elapsed, 2),
        "pages_per_second": round(len(records) / elapsed, 1),
        "cpu_ms_per_page": round(spent * 1000 / len(records), 2),
    }


async def _measure(url: str, fetcher: Fetcher, rounds: int) -> dict[str, Any]:
    walls, cpus = [], []
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        record = await crawl.crawl_page(url, 0, fetcher)
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    response = await fetcher.fetch(url)
    # The parts, one after the other, in this thread.
    started = time.thread_time()
    exchange, document = page_artifacts(url, response)
    decode = _ms(started)
    started = time.thread_time()
    _ = document.tree
    parse = _ms(started)
    started = time.thread_time()
    exclusive(document, crawl._facts, document, exchange, False)
    facts = _ms(started)
    artifacts = Artifacts([exchange, document])
    each: dict[str, float] = {}
    for audit in crawl.DOCUMENT_AUDITS:
        started = time.thread_time()
        run_audit(audit, artifacts, {})
        each[audit.id] = _ms(started)
    return {
        "url": url.split("/", 3)[-1],
        "kib": round(len(response.body) / 1024, 1),
        "links": len(record.links),
        "words": record.words,
        "wall_ms": round(statistics.median(walls), 2),
        "cpu_ms": round(statistics.median(cpus), 2),
        "decode_ms": round(decode, 2),
        "parse_ms": round(parse, 2),
        "facts_ms": round(facts, 2),
        "audits_ms": round(sum(each.values()), 2),
        "audits_each": each,
    }


def _print(figures: dict[str, Any]) -> None:
    print(f"{'page':60} {'KiB':>7} {'wall':>7} {'cpu':>7} {'parse':>6} {'facts':>6} {'audits':>7}")
    for row in figures["per_page"]:
        print(
            f"{row['url'][:60]:60} {row['kib']:7.1f} {row['wall_ms']:7.1f} {row['cpu_ms']:7.1f} "
            f"{row['parse_ms']:6.1f} {row['facts_ms']:6.1f} {row['audits_ms']:7.1f}"
        )
    print(f"\n{figures['pages']} pages, {figures['audits']} document-only audits")
    print(f"crawl_page wall ms: {figures['wall_ms']}")
    print(f"crawl_page CPU ms:  {figures['cpu_ms']}")
    for part, values in figures["parts_ms"].items():
        print(f"  {part:10} {values}")
    print(f"pages per CPU second: {figures['pages_per_cpu_second']}")
    print("costliest audits (ms per page):")
    for audit_id, spent in figures["costliest_audits_ms"].items():
        print(f"  {audit_id:32} mean {spent['mean']:6.2f}  max {spent['max']:6.2f}")
    p95 = percentile([row["cpu_ms"] for row in figures["per_page"]], 0.95)
    print(f"CPU p95 per page: {p95:.1f} ms")
    for site in figures["sites"]:
        print(
            f"whole site {site['site']}: {site['pages']} pages in {site['wall_s']} s, "
            f"{site['pages_per_second']} pages/s, {site['cpu_ms_per_page']} ms CPU a page"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pages", type=int, default=None, help="measure only the first N")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.rounds, arguments.pages))
