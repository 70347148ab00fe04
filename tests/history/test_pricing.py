"""Pricing changes: plans matched by name, with readable summaries."""

from __future__ import annotations

from typing import Any

from aura.history.pricing import pricing_changes
from tests.history.builders import page, plan


def _summaries(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[tuple[str, str]]:
    change = pricing_changes(page(plans=before), page(plans=after))
    return [(c.change, c.summary) for c in change.changes] if change else []


def test_price_change_reads_old_to_new() -> None:
    assert _summaries([plan("Pro", 29)], [plan("Pro", 35)]) == [
        ("price", "Pro: $29/month → $35/month")
    ]


def test_plans_are_matched_by_normalised_name() -> None:
    assert _summaries([plan("Pro plan", 29)], [plan("  PRO ", 29)]) == []


def test_added_removed_currency_and_period() -> None:
    before = [
        plan("Starter", 9),
        plan("Team", 49),
        plan("Business", 99, currency="USD"),
        plan("Enterprise", None, period=None, price_text="Contact us"),
    ]
    after = [
        plan("Team", 49, period="year"),
        plan("Business", 99, currency="EUR"),
        plan("Enterprise", None, period=None, price_text="Contact us"),
        plan("Scale", 199.5),
    ]
    assert _summaries(before, after) == [
        ("currency", "Business: $99/month → €99/month"),
        ("added", "New plan Scale: $199.50/month"),
        ("removed", "Plan Starter removed (was $9/month)"),
        ("period", "Team: $49/month → $49/year"),
    ]


def test_monthly_and_yearly_prices_of_one_plan_are_matched_by_period() -> None:
    before = [plan("Pro", 29), plan("Pro", 290, period="year")]
    after = [plan("Pro", 290, period="year"), plan("Pro", 35)]
    assert _summaries(before, after) == [("price", "Pro: $29/month → $35/month")]


def test_unknown_pricing_is_not_everything_removed() -> None:
    with_plans = page(plans=[plan("Pro", 29)])
    assert pricing_changes(page(), with_plans) is None  # an older analysis: no pricing
    assert pricing_changes(with_plans, page(pricing_error="timed out")) is None
    assert pricing_changes(with_plans, None) is None


def test_urls_of_both_pricing_pages_are_kept() -> None:
    before = page(plans=[plan("Pro", 29)], pricing_url="https://b.example/pricing")
    after = page(plans=[plan("Pro", 39)], pricing_url="https://b.example/plans")
    change = pricing_changes(before, after)
    assert change is not None
    assert (change.before_url, change.after_url) == (
        "https://b.example/pricing",
        "https://b.example/plans",
    )


def test_features_gained_and_lost_are_one_change() -> None:
    before = [plan("Pro", 29, features=["5 agents", "Audit log", "Live chat"])]
    after = [plan("Pro", 29, features=["Live chat", "5 agents", "SSO"])]
    assert _summaries(before, after) == [
        ("features", "Pro: now includes SSO; no longer Audit log"),
    ]


def test_features_reordered_or_unknown_are_no_change() -> None:
    listed = [plan("Pro", 29, features=["SSO", "Live chat"])]
    assert _summaries(listed, [plan("Pro", 29, features=["Live chat", "SSO"])]) == []
    # A result from before features were read is not "every feature removed".
    assert _summaries([plan("Pro", 29)], listed) == []
