"""Checking a site's subresources: HEAD, a short GET when HEAD fails, robots.txt, bounds."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from aura.audit.fetch import Fetcher
from aura.crawl.records import PageRecord
from aura.crawl.resources import check_resource, check_resources
from aura.crawl.rules import SiteRules
from tests.crawl.support import LIMITS, LOOPBACK, Reply, serve_app
from tests.support.servers import serve_directory

BIG = b"x" * 200_000


def _app(path: str, _query: dict[str, list[str]]) -> Reply | None:
    if path == "/big.js":
        return Reply(200, BIG, {"Content-Type": "text/javascript"})
    if path == "/gone.png":
        return Reply(410, b"gone", {"Content-Type": "text/plain"})
    return None


async def test_a_server_refusing_head_is_checked_with_a_short_get() -> None:
    # The test server answers HEAD 501 (not implemented): the GET decides, and a file far
    # over the fetch limit is checked without being downloaded.
    small = dataclasses.replace(LIMITS, max_bytes=10_000)
    with serve_app(_app) as served:
        async with Fetcher(small, LOOPBACK) as fetcher:
            big = await check_resource(served.url("/big.js"), fetcher, served.url("/"))
            gone = await check_resource(served.url("/gone.png"), fetcher)
            missing = await check_resource(served.url("/nothing.css"), fetcher)
    assert (big.status, big.error, big.content_type) == (200, None, "text/javascript")
    assert big.source == "resource"
    assert big.found_on == served.url("/")
    assert (gone.status, missing.status) == (410, 404)
    assert served.hits == ["/big.js", "/gone.png", "/nothing.css"]


async def test_head_answers_without_a_get(tmp_path: Path) -> None:
    root = tmp_path
    (root / "a.css").write_text("body{}", encoding="utf-8")
    with serve_directory(root) as base:
        async with Fetcher(LIMITS, LOOPBACK) as fetcher:
            found = await check_resource(f"{base}/a.css", fetcher)
            missing = await check_resource(f"{base}/b.css", fetcher)
    assert (found.status, found.bytes) == (200, 0)
    assert missing.status == 404


async def test_each_resource_once_robots_permitting_and_within_the_limit() -> None:
    with serve_app(_app) as served:
        pages = [
            PageRecord(
                url=served.url("/"),
                depth=0,
                status=200,
                resources=(served.url("/big.js"), served.url("/private/x.png")),
            ),
            PageRecord(
                url=served.url("/a"),
                depth=1,
                status=200,
                resources=(served.url("/big.js"), served.url("/gone.png"), served.url("/a")),
            ),
        ]
        rules = SiteRules(
            robots_url=served.url("/robots.txt"),
            robots_status=200,
            robots_text="User-agent: *\nDisallow: /private/\n",
        )
        async with Fetcher(LIMITS, LOOPBACK) as fetcher:
            checked = await check_resources(pages, fetcher, rules)
            first = await check_resources(pages, fetcher, rules, limit=1)
    by_url = {r.url: r for r in checked}
    # /a is a page already; /private/ is refused by robots.txt; /big.js is checked once.
    assert set(by_url) == {served.url("/big.js"), served.url("/gone.png")}
    assert by_url[served.url("/big.js")].found_on == served.url("/")
    assert by_url[served.url("/gone.png")].status == 410
    assert [r.url for r in first] == [served.url("/big.js")]
    assert "/private/x.png" not in served.hits
