"""The events of a batch's progress, and publishing them once their transaction commits."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from aura.db.engine import after_commit
from aura.events import Event, EventBus

BATCH_STATUS = "batch.status"
URL_STARTED = "url.started"
#: A running URL reached a stage (``aura.audit.stages``: rendering, auditing).
URL_STAGE = "url.stage"
URL_FINISHED = "url.finished"
BATCH_FINISHED = "batch.finished"
#: A crawl's counters (throttled; carries no version, see ``crawl_tasks.publish_progress``).
CRAWL_PROGRESS = "crawl.progress"
#: A site's crawl finished (versioned: the fan-in changes the batch row).
CRAWL_FINISHED = "crawl.finished"


def batch_event(kind: str, batch_id: uuid.UUID, version: int, **data: Any) -> Event:
    return {"type": kind, "batch_id": str(batch_id), "version": version, **data}


def publish_after_commit(session: AsyncSession, bus: EventBus, event: Event) -> None:
    async def publish() -> None:
        await bus.publish(event)

    after_commit(session, publish)
