"""The crawl's finish checks the site's subresources, so broken ones are found in real crawls."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from aura.models import Crawl
from aura.runtime import Runtime
from tests.support.api import create_batch, wait_for_batch
from tests.support.servers import serve_directory

#: 1x1 transparent GIF.
GIF = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c000000000100010000020144003b"
)


def _page(title: str, body: str) -> str:
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        '<link rel="stylesheet" href="/style.css"></head>'
        f"<body>{body}</body></html>"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root: Path = tmp_path_factory.mktemp("resources")
    (root / "index.html").write_text(
        _page("Home", '<img src="/logo.gif" alt="logo"><a href="/about.html">About</a>'),
        encoding="utf-8",
    )
    (root / "about.html").write_text(
        _page("About", '<img src="/team.gif" alt="team"><img src="/logo.gif" alt="logo">'),
        encoding="utf-8",
    )
    (root / "style.css").write_text("body { color: #222 }", encoding="utf-8")
    (root / "logo.gif").write_bytes(GIF)
    # /team.gif is missing.
    with serve_directory(root) as base:
        yield base


async def _report(app: FastAPI, start_url: str) -> dict[str, Any]:
    runtime: Runtime = app.state.runtime
    async with runtime.db.read() as session:
        report = await session.scalar(sa.select(Crawl.report).where(Crawl.start_url == start_url))
    assert isinstance(report, dict)
    return report


async def test_the_missing_image_is_named_with_the_page_that_loads_it(
    app: FastAPI, client: httpx.AsyncClient, site: str
) -> None:
    created = await create_batch(client, [f"{site}/", f"{site}/about.html"], pages=10, depth=3)
    batch = await wait_for_batch(client, created["id"])
    assert batch["status"] == "completed"

    report = await _report(app, f"{site}/")
    finding = next(f for f in report["findings"] if f["id"] == "broken-resources")
    assert finding["applicable"] is True
    # The stylesheet, the logo and the missing image: each checked once.
    assert finding["total_pages_checked"] == 3
    assert finding["count"] == 1
    [broken] = finding["pages"]
    assert broken["url"] == f"{site}/team.gif"
    assert broken["status"] == 404
    assert broken["linked_from"] == [f"{site}/about.html"]
    # The checked files are not pages of the site.
    assert report["figures"]["pages_crawled"] == 2
