"""The site-level audits over a large crawl: ``site_report`` on synthetic sites of growing
size (default 1,000 and 10,000 pages), wall and CPU seconds and peak Python memory.

The synthetic site has a home page, 20 section pages, product and blog pages (each linking
to 10 siblings and its section), a sitemap listing every page plus 2 % that no page links, a
few broken links and redirects, shared titles on every 50th page, near-duplicate text
fingerprints (a group every 100 pages) and scores on every page.

Usage: .venv/bin/python bench/site_report.py [--sizes 1000,10000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aura.crawl.records import PageRecord, SitemapEntry
from aura.crawl.rules import SiteRules
from aura.crawl.site import site_report
from bench.common import write_result

ORIGIN = "https://synthetic.test"


def synthetic_site(size: int, seed: int = 26) -> tuple[list[PageRecord], SiteRules]:
    chance = random.Random(seed)
    urls = [f"{ORIGIN}/"] + [f"{ORIGIN}/section/{n}" for n in range(20)]
    urls += [f"{ORIGIN}/{'product' if n % 3 else 'blog'}/{n}" for n in range(size - len(urls))]
    pages: list[PageRecord] = []
    for index, url in enumerate(urls):
        siblings = tuple(urls[(index + step) % len(urls)] for step in range(1, 11))
        broken = (f"{ORIGIN}/gone/{index}",) if index % 500 == 7 else ()
        template = "/" if index == 0 else url.rsplit("/", 1)[0] + "/:id"
        base_hash = chance.getrandbits(64)
        if index % 100 < 3:
            base_hash = (index // 100) * 0x9E3779B97F4A7C15 & 0xFFFFFFFFFFFFFFFF ^ index % 100
        pages.append(
            PageRecord(
                url=url,
                depth=min(index // 50, 6),
                source="start" if index == 0 else "link",
                final_url=url,
                status=200,
                content_type="text/html",
                title="Shared title" if index % 50 == 0 else f"Page {index}",
                description=f"About page {index}",
                h1=(f"Heading {index}",),
                canonical=url,
                links=(*siblings, *broken),
                resources=(f"{ORIGIN}/static/app.js",),
                words=chance.randint(50, 2000),
                simhash=base_hash,
                structured_types=("Product",) if "/product/" in url and index % 4 else (),
                template=template,
                scores={"seo": chance.uniform(60, 100), "performance": chance.uniform(30, 100)},
            )
        )
    for index in range(0, size, 500):
        pages.append(PageRecord(url=f"{ORIGIN}/gone/{index + 7}", depth=3, status=404))
    orphans = [f"{ORIGIN}/orphan/{n}" for n in range(size // 50)]
    pages.extend(
        PageRecord(
            url=url,
            depth=0,
            source="sitemap",
            final_url=url,
            status=200,
            content_type="text/html",
            title=url,
            words=300,
        )
        for url in orphans
    )
    rules = SiteRules(
        robots_url=f"{ORIGIN}/robots.txt",
        entries=tuple(SitemapEntry(url=url) for url in urls + orphans),
    )
    return pages, rules


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000")
    args = parser.parse_args()
    figures: dict[str, dict[str, object]] = {}
    print(f"{'pages':>8} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9} findings with a count")
    for size in (int(part) for part in args.sizes.split(",") if part):
        pages, rules = synthetic_site(size)
        wall, cpu = time.perf_counter(), time.process_time()
        report = site_report(pages, rules, f"{ORIGIN}/")
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        # Memory in a second run: tracing slows Python down several times.
        tracemalloc.start()
        site_report(pages, rules, f"{ORIGIN}/")
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        counted = sum(1 for f in report["findings"] if f["count"])
        figures[str(size)] = {
            "findings": {f["id"]: f["count"] for f in report["findings"] if f["count"]},
            "records": len(pages),
            "wall_s": round(wall, 3),
            "cpu_s": round(cpu, 3),
            "peak_python_mb": round(peak, 1),
        }
        print(f"{len(pages):>8} {wall:>8.2f} {cpu:>8.2f} {peak:>9.1f} {counted}")
    path = write_result("site_report", {"sizes": figures})
    print(f"written to {path}")


if __name__ == "__main__":
    main()
