"""Pricing changes: plans matched by name between two runs, and what changed in each.

Plans are matched by their name, normalised (case, spacing, punctuation, a trailing
"plan"); a page that lists the same plan per period (monthly and yearly) is matched period
by period. A run whose pricing could not be read (no ``pricing`` in the result, an older
analysis, or an error fetching the pricing page) is not compared at all: that is not the
same as a pricing page without plans.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from aura.audit.pricing.plans import plan_key
from aura.comparison.inputs import mapping, number, text
from aura.history.document import Plan, PlanChange, PricingChange

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}
PERIODS = {"month", "year", "week", "day"}

#: The change a matched plan reports, most telling first.
PlanChangeKind = Literal["currency", "price", "period"]


def plans_of(result: Mapping[str, Any] | None) -> tuple[str | None, list[Plan]] | None:
    """The pricing page and its plans, or None when the run's pricing is unknown."""
    raw = mapping(result).get("pricing")
    if not isinstance(raw, Mapping) or raw.get("error"):
        return None
    plans: list[Plan] = []
    items = raw.get("plans")
    for item in items if isinstance(items, list) else []:
        body = mapping(item)
        name = text(body.get("name"))
        if name is None:
            continue
        plans.append(
            Plan(
                name=" ".join(name.split()),
                price=number(body.get("price")),
                currency=(text(body.get("currency")) or "").upper() or None,
                period=text(body.get("period")),
                price_text=text(body.get("price_text")) or "",
                features=_features(body.get("features")),
            )
        )
    return text(raw.get("url")), plans


def _features(raw: Any) -> list[str]:
    """A plan's features (older results have none: that reads as no list, not a change)."""
    if not isinstance(raw, list):
        return []
    return [" ".join(item.split()) for item in raw if isinstance(item, str) and item.strip()]


def describe(plan: Plan) -> str:
    """A plan's price as Aura writes it: "$29/month", "CHF 290/year", "Contact us"."""
    if plan.price is None:
        return plan.price_text or "no price"
    amount = f"{plan.price:.0f}" if plan.price == int(plan.price) else f"{plan.price:.2f}"
    currency = plan.currency or ""
    price = f"{SYMBOLS[currency]}{amount}" if currency in SYMBOLS else f"{currency} {amount}"
    period = f"/{plan.period}" if plan.period in PERIODS else ""
    return f"{price.strip()}{period}"


def _same_price(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, abs_tol=0.005)


def _kind(before: Plan, after: Plan) -> PlanChangeKind | None:
    if before.currency != after.currency and before.currency and after.currency:
        return "currency"
    if not _same_price(before.price, after.price):
        return "price"
    if before.period != after.period:
        return "period"
    return None


def _pair(
    before: Sequence[Plan], after: Sequence[Plan]
) -> tuple[list[tuple[Plan, Plan]], list[Plan], list[Plan]]:
    """Plans matched by name (then by period among plans of one name), added, removed."""
    left = list(before)
    matched: list[tuple[Plan, Plan]] = []
    added: list[Plan] = []
    for plan in after:
        same = [old for old in left if plan_key(old.name) == plan_key(plan.name)]
        match = next((old for old in same if old.period == plan.period), None)
        if match is None and same:
            match = same[0]
        if match is None:
            added.append(plan)
        else:
            left.remove(match)
            matched.append((match, plan))
    return matched, added, left


def _changes(before: Sequence[Plan], after: Sequence[Plan]) -> list[PlanChange]:
    matched, added, removed = _pair(before, after)
    changes = [
        PlanChange(
            plan=plan.name,
            change="added",
            before=None,
            after=plan,
            summary=f"New plan {plan.name}: {describe(plan)}",
        )
        for plan in added
    ]
    changes.extend(
        PlanChange(
            plan=plan.name,
            change="removed",
            before=plan,
            after=None,
            summary=f"Plan {plan.name} removed (was {describe(plan)})",
        )
        for plan in removed
    )
    changes.extend(
        PlanChange(
            plan=new.name,
            change=kind,
            before=old,
            after=new,
            summary=f"{new.name}: {describe(old)} → {describe(new)}",
        )
        for old, new in matched
        if (kind := _kind(old, new)) is not None
    )
    changes.extend(
        PlanChange(
            plan=new.name,
            change="features",
            before=old,
            after=new,
            summary=summary,
        )
        for old, new in matched
        if (summary := _feature_summary(old, new)) is not None
    )
    return sorted(changes, key=lambda change: (plan_key(change.plan), change.summary))


def _feature_summary(before: Plan, after: Plan) -> str | None:
    """ "Pro: now includes SSO; no longer Audit log", or None when the lists hold the same
    features (order aside) or either run read none (an older result, a page without lists)."""
    if not before.features or not after.features:
        return None
    gained = [item for item in after.features if item not in before.features]
    lost = [item for item in before.features if item not in after.features]
    if not gained and not lost:
        return None
    parts = []
    if gained:
        parts.append("now includes " + ", ".join(gained))
    if lost:
        parts.append("no longer " + ", ".join(lost))
    return f"{after.name}: " + "; ".join(parts)


def pricing_changes(
    before: Mapping[str, Any] | None, after: Mapping[str, Any] | None
) -> PricingChange | None:
    """What changed in the plans of two results; None when nothing did or either is unknown."""
    old, new = plans_of(before), plans_of(after)
    if old is None or new is None:
        return None
    changes = _changes(old[1], new[1])
    if not changes:
        return None
    return PricingChange(before_url=old[0], after_url=new[0], changes=changes)
