"""The web UI end to end: real headless Chromium (the system's), `aura serve`, local sites.

Needs /usr/bin/chromium (or AURA_CHROMIUM_PATH) and the built UI (frontend/dist, built by
`make frontend`); without them the tests are skipped, unless AURA_TEST_REQUIRE_SERVICES=1.
The results page's screenshot is saved to tests/e2e/artifacts/ (git-ignored).
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from aura.app import FRONTEND_DIST
from tests.conftest import service_missing
from tests.support.processes import aura_processes, free_port
from tests.support.servers import (
    SHARED_SITES,
    Route,
    ScriptedSite,
    serve_directory,
    serve_scripted,
    wait_until,
)

CHROMIUM = Path(os.environ.get("AURA_CHROMIUM_PATH", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).parent / "artifacts"
# Chromium as the machine allows it: root needs --no-sandbox, and with no outside network
# its background services would only fail.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

TITLE_PAYLOAD = "<img src=x onerror=alert(1)> Evil & Co"
HEADLINE_PAYLOAD = "<script>alert(2)</script><b>Bold</b> claims"
CTA_PAYLOAD = '<img src=y onerror="document.title=1">Buy'


def _evil_page() -> bytes:
    # The payloads are escaped in the HTML, so the page's *text* is the markup itself: that
    # text reaches the UI as titles, headlines and calls to action and must stay text.
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(TITLE_PAYLOAD)}</title>
<meta name="description" content="A fixture whose text is markup.">
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><header><h1>{html.escape(HEADLINE_PAYLOAD)}</h1></header>
<main><p>We sell things. Buy them today, they are very good things to buy.</p>
<a class="btn btn-primary" href="/buy">{html.escape(CTA_PAYLOAD)}</a>
<button type="button">Sign up</button></main></body></html>""".encode()


