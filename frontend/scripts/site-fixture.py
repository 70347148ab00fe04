"""Writes src/test/fixtures/site-comparison.json: a real comparison document with a site
section, made by Aura's own comparison from crawled-site reports built like the comparison
tests' (tests/comparison/test_site.py). Run from the repository root:

    PYTHONPATH=src:. .venv/bin/python frontend/scripts/site-fixture.py
"""

from __future__ import annotations

import json
from pathlib import Path

from aura.crawl.site import site_report
from tests.comparison.builders import A, B, C, run
from tests.comparison.test_site import crawled, page, with_crawl

OUT = Path(__file__).resolve().parents[1] / "src" / "test" / "fixtures" / "site-comparison.json"

# The primary site: 14 broken internal links, 3 of 25 product pages with Product markup, and
# two pages sharing a title that is page text with markup in it (it must show as text).
own = crawled(A, broken=14, products=25, marked=3, keywords=(("kettle", 6), ("tea", 2)))
shared = "<img src=x onerror=alert(1)> Shop"
own_with_titles = site_report(
    [
        page(A, "/", depth=0, source="start", links=(A + "about", A + "contact")),
        page(A, "/about", title=shared),
        page(A, "/contact", title=shared),
    ],
    None,
    A,
)
titles = next(f for f in own_with_titles["findings"] if f["id"] == "duplicate-titles")
own["findings"] = [titles if f["id"] == titles["id"] else f for f in own["findings"]]
document = run(
    with_crawl(A, own),
    with_crawl(
        B, crawled(B, broken=0, products=25, marked=24, keywords=(("teapot", 5), ("cups", 4)))
    ),
    with_crawl(C, crawled(C, broken=3)),
    primary_url=A,
)
OUT.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n")
print(f"wrote {OUT}")
