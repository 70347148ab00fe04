"""Request and response bodies of the comparison-set API (``/api/v1/sets``).

A comparison set is a named list of sites (yours first among them, plus competitors) with
analysis options, which can be run again and again; each run is a batch linked to the set.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from aura.analyses.schemas import AnalysisMode, Runs
from aura.competitive.schemas import CrawlSpec

RunTrigger = Literal["manual", "schedule", "cli"]
AlertKind = Literal[
    "overtaken",  # a competitor overtakes us in <category>
    "competitor_content_changed",  # a competitor's headline or pricing (or other fields) changed
    "competitor_technology_changed",  # a competitor adopted or dropped a technology
    "score_dropped",  # our score (overall or a category) fell by at least N points
]
DeliveryStatus = Literal["pending", "sending", "delivered", "failed", "none"]
AlertChannel = Literal["webhook", "slack", "email"]


class ScheduleSpec(BaseModel):
    """Run the set every N hours, or on a cron expression (5 fields) in a time zone."""

    model_config = ConfigDict(extra="forbid")

    every_hours: float | None = Field(
        default=None, gt=0, le=24 * 366, description="Interval between runs, in hours"
    )
    cron: str | None = Field(
        default=None, max_length=200, description="A 5-field cron expression, e.g. '0 9 * * 1'"
    )
    timezone: str = Field(default="UTC", description="IANA zone the cron expression is read in")
    starts_at: dt.datetime | None = Field(
        default=None, description="First run of an interval schedule (default: now + interval)"
    )
    enabled: bool = True


class ScheduleRead(BaseModel):
    every_hours: float | None
    cron: str | None
    timezone: str
    enabled: bool
    next_run_at: dt.datetime | None = Field(description="None when disabled or no schedule")
    last_run_at: dt.datetime | None
    description: str = Field(description="Readable, e.g. 'every 6 hours' or 'cron 0 9 * * 1'")


class SetCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200, description="Unique name of the set")
    urls: list[str] = Field(description="Your site and its competitors (2 to AURA_MAX_BATCH_URLS)")
    primary_url: str | None = Field(default=None, description="Your own site; one of ``urls``")
    mode: AnalysisMode | None = None
    ignore_selectors: dict[str, list[str]] = Field(
        default_factory=dict,
        description="URL (one of ``urls``) → CSS selectors whose content change tracking "
        "ignores (rotating banners, counters, dates)",
    )
    labels: dict[str, str] | None = Field(
        default=None,
        description="URL (one of ``urls``) → the name to show for it in every run (at most "
        "200 characters; blank: the name is derived from the page)",
    )
    runs: Runs = None
    crawl: CrawlSpec | None = Field(
        default=None, description="Crawl each site in every run (default: the start pages only)"
    )
    schedule: ScheduleSpec | None = None


class SetUpdate(BaseModel):
    """Fields to change; those left out stay as they are. ``schedule: null`` removes it."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=200)
    urls: list[str] | None = None
    primary_url: str | None = None
    mode: AnalysisMode | None = None
    ignore_selectors: dict[str, list[str]] | None = None
    labels: dict[str, str] | None = Field(
        default=None,
        description="Replaces every label (``{}`` removes them); left out, the labels of the "
        "URLs still in the set stay",
    )
    runs: Runs = None
    crawl: CrawlSpec | None = Field(
        default=None, description="The crawl of each run; null goes back to the start pages"
    )
    schedule: ScheduleSpec | None = None


class RunSummary(BaseModel):
    batch_id: uuid.UUID
    number: int = Field(
        ge=1, description="Its place among the set's runs, oldest first: 'Run 3' is the third"
    )
    status: str
    trigger: RunTrigger
    progress: int
    created_at: dt.datetime
    finished_at: dt.datetime | None
    scores: dict[str, float | None] = Field(
        default_factory=dict, description="URL → overall score in this run (finished runs)"
    )
    change_count: int | None = Field(
        default=None, description="Changes against the previous run, once computed"
    )


class SetRead(BaseModel):
    id: uuid.UUID
    name: str
    urls: list[str]
    primary_url: str | None
    mode: str | None
    ignore_selectors: dict[str, list[str]]
    labels: dict[str, str] = Field(
        default_factory=dict, description="URL → the name the user gave it (only those given)"
    )
    runs: int = Field(default=1, description="Renders of each page per run (browser mode)")
    crawl: CrawlSpec | None = Field(default=None, description="The crawl of each run")
    schedule: ScheduleRead | None
    run_count: int
    last_run: RunSummary | None
    created_at: dt.datetime
    updated_at: dt.datetime


class SetList(BaseModel):
    items: list[SetRead]


class RunList(BaseModel):
    items: list[RunSummary]


class AlertRuleCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: AlertKind
    category: str = Field(
        default="overall",
        description="overtaken, score_dropped: ``overall`` or a category id",
    )
    points: float | None = Field(
        default=None, gt=0, le=100, description="score_dropped: the fall that triggers it"
    )
    fields: list[str] = Field(
        default_factory=lambda: ["headline", "pricing"],
        description="competitor_content_changed: which of title, meta_description, headline, "
        "calls_to_action, navigation, main_text, pricing",
    )
    channel: AlertChannel = Field(
        default="webhook",
        description="webhook: the signed JSON document POSTed to webhook_url; slack: a "
        "readable message POSTed to a Slack-compatible incoming webhook (webhook_url); "
        "email: a message to email_to through the server's SMTP settings",
    )
    webhook_url: str | None = Field(
        default=None, max_length=2048, description="Where alerts are POSTed (JSON)"
    )
    secret: str | None = Field(
        default=None,
        max_length=200,
        description="Shared secret: each delivery carries X-Aura-Signature, "
        "sha256=HMAC-SHA256(secret, '<X-Aura-Timestamp>.<body>') in hex",
    )
    email_to: list[str] = Field(
        default_factory=list, max_length=20, description="email: the recipients' addresses"
    )
    digest: bool = Field(
        default=False,
        description="One message per run with all the rule's alerts, not one per alert",
    )
    enabled: bool = True


class AlertRuleRead(BaseModel):
    id: uuid.UUID
    set_id: uuid.UUID
    kind: AlertKind
    category: str
    points: float | None
    fields: list[str]
    channel: AlertChannel
    webhook_url: str | None
    has_secret: bool
    email_to: list[str]
    digest: bool
    enabled: bool
    description: str = Field(description="Readable, e.g. 'A competitor overtakes us in SEO'")
    created_at: dt.datetime


class AlertRuleList(BaseModel):
    items: list[AlertRuleRead]


class DeliveryRead(BaseModel):
    status: DeliveryStatus = Field(
        description="none when the rule sends nothing (no webhook, no recipients) or the "
        "alert went out in its run's digest"
    )
    attempts: int
    last_error: str | None
    delivered_at: dt.datetime | None
    next_attempt_at: dt.datetime | None


class AlertRead(BaseModel):
    id: uuid.UUID
    set_id: uuid.UUID
    rule_id: uuid.UUID | None
    kind: AlertKind
    batch_id: uuid.UUID
    previous_batch_id: uuid.UUID
    site: str | None
    message: str
    details: dict[str, Any]
    created_at: dt.datetime
    delivery: DeliveryRead


class AlertList(BaseModel):
    items: list[AlertRead]
