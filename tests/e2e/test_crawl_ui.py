"""A crawl in the web UI, end to end: a comparison of two small sites with more than one page
per site, its crawl progress live, the sites compared as crawled, and the pages table.

Same requirements as test_ui.py (Chromium, the built UI, Playwright). The sites are written
here, so that every figure the UI shows can be counted from them: ours has 7 pages and one
broken link (to /products/99, from two pages); the rival's has 3 pages. One of our pages is
held open until the test has seen the crawl half done, so the live progress is seen for
certain, whatever the machine's load. And a comparison set's crawl: saved from the set
form, shown on the set's page and in its edit form, dropped by one page per site.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.e2e.test_ui import ARTIFACTS, chromium_ready  # noqa: F401
from tests.support.processes import aura_processes
from tests.support.servers import Route, ScriptedSite, serve_scripted

#: How the UI shows a value that is not there.
MISSING = "\u2013"
ROBOTS = Route(body=b"User-agent: *\nAllow: /\n", headers={"Content-Type": "text/plain"})


def _page(title: str, links: list[str], words: str = "") -> Route:
    anchors = " ".join(f'<a href="{href}">{href}</a>' for href in links)
    body = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title}</title><meta name="description" content="{title}: a page of the fixture.">
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><header><nav>{anchors}</nav></header><main><h1>{title}</h1>
<p>{words or title} is one page of a small site that the crawl reads from end to end.</p>
</main></body></html>"""
    return Route(body=body.encode())


PRODUCTS = ["/products/1", "/products/2", "/products/3"]
POSTS = ["/blog/hello-world", "/blog/second-post"]
#: Our pages, as the crawl finds them from / (and the broken one, which answers 404).
OWN_PAGES = ["/", "/about", *PRODUCTS, *POSTS]
BROKEN = "/products/99"
LINKING_TO_BROKEN = ["/products/2", "/blog/second-post"]


def own_site(gate: threading.Event) -> ScriptedSite:
    routes = {
        "/robots.txt": ROBOTS,
        "/": _page("Acme shop", ["/about", *PRODUCTS, *POSTS]),
        "/products/1": _page("Blue kettle", ["/", "/products/2"]),
        "/products/2": _page("Red kettle", ["/", "/products/1", BROKEN]),
        "/products/3": _page("Green kettle", ["/"]),
        "/blog/hello-world": _page("Hello world", ["/"]),
        "/blog/second-post": _page("Second post", ["/", BROKEN]),
    }
    about = _page("About Acme", ["/"])
    routes["/about"] = Route(body=about.body, gate=gate)
    return ScriptedSite(routes=routes, default=None)  # anything else: 404


def rival_site() -> ScriptedSite:
    return ScriptedSite(
        routes={
            "/robots.txt": ROBOTS,
            "/": _page("Rival kettles", ["/pricing", "/contact"]),
            "/pricing": _page("Rival pricing", ["/"]),
            "/contact": _page("Contact Rival", ["/"]),
        },
        default=None,
    )


@pytest.fixture(scope="module")
def aura(tmp_path_factory: pytest.TempPathFactory, chromium_ready: None) -> Iterator[str]:  # noqa: F811
    data = tmp_path_factory.mktemp("crawl-ui-data")
    env = {
        "AURA_DATA_DIR": str(data),
        "AURA_ALLOW_PRIVATE_NETWORKS": "true",
        # The held page answers once the test has looked: its fetch must outwait the look.
        "AURA_FETCH_READ_TIMEOUT": "90",
        "AURA_FETCH_TOTAL_TIMEOUT": "90",
    }
    with aura_processes(env, data / "logs") as group:
        yield group.api()


# Records every text the crawl progress shows, so the test sees the counts as they went.
WATCH_PROGRESS = """() => {
  window.__progress = [];
  const note = () => document.querySelectorAll('ul[aria-label="Crawl progress"] li')
    .forEach((row) => {
      const text = row.textContent;
      const seen = window.__progress;
      if (!seen.length || seen[seen.length - 1] !== text) seen.push(text);
    });
  note();
  new MutationObserver(note).observe(document.body,
    {subtree: true, childList: true, characterData: true});
}"""

COUNTS = re.compile(
    r"^(?P<site>\S+): (?P<discovered>\d+) discovered · (?P<done>\d+) done · "
    r"(?P<failed>\d+) failed · (?P<queued>\d+) queued"
)


# The crawl progress of ``site`` (its row's counts), or null; page functions use it.
COUNTS_JS = r"""(site) => {
  for (const row of document.querySelectorAll('ul[aria-label="Crawl progress"] li')) {
    const m = row.textContent.match(
      /^(\S+): (\d+) discovered · (\d+) done · (\d+) failed · (\d+) queued/);
    if (m && m[1] === site) {
      return {discovered: +m[2], done: +m[3], failed: +m[4], queued: +m[5]};
    }
  }
  return null;
}"""

