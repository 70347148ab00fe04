"""crawl_start reads the site's rules where the start URL leads, sitemaps of any size."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from aura.config import Settings
from aura.models import Crawl, CrawlPage
from aura.runtime import Runtime
from tests.conftest import make_settings
from tests.support.api import create_batch, wait_for_batch
from tests.support.servers import Route, ScriptedSite, serve_directory, serve_scripted

#: Pages stay under it, the sitemap does not.
PAGE_LIMIT = 20_000


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return make_settings(database_url, tmp_path, fetch_max_bytes=PAGE_LIMIT)


def _page(title: str, *links: str) -> str:
    anchors = "".join(f'<a href="{link}">{link}</a>' for link in links)
    return f"<!doctype html><html><head><title>{title}</title></head><body>{anchors}</body></html>"


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site the start URL redirects to: robots.txt, a big sitemap, an orphan page."""
    root = tmp_path_factory.mktemp("target")
    (root / "index.html").write_text(_page("Home", "/about.html", "/private/x.html"), "utf-8")
    (root / "about.html").write_text(_page("About", "/"), "utf-8")
    (root / "orphan.html").write_text(_page("Orphan", "/"), "utf-8")
    (root / "private").mkdir()
    (root / "private" / "x.html").write_text(_page("Private"), "utf-8")
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", "utf-8")
    with serve_directory(root) as base:
        padding = "<!-- " + "x" * (3 * PAGE_LIMIT) + " -->"
        (root / "sitemap.xml").write_text(
            '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{padding}<url><loc>{base}/orphan.html</loc></url></urlset>",
            "utf-8",
        )
        yield base


async def _crawl(app: FastAPI, start_url: str) -> tuple[Crawl, dict[str, CrawlPage]]:
    runtime: Runtime = app.state.runtime
    async with runtime.db.read() as session:
        crawl = (await session.scalars(sa.select(Crawl).where(Crawl.start_url == start_url))).one()
        rows = await session.scalars(sa.select(CrawlPage).where(CrawlPage.crawl_id == crawl.id))
        return crawl, {row.url: row for row in rows}


async def test_a_start_redirecting_to_another_site_crawls_that_site_by_its_rules(
    app: FastAPI, client: httpx.AsyncClient, target: str
) -> None:
    moved = ScriptedSite(
        routes={"/": Route(status=301, body=b"", headers={"Location": f"{target}/"})}
    )
    with serve_scripted(moved):
        start = moved.url("/")
        created = await create_batch(client, [start, f"{target}/about.html"], pages=10, depth=3)
        batch = await wait_for_batch(client, created["id"])
    assert batch["status"] == "completed"

    crawl, pages = await _crawl(app, start)
    assert crawl.rules is not None
    assert crawl.rules["site_url"] == f"{target}/"
    assert crawl.rules["robots_url"] == f"{target}/robots.txt"
    # The redirect target's links are the site's; its robots.txt keeps /private/ out.
    assert pages[f"{target}/about.html"].status == "done"
    assert pages[f"{target}/private/x.html"].status == "skipped"
    # The sitemap, three times the page limit, was read: its orphan page was crawled.
    assert [entry["url"] for entry in crawl.rules["entries"]] == [f"{target}/orphan.html"]
    assert pages[f"{target}/orphan.html"].status == "done"
    assert pages[f"{target}/orphan.html"].source == "sitemap"
