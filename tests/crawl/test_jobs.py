"""Crawls through the real app and its embedded worker: a site on loopback, the batch API,
the crawl jobs, the fan-in; SQLite (and PostgreSQL where the tests have one)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from aura.competitive import crawls
from aura.competitive.repository import BatchRepository
from aura.competitive.service import batch_sites
from aura.models import Crawl, CrawlPage
from aura.runtime import Runtime
from tests.support.api import create_batch, wait_for_batch
from tests.support.servers import Route, ScriptedSite, serve_directory, serve_scripted


def _page(title: str, *links: str) -> str:
    anchors = "".join(f'<a href="{link}">{link}</a>' for link in links)
    return f"<!doctype html><html><head><title>{title}</title></head><body>{anchors}</body></html>"


#: path → links; the start page is "/".
SITE: dict[str, tuple[str, ...]] = {
    "/": ("/about.html", "/blog/", "/private/secret.html", "http://elsewhere.test/x", "#top"),
    "/about.html": ("/", "/team/", "/about.html#team"),
    "/team/": ("/team/alice.html", "/team/bob.html"),
    "/team/alice.html": ("/team/deep/one.html",),
    "/team/bob.html": (),
    "/team/deep/one.html": (),
    "/blog/": ("/blog/post-1.html", "/blog/post-2.html", "/blog/post-3.html"),
    "/blog/post-1.html": ("/blog/", "/missing.html"),
    "/blog/post-2.html": (),
    "/blog/post-3.html": (),
    "/private/secret.html": ("/private/more.html",),
    "/private/more.html": (),
}
DEPTH = {
    "/": 0,
    "/about.html": 1,
    "/blog/": 1,
    "/team/": 2,
    "/blog/post-1.html": 2,
    "/blog/post-2.html": 2,
    "/blog/post-3.html": 2,
    "/team/alice.html": 3,
    "/team/bob.html": 3,
    "/missing.html": 3,
    "/team/deep/one.html": 4,
}


def _write_site(root: Path) -> Path:
    for path, links in SITE.items():
        target = root / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_page(path, *links), encoding="utf-8")
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = _write_site(tmp_path_factory.mktemp("site"))
    with serve_directory(root) as base:
        yield base


@pytest.fixture(scope="module")
def other(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("other")
    (root / "index.html").write_text(_page("Other", "/only.html"), encoding="utf-8")
    (root / "only.html").write_text(_page("Only"), encoding="utf-8")
    with serve_directory(root) as base:
        yield base


async def _pages(app: FastAPI, start_url: str) -> dict[str, CrawlPage]:
    runtime: Runtime = app.state.runtime
    async with runtime.db.read() as session:
        crawl_id = await session.scalar(sa.select(Crawl.id).where(Crawl.start_url == start_url))
        rows = await session.scalars(sa.select(CrawlPage).where(CrawlPage.crawl_id == crawl_id))
        return {row.url: row for row in rows}


async def _crawls(app: FastAPI) -> list[Crawl]:
    runtime: Runtime = app.state.runtime
    async with runtime.db.read() as session:
        return list(await session.scalars(sa.select(Crawl)))


def _paths(base: str, pages: dict[str, CrawlPage], *statuses: str) -> set[str]:
    return {url.removeprefix(base) for url, row in pages.items() if row.status in statuses}


async def test_a_crawl_finds_the_site_s_pages_within_depth_and_robots(
    app: FastAPI, client: httpx.AsyncClient, site: str, other: str
) -> None:
    created = await create_batch(client, [f"{site}/", f"{other}/"], pages=50, depth=3)
    assert [item["crawl"]["status"] for item in created["urls"]] == ["queued", "queued"]

    batch = await wait_for_batch(client, created["id"])

    assert batch["status"] == "completed"
    pages = await _pages(app, f"{site}/")
    fetched = _paths(site, pages, "done", "failed")
    within_depth = {path for path, depth in DEPTH.items() if depth <= 3}
    assert fetched == within_depth
    # The missing page was fetched and failed (404); nothing deeper than 3 clicks was queued;
    # robots.txt's Disallow kept the private pages from being fetched.
    assert _paths(site, pages, "failed") == {"/missing.html"}
    assert "/team/deep/one.html" not in _paths(site, pages, "queued", "running", "skipped")
    assert _paths(site, pages, "skipped") == {"/private/secret.html"}
    assert pages[f"{site}/private/secret.html"].error == "robots.txt disallows it"
    # Every page once, at its shortest click depth, found on a page that links to it.
    for url, row in pages.items():
        path = url.removeprefix(site)
        if row.status in ("done", "failed"):
            assert row.depth == DEPTH[path], path
            assert row.record is not None
            assert row.record["url"] == url
        if row.found_on is not None:
            assert path in SITE[row.found_on.removeprefix(site)]
    counters = next(item["crawl"] for item in batch["urls"] if item["url"] == f"{site}/")
    assert counters["status"] == "completed"
    assert (counters["done"], counters["failed"], counters["skipped"]) == (9, 1, 1)
    assert counters["discovered"] == 10
    assert counters["queued"] == 0

    other_pages = await _pages(app, f"{other}/")
    assert _paths(other, other_pages, "done") == {"/", "/only.html"}
    # Each site's report reaches the comparison as its result's "site".
    crawls = {crawl.start_url: crawl for crawl in await _crawls(app)}
    assert crawls[f"{site}/"].report is not None
    assert crawls[f"{site}/"].bytes > 0


async def test_the_site_report_reads_every_record_when_they_come_in_chunks(
    app: FastAPI,
    client: httpx.AsyncClient,
    site: str,
    other: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Ten fetched pages read three at a time: the last chunk is a partial one.
    monkeypatch.setattr(crawls, "RECORDS_CHUNK", 3)
    created = await create_batch(client, [f"{site}/", f"{other}/"], pages=50, depth=3)

    batch = await wait_for_batch(client, created["id"])

    assert batch["status"] == "completed"
    pages = await _pages(app, f"{site}/")
    report = {crawl.start_url: crawl.report for crawl in await _crawls(app)}[f"{site}/"]
    assert report is not None
    figures = report["figures"]
    assert figures["pages_crawled"] == len(_paths(site, pages, "done", "failed")) == 10
    assert figures["pages_failed"] == 1
    broken = next(item for item in report["findings"] if item["id"] == "broken-internal-links")
    assert "/missing.html" in str(broken)


async def test_max_pages_bounds_the_crawl(
    app: FastAPI, client: httpx.AsyncClient, site: str, other: str
) -> None:
    created = await create_batch(client, [f"{site}/", f"{other}/"], pages=4)

    batch = await wait_for_batch(client, created["id"])

    assert batch["status"] == "completed"
    pages = await _pages(app, f"{site}/")
    fetched = _paths(site, pages, "done", "failed")
    assert len(fetched) == 4
    assert "/" in fetched
    # Breadth first: the start page's links come before anything deeper.
    assert {"/about.html", "/blog/"} <= fetched


async def test_include_and_exclude_patterns_choose_the_pages(
    app: FastAPI, client: httpx.AsyncClient, site: str, other: str
) -> None:
    created = await create_batch(
        client,
        [f"{site}/", f"{other}/"],
        pages=50,
        include=["/", "/blog/*"],
        exclude=["/blog/post-2.html"],
    )

    await wait_for_batch(client, created["id"])

    pages = await _pages(app, f"{site}/")
    assert _paths(site, pages, "done") == {"/", "/blog/", "/blog/post-1.html", "/blog/post-3.html"}


async def test_the_batch_waits_for_its_crawls_and_compares_with_the_site_reports(
    app: FastAPI, client: httpx.AsyncClient, site: str, other: str
) -> None:
    created = await create_batch(client, [f"{site}/", f"{other}/"], pages=20)
    batch = await wait_for_batch(client, created["id"])

    assert batch["status"] == "completed"
    assert all(item["crawl"]["status"] == "completed" for item in batch["urls"])
    runtime: Runtime = app.state.runtime
    async with runtime.db.read() as session:
        loaded = await BatchRepository(session).get(uuid.UUID(created["id"]))
        assert loaded is not None
        sites = batch_sites(loaded)
    assert all(isinstance(item.result, dict) and item.result.get("site") for item in sites)
    comparison = await client.get(f"/api/v1/competitive/{created['id']}/comparison")
    assert comparison.status_code == 200, comparison.text


async def test_one_page_is_the_plain_analysis_of_the_start_pages(
    app: FastAPI, client: httpx.AsyncClient, site: str, other: str
) -> None:
    created = await create_batch(client, [f"{site}/", f"{other}/"], pages=1)
    batch = await wait_for_batch(client, created["id"])

    assert batch["status"] == "completed"
    assert [item["crawl"] for item in batch["urls"]] == [None, None]
    assert await _crawls(app) == []


@pytest.mark.parametrize(
    ("field", "value"),
    [("pages", 0), ("pages", 10**9), ("depth", -1), ("include", [""]), ("subdomains", "maybe")],
)
async def test_crawl_options_are_validated(
    client: httpx.AsyncClient, site: str, other: str, field: str, value: Any
) -> None:
    response = await client.post(
        "/api/v1/competitive/", json={"urls": [f"{site}/", f"{other}/"], field: value}
    )
    assert response.status_code == 422
    assert any(field in detail["loc"] for detail in response.json()["detail"])


@pytest.mark.parametrize("field", ["include", "exclude"])
async def test_a_whole_url_as_a_crawl_pattern_is_refused_naming_it(
    client: httpx.AsyncClient, site: str, other: str, field: str
) -> None:
    """Patterns match a URL's path and query: a whole URL would match no page, and the crawl
    would quietly keep (or skip) nothing."""
    pattern = f"{site}/blog/*"
    response = await client.post(
        "/api/v1/competitive/",
        json={"urls": [f"{site}/", f"{other}/"], "pages": 5, field: ["/docs/*", pattern]},
    )

    assert response.status_code == 422
    (detail,) = response.json()["detail"]
    assert detail["loc"][-2:] == [field, 1]
    assert pattern in detail["msg"]
    assert "path and query" in detail["msg"]


async def test_cancel_stops_the_crawls(app: FastAPI, client: httpx.AsyncClient) -> None:
    links = "".join(f'<a href="/p{index}">p</a>' for index in range(40))
    home = f"<html><head><title>Home</title></head><body>{links}</body></html>".encode()
    scripted = ScriptedSite(routes={"/": Route(body=home)}, default=Route(delay=0.3))
    with serve_scripted(scripted) as slow:
        created = await create_batch(client, [slow.url("/"), slow.url("/p0")], pages=40)
        for _ in range(200):
            crawls = {crawl.start_url: crawl for crawl in await _crawls(app)}
            home, p0 = crawls.get(slow.url("/")), crawls.get(slow.url("/p0"))
            if home and p0 and home.done >= 2 and p0.status == "completed":
                break
            await asyncio.sleep(0.05)
        cancelled = await client.post(f"/api/v1/competitive/{created['id']}/cancel")
        assert cancelled.status_code == 200, cancelled.text
        statuses = {item["url"]: item["crawl"]["status"] for item in cancelled.json()["urls"]}
        # /p0 links nowhere: its crawl was over at once; the home page's was cut short.
        assert statuses == {slow.url("/"): "cancelled", slow.url("/p0"): "completed"}
        at_cancel = await _settled(app, slow.url("/"))
        await asyncio.sleep(1.5)
        # What was running (at most the crawl's concurrency, 2) may finish; nothing new is
        # fetched: the rest stays queued.
        after = await _settled(app, slow.url("/"))
        assert len(after - at_cancel) <= 2
        pages = await _pages(app, slow.url("/"))
        assert len(pages) == 40
        assert sum(row.status == "queued" for row in pages.values()) >= 40 - len(after) - 2
        assert all(crawl.done + crawl.failed < 40 for crawl in await _crawls(app))


async def _settled(app: FastAPI, start_url: str) -> set[str]:
    pages = await _pages(app, start_url)
    return {url for url, row in pages.items() if row.status in ("done", "failed")}


async def test_the_pages_of_a_site_are_listed_filtered_and_paginated(
    client: httpx.AsyncClient, site: str, other: str
) -> None:
    created = await create_batch(client, [f"{site}/", f"{other}/"], pages=50, depth=3)
    batch = await wait_for_batch(client, created["id"])
    url_id = next(item["id"] for item in batch["urls"] if item["url"] == f"{site}/")
    listing = f"/api/v1/competitive/{created['id']}/sites/{url_id}/pages"

    everything = (await client.get(listing)).json()
    assert everything["total"] == 11
    assert everything["items"][0]["url"] == f"{site}/"
    assert everything["items"][0]["depth"] == 0
    assert [item["depth"] for item in everything["items"]] == sorted(
        item["depth"] for item in everything["items"]
    )
    failed = (await client.get(listing, params={"status": "failed"})).json()
    assert [(item["url"], item["http_status"]) for item in failed["items"]] == [
        (f"{site}/missing.html", 404)
    ]
    first = (await client.get(listing, params={"page": 1, "page_size": 4})).json()
    second = (await client.get(listing, params={"page": 2, "page_size": 4})).json()
    assert first["total"] == second["total"] == 11
    assert len(first["items"]) == len(second["items"]) == 4
    assert not {item["url"] for item in first["items"]} & {item["url"] for item in second["items"]}
    # By template: the three posts are one; the home page is alone under "/", the page that
    # failed (404) and the one robots.txt kept out are under templates of their own URLs.
    posts = (await client.get(listing, params={"template": "/blog/:slug"})).json()
    assert {item["url"] for item in posts["items"]} == {
        f"{site}/blog/post-{n}.html" for n in (1, 2, 3)
    }
    templates = {item["url"].removeprefix(site): item["template"] for item in everything["items"]}
    assert templates == {
        "/": "/",
        "/about.html": "/about.html",
        "/blog/": "/blog",
        "/blog/post-1.html": "/blog/:slug",
        "/blog/post-2.html": "/blog/:slug",
        "/blog/post-3.html": "/blog/:slug",
        "/team/": "/team",
        "/team/alice.html": "/team/:slug",
        "/team/bob.html": "/team/:slug",
        "/missing.html": "/missing.html",
        "/private/secret.html": "/private/:slug",
    }
    bad = await client.get(listing, params={"status": "sleeping"})
    assert bad.status_code == 422
    elsewhere = await client.get(f"/api/v1/competitive/{created['id']}/sites/{uuid.uuid4()}/pages")
    assert elsewhere.status_code == 404


async def test_a_set_keeps_its_crawl_and_each_run_uses_it(
    app: FastAPI, client: httpx.AsyncClient, site: str, other: str
) -> None:
    body = {"name": "Crawled", "urls": [f"{site}/", f"{other}/"], "crawl": {"pages": 3}}
    created = await client.post("/api/v1/sets/", json=body)
    assert created.status_code == 201, created.text
    assert created.json()["crawl"]["pages"] == 3
    bad = await client.post("/api/v1/sets/", json={**body, "name": "x", "crawl": {"pages": 0}})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "crawl", "pages"]

    run = await client.post(f"/api/v1/sets/{created.json()['id']}/runs")
    assert run.status_code == 202, run.text
    batch = await wait_for_batch(client, run.json()["id"])

    assert batch["status"] == "completed"
    pages = await _pages(app, f"{site}/")
    assert len(_paths(site, pages, "done", "failed")) == 3

    updated = await client.patch(f"/api/v1/sets/{created.json()['id']}", json={"crawl": None})
    assert updated.status_code == 200, updated.text
    assert updated.json()["crawl"] is None


async def test_browser_mode_renders_a_sample_of_each_template(
    app: FastAPI, client: httpx.AsyncClient, other: str
) -> None:
    runtime: Runtime = app.state.runtime
    if not runtime.browser.available:
        pytest.skip("browser mode needs Chromium")
    created = await create_batch(
        client, [f"{other}/", f"{other}/only.html"], pages=2, mode="browser"
    )
    batch = await wait_for_batch(client, created["id"], within=180)

    assert batch["status"] == "completed"
    pages = await _pages(app, f"{other}/")
    assert set(pages) == {f"{other}/", f"{other}/only.html"}
    per_template: dict[str | None, int] = {}
    for row in pages.values():
        per_template[row.template] = per_template.get(row.template, 0) + row.rendered
        assert row.record is not None
        assert row.record["rendered"] == row.rendered
        if row.rendered:
            # The rendered sample carries the category scores of its browser analysis.
            assert row.record["scores"]
            assert all(v is None or 0 <= v <= 100 for v in row.record["scores"].values())
    # One render per template (renders_per_template = 1), and at least one.
    assert all(count <= 1 for count in per_template.values())
    assert sum(per_template.values()) >= 1


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A home page linking four pages of one section, named as pkgdown names them."""
    root = tmp_path_factory.mktemp("reference")
    names = ("across.html", "across..html", "pick.html", "map_chr.html")
    links = [f"/reference/{name}" for name in names]
    (root / "index.html").write_text(_page("Home", *links), encoding="utf-8")
    (root / "reference").mkdir()
    for name in names:
        (root / "reference" / name).write_text(_page(name, "/"), encoding="utf-8")
    with serve_directory(root) as base:
        yield base