# The URLs of the rows of the pages table.
ROW_URLS_JS = """() => [...document.querySelectorAll('.crawl-pages table tbody tr')]
  .map((row) => row.querySelector('td a')?.textContent)"""


def _counts(texts: list[str], site: str) -> list[dict[str, int]]:
    found = []
    for text in texts:
        match = COUNTS.match(text)
        if match and match["site"] == site:
            found.append({k: int(v) for k, v in match.groupdict().items() if k != "site"})
    return found


def _progress_of(page: Any, site: str) -> dict[str, int] | None:
    counts: dict[str, int] | None = page.evaluate(COUNTS_JS, site)
    return counts


def _rows(page: Any) -> list[list[str]]:
    table = page.locator(".crawl-pages table")
    return [
        [cell.strip() for cell in row.locator("td").all_inner_texts()]
        for row in table.locator("tbody tr").all()
    ]


def _wait_rows(page: Any, expected: set[str]) -> list[list[str]]:
    """The pages table once its rows are the pages ``expected`` (by URL)."""
    page.wait_for_function(
        f"""(expected) => {{
          const urls = ({ROW_URLS_JS})();
          return urls.length === expected.length && expected.every((u) => urls.includes(u));
        }}""",
        arg=sorted(expected),
        timeout=60_000,
    )
    return _rows(page)


def test_a_crawl_live_then_its_sites_and_pages(aura: str, page: Any) -> None:
    gate = threading.Event()
    with serve_scripted(own_site(gate)) as own, serve_scripted(rival_site()) as rival:
        try:
            own_host = own.base.removeprefix("http://")
            rival_host = rival.base.removeprefix("http://")
            page.goto(f"{aura}/new")
            inputs = page.get_by_test_id("url-input")
            inputs.first.wait_for()
            inputs.nth(0).fill(own.url("/"))
            inputs.nth(1).fill(rival.url("/"))
            page.get_by_label("Name (optional)", exact=True).fill("Whole sites")
            page.get_by_text("Static", exact=True).click()
            page.get_by_label("Pages per site").fill("20")
            page.get_by_test_id("submit-batch").click()

            page.wait_for_url(re.compile(r"/batches/[0-9a-f-]{36}$"))
            progress = page.locator('ul[aria-label="Crawl progress"]')
            progress.wait_for(timeout=60_000)
            page.evaluate(WATCH_PROGRESS)

            # Half way: /about is held open, so our crawl cannot be over; the progress shows
            # pages done and at least that one still queued, without a reload.
            page.wait_for_function(
                f"""(site) => {{
                  const counts = ({COUNTS_JS})(site);
                  return counts !== null && counts.done >= 2 && counts.queued >= 1;
                }}""",
                arg=own_host,
                timeout=90_000,
            )
            half = _progress_of(page, own_host)
            assert half is not None
            gate.set()

            # The end: every page counted once, as the sites have them.
            grid = page.get_by_test_id("comparison-grid")
            grid.wait_for(timeout=120_000)
            page.wait_for_function(
                f"""([site, total]) => {{
                  const counts = ({COUNTS_JS})(site);
                  return counts !== null && counts.discovered === total && counts.queued === 0;
                }}""",
                arg=[own_host, len(OWN_PAGES) + 1],
                timeout=60_000,
            )
            final = _progress_of(page, own_host)
            assert final == {
                "discovered": len(OWN_PAGES) + 1,
                "done": len(OWN_PAGES),
                "failed": 1,  # /products/99: a 404 is a page that failed
                "queued": 0,
            }
            assert _progress_of(page, rival_host) == {
                "discovered": 3,
                "done": 3,
                "failed": 0,
                "queued": 0,
            }
            assert half["done"] < final["done"]
            assert half["queued"] >= 1
            # Seen live, counts only going up.
            seen = _counts(page.evaluate("() => window.__progress"), own_host)
            assert seen[0]["done"] < final["done"], seen
            assert seen[-1] == final, seen
            for before, after in itertools.pairwise(seen):
                assert after["discovered"] >= before["discovered"], seen
                assert after["done"] >= before["done"], seen

            # The sites compared as crawled.
            sites = page.locator("#site")
            sites.get_by_role("heading", name="Sites as crawled").wait_for()
            templates = sites.get_by_role("table", name="Pages per template")
            by_template = {
                row.locator("th").inner_text(): row.locator("td").all_inner_texts()
                for row in templates.locator("tbody tr").all()
            }
            assert by_template["/blog/:slug"] == ["2", MISSING], by_template
            assert by_template["/pricing"] == [MISSING, "1"], by_template
            broken = sites.get_by_test_id("site-finding-broken-internal-links")
            broken.locator("summary").click()
            example = broken.locator(".site-finding__examples li").filter(has_text=own.url(BROKEN))
            assert example.count() == 1
            linked = example.inner_text()
            assert "Linked from" in linked
            for source in LINKING_TO_BROKEN:
                assert own.url(source) in linked
            assert own.url("/products/1") not in linked

            # The pages table: our pages, one row each.
            pages = page.locator("#pages")
            pages.scroll_into_view_if_needed()
            every = {own.url(path) for path in [*OWN_PAGES, BROKEN]}
            rows = _wait_rows(page, every)
            assert len(rows) == len(every)
            assert page.locator(".crawl-pages__pager").inner_text().startswith("8 pages")
            by_url = {row[0].splitlines()[0]: row for row in rows}
            assert by_url[own.url("/")][1:5] == ["/", "200", "0", "done"]
            assert by_url[own.url("/blog/second-post")][1:5] == ["/blog/:slug", "200", "1", "done"]
            assert by_url[own.url(BROKEN)][1:5] == ["/products/:id", "404", "2", "failed"]

            # Filtered by template: the product pages, the broken one among them.
            filters = page.locator(".crawl-pages__filters select")
            filters.nth(0).select_option("/products/:id")
            rows = _wait_rows(page, {own.url(path) for path in [*PRODUCTS, BROKEN]})
            assert {row[1] for row in rows} == {"/products/:id"}

            # And by state: the broken page alone, with its status.
            filters.nth(1).select_option("failed")
            rows = _wait_rows(page, {own.url(BROKEN)})
            assert rows[0][2:5] == ["404", "2", "failed"]
            filters.nth(0).select_option("")
            rows = _wait_rows(page, {own.url(BROKEN)})
            filters.nth(1).select_option("done")
            rows = _wait_rows(page, {own.url(path) for path in OWN_PAGES})
            assert {row[4] for row in rows} == {"done"}

            # The rival's pages, on its own tab.
            page.get_by_role("tab", name=rival_host).click()
            rows = _wait_rows(page, {rival.url(p) for p in ("/", "/pricing", "/contact")})
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "crawl.png"), full_page=True)
            assert page.dialogs == []
        finally:
            gate.set()


