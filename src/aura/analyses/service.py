"""Business logic of single-URL analyses. Services flush; the boundary commits."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from aura.analyses.repository import AnalysisRepository
from aura.db.engine import after_commit
from aura.errors import InvalidInputError, NotFoundError
from aura.jobs import Enqueuer, enqueue_audit
from aura.models import Analysis, AnalysisStatus
from aura.urls import InvalidUrlError, normalise_url


def with_runs(options: dict[str, Any] | None, runs: int) -> dict[str, Any] | None:
    """An analysis's options with its number of renders (left out when it is one)."""
    if runs <= 1:
        return options
    return {**(options or {}), "runs": runs}


class AnalysisService:
    def __init__(self, queue: Enqueuer, *, allow_private: bool) -> None:
        self.queue = queue
        self.allow_private = allow_private

    async def create(
        self, session: AsyncSession, raw_url: str, mode: str = "static", *, runs: int = 1
    ) -> Analysis:
        try:
            url = normalise_url(raw_url, allow_private=self.allow_private)
        except InvalidUrlError as error:
            raise InvalidInputError.single(["body", "url"], str(error), raw_url) from None
        analysis = await AnalysisRepository(session).add(
            Analysis(
                url=url, mode=mode, status=AnalysisStatus.QUEUED, options=with_runs(None, runs)
            )
        )
        analysis_id = analysis.id
        after_commit(session, lambda: _enqueue(self.queue, analysis_id))
        return analysis

    async def get(self, session: AsyncSession, analysis_id: uuid.UUID) -> Analysis:
        analysis = await AnalysisRepository(session).get(analysis_id)
        if analysis is None:
            raise NotFoundError(f"analysis {analysis_id} not found")
        return analysis


async def _enqueue(queue: Enqueuer, analysis_id: uuid.UUID) -> None:
    await enqueue_audit(queue, analysis_id)
