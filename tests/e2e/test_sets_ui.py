"""Comparison sets in the web UI, end to end: create a set, run it twice with a competitor's
page changed in between, and see the change on the set page.

Same requirements as test_ui.py (Chromium, the built UI, Playwright); the set page's
screenshot is saved to tests/e2e/artifacts/sets.png.
"""

from __future__ import annotations

import html
import re
from typing import Any

from tests.e2e.test_ui import ARTIFACTS, aura  # noqa: F401
from tests.support.servers import SHARED_SITES, Route, ScriptedSite, serve_directory, serve_scripted

PAYLOAD = "<img src=x onerror=alert(3)>"


def _rival_page(headline: str, cta: str) -> Route:
    body = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Rival Co</title>
<meta name="description" content="Websites for busy teams.">
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><header><h1>{html.escape(headline)}</h1></header>
<main><p>We build websites for busy teams, and we keep them fast.</p>
<a class="btn btn-primary" href="/start">{html.escape(cta)}</a></main></body></html>"""
    return Route(body=body.encode())


def test_a_set_shows_what_changed_between_two_runs(aura: str, page: Any) -> None:  # noqa: F811
    rival = ScriptedSite(routes={"/": _rival_page("Fast sites for busy teams", "Start a trial")})
    with serve_directory(SHARED_SITES / "01-sb-landing-page") as own, serve_scripted(rival):
        page.goto(f"{aura}/sets")
        page.get_by_text("No comparison sets yet").wait_for()
        page.get_by_test_id("new-set").click()

        inputs = page.get_by_test_id("url-input")
        inputs.first.wait_for()
        # The set form checks like the comparison form, and wants a name.
        page.get_by_test_id("submit-batch").click()
        page.get_by_text("give it a name").wait_for()
        assert re.search(r"/sets/new$", page.url)

        inputs.nth(0).fill(f"{own}/")
        inputs.nth(1).fill(rival.url("/"))
        page.get_by_label("Name", exact=True).fill("Rivals watch")
        # The competitor gets a name of its own, kept by the set for every run.
        page.get_by_label("Name for competitor 1 (optional)").fill("Rival Co")
        page.get_by_text("Static", exact=True).click()
        page.get_by_text("Every N hours").click()
        page.get_by_label("Every", exact=True).fill("6")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "set-form.png"), full_page=True)
        page.get_by_test_id("submit-batch").click()

        page.wait_for_url(re.compile(r"/sets/[0-9a-f-]{36}$"))
        page.get_by_role("heading", name="Rivals watch").wait_for()
        page.get_by_text("Every 6 hours").first.wait_for()
        assert page.get_by_role("list", name="Sites").get_by_title(rival.url("/")).inner_text() == (
            "Rival Co"
        )

        page.get_by_test_id("run-now").click()
        # The run in progress is followed live on the set page.
        page.get_by_test_id("batch-progress").wait_for()
        page.wait_for_function(
            "() => document.querySelectorAll('[data-testid=run-row][data-status=completed]')"
            ".length === 1",
            timeout=120_000,
        )
        page.get_by_text("One finished run so far").wait_for()

        # An alert rule on the competitors' headlines, listed without a webhook.
        page.get_by_role("button", name="+ Add rule").click()
        form = page.get_by_test_id("rule-form")
        form.get_by_label("Alert me when").select_option("competitor_content_changed")
        form.get_by_test_id("add-rule").click()
        page.get_by_test_id("alert-rule").wait_for()

        rival.routes["/"] = _rival_page(f"Smarter sites {PAYLOAD} for busy teams", "Book a demo")
        page.get_by_test_id("run-now").click()
        page.wait_for_function(
            "() => document.querySelectorAll('[data-testid=run-row][data-status=completed]')"
            ".length === 2",
            timeout=120_000,
        )

        card = page.locator(f"[data-testid=site-changes][data-url='{rival.url('/')}']")
        card.wait_for(timeout=30_000)
        assert card.get_attribute("data-status") == "changed"
        headline = card.locator(".content-change[data-field=headline]")
        headline.wait_for()
        inserted = " ".join(headline.locator("ins").all_inner_texts())
        assert "Smarter" in inserted
        assert PAYLOAD in headline.inner_text()
        assert card.locator(".content-change[data-field=calls_to_action] ins").inner_text() == (
            "Book a demo"
        )
        # The rule fired once for the second run; with no webhook there is nothing to deliver.
        alert = page.get_by_test_id("alert")
        alert.first.wait_for(timeout=60_000)
        assert alert.count() == 1
        assert "No webhook" in alert.inner_text()

        # The page's markup stayed text: no element was made of it, nothing ran.
        assert page.locator("img[src=x]").count() == 0
        assert page.dialogs == []
        page.screenshot(path=str(ARTIFACTS / "sets.png"), full_page=True)

        # The list of sets shows the set, its schedule and its last run's changes.
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Sets").click()
        row = page.get_by_test_id("set-row").filter(has_text="Rivals watch")
        row.wait_for()
        row.get_by_text(re.compile(r"[1-9]\d* changes?")).wait_for(timeout=30_000)
        assert "2 runs" in row.inner_text()
        page.screenshot(path=str(ARTIFACTS / "sets-list.png"), full_page=True)

        # Editing: a cron expression the server refuses is reported beside its field; a good
        # one is saved and described on the set page.
        row.get_by_role("link").first.click()
        page.get_by_role("link", name="Edit").click()
        page.get_by_text("Days and times", exact=True).click()
        page.get_by_label("Cron expression").fill("0 9 * * 9")
        page.get_by_label("Time zone").fill("Europe/Paris")
        page.get_by_test_id("submit-batch").click()
        refused = page.locator(".set-form__cron .field-error")
        refused.wait_for()
        assert refused.inner_text().strip()
        assert page.url.endswith("/edit")
        page.screenshot(path=str(ARTIFACTS / "set-edit.png"), full_page=True)

        page.get_by_label("Cron expression").fill("0 9 * * 1")
        page.get_by_test_id("submit-batch").click()
        page.wait_for_url(re.compile(r"/sets/[0-9a-f-]{36}$"))
        page.get_by_text("Every Monday at 09:00 (Europe/Paris)").first.wait_for()
        assert page.dialogs == []
