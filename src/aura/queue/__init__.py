"""The task queue: what the rest of Aura sees of it, whichever engine carries the jobs.

The rest of Aura sees three things: ``enqueue(kind, entity_id, key)``, handlers registered
by kind, and ``run_worker()``. Only ids travel on the queue; the database is the source of
truth, so a lost or duplicated message is harmless (the claim step turns duplicates into
no-ops and the recovery sweep re-enqueues what was lost).

Two engines, chosen by the queue URL and imported only when chosen:

* ``memory://`` and ``redis://``: Docket (``aura.queue.docket_queue``), the only importer of
  the task engine: leases, redelivery after a worker dies, many worker processes;
* ``local://``: an asyncio queue inside this process (``aura.queue.local``), for a command
  that runs its own jobs and exits (``aura analyze``): the same retries, time limit and keys,
  without the start-up cost of Docket and its Redis client.
"""

from __future__ import annotations

from collections.abc import Mapping

from aura.queue.base import LOCAL_URL, Handler, QueueRules, TaskQueue

__all__ = ["LOCAL_URL", "Handler", "QueueRules", "TaskQueue", "create_queue"]


def create_queue(
    url: str, name: str, handlers: Mapping[str, Handler], rules: QueueRules | None = None
) -> TaskQueue:
    """The queue ``url`` names: ``local://`` in this process, else on Docket."""
    if url.startswith(LOCAL_URL):
        from aura.queue.local import LocalQueue

        return LocalQueue(url, name, handlers, rules)
    from aura.queue.docket_queue import DocketQueue

    return DocketQueue(url, name, handlers, rules)
