"""The kinds of background job and their idempotency keys (ids only travel on the queue)."""

from __future__ import annotations

import uuid
from typing import Protocol

AUDIT_URL = "audit_url"
COMPARE_BATCH = "compare_batch"


class Enqueuer(Protocol):
    async def enqueue(self, kind: str, entity_id: str, key: str, delay: float = 0.0) -> bool: ...


async def enqueue_audit(queue: Enqueuer, analysis_id: uuid.UUID) -> bool:
    return await queue.enqueue(AUDIT_URL, str(analysis_id), key=f"audit:{analysis_id}")


async def enqueue_comparison(queue: Enqueuer, batch_id: uuid.UUID) -> bool:
    return await queue.enqueue(COMPARE_BATCH, str(batch_id), key=f"compare:{batch_id}")