async def test_browser_mode_renders_one_page_of_a_section_not_each(
    app: FastAPI, client: httpx.AsyncClient, reference: str
) -> None:
    runtime: Runtime = app.state.runtime
    if not runtime.browser.available:
        pytest.skip("browser mode needs Chromium")
    created = await create_batch(
        client, [f"{reference}/", f"{reference}/reference/pick.html"], pages=5, mode="browser"
    )
    batch = await wait_for_batch(client, created["id"], within=180)

    assert batch["status"] == "completed"
    pages = await _pages(app, f"{reference}/")
    assert len(pages) == 5
    # The four reference pages are one template, whichever order they were crawled in, so
    # one of them is rendered (renders_per_template = 1), not four.
    section = [row for row in pages.values() if row.template == "/reference/:slug"]
    assert len(section) == 4
    assert sum(row.rendered for row in section) == 1
    assert pages[f"{reference}/"].template == "/"


async def test_deleting_a_batch_removes_its_crawls_and_pages(
    app: FastAPI, client: httpx.AsyncClient, site: str, other: str
) -> None:
    created = await create_batch(client, [f"{site}/", f"{other}/"], pages=5)
    await wait_for_batch(client, created["id"])
    assert len(await _crawls(app)) == 2

    deleted = await client.delete(f"/api/v1/competitive/{created['id']}")

    assert deleted.status_code == 204
    assert await _crawls(app) == []
    runtime: Runtime = app.state.runtime
    async with runtime.db.read() as session:
        assert await session.scalar(sa.select(sa.func.count()).select_from(CrawlPage)) == 0
