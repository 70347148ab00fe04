"""Fan-in: however URL jobs interleave or repeat, the comparison is triggered exactly once."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections import Counter
from pathlib import Path

import sqlalchemy as sa

from aura.analyses.repository import AnalysisRepository
from aura.analyses.tasks import _store, run_audit
from aura.competitive.schemas import BatchCreate
from aura.competitive.service import CompetitiveService
from aura.competitive.tasks import run_comparison
from aura.events import MemoryBus
from aura.jobs import AUDIT_URL, COMPARE_BATCH
from aura.models import Analysis, ComparisonResult, CompetitiveAnalysisBatch
from aura.runtime import Runtime
from aura.worker import create_runtime
from tests.conftest import make_settings
from tests.support.servers import Route, ScriptedSite, serve_scripted


class RecordingQueue:
    """Stands in for the queue so the test can count what was enqueued, and when."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    async def enqueue(self, kind: str, entity_id: str, key: str, delay: float = 0.0) -> bool:
        self.calls.append((kind, entity_id))
        return True

    def count(self, kind: str) -> Counter[str]:
        return Counter(entity for k, entity in self.calls if k == kind)


async def _new_batch(runtime: Runtime, queue: RecordingQueue, urls: list[str]) -> uuid.UUID:
    service = CompetitiveService(queue, MemoryBus(), max_urls=len(urls), allow_private=True)
    async with runtime.db.write() as session:
        batch = await service.create(session, BatchCreate(urls=urls))
        return batch.id


async def _analysis_ids(runtime: Runtime, batch_id: uuid.UUID) -> list[uuid.UUID]:
    async with runtime.db.read() as session:
        batch = await CompetitiveService(
            RecordingQueue(), MemoryBus(), max_urls=20, allow_private=True
        ).get(session, batch_id)
        return [item.analysis_id for item in batch.urls]


def _runtime(database_url: str, tmp_path: Path, queue: RecordingQueue) -> Runtime:
    runtime = create_runtime(make_settings(database_url, tmp_path, max_batch_urls=20))
    runtime.queue = queue  # type: ignore[assignment]
    return runtime


async def test_concurrent_and_duplicate_deliveries_compare_once(
    database_url: str, tmp_path: Path
) -> None:
    queue = RecordingQueue()
    runtime = _runtime(database_url, tmp_path, queue)
    site = ScriptedSite(default=Route(delay=0.05))
    try:
        with serve_scripted(site):
            urls = [site.url(f"/page-{index}") for index in range(12)]
            batch_id = await _new_batch(runtime, queue, urls)
            analysis_ids = await _analysis_ids(runtime, batch_id)
            assert queue.count(AUDIT_URL) == Counter(str(a) for a in analysis_ids)

            # Every job delivered three times, all at once.
            deliveries = [run_audit(runtime, str(a)) for a in analysis_ids for _ in range(3)]
            await asyncio.gather(*deliveries)

        # Each page was fetched once: the claim turned duplicates into no-ops.
        assert [site.hits.get(f"/page-{index}") for index in range(12)] == [1] * 12
        assert queue.count(COMPARE_BATCH) == Counter({str(batch_id): 1})

        # The comparison job, delivered twice at once, stores one comparison.
        await asyncio.gather(
            run_comparison(runtime, str(batch_id)), run_comparison(runtime, str(batch_id))
        )
        async with runtime.db.read() as session:
            batch = await session.get(CompetitiveAnalysisBatch, batch_id)
            comparisons = await session.scalar(
                sa.select(sa.func.count()).select_from(ComparisonResult)
            )
        assert batch is not None
        assert (batch.status, batch.completed_urls, batch.failed_urls) == ("completed", 12, 0)
        assert comparisons == 1
    finally:
        await runtime.db.dispose()


async def test_simultaneous_finishers_flip_the_batch_once(
    database_url: str, tmp_path: Path
) -> None:
    """All URLs of a batch store their results in the same instant."""
    queue = RecordingQueue()
    runtime = _runtime(database_url, tmp_path, queue)
    try:
        urls = [f"https://site-{index}.example/" for index in range(16)]
        batch_id = await _new_batch(runtime, queue, urls)
        analysis_ids = await _analysis_ids(runtime, batch_id)
        claims = []
        for analysis_id in analysis_ids:
            async with runtime.db.write() as session:
                claim = await AnalysisRepository(session).claim(
                    analysis_id, dt.timedelta(minutes=5)
                )
                assert claim is not None
                claims.append(claim)

        results = [
            {"final_url": c.url, "analysis_version": "test", "metrics": {}, "title": "t"}
            for c in claims
        ]
        await asyncio.gather(
            *(
                _store(
                    runtime,
                    claim,
                    result if index % 4 else None,
                    "failed" if index % 4 == 0 else None,
                    0.01,
                )
                for index, (claim, result) in enumerate(zip(claims, results, strict=True))
            )
        )

        assert queue.count(COMPARE_BATCH) == Counter({str(batch_id): 1})
        async with runtime.db.read() as session:
            batch = await session.get(CompetitiveAnalysisBatch, batch_id)
        assert batch is not None
        assert (batch.status, batch.completed_urls, batch.failed_urls) == ("comparing", 12, 4)
    finally:
        await runtime.db.dispose()


async def test_a_worker_that_lost_its_lease_cannot_count_twice(
    database_url: str, tmp_path: Path
) -> None:
    queue = RecordingQueue()
    runtime = _runtime(database_url, tmp_path, queue)
    try:
        batch_id = await _new_batch(runtime, queue, ["https://a.example/", "https://b.example/"])
        first, second = await _analysis_ids(runtime, batch_id)
        lease = dt.timedelta(minutes=5)
        async with runtime.db.write() as session:
            slow = await AnalysisRepository(session).claim(first, lease)
        async with runtime.db.write() as session:
            # Still leased: nobody else may take it.
            assert await AnalysisRepository(session).claim(first, lease) is None
            await session.execute(
                sa.update(Analysis)
                .where(Analysis.id == first)
                .values(lease_expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
            )
        async with runtime.db.write() as session:
            takeover = await AnalysisRepository(session).claim(first, lease)
        assert slow is not None
        assert takeover is not None
        assert takeover.attempts == 2

        result = {"final_url": "https://a.example/", "analysis_version": "t", "metrics": {}}
        await _store(runtime, takeover, result, None, 0.01)
        await _store(runtime, slow, result, None, 0.01)  # too late: dropped

        async with runtime.db.read() as session:
            batch = await session.get(CompetitiveAnalysisBatch, batch_id)
        assert batch is not None
        assert (batch.completed_urls, batch.failed_urls) == (1, 0)
        assert batch.status != "comparing"
        assert queue.count(COMPARE_BATCH) == Counter()

        async with runtime.db.write() as session:
            last = await AnalysisRepository(session).claim(second, lease)
        assert last is not None
        await _store(runtime, last, None, "connection refused", 0.01)
        assert queue.count(COMPARE_BATCH) == Counter({str(batch_id): 1})
    finally:
        await runtime.db.dispose()
