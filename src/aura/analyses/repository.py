"""All queries on ``analyses``. Repositories flush; they never commit."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from aura.audit.stages import FETCHING
from aura.db.engine import rowcount
from aura.db.types import utcnow
from aura.models import Analysis, AnalysisStatus, CompetitiveAnalysisUrl


@dataclass(frozen=True)
class Claim:
    """A job held by one attempt: only the holder of ``token`` may store its outcome."""

    analysis_id: uuid.UUID
    url: str
    mode: str
    token: uuid.UUID
    attempts: int
    batch_id: uuid.UUID | None
    #: The analysis's own options (a comparison set's ignore selectors for this URL).
    ignore_selectors: tuple[str, ...] = ()
    #: Renders of the page (browser mode).
    runs: int = 1


class AnalysisRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, analysis_id: uuid.UUID) -> Analysis | None:
        return await self.session.get(Analysis, analysis_id)

    async def mode_of(self, analysis_id: uuid.UUID) -> str | None:
        """The mode an analysis asks for; None if it is gone."""
        query = sa.select(Analysis.mode).where(Analysis.id == analysis_id)
        mode: str | None = await self.session.scalar(query)
        return mode

    async def add(self, analysis: Analysis) -> Analysis:
        self.session.add(analysis)
        await self.session.flush()
        return analysis

    async def claim(
        self, analysis_id: uuid.UUID, lease: dt.timedelta, worker: str = ""
    ) -> Claim | None:
        """Take the job if it is queued or its holder's lease ran out; None if not claimable.

        One conditional UPDATE decides: of two workers racing for a job, one gets the row.
        """
        now = utcnow()
        token = uuid.uuid4()
        claimable = sa.or_(
            Analysis.status == AnalysisStatus.QUEUED,
            sa.and_(Analysis.status == AnalysisStatus.RUNNING, Analysis.lease_expires_at < now),
        )
        row = (
            await self.session.execute(
                sa.update(Analysis)
                .where(Analysis.id == analysis_id, claimable)
                .values(
                    status=AnalysisStatus.RUNNING,
                    attempts=Analysis.attempts + 1,
                    claim_token=token,
                    claimed_by=worker or None,
                    lease_expires_at=now + lease,
                    started_at=sa.func.coalesce(Analysis.started_at, now),
                    stage=FETCHING,
                )
                .returning(Analysis.url, Analysis.mode, Analysis.attempts, Analysis.options)
            )
        ).one_or_none()
        if row is None:
            return None
        batch_id = await self.session.scalar(
            sa.select(CompetitiveAnalysisUrl.batch_id).where(
                CompetitiveAnalysisUrl.analysis_id == analysis_id
            )
        )
        options = row.options or {}
        selectors = options.get("ignore_selectors") or []
        return Claim(
            analysis_id,
            row.url,
            row.mode,
            token,
            row.attempts,
            batch_id,
            ignore_selectors=tuple(str(selector) for selector in selectors),
            runs=_runs(options.get("runs")),
        )

    async def finish(
        self,
        claim: Claim,
        *,
        status: AnalysisStatus,
        result: dict[str, Any] | None = None,
        error: str | None = None,
        final_url: str | None = None,
        analysis_version: str | None = None,
        duration_ms: int | None = None,
    ) -> bool:
        """Store the outcome if ``claim`` still holds the job; False if it lost it."""
        return await self._while_held(
            claim,
            status=status,
            result=result,
            error=error,
            final_url=final_url,
            analysis_version=analysis_version,
            duration_ms=duration_ms,
            finished_at=utcnow(),
            claim_token=None,
            lease_expires_at=None,
            stage=None,
        )

    async def set_stage(self, claim: Claim, stage: str) -> bool:
        """Record the stage the running analysis reached, if ``claim`` still holds it."""
        return await self._while_held(claim, stage=stage)

    async def release(self, claim: Claim) -> bool:
        """Give a job back to the queue after an attempt broke down (not the page's fault)."""
        return await self._while_held(
            claim, status=AnalysisStatus.QUEUED, claim_token=None, lease_expires_at=None, stage=None
        )

    async def _while_held(self, claim: Claim, **values: Any) -> bool:
        """Set ``values`` on the analysis if ``claim`` still holds it (running, under the
        claim's token); False if it lost it."""
        updated = await self.session.execute(
            sa.update(Analysis)
            .where(
                Analysis.id == claim.analysis_id,
                Analysis.claim_token == claim.token,
                Analysis.status == AnalysisStatus.RUNNING,
            )
            .values(**values)
        )
        return rowcount(updated) == 1

    async def cancel_queued(self, analysis_ids: Sequence[uuid.UUID]) -> int:
        updated = await self.session.execute(
            sa.update(Analysis)
            .where(Analysis.id.in_(analysis_ids), Analysis.status == AnalysisStatus.QUEUED)
            .values(status=AnalysisStatus.CANCELLED, finished_at=utcnow())
        )
        return rowcount(updated)

    async def delete(self, analysis_ids: Sequence[uuid.UUID]) -> None:
        await self.session.execute(sa.delete(Analysis).where(Analysis.id.in_(analysis_ids)))

    async def stranded(self, now: dt.datetime, limit: int) -> list[uuid.UUID]:
        """Jobs a crash may have left behind: queued, or running on an expired lease."""
        rows = await self.session.scalars(
            sa.select(Analysis.id)
            .where(
                sa.or_(
                    Analysis.status == AnalysisStatus.QUEUED,
                    sa.and_(
                        Analysis.status == AnalysisStatus.RUNNING,
                        Analysis.lease_expires_at < now,
                    ),
                )
            )
            .order_by(Analysis.created_at)
            .limit(limit)
        )
        return list(rows)


def _runs(value: Any) -> int:
    return value if isinstance(value, int) and value >= 1 else 1
