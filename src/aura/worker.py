"""The background jobs of Aura, by name: the one module that knows both the runtime and
every domain's tasks, so that the runtime knows no domain and the domains depend on the
runtime, never the other way round.
"""

from __future__ import annotations

from collections.abc import Mapping

from aura.analyses.tasks import run_audit
from aura.audit.fetch import NetworkPolicy
from aura.competitive.crawl_tasks import run_crawl_finish, run_crawl_page, run_crawl_start
from aura.competitive.tasks import run_comparison
from aura.config import Settings
from aura.jobs import (
    AUDIT_URL,
    COMPARE_BATCH,
    CRAWL_FINISH,
    CRAWL_PAGE,
    CRAWL_START,
    DELIVER_ALERT,
    RUN_SET,
    TRACK_RUN,
)
from aura.runtime import Job, Runtime
from aura.sets.tasks import run_scheduled_set
from aura.sets.tracking import run_tracking
from aura.sets.webhooks import run_delivery

JOBS: Mapping[str, Job] = {
    AUDIT_URL: run_audit,
    COMPARE_BATCH: run_comparison,
    RUN_SET: run_scheduled_set,
    TRACK_RUN: run_tracking,
    DELIVER_ALERT: run_delivery,
    CRAWL_START: run_crawl_start,
    CRAWL_PAGE: run_crawl_page,
    CRAWL_FINISH: run_crawl_finish,
}


def create_runtime(settings: Settings, policy: NetworkPolicy | None = None) -> Runtime:
    """A runtime whose worker runs every job of Aura."""
    return Runtime(settings, policy, jobs=JOBS)
