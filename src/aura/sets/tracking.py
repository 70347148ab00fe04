"""The ``track_run`` job: what changed since the set's previous run, and the alerts it raises.

Runs after ``compare_batch`` finished a run of a set (completed or partial):

1. read: the run, the set's previous finished run (by creation), both comparisons;
2. no transaction: the screenshots compared (in a thread), then ``diff_runs`` (pure);
3. one write transaction: the change record (unique per run: a repeated job stops here),
   the enabled rules evaluated against it, one alert per rule and subject;
   after commit: a delivery job for every alert that has a webhook.

The first run of a set has nothing to compare with and gets no record. The same loading
and visual comparison serve the changes between any two runs on demand (``monitoring``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import shutil
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from aura.comparison import COMPARISON_VERSION
from aura.competitive.repository import BatchRepository
from aura.db.engine import after_commit
from aura.db.types import new_id, utcnow
from aura.history.alerts import RuleSpec, evaluate
from aura.history.diff import diff_runs
from aura.history.document import RunChanges, RunRef, VisualChange
from aura.history.inputs import RunInput, SiteRun
from aura.history.visual import compare_screenshots
from aura.jobs import enqueue_delivery
from aura.models import AnalysisStatus, CompetitiveAnalysisBatch
from aura.screenshots import ScreenshotStore
from aura.sets.alert_repository import (
    NO_DELIVERY,
    PENDING,
    TRACKED_STATUSES,
    AlertRepository,
    ChangeRepository,
)

if TYPE_CHECKING:
    from aura.runtime import Runtime

logger = logging.getLogger(__name__)

#: The screenshot compared between runs: above the fold, desktop.
VISUAL_SCREENSHOT = "desktop.png"
#: The cached visual comparison of a pair of runs, beside its overlays.
VISUAL_INDEX = "visual.json"
#: Overlays are served as ``<before batch id>--<position>-desktop.png`` under the after
#: run, so the name alone says which pair of runs it belongs to.
OVERLAY_NAME = re.compile(
    r"(?P<before>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
    r"--(?P<file>[0-9]{1,3}-desktop\.png)"
)


@dataclass(frozen=True)
class ScreenshotCandidate:
    """A site analysed in both runs, whose desktop screenshots may be compared."""

    url: str
    position: int
    before_analysis: uuid.UUID
    after_analysis: uuid.UUID


def run_input(batch: CompetitiveAnalysisBatch, comparison: Mapping[str, Any] | None) -> RunInput:
    """A loaded batch (with its URLs and analyses) as the history functions take it."""
    return RunInput(
        ref=RunRef(
            batch_id=batch.id,
            status=batch.status,
            created_at=batch.created_at,
            finished_at=batch.finished_at,
        ),
        primary_url=batch.primary_url,
        sites=[
            SiteRun(
                url=item.url,
                is_primary=item.is_primary,
                status=item.analysis.status,
                error=item.analysis.error,
                result=item.analysis.result,
                label=item.label,
            )
            for item in batch.urls
        ],
        comparison=comparison,
    )


async def load_run(
    session: AsyncSession, batch_id: uuid.UUID
) -> tuple[CompetitiveAnalysisBatch, RunInput] | None:
    loaded = await load_runs(session, [batch_id])
    return loaded[0] if loaded else None


async def load_runs(
    session: AsyncSession, batch_ids: Sequence[uuid.UUID]
) -> list[tuple[CompetitiveAnalysisBatch, RunInput]]:
    """The runs in the order given (those deleted meanwhile left out), in four queries
    however many they are."""
    batches = BatchRepository(session)
    found = await batches.get_many(batch_ids)
    comparisons = await batches.get_comparisons(batch_ids)
    loaded = []
    for batch_id in batch_ids:
        batch = found.get(batch_id)
        if batch is None:
            continue
        stored = comparisons.get(batch_id)
        # A comparison of another version has another shape; the diff reads what it can
        # without.
        current = stored is not None and stored.comparison_version == COMPARISON_VERSION
        loaded.append((batch, run_input(batch, stored.result if current and stored else None)))
    return loaded


def screenshot_candidates(
    before: CompetitiveAnalysisBatch, after: CompetitiveAnalysisBatch
) -> list[ScreenshotCandidate]:
    earlier = {
        item.url: item.analysis_id
        for item in before.urls
        if item.analysis.status == AnalysisStatus.COMPLETED
    }
    return [
        ScreenshotCandidate(item.url, item.position, earlier[item.url], item.analysis_id)
        for item in after.urls
        if item.analysis.status == AnalysisStatus.COMPLETED and item.url in earlier
    ]


def overlay_name(before_batch: uuid.UUID, position: int) -> str:
    return f"{before_batch}--{position}-{VISUAL_SCREENSHOT}"


def overlay_path(
    store: ScreenshotStore, after_batch: uuid.UUID, name: str
) -> tuple[uuid.UUID, Path] | None:
    """The before run and the file of an overlay served under ``after_batch``, if it is one."""
    match = OVERLAY_NAME.fullmatch(name)
    if match is None:
        return None
    before_batch = uuid.UUID(match["before"])
    return before_batch, store.pair_folder(before_batch, after_batch) / match["file"]


def pair_visuals(
    store: ScreenshotStore,
    before_batch: uuid.UUID,
    after_batch: uuid.UUID,
    candidates: Sequence[ScreenshotCandidate],
) -> dict[str, VisualChange]:
    """The desktop screenshots of two runs compared, site by site (blocking: run it in a
    thread). Computed once per pair: the results and overlays are kept in the pair's folder.
    """
    pairs = [
        (candidate, before, after)
        for candidate in candidates
        if (before := store.path(candidate.before_analysis, VISUAL_SCREENSHOT)) is not None
        and (after := store.path(candidate.after_analysis, VISUAL_SCREENSHOT)) is not None
    ]
    if not pairs:
        return {}  # static runs: no screenshots, no folder
    folder = store.pair_folder(before_batch, after_batch)
    cached = _read_index(folder / VISUAL_INDEX)
    if cached is not None:
        return cached
    # Built aside and moved into place in one step, so a concurrent request never serves a
    # half-written overlay; when two build the same pair, the first one in is kept.
    scratch = folder.with_name(f".{folder.name}.{uuid.uuid4().hex}")
    scratch.mkdir(parents=True)
    visuals: dict[str, VisualChange] = {}
    for candidate, before, after in pairs:
        file_name = f"{candidate.position}-{VISUAL_SCREENSHOT}"
        try:
            change = compare_screenshots(before, after, scratch / file_name)
        except Exception:
            logger.exception("could not compare the screenshots of %s", candidate.url)
            continue
        served = overlay_name(before_batch, candidate.position) if change.overlay else None
        visuals[candidate.url] = change.model_copy(update={"overlay": served})
    index = {url: change.model_dump(mode="json") for url, change in visuals.items()}
    (scratch / VISUAL_INDEX).write_text(json.dumps(index))
    try:
        scratch.rename(folder)
    except OSError:
        shutil.rmtree(scratch, ignore_errors=True)
        return _read_index(folder / VISUAL_INDEX) or visuals
    return visuals


def _read_index(path: Path) -> dict[str, VisualChange] | None:
    try:
        stored = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    try:
        return {url: VisualChange.model_validate(value) for url, value in stored.items()}
    except (AttributeError, ValueError):
        return None


def change_total(changes: RunChanges) -> int:
    return sum(site.change_count for site in changes.sites)


@dataclass(frozen=True)
class _Work:
    set_id: uuid.UUID
    before: RunInput
    after: RunInput
    candidates: list[ScreenshotCandidate]


async def _work(session: AsyncSession, batch_id: uuid.UUID) -> _Work | None:
    loaded = await load_run(session, batch_id)
    if loaded is None:
        return None
    batch, after = loaded
    if batch.set_id is None or batch.status not in TRACKED_STATUSES:
        return None
    changes = ChangeRepository(session)
    if await changes.exists(batch_id):
        return None
    previous_id = await changes.previous_run(batch)
    if previous_id is None:
        return None  # the set's first run
    previous = await load_run(session, previous_id)
    if previous is None:
        return None
    previous_batch, before = previous
    return _Work(batch.set_id, before, after, screenshot_candidates(previous_batch, batch))


async def compute_changes(
    store: ScreenshotStore,
    before: RunInput,
    after: RunInput,
    candidates: Sequence[ScreenshotCandidate],
) -> RunChanges:
    """The changes between two runs, with their screenshots compared: pure work, in threads,
    outside any transaction."""
    before_id, after_id = before.ref.batch_id, after.ref.batch_id
    visuals = await asyncio.to_thread(pair_visuals, store, before_id, after_id, candidates)
    return await asyncio.to_thread(diff_runs, before, after, visuals)


async def run_tracking(runtime: Runtime, batch_id: str) -> None:
    after_id = uuid.UUID(batch_id)
    async with runtime.db.read() as session:
        work = await _work(session, after_id)
    if work is None:
        return
    changes = await compute_changes(runtime.screenshots, work.before, work.after, work.candidates)
    async with runtime.db.write() as session:
        alert_ids = await _store(session, work.set_id, changes)
        if alert_ids is None:
            return  # a repeated job, or the run or its set is gone
        queue = runtime.queue

        async def enqueue_deliveries() -> None:
            for alert_id in alert_ids:
                await enqueue_delivery(queue, alert_id, 1)

        after_commit(session, enqueue_deliveries)
    logger.info(
        "run %s of set %s: %d changes since %s, %d alerts to deliver",
        after_id,
        work.set_id,
        change_total(changes),
        work.before.ref.batch_id,
        len(alert_ids),
    )


async def _store(
    session: AsyncSession, set_id: uuid.UUID, changes: RunChanges
) -> list[uuid.UUID] | None:
    """The change record and its alerts: the ids of the alerts to deliver, or None when
    nothing was stored."""
    after_id, before_id = changes.after.batch_id, changes.before.batch_id
    current_set = await session.scalar(
        sa.select(CompetitiveAnalysisBatch.set_id).where(CompetitiveAnalysisBatch.id == after_id)
    )
    if current_set != set_id:
        return None  # the run was deleted, or its set was, while the changes were computed
    now = utcnow()
    recorded = await ChangeRepository(session).add(
        {
            "id": new_id(),
            "set_id": set_id,
            "batch_id": after_id,
            "previous_batch_id": before_id,
            "document": changes.model_dump(mode="json"),
            "change_count": change_total(changes),
            "created_at": now,
        }
    )
    if not recorded:
        return None  # a repeated job: the run's changes and alerts are already stored
    alerts = AlertRepository(session)
    # Evaluated here, inside the transaction, against the rules as they are at commit.
    rules = {rule.id: rule for rule in await alerts.rules(set_id, enabled_only=True)}
    specs = [
        RuleSpec(
            id=rule.id,
            kind=rule.kind,
            category=rule.category,
            points=rule.points,
            fields=tuple(rule.fields),
            digest=rule.digest,
        )
        for rule in rules.values()
    ]
    to_deliver: list[uuid.UUID] = []
    for event in evaluate(specs, changes):
        rule = rules[event.rule_id]
        alert_id = new_id()
        inserted = await alerts.add_alert(
            {
                "id": alert_id,
                "set_id": set_id,
                "rule_id": rule.id,
                "batch_id": after_id,
                "previous_batch_id": before_id,
                "kind": event.kind,
                "site": event.site,
                "subject": event.subject,
                "message": event.message,
                "details": event.details,
                "created_at": now,
                "delivery_status": PENDING if rule.delivers else NO_DELIVERY,
                "attempts": 0,
            }
        )
        if inserted and rule.delivers:
            to_deliver.append(alert_id)
    return to_deliver