@pytest.fixture(scope="module")
def chromium_ready() -> None:
    if not CHROMIUM.exists():
        service_missing(f"the UI tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    if not (FRONTEND_DIST / "index.html").is_file():
        service_missing("the UI tests need the built web UI: run `make frontend`")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        service_missing("the UI tests need Playwright for Python (make install-dev)")


@pytest.fixture(scope="module")
def aura(tmp_path_factory: pytest.TempPathFactory, chromium_ready: None) -> Iterator[str]:
    data = tmp_path_factory.mktemp("ui-data")
    env = {"AURA_DATA_DIR": str(data), "AURA_ALLOW_PRIVATE_NETWORKS": "true"}
    env.pop("AURA_API_TOKENS", None)
    with aura_processes(env, data / "logs") as group:
        yield group.api()


@pytest.fixture(scope="module")
def browser(chromium_ready: None) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.dialogs = dialogs
    yield page
    context.close()


# Records every state a progress row shows, so the test sees live updates, not a reload.
WATCH_ROWS = """() => {
  window.__seen = new Set();
  const note = () => document.querySelectorAll('[data-testid=url-status]')
    .forEach((row) => window.__seen.add(row.dataset.status));
  note();
  new MutationObserver(note).observe(document.body, {subtree: true, childList: true,
    attributes: true, attributeFilter: ['data-status']});
}"""


def test_compare_three_sites_live_and_safely(aura: str, page: Any) -> None:
    slow_evil = ScriptedSite(default=Route(body=_evil_page(), delay=1.5))
    with (
        serve_directory(SHARED_SITES / "01-sb-landing-page") as own,
        serve_directory(SHARED_SITES / "05-sb-new-age") as rival,
        serve_scripted(slow_evil) as evil,
    ):
        page.goto(f"{aura}/new")
        inputs = page.get_by_test_id("url-input")
        inputs.first.wait_for()
        assert inputs.count() == 3

        page.get_by_test_id("add-url").click()
        assert inputs.count() == 4

        # A mistake is reported beside its field, in the API's words, before anything is sent.
        inputs.nth(0).fill("ftp://example.com")
        page.get_by_test_id("submit-batch").click()
        error = page.locator(".url-row").nth(0).locator(".field-error")
        assert "uses the scheme 'ftp'; only http and https" in error.inner_text()
        assert page.url.endswith("/new")

        inputs.nth(0).fill(f"{own}/")
        inputs.nth(1).fill(f"{rival}/")
        inputs.nth(2).fill(evil.url("/"))
        # The fourth row stays empty: blank competitor rows are not sent.
        page.get_by_label("Name (optional)", exact=True).fill("UI end-to-end")
        page.get_by_text("Static", exact=True).click()  # quicker than the browser tier
        page.get_by_test_id("submit-batch").click()

        page.wait_for_url(re.compile(r"/batches/[0-9a-f-]{36}$"))
        page.get_by_test_id("batch-progress").wait_for()
        page.evaluate(WATCH_ROWS)
        assert page.get_by_test_id("url-status").count() == 3

        grid = page.get_by_test_id("comparison-grid")
        grid.wait_for(timeout=90_000)
        seen = set(page.evaluate("() => [...window.__seen]"))
        assert "completed" in seen, seen
        assert seen & {"queued", "running"}, f"no live progress was seen: {seen}"

        assert grid.locator("thead th.comparison-grid__site").count() == 3
        assert page.get_by_test_id("competitor-card").count() == 3
        # The own site is pinned first and some row has a highlighted leader.
        first = grid.locator("thead th.comparison-grid__site").first
        assert first.get_attribute("data-site") == f"{own}/"
        assert grid.locator("td[data-leader=true]").count() > 0

        # The payloads are on the page as text, and none of them ran or became an element.
        body = page.locator("body").inner_text()
        assert TITLE_PAYLOAD in body
        assert "<script>alert(2)</script><b>Bold</b> claims" in body
        assert page.locator("img[src=x], img[src=y]").count() == 0
        assert page.locator("main b").count() == 0
        assert page.dialogs == []
        # The tab names the comparison.
        assert page.title() == "UI end-to-end · Aura"

        # Recommendations: sorted by the gain they show, plain HTTP and the landing page's
        # JPEG weight among the first five, each an action naming what to change.
        recommendations = page.locator("#recommendations")
        order = recommendations.locator(".recommendations__order").inner_text()
        assert order.startswith("Ordered by expected gain")
        actions = recommendations.locator(".recommendation__action").all_inner_texts()
        assert len(actions) == 5
        assert "Serve the site over HTTPS" in actions
        assert any(
            a.startswith("Serve images as WebP or AVIF, starting with /assets/img/bg-masthead.jpg")
            for a in actions
        )
        recommendations.get_by_role(
            "button", name=re.compile(r"^Show all \d+ recommendations$")
        ).click()
        gains = [
            float(g) for g in recommendations.locator(".recommendation__points").all_inner_texts()
        ]
        assert len(gains) > 5
        assert gains == sorted(gains, reverse=True)
        images = recommendations.locator(".recommendation[data-audit=modern-image-formats]")
        assert images.locator(".recommendation__items code").first.inner_text() == (
            f"{own}/assets/img/bg-masthead.jpg"
        )
        https = recommendations.locator(".recommendation[data-audit=is-on-https]")
        https.get_by_text("How to fix it").click()
        assert "return 301 https://$host$request_uri;" in https.locator("pre").first.inner_text()

        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "results.png"), full_page=True)

        # The comparison downloads as a report file.
        page.get_by_text("Export ▾").click()
        with page.expect_download() as download:
            page.get_by_role("menuitem", name="Markdown").click()
        assert download.value.suggested_filename.endswith(".md")
        page.get_by_text("Export ▾").click()

        # A cell opens the audit details behind it.
        grid.locator("tbody tr[data-row^='category:'] td button").first.click()
        drawer = page.get_by_role("dialog")
        drawer.wait_for()
        assert drawer.locator(".audit").count() > 0
        page.wait_for_timeout(300)  # the drawer's slide-in
        page.screenshot(path=str(ARTIFACTS / "cell-details.png"))
        page.keyboard.press("Escape")

        # The dashboard lists the comparison.
        page.goto(aura)
        page.get_by_text("UI end-to-end").wait_for()
        page.screenshot(path=str(ARTIFACTS / "dashboard.png"))
        assert page.dialogs == []


def test_duplicate_sites_are_reported_beside_the_field(aura: str, page: Any) -> None:
    with serve_directory(SHARED_SITES / "01-sb-landing-page") as own:
        page.goto(f"{aura}/new")
        inputs = page.get_by_test_id("url-input")
        inputs.first.wait_for()
        # The same page twice (a fragment does not make another page), as the API judges it.
        inputs.nth(0).fill(f"{own}/")
        inputs.nth(1).fill(f"{own}/#pricing")
        page.get_by_test_id("submit-batch").click()
        error = page.locator(".url-row").nth(1).locator(".field-error")
        error.wait_for()
        assert "is the same URL as entry 1" in error.inner_text()
        assert page.url.endswith("/new")


def test_client_routes_get_the_app_and_api_stays_json(aura: str) -> None:
    for path in ("/", "/new", "/batches/00000000-0000-0000-0000-000000000000"):
        response = httpx.get(aura + path)
        assert response.status_code == 200
        assert '<div id="root">' in response.text
    missing = httpx.get(f"{aura}/api/v1/no-such-thing")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Not Found"}


def _serve(port: int, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "aura.cli.main", "serve", "--port", str(port)],
            env={**os.environ, **env},
            stdout=output,
            stderr=subprocess.STDOUT,
        )

    def healthy() -> bool:
        try:
            return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    assert wait_until(healthy, timeout=90), log.read_text(errors="replace")
    return process


