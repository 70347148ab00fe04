from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, HttpExchange, Subresources
from aura.audit.base import Audit, AuditResult, kib, log_normal_score


class TotalByteWeight(Audit):
    id = "total-byte-weight"
    title = "Avoids enormous network payloads"
    failure_title = "Avoid enormous network payloads"
    description = (
        "Bytes on the wire for the page and the subresources it loads (as far as they "
        "were fetched). Large payloads cost users time and money."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange, Subresources)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        exchange = artifacts.get(HttpExchange)
        items = [item for item in artifacts.get(Subresources).items if item.ok]
        page_bytes = exchange.transfer_bytes or exchange.body_bytes
        total = page_bytes + sum(item.wire_bytes for item in items)
        largest = sorted(items, key=lambda item: item.wire_bytes, reverse=True)[:10]
        return AuditResult(
            log_normal_score(total, p10=2667 * 1024, median=4000 * 1024),
            f"Total size was {kib(total)}",
            {
                "total_bytes": total,
                "largest": [{"url": i.url, "bytes": i.wire_bytes} for i in largest],
            },
            metrics={"total_bytes": total},
        )
