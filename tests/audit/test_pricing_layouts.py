"""The pricing suite: plans read from pricing layouts whose plans were written down by reading
each page (cards, comparison tables, sentences, JSON-LD offers, billing toggles, several
currencies and locales, and real pricing pages of the shared sites), scored for precision and
recall. A plan counts as found when its name, price, currency and period all agree."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from aura.audit.artifacts import Document
from aura.audit.pricing import find_plans
from aura.audit.pricing.discovery import read_page
from tests.support.servers import SHARED_SITES

LAYOUTS = Path(__file__).parent / "pricing_layouts"
SHARED = SHARED_SITES.parent
PAGES: list[dict[str, Any]] = tomllib.loads((LAYOUTS / "expected.toml").read_text())["page"]
#: The issue's bar: both precision and recall at least this, over all layouts.
TARGET = 0.9


@dataclass(frozen=True)
class Key:
    name: str
    price: float | None
    placeholder: bool
    currency: str | None
    period: str | None


def expected_key(plan: dict[str, Any]) -> Key:
    price = plan["price"]
    return Key(
        name=plan["name"].casefold(),
        price=float(price) if isinstance(price, (int, float)) else None,
        placeholder=price == "placeholder",
        currency=plan.get("currency"),
        period=None if plan["period"] == "none" else plan["period"],
    )


def found_key(plan: dict[str, Any]) -> Key:
    return Key(
        name=plan["name"].casefold(),
        price=plan["price"],
        placeholder=plan["placeholder"],
        currency=plan["currency"],
        period=plan["period"],
    )


def page_source(page: dict[str, Any]) -> str:
    if "shared" in page:
        path = SHARED / page["shared"]
        if not path.exists():
            pytest.skip(f"{path} is not here (../shared holds the shared sites)")
        return path.read_text(encoding="utf-8", errors="replace")
    return (LAYOUTS / page["file"]).read_text(encoding="utf-8")


def plans_read(page: dict[str, Any]) -> list[dict[str, Any]]:
    """What Aura reports for the page, deciding as the analysis does whether it is about
    pricing (its path, or priced plans with a period)."""
    document = Document(f"https://example.test{page['path']}", page_source(page))
    plans, _ = read_page(document)
    return [plan.as_json() for plan in plans or []]


def test_the_suite_reads_pricing_at_or_above_the_bar() -> None:
    expected_total = found_total = matched_total = 0
    feature_checks = feature_right = 0
    wrong: list[str] = []
    for page in PAGES:
        label = page.get("file") or page["shared"]
        found = plans_read(page)
        found_keys = [found_key(plan) for plan in found]
        expected = [expected_key(plan) for plan in page["plans"]]
        matched = [key for key in expected if key in found_keys]
        expected_total += len(expected)
        found_total += len(found_keys)
        matched_total += len(matched)
        for key in expected:
            if key not in found_keys:
                wrong.append(f"{label}: missed {key}")
        for key in found_keys:
            if key not in expected:
                wrong.append(f"{label}: reported {key}")
        for plan in page["plans"]:
            if "features" not in plan:
                continue
            feature_checks += 1
            same = [item for item in found if found_key(item) == expected_key(plan)]
            if same and same[0]["features"] == plan["features"]:
                feature_right += 1
            else:
                got = same[0]["features"] if same else None
                wrong.append(f"{label}: features of {plan['name']}: {got}")
    precision = matched_total / found_total if found_total else 0.0
    recall = matched_total / expected_total
    features = feature_right / feature_checks
    report = (
        f"precision {precision:.0%} ({matched_total}/{found_total}), "
        f"recall {recall:.0%} ({matched_total}/{expected_total}), "
        f"features {features:.0%} ({feature_right}/{feature_checks})\n" + "\n".join(wrong)
    )
    print(report)
    assert len(PAGES) >= 10
    assert precision >= TARGET, report
    assert recall >= TARGET, report
    assert features >= TARGET, report


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.get("file") or page["shared"])
def test_each_layout_reads_every_plan(page: dict[str, Any]) -> None:
    """Per layout, for a readable failure; the suite above holds the bar."""
    found = {found_key(plan) for plan in plans_read(page)}
    expected = {expected_key(plan) for plan in page["plans"]}
    assert found == expected


def test_the_issue_sentence_on_the_landing_page_gives_its_plans() -> None:
    """#25: '04-tt-landing-page' with 'Starter plan: $29/month. Pro plan: $99/month.' added
    gave no plans at all. Its Free / Basic / Pro cards and the two stated plans are read."""
    source = (SHARED / "sites/04-tt-landing-page/index.html").read_text(encoding="utf-8")
    added = source.replace(
        "</body>", "<p>Starter plan: $29/month. Pro plan: $99/month.</p></body>", 1
    )
    plans, _ = read_page(Document("https://example.test/", added))
    assert plans is not None
    stated = {(plan.name, plan.price, plan.currency, plan.period) for plan in plans}
    assert ("Starter", 29.0, "USD", "month") in stated
    assert ("Pro", 99.0, "USD", "month") in stated
    assert ("Free", 0.0, "GBP", None) in stated


def test_a_heading_that_qualifies_the_price_is_not_a_plan_name() -> None:
    body = "".join(
        f'<div class="p"><h3>Starting from</h3><h4>${price}/mo</h4><p>{n} users</p></div>'
        for n, price in ((1, 10), (5, 30))
    )
    document = Document("https://example.test/pricing", f"<body><main>{body}</main></body>")
    names = [plan.name for plan in find_plans(document, single=True)]
    assert names == ["Plan 1", "Plan 2"]


#: The shared pages that show plans (read by hand): every other page shows none.
PAGES_WITH_PLANS = {
    "sites/02-ud-play-bootstrap/index.html",
    "sites/02-ud-play-bootstrap/pricing.html",
    "sites/03-tb-landwind/index.html",
    "sites/04-tt-landing-page/index.html",
    "sites-multi/01-sb-modern-business/pricing.html",
}


def test_pages_without_plans_report_none() -> None:
    """Precision where it is easiest to lose: shops' product grids (06, 07), blogs, docs and
    landing pages with prices in their text report no plans."""
    pages = sorted(SHARED.glob("sites/*/*.html")) + sorted(SHARED.glob("sites-multi/**/*.html"))
    if not pages:
        pytest.skip("../shared holds the shared sites")
    with_plans = set()
    for path in pages:
        document = Document(f"https://example.test/{path.name}", path.read_text(errors="replace"))
        plans, _ = read_page(document)
        if plans:
            with_plans.add(str(path.relative_to(SHARED)))
    assert with_plans == PAGES_WITH_PLANS
