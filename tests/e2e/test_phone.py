"""The web UI on a phone: a 390 px wide viewport (an iPhone 14's), touch, no sideways scroll."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.e2e.test_ui import aura  # noqa: F401
from tests.support.servers import SHARED_SITES, serve_directory, wait_until

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

# How far the page reaches past the viewport, and what sticks out (for the failure message).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const out = [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > width + 0.5)
    .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
  return {scrollWidth: document.documentElement.scrollWidth, width, out: out.slice(0, 12)};
}"""


@pytest.fixture(scope="module")
def finished_batch(aura: str) -> Iterator[dict[str, Any]]:  # noqa: F811
    with (
        serve_directory(SHARED_SITES / "01-sb-landing-page") as own,
        serve_directory(SHARED_SITES / "05-sb-new-age") as rival,
        serve_directory(SHARED_SITES / "08-sb-agency") as third,
    ):
        created = httpx.post(
            f"{aura}/api/v1/competitive/",
            json={
                "urls": [f"{own}/", f"{rival}/", f"{third}/"],
                "mode": "static",
                "name": "On a phone",
            },
        )
        assert created.status_code == 201, created.text
        url = f"{aura}/api/v1/competitive/{created.json()['id']}"

        def finished() -> bool:
            return httpx.get(url).json()["status"] in {"completed", "partial", "failed"}

        assert wait_until(finished, timeout=120, interval=0.5)
        yield httpx.get(url).json()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


def _assert_no_sideways_scroll(phone: Any) -> None:
    overflow = phone.evaluate(OVERFLOW)
    assert overflow["scrollWidth"] <= overflow["width"], overflow


def test_no_page_scrolls_sideways(aura: str, finished_batch: dict[str, Any], phone: Any) -> None:  # noqa: F811
    assert finished_batch["status"] == "completed", finished_batch
    analysis = finished_batch["urls"][1]["analysis_id"]
    pages = {
        "/": "text=On a phone",
        "/new": "[data-testid=url-input]",
        f"/batches/{finished_batch['id']}": "[data-testid=comparison-grid]",
        f"/analyses/{analysis}": "h1",
    }
    titles = set()
    for path, ready in pages.items():
        phone.goto(aura + path)
        phone.locator(ready).first.wait_for(timeout=30_000)
        phone.wait_for_timeout(500)  # charts and images settle
        _assert_no_sideways_scroll(phone)
        titles.add(phone.title())
    # Each page names itself in its tab.
    assert len(titles) == len(pages), titles
    assert "On a phone · Aura" in titles


def test_a_report_links_back_to_its_comparison(
    aura: str,  # noqa: F811
    finished_batch: dict[str, Any],
    phone: Any,
) -> None:
    comparison = f"{aura}/batches/{finished_batch['id']}"
    phone.goto(comparison)
    phone.get_by_text("Full report →").first.click()
    phone.get_by_test_id("back-to-comparison").click()
    phone.wait_for_url(comparison)


def test_the_header_folds_into_a_menu(aura: str, phone: Any) -> None:  # noqa: F811
    phone.goto(aura + "/")
    menu = phone.get_by_role("button", name="Menu")
    sets = phone.get_by_role("link", name="Sets")
    assert not sets.is_visible()
    menu.click()
    sets.click()
    phone.wait_for_url(f"{aura}/sets")
    # The menu folds again once the user has gone somewhere (on the render after the URL
    # changed: waited for, as a user's eye would).
    phone.get_by_role("link", name="New comparison").wait_for(state="hidden", timeout=5000)
    _assert_no_sideways_scroll(phone)


def test_the_grid_keeps_its_row_labels_and_shows_two_sites(
    aura: str,  # noqa: F811
    finished_batch: dict[str, Any],
    phone: Any,
) -> None:
    phone.goto(f"{aura}/batches/{finished_batch['id']}")
    grid = phone.get_by_test_id("comparison-grid")
    grid.wait_for(timeout=30_000)
    label = grid.locator("tbody th[scope=row]").first
    sites = grid.locator("thead th.comparison-grid__site")
    width = phone.evaluate("() => document.documentElement.clientWidth")

    def fully_visible_sites() -> int:
        boxes = [sites.nth(i).bounding_box() for i in range(sites.count())]
        return sum(1 for box in boxes if box and box["x"] >= 0 and box["x"] + box["width"] <= width)

    assert fully_visible_sites() >= 2
    before = label.bounding_box()
    phone.locator(".grid-scroll").first.evaluate("(box) => box.scrollBy(400, 0)")
    phone.wait_for_timeout(100)
    after = label.bounding_box()
    # The sites moved under the labels; the labels stayed where they were.
    assert after["x"] == before["x"]
    assert sites.last.bounding_box()["x"] + sites.last.bounding_box()["width"] <= width + 1


def test_a_mistake_shown_on_leaving_a_field_does_not_swallow_the_next_click(
    aura: str,  # noqa: F811
    phone: Any,
) -> None:
    phone.goto(f"{aura}/new")
    inputs = phone.get_by_test_id("url-input")
    inputs.first.wait_for()
    inputs.first.fill("ftp://example.com")
    # Leaving the field by pressing a button below it: the message appears above the button
    # and moves it, but only after the press, so the button still gets its click.
    phone.get_by_test_id("add-url").click()
    assert inputs.count() == 4
    error = phone.locator(".url-row").nth(0).locator(".field-error")
    error.wait_for()
    assert "only http and https" in error.inner_text()
