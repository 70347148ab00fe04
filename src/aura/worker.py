"""The background jobs of Aura, by name: the one module that knows both the runtime and
every domain's tasks, so that the runtime knows no domain and the domains depend on the
runtime, never the other way round.

The jobs of every batch (auditing a URL, comparing the sites) are imported with this module;
those of comparison sets (scheduled runs, tracking, alert delivery) and of crawls when one
first runs:
with the run history and the alert rules they cost a command such as ``aura analyze``,
which never runs them, a fifth of a second of start-up.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping

from aura.analyses.tasks import run_audit
from aura.audit.fetch import NetworkPolicy
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


def on_first_run(module: str, name: str) -> Job:
    """The job ``module.name``, imported when it first runs."""

    async def job(runtime: Runtime, entity_id: str) -> None:
        task: Job = getattr(importlib.import_module(module), name)
        await task(runtime, entity_id)

    job.__name__ = job.__qualname__ = name
    return job


JOBS: Mapping[str, Job] = {
    AUDIT_URL: run_audit,
    COMPARE_BATCH: run_comparison,
    RUN_SET: on_first_run("aura.sets.tasks", "run_scheduled_set"),
    TRACK_RUN: on_first_run("aura.sets.tracking", "run_tracking"),
    DELIVER_ALERT: on_first_run("aura.sets.webhooks", "run_delivery"),
    CRAWL_START: on_first_run("aura.competitive.crawl_tasks", "run_crawl_start"),
    CRAWL_PAGE: on_first_run("aura.competitive.crawl_tasks", "run_crawl_page"),
    CRAWL_FINISH: on_first_run("aura.competitive.crawl_tasks", "run_crawl_finish"),
}


def create_runtime(settings: Settings, policy: NetworkPolicy | None = None) -> Runtime:
    """A runtime whose worker runs every job of Aura."""
    return Runtime(settings, policy, jobs=JOBS)
