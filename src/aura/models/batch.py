from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from aura.db.base import Base
from aura.db.types import UUID, StorableText, TZDateTime, new_id, utcnow

if TYPE_CHECKING:
    from aura.models.batch_url import CompetitiveAnalysisUrl
    from aura.models.comparison import ComparisonResult
    from aura.models.crawl import Crawl


class BatchStatus(enum.StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    COMPARING = "comparing"
    COMPLETED = "completed"
    PARTIAL = "partial"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        return self in FINISHED_BATCH_STATUSES


FINISHED_BATCH_STATUSES = frozenset(
    {BatchStatus.COMPLETED, BatchStatus.PARTIAL, BatchStatus.FAILED, BatchStatus.CANCELLED}
)


class CompetitiveAnalysisBatch(Base):
    __tablename__ = "competitive_analysis_batches"
    __table_args__ = (
        sa.Index("ix_batches_created_at", "created_at"),
        sa.Index("ix_batches_set_created", "set_id", "created_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=new_id)
    name: Mapped[str | None] = mapped_column(sa.String(200))
    status: Mapped[str] = mapped_column(sa.String(16), default=BatchStatus.PENDING, index=True)
    primary_url: Mapped[str | None] = mapped_column(sa.String(2048))
    mode: Mapped[str] = mapped_column(sa.String(16), default="static")
    total_urls: Mapped[int]
    # Fan-in counters, incremented atomically by the URL that finishes; the URL that makes
    # completed + failed reach total_urls (exactly one) moves the batch on to comparing.
    completed_urls: Mapped[int] = mapped_column(default=0)
    failed_urls: Mapped[int] = mapped_column(default=0)
    # Crawls of the batch's sites not finished yet: the batch is compared only when every URL
    # is done and this is 0 (a crawl's finish decrements it in its fan-in transaction). No
    # Python default: a new batch sets it; rows written before crawls existed read 0.
    crawls_pending: Mapped[int] = mapped_column(server_default=sa.text("0"))
    # Incremented in the same transaction as every visible change: progress events carry it.
    version: Mapped[int] = mapped_column(default=1)
    error: Mapped[str | None] = mapped_column(StorableText)
    created_at: Mapped[dt.datetime] = mapped_column(TZDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(TZDateTime, default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(TZDateTime)
    # A run of a comparison set (None for a plain batch, or once its set was deleted).
    set_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, sa.ForeignKey("comparison_sets.id", ondelete="SET NULL")
    )
    #: What started a set's run: manual, schedule or cli.
    trigger: Mapped[str | None] = mapped_column(sa.String(16))

    urls: Mapped[list[CompetitiveAnalysisUrl]] = relationship(
        lazy="raise",
        order_by="CompetitiveAnalysisUrl.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    crawls: Mapped[list[Crawl]] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )
    comparison: Mapped[ComparisonResult | None] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def progress(self) -> int:
        if self.total_urls == 0:
            return 0
        return (self.completed_urls + self.failed_urls) * 100 // self.total_urls
