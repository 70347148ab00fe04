from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from aura.db.base import Base
from aura.db.types import UUID, JSONDocument, StorableText, TZDateTime, new_id, utcnow


class AnalysisStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        return self in (AnalysisStatus.COMPLETED, AnalysisStatus.FAILED, AnalysisStatus.CANCELLED)


class Analysis(Base):
    """One analysis of one URL: the unit of background work."""

    __tablename__ = "analyses"
    __table_args__ = (sa.Index("ix_analyses_status_lease", "status", "lease_expires_at"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=new_id)
    url: Mapped[str] = mapped_column(sa.String(2048))
    final_url: Mapped[str | None] = mapped_column(sa.String(2048))
    status: Mapped[str] = mapped_column(sa.String(16), default=AnalysisStatus.QUEUED)
    mode: Mapped[str] = mapped_column(sa.String(16), default="static")
    analysis_version: Mapped[str | None] = mapped_column(sa.String(32))
    result: Mapped[dict[str, Any] | None] = mapped_column(JSONDocument)
    error: Mapped[str | None] = mapped_column(StorableText)
    #: Per-analysis engine options (a set's run: ``{"ignore_selectors": [...]}``).
    options: Mapped[dict[str, Any] | None] = mapped_column(JSONDocument)
    # The claim: which attempt holds the job and until when. A worker that dies leaves an
    # expired lease behind, and the recovery sweep hands the job to another worker.
    attempts: Mapped[int] = mapped_column(default=0)
    claim_token: Mapped[uuid.UUID | None] = mapped_column(UUID)
    #: The worker holding (or last holding) the job, e.g. ``host#pid``, for operators.
    claimed_by: Mapped[str | None] = mapped_column(sa.String(200))
    lease_expires_at: Mapped[dt.datetime | None] = mapped_column(TZDateTime)
    #: What a running analysis is doing (``aura.analyses.stages``); None once it is over.
    stage: Mapped[str | None] = mapped_column(sa.String(16))
    duration_ms: Mapped[int | None]
    created_at: Mapped[dt.datetime] = mapped_column(TZDateTime, default=utcnow)
    started_at: Mapped[dt.datetime | None] = mapped_column(TZDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(TZDateTime)
