"""All queries on batches, their URLs and their comparison. Flush only; never commit."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from aura.db.types import utcnow
from aura.models import (
    BatchStatus,
    ComparisonResult,
    CompetitiveAnalysisBatch,
    CompetitiveAnalysisUrl,
    Crawl,
)

_OPEN = (BatchStatus.PENDING, BatchStatus.RUNNING)


@dataclass(frozen=True)
class FanIn:
    """The batch after one URL finished.

    ``version`` is the batch version of the count; ``comparing_version`` is set (to the next
    version) for exactly one URL of the batch: the one whose count completed it.
    """

    version: int
    completed_urls: int
    failed_urls: int
    total_urls: int
    comparing_version: int | None

    @property
    def comparison_due(self) -> bool:
        return self.comparing_version is not None

    @property
    def progress(self) -> int:
        done = self.completed_urls + self.failed_urls
        return done * 100 // self.total_urls if self.total_urls else 0


class BatchRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _with_urls(self) -> sa.Select[CompetitiveAnalysisBatch]:
        return sa.select(CompetitiveAnalysisBatch).options(
            selectinload(CompetitiveAnalysisBatch.urls).selectinload(
                CompetitiveAnalysisUrl.analysis
            ),
            # A crawl's rules hold every sitemap URL (up to 50,000) and no batch read
            # needs them: the crawl's jobs read them on their own.
            selectinload(CompetitiveAnalysisBatch.crawls).defer(Crawl.rules, raiseload=True),
        )

    async def get(self, batch_id: uuid.UUID) -> CompetitiveAnalysisBatch | None:
        return (
            await self.session.scalars(
                self._with_urls().where(CompetitiveAnalysisBatch.id == batch_id)
            )
        ).one_or_none()

    async def get_many(
        self, batch_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, CompetitiveAnalysisBatch]:
        """Several batches with their URLs and analyses, in three queries, by id."""
        rows = await self.session.scalars(
            self._with_urls().where(CompetitiveAnalysisBatch.id.in_(batch_ids))
        )
        return {batch.id: batch for batch in rows}

    async def add(self, batch: CompetitiveAnalysisBatch) -> None:
        self.session.add(batch)
        await self.session.flush()

    async def page(self, offset: int, limit: int) -> tuple[list[CompetitiveAnalysisBatch], int]:
        total = await self.session.scalar(sa.select(sa.func.count(CompetitiveAnalysisBatch.id)))
        batches = await self.session.scalars(
            self._with_urls()
            .order_by(CompetitiveAnalysisBatch.created_at.desc(), CompetitiveAnalysisBatch.id)
            .offset(offset)
            .limit(limit)
        )
        return list(batches), int(total or 0)

    async def analysis_ids(self, batch_id: uuid.UUID) -> list[uuid.UUID]:
        rows = await self.session.scalars(
            sa.select(CompetitiveAnalysisUrl.analysis_id).where(
                CompetitiveAnalysisUrl.batch_id == batch_id
            )
        )
        return list(rows)

    async def delete(self, batch_id: uuid.UUID) -> None:
        await self.session.execute(
            sa.delete(CompetitiveAnalysisBatch).where(CompetitiveAnalysisBatch.id == batch_id)
        )

    async def transition(
        self,
        batch_id: uuid.UUID,
        to: BatchStatus,
        *,
        allowed_from: tuple[BatchStatus, ...],
        error: str | None = None,
    ) -> int | None:
        """Move the batch to ``to`` if it is in one of ``allowed_from``; its new version."""
        values: dict[str, Any] = {
            "status": to,
            "version": CompetitiveAnalysisBatch.version + 1,
            "updated_at": utcnow(),
        }
        if to.finished:
            values["finished_at"] = utcnow()
        if error is not None:
            values["error"] = error
        version = await self.session.scalar(
            sa.update(CompetitiveAnalysisBatch)
            .where(
                CompetitiveAnalysisBatch.id == batch_id,
                CompetitiveAnalysisBatch.status.in_(allowed_from),
            )
            .values(**values)
            .returning(CompetitiveAnalysisBatch.version)
        )
        return None if version is None else int(version)

    async def record_url_finished(self, batch_id: uuid.UUID, *, succeeded: bool) -> FanIn | None:
        """Count one finished URL and, if it was the last, move the batch to ``comparing``.

        The increment is a single UPDATE, so concurrent finishers serialise on the row and
        each sees the count including its own. The flip is conditional on the status and
        the counts, so exactly one transaction (the one that made the counts reach the
        total) wins it, on SQLite and under PostgreSQL's READ COMMITTED alike.
        """
        batch = CompetitiveAnalysisBatch
        return await self._count_and_flip(
            batch_id,
            completed_urls=batch.completed_urls + (1 if succeeded else 0),
            failed_urls=batch.failed_urls + (0 if succeeded else 1),
        )

    async def record_crawl_finished(self, batch_id: uuid.UUID) -> FanIn | None:
        """Count one finished crawl and, if the batch has nothing else left, move it to
        ``comparing``: the same single-row serialisation as ``record_url_finished``, whose
        flip needs the crawls done as this one needs the URLs done."""
        batch = CompetitiveAnalysisBatch
        return await self._count_and_flip(batch_id, crawls_pending=batch.crawls_pending - 1)

    async def _count_and_flip(self, batch_id: uuid.UUID, **counted: Any) -> FanIn | None:
        """The fan-in: one UPDATE of the batch row's counters (``counted``), then the flip to
        ``comparing`` conditional on the status and everything being done (None: deleted)."""
        batch = CompetitiveAnalysisBatch
        counts = (
            await self.session.execute(
                sa.update(batch)
                .where(batch.id == batch_id)
                .values(**counted, version=batch.version + 1, updated_at=utcnow())
                .returning(batch.version, batch.completed_urls, batch.failed_urls, batch.total_urls)
            )
        ).one_or_none()
        if counts is None:
            return None  # deleted meanwhile
        flipped = await self.session.scalar(
            sa.update(batch)
            .where(batch.id == batch_id, batch.status.in_(_OPEN), _all_done())
            .values(status=BatchStatus.COMPARING, version=batch.version + 1)
            .returning(batch.version)
        )
        return FanIn(
            version=int(counts.version),
            completed_urls=counts.completed_urls,
            failed_urls=counts.failed_urls,
            total_urls=counts.total_urls,
            comparing_version=None if flipped is None else int(flipped),
        )

    async def bump_version(self, batch_id: uuid.UUID) -> int | None:
        """A new version for a change that lives outside the batch row (a URL started)."""
        version = await self.session.scalar(
            sa.update(CompetitiveAnalysisBatch)
            .where(CompetitiveAnalysisBatch.id == batch_id)
            .values(version=CompetitiveAnalysisBatch.version + 1, updated_at=utcnow())
            .returning(CompetitiveAnalysisBatch.version)
        )
        return None if version is None else int(version)

    async def store_comparison(self, comparison: ComparisonResult) -> None:
        self.session.add(comparison)
        await self.session.flush()

    async def get_comparison(self, batch_id: uuid.UUID) -> ComparisonResult | None:
        return (
            await self.session.scalars(
                sa.select(ComparisonResult).where(ComparisonResult.batch_id == batch_id)
            )
        ).one_or_none()

    async def get_comparisons(
        self, batch_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, ComparisonResult]:
        rows = await self.session.scalars(
            sa.select(ComparisonResult).where(ComparisonResult.batch_id.in_(batch_ids))
        )
        return {row.batch_id: row for row in rows}

    async def comparing(self, limit: int) -> list[uuid.UUID]:
        rows = await self.session.scalars(
            sa.select(CompetitiveAnalysisBatch.id)
            .where(CompetitiveAnalysisBatch.status == BatchStatus.COMPARING)
            .limit(limit)
        )
        return list(rows)


def _all_done() -> sa.ColumnElement[bool]:
    """Every URL analysed and every crawl finished: the batch can be compared."""
    batch = CompetitiveAnalysisBatch
    return sa.and_(
        batch.completed_urls + batch.failed_urls >= batch.total_urls,
        batch.crawls_pending <= 0,
    )
