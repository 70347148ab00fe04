from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from aura.db.base import Base
from aura.db.types import UUID, new_id

if TYPE_CHECKING:
    from aura.models.analysis import Analysis


class CompetitiveAnalysisUrl(Base):
    """One URL of a batch; its state is that of its analysis."""

    __tablename__ = "competitive_analysis_urls"
    __table_args__ = (sa.UniqueConstraint("batch_id", "url", name="uq_batch_url"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=new_id)
    batch_id: Mapped[uuid.UUID] = mapped_column(
        UUID, sa.ForeignKey("competitive_analysis_batches.id", ondelete="CASCADE"), index=True
    )
    analysis_id: Mapped[uuid.UUID] = mapped_column(
        UUID, sa.ForeignKey("analyses.id", ondelete="CASCADE"), unique=True
    )
    position: Mapped[int]
    url: Mapped[str] = mapped_column(sa.String(2048))
    is_primary: Mapped[bool] = mapped_column(default=False)
    #: The name the user gave this URL (their text: escaped in every output), or None.
    label: Mapped[str | None] = mapped_column(sa.String(200))

    analysis: Mapped[Analysis] = relationship(lazy="raise")
