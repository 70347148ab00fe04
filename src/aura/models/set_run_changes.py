from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from aura.db.base import Base
from aura.db.types import UUID, JSONDocument, TZDateTime, new_id, utcnow


class SetRunChanges(Base):
    """What changed in one run of a set against its previous finished run (one per run)."""

    __tablename__ = "set_run_changes"

    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=new_id)
    set_id: Mapped[uuid.UUID] = mapped_column(
        UUID, sa.ForeignKey("comparison_sets.id", ondelete="CASCADE"), index=True
    )
    batch_id: Mapped[uuid.UUID] = mapped_column(
        UUID,
        sa.ForeignKey("competitive_analysis_batches.id", ondelete="CASCADE"),
        unique=True,
    )
    previous_batch_id: Mapped[uuid.UUID] = mapped_column(
        UUID,
        # Named by hand: the conventional name is longer than PostgreSQL's 63 characters.
        sa.ForeignKey(
            "competitive_analysis_batches.id",
            ondelete="CASCADE",
            name="fk_set_run_changes_previous_batch",
        ),
    )
    #: The change document (``aura.history.document.RunChanges``).
    document: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    change_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(TZDateTime, default=utcnow)
