"""Hand-built runs of a comparison set: results shaped like the runner's, with snapshots and
pricing, and the comparison each run would have stored."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from aura.comparison import SiteInput, compare
from aura.history.document import RunRef
from aura.history.inputs import RunInput, SiteRun
from tests.comparison.builders import result

A, B, C, D = (f"https://{name}.example/" for name in "abcd")
START = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)


def technology(name: str, version: str | None = None, category: str = "Other") -> dict[str, Any]:
    return {"name": name, "version": version, "categories": [category], "confidence": 100}


def plan(
    name: str,
    price: float | None,
    currency: str | None = "USD",
    period: str | None = "month",
    price_text: str | None = None,
    features: list[str] | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": name,
        "price": price,
        "currency": currency,
        "period": period,
        "price_text": price_text if price_text is not None else f"${price}",
    }
    if features is not None:
        body["features"] = features
    return body


def snapshot(
    *,
    title: str | None = "Acme: tools for teams",
    meta_description: str | None = "Acme builds tools for teams.",
    headline: str | None = "Ship faster with Acme",
    calls_to_action: list[str] | None = None,
    navigation: list[str] | None = None,
    main_text: str = "Ship faster with Acme\nTools for teams of every size",
) -> dict[str, Any]:
    return {
        "title": title,
        "meta_description": meta_description,
        "headline": headline,
        "calls_to_action": calls_to_action if calls_to_action is not None else ["Start free"],
        "navigation": navigation if navigation is not None else ["Home", "Pricing", "Blog"],
        "main_text": main_text,
        "ignored_selectors": [],
    }


def page(
    *,
    scores: dict[str, float | None] | None = None,
    metrics: dict[str, float] | None = None,
    technologies: list[dict[str, Any]] | None = None,
    snapshot_: dict[str, Any] | None = None,
    plans: list[dict[str, Any]] | None = None,
    pricing_url: str | None = "https://x.example/pricing",
    pricing_error: str | None = None,
) -> dict[str, Any]:
    """A 1.2 result; without ``snapshot_``/``plans`` it has no snapshot/pricing (as in 1.1)."""
    facts = {"technologies": technologies} if technologies is not None else {}
    body = result(
        scores=scores or {"performance": 80, "seo": 80}, metrics=metrics, facts=facts, version="1.2"
    )
    if snapshot_ is not None:
        body["snapshot"] = snapshot_
    if plans is not None or pricing_error is not None:
        body["pricing"] = {
            "url": pricing_url,
            "source": "linked",
            "plans": plans or [],
            "error": pricing_error,
        }
    return body


def site(
    url: str, body: dict[str, Any] | None, *, primary: bool = False, label: str | None = None
) -> SiteRun:
    """One site of a run. Its result has no title, so that sentences name it by its host (or
    by ``label``, the user's name for it)."""
    if body is None:
        return SiteRun(
            url=url,
            is_primary=primary,
            status="failed",
            error="timed out",
            result=None,
            label=label,
        )
    return SiteRun(
        url=url,
        is_primary=primary,
        status="completed",
        error=None,
        result={**body, "title": None, "url": url, "final_url": url},
        label=label,
    )


def run(
    *sites: SiteRun, primary_url: str | None = A, day: int = 0, stored: bool = True
) -> RunInput:
    """A finished run ``day`` days after START, with the comparison the batch stored."""
    at = START + dt.timedelta(days=day)
    comparison = compare(
        [
            SiteInput(
                url=s.url,
                status=s.status,
                is_primary=s.is_primary,
                error=s.error,
                result=dict(s.result) if s.result is not None else None,
                label=s.label,
            )
            for s in sites
        ],
        primary_url,
    )
    return RunInput(
        ref=RunRef(
            batch_id=uuid.UUID(int=day + 1),
            status="completed",
            created_at=at,
            finished_at=at + dt.timedelta(minutes=2),
        ),
        primary_url=primary_url,
        sites=list(sites),
        comparison=comparison if stored else None,
    )
