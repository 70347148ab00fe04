from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, HttpExchange, Subresources
from aura.audit.audits.performance._shared import page_weight
from aura.audit.base import Audit, AuditResult, kib, log_normal_score
from aura.audit.browser.artifacts import LabMetrics


class TotalByteWeight(Audit):
    id = "total-byte-weight"
    title = "Avoids enormous network payloads"
    failure_title = "Avoid enormous network payloads"
    description = (
        "Bytes on the wire for the page and everything it loads: in browser mode what the "
        "phone's browser received, otherwise the page and the subresources its HTML and CSS "
        "name (as far as they were fetched). Large payloads cost users time and money."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange, Subresources)
    optional: ClassVar[tuple[type[object], ...]] = (LabMetrics,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        exchange = artifacts.get(HttpExchange)
        subresources = artifacts.get(Subresources)
        weight = page_weight(exchange, subresources, artifacts.find(LabMetrics))
        total = weight.total_bytes
        items = [item for item in subresources.items if item.ok]
        largest = sorted(items, key=lambda item: item.wire_bytes, reverse=True)[:10]
        return AuditResult(
            log_normal_score(total, p10=2667 * 1024, median=4000 * 1024),
            f"Total size was {kib(total)}",
            {
                "total_bytes": total,
                "basis": weight.basis,
                "largest": [{"url": i.url, "bytes": i.wire_bytes} for i in largest],
            },
            metrics={"total_bytes": total},
        )
