from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from aura.db.base import Base
from aura.db.types import UUID, JSONDocument, TZDateTime, new_id, utcnow


class ComparisonResult(Base):
    """The stored comparison of a batch (at most one per batch)."""

    __tablename__ = "comparison_results"

    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=new_id)
    batch_id: Mapped[uuid.UUID] = mapped_column(
        UUID,
        sa.ForeignKey("competitive_analysis_batches.id", ondelete="CASCADE"),
        unique=True,
    )
    analysis_version: Mapped[str] = mapped_column(sa.String(32))
    comparison_version: Mapped[str] = mapped_column(sa.String(32))
    result: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    created_at: Mapped[dt.datetime] = mapped_column(TZDateTime, default=utcnow)