def test_a_sets_crawl_is_saved_shown_and_dropped(aura: str, page: Any) -> None:
    with serve_scripted(rival_site()) as own, serve_scripted(rival_site()) as rival:
        page.goto(f"{aura}/sets/new")
        inputs = page.get_by_test_id("url-input")
        inputs.first.wait_for()
        inputs.nth(0).fill(own.url("/"))
        inputs.nth(1).fill(rival.url("/"))
        page.get_by_label("Name", exact=True).fill("Whole rivals")
        page.get_by_label("Pages per site").fill("30")
        page.get_by_text("Advanced crawl options").click()
        page.get_by_label("Depth (clicks from the start page)").fill("2")
        page.get_by_label("Skip pages matching (one pattern a line)").fill("/tag/*")
        page.get_by_test_id("submit-batch").click()

        page.wait_for_url(re.compile(r"/sets/[0-9a-f-]{36}$"))
        set_url = page.url
        crawl = page.get_by_test_id("set-crawl")
        crawl.wait_for()
        assert crawl.inner_text() == "up to 30 pages per site, depth 2, 1 URL pattern"
        saved = httpx.get(f"{aura}/api/v1/sets/{set_url.rsplit('/', 1)[1]}").json()
        assert saved["crawl"] == {
            "pages": 30,
            "depth": 2,
            "include": [],
            "exclude": ["/tag/*"],
            "subdomains": False,
        }

        # Editing shows it, and one page per site takes it away.
        page.get_by_role("link", name="Edit").click()
        page.wait_for_url(re.compile(r"/edit$"))
        pages = page.get_by_label("Pages per site")
        pages.wait_for()
        assert pages.input_value() == "30"
        assert page.get_by_label("Depth (clicks from the start page)").input_value() == "2"
        assert (
            page.get_by_label("Skip pages matching (one pattern a line)").input_value() == "/tag/*"
        )
        pages.fill("1")
        page.get_by_test_id("submit-batch").click()
        page.wait_for_url(set_url)
        page.get_by_test_id("set-crawl").filter(has_text="front pages only").wait_for()
        dropped = httpx.get(f"{aura}/api/v1/sets/{saved['id']}").json()
        assert dropped["crawl"] is None
