"""The kinds of background job and their idempotency keys (ids only travel on the queue)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Protocol

AUDIT_URL = "audit_url"
COMPARE_BATCH = "compare_batch"
RUN_SET = "run_set"
TRACK_RUN = "track_run"
DELIVER_ALERT = "deliver_alert"
CRAWL_START = "crawl_start"
CRAWL_PAGE = "crawl_page"
CRAWL_FINISH = "crawl_finish"


class Enqueuer(Protocol):
    async def enqueue(self, kind: str, entity_id: str, key: str, delay: float = 0.0) -> bool: ...


class Scheduler(Enqueuer, Protocol):
    """A queue that also takes jobs due at a given moment (schedules)."""

    async def enqueue_at(self, kind: str, entity_id: str, key: str, when: dt.datetime) -> bool: ...


async def enqueue_audit(queue: Enqueuer, analysis_id: uuid.UUID) -> bool:
    return await queue.enqueue(AUDIT_URL, str(analysis_id), key=f"audit:{analysis_id}")


async def enqueue_audit_again(queue: Enqueuer, analysis_id: uuid.UUID, delay: float) -> bool:
    """The audit again, after ``delay``, under a key of its own: the job asking for it still
    holds the usual one. A duplicate is harmless (only one claim gets the analysis)."""
    key = f"audit:{analysis_id}:again:{uuid.uuid4().hex}"
    return await queue.enqueue(AUDIT_URL, str(analysis_id), key=key, delay=delay)


async def enqueue_comparison(queue: Enqueuer, batch_id: uuid.UUID) -> bool:
    return await queue.enqueue(COMPARE_BATCH, str(batch_id), key=f"compare:{batch_id}")


async def enqueue_set_run(queue: Scheduler, set_id: uuid.UUID, when: dt.datetime) -> bool:
    """The scheduled run of a set due at ``when``; one key per due time, so repeats are no-ops."""
    due = when.astimezone(dt.UTC).isoformat()
    return await queue.enqueue_at(RUN_SET, str(set_id), key=f"schedule:{set_id}:{due}", when=when)


async def enqueue_tracking(queue: Enqueuer, batch_id: uuid.UUID) -> bool:
    return await queue.enqueue(TRACK_RUN, str(batch_id), key=f"track:{batch_id}")


async def enqueue_delivery(
    queue: Enqueuer, alert_id: uuid.UUID, attempt: int, delay: float = 0.0
) -> bool:
    """Delivery attempt ``attempt`` of an alert (a new key per attempt, so retries queue)."""
    return await queue.enqueue(
        DELIVER_ALERT, str(alert_id), key=f"deliver:{alert_id}:{attempt}", delay=delay
    )


async def enqueue_crawl_start(queue: Enqueuer, crawl_id: uuid.UUID) -> bool:
    return await queue.enqueue(CRAWL_START, str(crawl_id), key=f"crawl:{crawl_id}")


async def enqueue_crawl_page(queue: Enqueuer, page_id: uuid.UUID, delay: float = 0.0) -> bool:
    """One page of a crawl; a page already on the queue stays there once (its key), and a
    running page job may offer its page again (the key is free once a job runs)."""
    return await queue.enqueue(CRAWL_PAGE, str(page_id), key=f"crawl-page:{page_id}", delay=delay)


async def enqueue_crawl_finish(queue: Enqueuer, crawl_id: uuid.UUID) -> bool:
    return await queue.enqueue(CRAWL_FINISH, str(crawl_id), key=f"crawl-finish:{crawl_id}")
