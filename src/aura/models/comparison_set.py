from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from aura.db.base import Base
from aura.db.types import UUID, JSONDocument, TZDateTime, new_id, utcnow


class ComparisonSet(Base):
    """A named list of sites with options, run again and again; each run is a batch.

    The schedule is kept in plain columns: ``next_run_at`` is the due time of the next
    scheduled run (None without an enabled schedule), and the job that runs it advances it
    with a conditional UPDATE, which is what makes one due time produce one run.
    """

    __tablename__ = "comparison_sets"

    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    urls: Mapped[list[str]] = mapped_column(JSONDocument)
    primary_url: Mapped[str | None] = mapped_column(sa.String(2048))
    mode: Mapped[str | None] = mapped_column(sa.String(16))
    #: URL (one of ``urls``) → CSS selectors whose content the analysis leaves out.
    ignore_selectors: Mapped[dict[str, list[str]]] = mapped_column(JSONDocument, default=dict)
    #: URL (one of ``urls``) → the name the user gave it; each run's batch carries them, so
    #: the grid, exports, changes and alerts name the site the same way in every run. None
    #: for a set saved before labels (read as no labels).
    labels: Mapped[dict[str, str] | None] = mapped_column(JSONDocument)
    #: Renders of each page in a run (browser mode); the median one is reported.
    runs: Mapped[int] = mapped_column(default=1, server_default=sa.text("1"))
    #: ``CrawlOptions.as_json()`` of each run (None: the start pages only).
    crawl: Mapped[dict[str, Any] | None] = mapped_column(JSONDocument)
    schedule_every_hours: Mapped[float | None] = mapped_column(sa.Float)
    schedule_cron: Mapped[str | None] = mapped_column(sa.String(200))
    schedule_timezone: Mapped[str] = mapped_column(sa.String(64), default="UTC")
    schedule_enabled: Mapped[bool] = mapped_column(default=False)
    next_run_at: Mapped[dt.datetime | None] = mapped_column(TZDateTime, index=True)
    last_run_at: Mapped[dt.datetime | None] = mapped_column(TZDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(TZDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(TZDateTime, default=utcnow)

    def options_for(self, url: str) -> dict[str, Any]:
        """The analysis options of ``url`` in a run of this set."""
        options: dict[str, Any] = {"ignore_selectors": list(self.ignore_selectors.get(url, []))}
        if self.runs > 1:
            options["runs"] = self.runs
        return options
