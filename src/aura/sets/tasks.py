"""The ``run_set`` job: start a set's scheduled run once its due time has come, exactly once."""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING

from aura.sets.service import SetService

if TYPE_CHECKING:
    from aura.runtime import Runtime

logger = logging.getLogger(__name__)


async def run_scheduled_set(runtime: Runtime, entity_id: str) -> None:
    """Deliveries for a due time already taken, a changed or a disabled schedule do nothing:
    the set's ``next_run_at`` in the database decides, not the job."""
    set_id = uuid.UUID(entity_id)
    async with runtime.db.write() as session:
        batch = await SetService(runtime).run_due(session, set_id)
    if batch is not None:
        logger.info("scheduled run of set %s started: batch %s", set_id, batch.id)
