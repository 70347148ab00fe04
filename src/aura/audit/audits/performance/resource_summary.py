from __future__ import annotations

from collections import defaultdict
from typing import ClassVar

from aura.audit.artifacts import Artifacts, HttpExchange, Subresources
from aura.audit.audits.performance._shared import page_weight
from aura.audit.base import Audit, AuditResult, kib, log_normal_score, plural
from aura.audit.browser.artifacts import LabMetrics


class ResourceSummary(Audit):
    id = "resource-summary"
    title = "Keeps request counts low"
    failure_title = "Many requests are needed to load the page"
    description = (
        "Number of requests and bytes by resource type. Every request has a cost, "
        "especially over slow or high-latency connections."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange, Subresources)
    optional: ClassVar[tuple[type[object], ...]] = (LabMetrics,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        exchange = artifacts.get(HttpExchange)
        subresources = artifacts.get(Subresources)
        counts: dict[str, int] = defaultdict(int)
        sizes: dict[str, int] = defaultdict(int)
        counts["document"] = 1
        sizes["document"] = exchange.transfer_bytes or exchange.body_bytes
        for item in subresources.items:
            counts[item.kind] += 1
            sizes[item.kind] += item.wire_bytes if item.ok else 0
        total = sum(counts.values())
        failed = sum(1 for item in subresources.items if not item.ok)
        rows = [
            {"type": kind, "requests": counts[kind], "bytes": sizes[kind]}
            for kind in sorted(counts, key=lambda kind: -counts[kind])
        ]
        metrics: dict[str, float | int | None] = {"request_count": total}
        metrics.update({f"{kind}_requests": count for kind, count in counts.items()})
        metrics["failed_requests"] = failed
        # Fetches that got no answer at all (a time limit, a refused connection): what the
        # page weighs was not measured in full, which change tracking must know.
        metrics["unanswered_requests"] = sum(
            1 for item in subresources.items if item.status_code is None
        )
        # The page's weight is the one total-byte-weight shows; the table is by type.
        weight = page_weight(exchange, subresources, artifacts.find(LabMetrics))
        return AuditResult(
            log_normal_score(total, p10=25, median=70),
            f"{plural(total, 'request')} • {kib(weight.total_bytes)}",
            {"by_type": rows, "failed": failed, "skipped": len(subresources.skipped)},
            metrics=metrics,
        )
