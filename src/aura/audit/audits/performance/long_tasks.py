from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts
from aura.audit.audits.performance._lab import milliseconds
from aura.audit.base import Audit, AuditResult, plural
from aura.audit.browser.artifacts import LoadDiagnostics


class LongTasks(Audit):
    id = "long-tasks"
    title = "Long main-thread tasks"
    failure_title = "Long main-thread tasks"
    description = (
        "The longest tasks of the page's main thread during the phone's load (50 ms or "
        "more, the CPU slowed down as a phone's), each with the script it ran or the "
        "document it parsed; a task that ran no script Aura can name has none. Long tasks "
        "make the page slow to answer a tap."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (LoadDiagnostics,)
    informative = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        diagnostics = artifacts.get(LoadDiagnostics)
        work = diagnostics.main_thread
        if work is None:
            reason = diagnostics.missing.get("main_thread", "the browser did not trace it")
            return AuditResult.not_applicable_because(reason)
        items = [
            {"url": task.url, "duration_ms": task.duration_ms, "start_ms": task.start_ms}
            for task in work.long_tasks
        ]
        shown = plural(work.long_task_count, "long task")
        if work.long_tasks:
            shown += f", the longest {milliseconds(work.long_tasks[0].duration_ms)}"
        return AuditResult(
            None,
            shown,
            {
                "profile": diagnostics.profile,
                "items": items,
                "count": work.long_task_count,
                "cpu_multiplier": work.cpu_multiplier,
            },
            metrics={"long_tasks": work.long_task_count},
        )
