"""All queries on comparison sets and on their runs. Flush only; never commit."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from aura.db.engine import rowcount
from aura.errors import NotFoundError
from aura.models import (
    BatchStatus,
    ComparisonResult,
    ComparisonSet,
    CompetitiveAnalysisBatch,
    SetRunChanges,
)


@dataclass(frozen=True)
class RunRow:
    """One run of a set as its summary needs it (no URLs, no analyses)."""

    batch: CompetitiveAnalysisBatch
    #: URL → overall score, from the stored comparison of a finished run.
    scores: dict[str, float | None]
    change_count: int | None


class SetRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, set_id: uuid.UUID) -> ComparisonSet | None:
        return await self.session.get(ComparisonSet, set_id)

    async def require(self, set_id: uuid.UUID) -> ComparisonSet:
        """The set, or a 404."""
        row = await self.get(set_id)
        if row is None:
            raise NotFoundError(f"set {set_id} not found")
        return row

    async def by_name(self, name: str) -> ComparisonSet | None:
        return (
            await self.session.scalars(sa.select(ComparisonSet).where(ComparisonSet.name == name))
        ).one_or_none()

    async def all(self) -> list[ComparisonSet]:
        rows = await self.session.scalars(
            sa.select(ComparisonSet).order_by(ComparisonSet.name, ComparisonSet.id)
        )
        return list(rows)

    async def add(self, comparison_set: ComparisonSet) -> None:
        self.session.add(comparison_set)
        await self.session.flush()

    async def delete(self, set_id: uuid.UUID) -> bool:
        """Delete the set; the database cascades to its rules, alerts and change records
        and unlinks its runs (``set_id`` SET NULL), which stay as plain batches."""
        deleted = await self.session.execute(
            sa.delete(ComparisonSet).where(ComparisonSet.id == set_id)
        )
        return rowcount(deleted) == 1

    async def advance_schedule(
        self,
        set_id: uuid.UUID,
        *,
        due: dt.datetime,
        now: dt.datetime,
        next_run_at: dt.datetime,
    ) -> bool:
        """Move a due schedule on to ``next_run_at``; False unless it is enabled and still
        due at ``due``.

        One conditional UPDATE decides which of several deliveries of the same due time
        runs it: PostgreSQL re-checks the condition on the row after waiting for its lock,
        and SQLite has one writer at a time, so only the first finds ``next_run_at == due``.
        """
        updated = await self.session.execute(
            sa.update(ComparisonSet)
            .where(
                ComparisonSet.id == set_id,
                ComparisonSet.schedule_enabled.is_(True),
                ComparisonSet.next_run_at == due,
                ComparisonSet.next_run_at <= now,
            )
            .values(next_run_at=next_run_at)
            .execution_options(synchronize_session=False)
        )
        return rowcount(updated) == 1

    async def scheduled(self, limit: int) -> list[tuple[uuid.UUID, dt.datetime]]:
        """Every enabled schedule's set and next due time, soonest first."""
        rows = await self.session.execute(
            sa.select(ComparisonSet.id, ComparisonSet.next_run_at)
            .where(ComparisonSet.schedule_enabled.is_(True), ComparisonSet.next_run_at.is_not(None))
            .order_by(ComparisonSet.next_run_at)
            .limit(limit)
        )
        return [(set_id, due) for set_id, due in rows if due is not None]

    async def run_counts(self, set_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
        batch = CompetitiveAnalysisBatch
        rows = await self.session.execute(
            sa.select(batch.set_id, sa.func.count(batch.id))
            .where(batch.set_id.in_(set_ids))
            .group_by(batch.set_id)
        )
        return {set_id: int(count) for set_id, count in rows if set_id is not None}

    async def last_runs(self, set_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, RunRow]:
        """Each set's newest run."""
        batch = CompetitiveAnalysisBatch
        newest = (
            sa.select(batch.set_id, sa.func.max(batch.created_at).label("created_at"))
            .where(batch.set_id.in_(set_ids))
            .group_by(batch.set_id)
            .subquery()
        )
        batches = await self.session.scalars(
            sa.select(batch)
            .join(
                newest,
                sa.and_(batch.set_id == newest.c.set_id, batch.created_at == newest.c.created_at),
            )
            .order_by(batch.id)
        )
        runs: dict[uuid.UUID, RunRow] = {}
        for row in await self._summaries(list(batches)):
            assert row.batch.set_id is not None
            runs.setdefault(row.batch.set_id, row)
        return runs

    async def runs(self, set_id: uuid.UUID, limit: int) -> list[RunRow]:
        """The set's runs, newest first."""
        batch = CompetitiveAnalysisBatch
        batches = await self.session.scalars(
            sa.select(batch)
            .where(batch.set_id == set_id)
            .order_by(batch.created_at.desc(), batch.id.desc())
            .limit(limit)
        )
        return await self._summaries(list(batches))

    async def _summaries(self, batches: list[CompetitiveAnalysisBatch]) -> list[RunRow]:
        ids = [batch.id for batch in batches]
        finished = [
            batch.id
            for batch in batches
            if batch.status in (BatchStatus.COMPLETED, BatchStatus.PARTIAL)
        ]
        documents: dict[uuid.UUID, dict[str, Any]] = {}
        if finished:
            rows = await self.session.execute(
                sa.select(ComparisonResult.batch_id, ComparisonResult.result).where(
                    ComparisonResult.batch_id.in_(finished)
                )
            )
            documents = dict(rows.all())
        counts: dict[uuid.UUID, int] = {}
        if ids:
            tracked = await self.session.execute(
                sa.select(SetRunChanges.batch_id, SetRunChanges.change_count).where(
                    SetRunChanges.batch_id.in_(ids)
                )
            )
            counts = dict(tracked.all())
        return [
            RunRow(
                batch=batch,
                scores=_overall_scores(documents.get(batch.id)),
                change_count=counts.get(batch.id),
            )
            for batch in batches
        ]


def _overall_scores(document: dict[str, Any] | None) -> dict[str, float | None]:
    if not document:
        return {}
    scores: dict[str, float | None] = {}
    for site in document.get("sites") or []:
        if isinstance(site, dict) and isinstance(site.get("url"), str):
            score = site.get("overall_score")
            scores[site["url"]] = float(score) if isinstance(score, int | float) else None
    return scores
