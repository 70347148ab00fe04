"""What changed between two runs of a comparison set, and how a set did over all its runs.

These models are the contract between the pure diff (``aura.history.diff``), the API that
serves it (``GET /api/v1/sets/{id}/changes``, ``/trends``), the alert rules and the UI (its
TypeScript types are generated from the OpenAPI schema). Sites are matched between runs by
their URL as the set lists it. Every string taken from an analysed page (titles, headlines,
calls to action, navigation items, plan names, prices) is plain data, never markup.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from aura.comparison.document import Direction, Unit

CHANGES_VERSION: Final = "1.0"

Verdict = Literal["better", "worse", "unchanged", "new", "gone", "unmeasured"]
RankVerdict = Literal["up", "down", "unchanged", "new", "gone"]
SiteStatus = Literal["changed", "unchanged", "new", "gone", "failed"]
TextField = Literal[
    "title", "meta_description", "headline", "calls_to_action", "navigation", "main_text"
]
DiffOp = Literal["equal", "insert", "delete"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RunRef(_Model):
    """One run of a set: a batch."""

    batch_id: uuid.UUID
    status: str
    created_at: dt.datetime
    finished_at: dt.datetime | None


class Delta(_Model):
    """A score or metric of one site in both runs."""

    id: str = Field(description="``overall``, a category id, or a metric id")
    label: str
    unit: Unit
    direction: Direction = Field(description="Whether a higher or a lower value is better")
    before: float | None
    after: float | None
    change: float | None = Field(description="after - before; None unless both are known")
    verdict: Verdict = Field(
        description="better/worse by more than the metric's noise threshold and outside "
        "both runs' measured spread, else unchanged; new/gone when the site is in one run "
        "only; unmeasured when the site was analysed in both but one lacks the value, or "
        "the two were not measured alike (a measurement gap, not a change)"
    )
    note: str | None = Field(
        default=None,
        description="Why an unmeasured value was not compared when both runs have one: "
        "timings taken another way, or disturbed by a busy host",
    )


class RankChange(_Model):
    category: str = Field(description="``overall`` or a category id")
    label: str
    before: int | None
    after: int | None
    verdict: RankVerdict


class TechnologyChange(_Model):
    name: str
    change: Literal["added", "removed", "version"]
    categories: list[str]
    before_version: str | None
    after_version: str | None


class DiffSegment(_Model):
    """One piece of a readable diff: words (short fields) or lines (main text)."""

    op: DiffOp
    text: str


class TextChange(_Model):
    """A changed piece of page content, after normalisation (dates, counters) and the
    set's ignore selectors."""

    field: TextField
    label: str
    before: str | None = Field(description="The whole old value (lists joined by newlines)")
    after: str | None
    added: list[str] = Field(
        default_factory=list, description="List fields and main text: items/lines now present"
    )
    removed: list[str] = Field(
        default_factory=list, description="List fields and main text: items/lines now gone"
    )
    diff: list[DiffSegment] = Field(default_factory=list)
    summary: str = Field(description="One readable sentence, e.g. 'Headline changed'")


class Plan(_Model):
    """A plan found on a pricing page."""

    name: str
    price: float | None = Field(description="None for 'Contact us' and similar")
    currency: str | None = Field(description="ISO 4217 code when known (USD, EUR, GBP…)")
    period: str | None = Field(description="month, year, week, day, one-time, or None")
    price_text: str = Field(description="The price as the page wrote it")
    features: list[str] = Field(
        default_factory=list, description="What the plan includes, as its card lists it"
    )


class PlanChange(_Model):
    plan: str
    change: Literal["added", "removed", "price", "currency", "period", "features"]
    before: Plan | None
    after: Plan | None
    summary: str


class PricingChange(_Model):
    before_url: str | None = Field(description="The pricing page found in the earlier run")
    after_url: str | None
    changes: list[PlanChange]


class VisualChange(_Model):
    """The above-the-fold desktop screenshots of both runs compared perceptually."""

    screenshot: str = Field(description="Which screenshot was compared, e.g. desktop.png")
    changed_percent: float = Field(ge=0, le=100)
    overlay: str | None = Field(
        description="File name of the overlay image (the new screenshot with changed areas "
        "marked), served under the run's visual endpoint; None when nothing changed"
    )


class SiteChanges(_Model):
    url: str
    name: str | None = Field(
        default=None,
        description="What to call the site, as the run's comparison does (the user's label, "
        "its og:site_name, the title's brand, its host); None in changes stored before names",
    )
    is_primary: bool
    status: SiteStatus = Field(
        description="changed/unchanged; new or gone when the site is in only one run; "
        "failed when its analysis failed in either run (error says which)"
    )
    error: str | None = None
    scores: list[Delta] = Field(default_factory=list, description="overall + categories")
    metrics: list[Delta] = Field(default_factory=list, description="Key metrics")
    ranks: list[RankChange] = Field(default_factory=list)
    technology: list[TechnologyChange] = Field(default_factory=list)
    content: list[TextChange] = Field(default_factory=list)
    pricing: PricingChange | None = None
    visual: VisualChange | None = None
    change_count: int = Field(
        description="Changes a user would want to hear of: score/metric deltas that are "
        "better or worse, technology, content, pricing and a visual change (rank moves are "
        "shown, not counted: a site moves when another passes it)"
    )
    summary: list[str] = Field(default_factory=list, description="Readable sentences")


class Overtake(_Model):
    """``site`` was behind ``overtaken`` in ``category`` in the earlier run and is ahead now,
    both times by more than the category's noise."""

    category: str
    label: str
    site: str
    overtaken: str
    site_before: float | None
    site_after: float | None
    overtaken_before: float | None
    overtaken_after: float | None


class RunChanges(_Model):
    """Every change between two runs of a set, site by site."""

    version: Literal["1.0"] = CHANGES_VERSION
    before: RunRef
    after: RunRef
    primary_url: str | None
    sites: list[SiteChanges]
    overtakes: list[Overtake] = Field(default_factory=list)
    summary: list[str] = Field(default_factory=list)


class TrendRun(_Model):
    batch_id: uuid.UUID
    status: str
    at: dt.datetime = Field(description="When the run finished (or was created)")


class SiteTrend(_Model):
    url: str
    is_primary: bool
    scores: dict[str, list[float | None]] = Field(
        description="``overall`` and category id → one value per run, in ``runs`` order "
        "(None where the site was not analysed or not scored)"
    )
    ranks: dict[str, list[int | None]] = Field(
        description="``overall`` and category id → rank per run, in ``runs`` order"
    )


class Trends(_Model):
    runs: list[TrendRun] = Field(description="Finished runs, oldest first")
    categories: list[str] = Field(description="``overall`` then the category ids")
    sites: list[SiteTrend]
