"""Depth limits follow link depth: a URL only a sitemap led to has none until a link reaches it."""

from __future__ import annotations

import httpx
import sqlalchemy as sa
from fastapi import FastAPI

from aura.models import Crawl, CrawlPage
from aura.runtime import Runtime
from tests.support.api import create_batch, wait_for_batch
from tests.support.servers import Route, ScriptedSite, serve_scripted


def _page(*links: str, delay: float = 0.0) -> Route:
    anchors = "".join(f'<a href="{link}">{link}</a>' for link in links)
    body = f"<html><head><title>p</title></head><body>{anchors}</body></html>".encode()
    return Route(body=body, delay=delay)


def _site() -> ScriptedSite:
    return ScriptedSite(
        routes={
            "/": _page("/slow.html", "/blog/"),
            # Slow: the sitemap's pages are crawled meanwhile, /s2.html among them.
            "/slow.html": _page("/s2.html", delay=1.5),
            "/blog/": _page("/blog/post.html"),
            "/blog/post.html": _page(),
            "/s.html": _page("/deep.html"),
            "/deep.html": _page(),
            "/s2.html": _page("/deep2.html"),
            "/deep2.html": _page("/deeper.html"),
            "/deeper.html": _page(),
        },
        default=None,
    )


async def test_link_depth_decides_what_is_followed(app: FastAPI, client: httpx.AsyncClient) -> None:
    with serve_scripted(_site()) as site:
        listed = "".join(
            f"<url><loc>{site.url(path)}</loc></url>" for path in ("/s.html", "/s2.html", "/blog/")
        )
        site.routes["/sitemap.xml"] = Route(
            body=f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{listed}</urlset>'.encode(),
            headers={"Content-Type": "application/xml"},
        )
        created = await create_batch(
            client, [site.url("/"), site.url("/blog/post.html")], pages=50, depth=3
        )
        batch = await wait_for_batch(client, created["id"])
    assert batch["status"] == "completed"
    runtime: Runtime = app.state.runtime
    async with runtime.db.read() as session:
        crawl_id = await session.scalar(sa.select(Crawl.id).where(Crawl.start_url == site.url("/")))
        rows = await session.scalars(sa.select(CrawlPage).where(CrawlPage.crawl_id == crawl_id))
        pages = {row.url.removeprefix(site.base): row for row in rows}

    # Only the sitemap leads to /s.html: crawled, but no click path, so its links are not
    # taken as 2 clicks deep.
    assert (pages["/s.html"].status, pages["/s.html"].source) == ("done", "sitemap")
    assert "/deep.html" not in pages
    # Listed and linked: a link page at its link depth, and its links followed from there.
    assert (pages["/blog/"].source, pages["/blog/"].depth) == ("link", 1)
    assert (pages["/blog/post.html"].status, pages["/blog/post.html"].depth) == ("done", 2)
    # Crawled from the sitemap before the slow page linked it: its links are followed then.
    assert (pages["/s2.html"].source, pages["/s2.html"].depth) == ("link", 2)
    assert pages["/s2.html"].found_on == site.url("/slow.html")
    assert (pages["/deep2.html"].status, pages["/deep2.html"].depth) == ("done", 3)
    # Beyond 3 clicks.
    assert "/deeper.html" not in pages


async def test_linked_pages_come_before_sitemap_only_ones_within_max_pages(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    site = ScriptedSite(
        routes={
            "/": _page("/a.html", "/b.html"),
            "/a.html": _page(),
            "/b.html": _page(),
            # Slow: the start page's links are stored while the first listed page is still
            # being fetched, so the listed pages left to skip are the queued ones, whatever
            # the load on the machine.
            **{f"/listed-{index}.html": _page(delay=3.0) for index in range(6)},
        },
        default=None,
    )
    with serve_scripted(site):
        listed = "".join(f"<url><loc>{site.url(f'/listed-{i}.html')}</loc></url>" for i in range(6))
        site.routes["/sitemap.xml"] = Route(
            body=f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{listed}</urlset>'.encode(),
            headers={"Content-Type": "application/xml"},
        )
        created = await create_batch(client, [site.url("/"), site.url("/a.html")], pages=4)
        batch = await wait_for_batch(client, created["id"])
    assert batch["status"] == "completed"
    runtime: Runtime = app.state.runtime
    async with runtime.db.read() as session:
        crawl = (
            await session.scalars(sa.select(Crawl).where(Crawl.start_url == site.url("/")))
        ).one()
        rows = await session.scalars(sa.select(CrawlPage).where(CrawlPage.crawl_id == crawl.id))
        pages = {row.url.removeprefix(site.base): row for row in rows}

    done = {path for path, row in pages.items() if row.status == "done"}
    # The sitemap listed six pages, enough to fill the four; the linked pages got in first.
    assert {"/", "/a.html", "/b.html"} <= done
    assert len(done) == 4
    made_room = [row for row in pages.values() if row.status == "skipped"]
    assert len(made_room) == 2
    assert all(row.source == "sitemap" for row in made_room)
    assert (crawl.done, crawl.discovered) == (4, 4)
