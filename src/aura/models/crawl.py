"""The crawl of one site of a batch, and its pages (the distributed frontier)."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from aura.db.base import Base
from aura.db.types import UUID, JSONDocument, StorableText, TZDateTime, new_id, utcnow


class CrawlStatus(enum.StrEnum):
    QUEUED = "queued"
    CRAWLING = "crawling"
    FINISHING = "finishing"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        return self in (CrawlStatus.COMPLETED, CrawlStatus.FAILED, CrawlStatus.CANCELLED)


class CrawlPageStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    SKIPPED = "skipped"


class Crawl(Base):
    """One site of a batch crawled beyond its start page (``CrawlOptions.max_pages`` > 1)."""

    __tablename__ = "crawls"

    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=new_id)
    batch_id: Mapped[uuid.UUID] = mapped_column(
        UUID, sa.ForeignKey("competitive_analysis_batches.id", ondelete="CASCADE"), index=True
    )
    #: The analysis of the start page (the site's full analysis).
    analysis_id: Mapped[uuid.UUID] = mapped_column(
        UUID, sa.ForeignKey("analyses.id", ondelete="CASCADE"), unique=True
    )
    start_url: Mapped[str] = mapped_column(sa.String(2048))
    #: ``CrawlOptions.as_json()``; ``rules``: ``SiteRules.as_json()`` once fetched.
    options: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    rules: Mapped[dict[str, Any] | None] = mapped_column(JSONDocument)
    status: Mapped[str] = mapped_column(sa.String(16), default=CrawlStatus.QUEUED)
    #: Pages queued so far (the start page included), and their outcomes.
    discovered: Mapped[int] = mapped_column(default=0)
    done: Mapped[int] = mapped_column(default=0)
    failed: Mapped[int] = mapped_column(default=0)
    skipped: Mapped[int] = mapped_column(default=0)
    #: Bytes of the pages fetched (bounded by ``CrawlOptions.max_bytes``).
    bytes: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    #: The ``site_report`` of the finished crawl.
    report: Mapped[dict[str, Any] | None] = mapped_column(JSONDocument)
    error: Mapped[str | None] = mapped_column(StorableText)
    #: Politeness: the earliest moment the next fetch from this site may start.
    next_fetch_at: Mapped[dt.datetime | None] = mapped_column(TZDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(TZDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(TZDateTime, default=utcnow)
    started_at: Mapped[dt.datetime | None] = mapped_column(TZDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(TZDateTime)


class CrawlPage(Base):
    """One URL of a crawl's frontier: claimed with a lease and a token like an analysis."""

    __tablename__ = "crawl_pages"
    __table_args__ = (
        sa.UniqueConstraint("crawl_id", "url", name="uq_crawl_page_url"),
        sa.Index("ix_crawl_pages_crawl_status", "crawl_id", "status"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=new_id)
    crawl_id: Mapped[uuid.UUID] = mapped_column(
        UUID, sa.ForeignKey("crawls.id", ondelete="CASCADE")
    )
    #: Normalised (``aura.crawl.urls.normalise``).
    url: Mapped[str] = mapped_column(sa.String(2048))
    depth: Mapped[int] = mapped_column(default=0)
    #: ``start``, ``link`` or ``sitemap``; the first page linking to it.
    source: Mapped[str] = mapped_column(sa.String(16), default="link")
    found_on: Mapped[str | None] = mapped_column(sa.String(2048))
    status: Mapped[str] = mapped_column(sa.String(16), default=CrawlPageStatus.QUEUED)
    attempts: Mapped[int] = mapped_column(default=0)
    claim_token: Mapped[uuid.UUID | None] = mapped_column(UUID)
    lease_expires_at: Mapped[dt.datetime | None] = mapped_column(TZDateTime)
    #: ``PageRecord.as_json()``.
    record: Mapped[dict[str, Any] | None] = mapped_column(JSONDocument)
    template: Mapped[str | None] = mapped_column(sa.String(2048))
    rendered: Mapped[bool] = mapped_column(default=False)
    error: Mapped[str | None] = mapped_column(StorableText)
    created_at: Mapped[dt.datetime] = mapped_column(TZDateTime, default=utcnow)
    started_at: Mapped[dt.datetime | None] = mapped_column(TZDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(TZDateTime)
