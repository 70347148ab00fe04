"""The job table: every job of Aura, those imported on first run included."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys

from aura import jobs
from aura.worker import JOBS


def test_every_job_has_a_task() -> None:
    expected = {jobs.AUDIT_URL, jobs.COMPARE_BATCH, jobs.RUN_SET, jobs.TRACK_RUN}
    crawls = {jobs.CRAWL_START, jobs.CRAWL_PAGE, jobs.CRAWL_FINISH}
    assert set(JOBS) == expected | {jobs.DELIVER_ALERT} | crawls
    for job in JOBS.values():
        assert inspect.iscoroutinefunction(job)


def test_a_job_imported_on_first_run_names_a_task_that_exists() -> None:
    for job in JOBS.values():
        closure = inspect.getclosurevars(job).nonlocals
        if "module" not in closure:
            continue
        task = getattr(importlib.import_module(closure["module"]), closure["name"])
        assert inspect.iscoroutinefunction(task)
        assert job.__name__ == task.__name__


def test_the_batch_commands_load_neither_the_sets_history_nor_the_task_engine() -> None:
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, aura.cli.analyze_work, aura.cli.batch_run;"
            "print(' '.join(sorted(sys.modules)))",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert "aura.worker" in loaded
    heavy_modules = ("aura.history", "aura.sets.tracking", "alembic", "fastapi", "dns", "docket")
    for heavy in heavy_modules:
        assert heavy not in loaded