def test_the_page_survives_an_api_restart(tmp_path: Path, chromium_ready: None, page: Any) -> None:
    # Slow pages keep the batch running while the API goes down and comes back.
    slow_page = Route(body=_evil_page(), delay=3)
    slow = ScriptedSite(routes={"/a": slow_page, "/b": slow_page}, default=None)
    port = free_port()
    env = {
        "AURA_DATA_DIR": str(tmp_path),
        "AURA_ALLOW_PRIVATE_NETWORKS": "true",
        # A job cut off by the restart is taken up again once its (short) lease expires.
        "AURA_ANALYSIS_TIMEOUT": "10",
        "AURA_JOB_LEASE_SECONDS": "12",
        "AURA_SWEEP_INTERVAL_SECONDS": "2",
    }
    log = tmp_path / "api.log"
    with serve_scripted(slow) as site, serve_directory(SHARED_SITES / "01-sb-landing-page") as own:
        api = _serve(port, env, log)
        try:
            base = f"http://127.0.0.1:{port}"
            created = httpx.post(
                f"{base}/api/v1/competitive/",
                json={"urls": [f"{own}/", site.url("/a"), site.url("/b")], "mode": "static"},
            )
            assert created.status_code == 201, created.text
            page.goto(f"{base}/batches/{created.json()['id']}")
            page.get_by_text("Live", exact=True).wait_for()

            api.terminate()
            api.wait(timeout=30)
            page.get_by_text("Reconnecting…").wait_for(timeout=15_000)

            api = _serve(port, env, log)
            page.get_by_test_id("comparison-grid").wait_for(timeout=90_000)
            assert page.get_by_test_id("competitor-card").count() == 3
            assert page.dialogs == []
        finally:
            api.terminate()
            api.wait(timeout=30)


def test_a_report_shows_audit_details_as_tables_with_working_links(aura: str, page: Any) -> None:
    with serve_directory(SHARED_SITES / "01-sb-landing-page") as site:
        created = httpx.post(
            f"{aura}/api/v1/analyses/", json={"url": f"{site}/", "mode": "static"}, timeout=30
        )
        assert created.status_code in (200, 201, 202), created.text
        analysis_id = created.json()["id"]

        def finished() -> bool:
            body = httpx.get(f"{aura}/api/v1/analyses/{analysis_id}", timeout=30).json()
            return body["status"] in ("completed", "failed")

        assert wait_until(finished, timeout=90, interval=0.5)
        page.goto(f"{aura}/analyses/{analysis_id}")
        performance = page.locator("#cat-performance")
        performance.wait_for()
        # Failed audits are listed; passed ones are folded away, as in Lighthouse.
        assert performance.locator("details.audit-fold summary", has_text="Passed audits").count()
        cache = performance.get_by_role("button", name=re.compile("efficient cache policy"))
        cache.click()
        table = performance.locator(".detail-table").first
        table.wait_for()
        headers = table.locator("th").all_inner_texts()
        assert headers[:2] == ["URL", "Cache lifetime"]
        link = table.locator("a").first
        href = link.get_attribute("href")
        assert href is not None
        assert href.startswith(f"{site}/")
        assert link.get_attribute("rel") == "noopener noreferrer nofollow"
        # The link works: it is the resource the audit talks about.
        assert httpx.get(href, timeout=30).status_code == 200
        # Sizes are in one unit family, and nothing shows as raw JSON.
        cells = " ".join(table.locator("td").all_inner_texts())
        assert re.search(r"\d(\.\d)? (B|KiB|MiB)\b", cells), cells
        assert page.locator("pre.details").count() == 0
        # Metrics are named, not keyed.
        metrics = page.locator("#metrics").inner_text()
        assert "Time to first byte" in metrics
        assert "Ttfb" not in metrics
        assert page.dialogs == []


def test_the_grid_of_the_demo_comparison_names_its_sites(aura: str, page: Any) -> None:
    from aura.demo import serve_demo_sites

    with serve_demo_sites() as served:
        urls = [site.url for site in served]
        created = httpx.post(
            f"{aura}/api/v1/competitive/",
            json={"urls": urls, "primary_url": urls[0], "mode": "static"},
            timeout=30,
        )
        assert created.status_code == 201, created.text
        batch = f"{aura}/api/v1/competitive/{created.json()['id']}"

        def finished() -> bool:
            return httpx.get(batch, timeout=30).json()["status"] in {"completed", "partial"}

        assert wait_until(finished, timeout=120, interval=0.5)
        page.goto(f"{aura}/batches/{created.json()['id']}")
        names = page.locator("[data-testid=comparison-grid] .comparison-grid__site-name")
        names.first.wait_for(timeout=30_000)
        shown = names.all_inner_texts()
    # The names the demo's sites give themselves, not 127.0.0.1:port.
    assert sorted(shown) == ["Brightdesk", "HelpHive", "Supportly"], shown
    assert "127.0.0.1" not in page.get_by_test_id("comparison-grid").inner_text()
