from __future__ import annotations

from collections import defaultdict
from typing import ClassVar

from aura.audit.artifacts import Artifacts, HttpExchange, Subresources
from aura.audit.base import Audit, AuditResult, kib
from aura.audit.browser.artifacts import LoadDiagnostics
from aura.audit.urls import is_third_party, site_of


class ThirdPartySummary(Audit):
    id = "third-party-summary"
    title = "Third-party share of requests and bytes"
    failure_title = "Third-party share of requests and bytes"
    description = (
        "How much of the page comes from other sites (CDNs, analytics, fonts, widgets). "
        "Third parties add connections and are outside the site's control. In browser mode, "
        "also the time their scripts blocked the phone's main thread (the part past 50 ms of "
        "each long task they ran)."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange, Subresources)
    optional: ClassVar[tuple[type[object], ...]] = (LoadDiagnostics,)
    informative = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        page = artifacts.get(HttpExchange).final_url
        items = artifacts.get(Subresources).items
        by_site: dict[str, dict[str, int]] = defaultdict(lambda: {"requests": 0, "bytes": 0})
        total_requests = len(items) + 1
        total_bytes = artifacts.get(HttpExchange).body_bytes + sum(
            i.wire_bytes for i in items if i.ok
        )
        for item in items:
            if is_third_party(item.url, page):
                entry = by_site[site_of(item.url)]
                entry["requests"] += 1
                entry["bytes"] += item.wire_bytes if item.ok else 0
        requests = sum(entry["requests"] for entry in by_site.values())
        size = sum(entry["bytes"] for entry in by_site.values())
        request_share = round(requests / total_requests, 3)
        byte_share = round(size / total_bytes, 3) if total_bytes else 0.0
        rows = [
            {"site": site, **entry}
            for site, entry in sorted(by_site.items(), key=lambda pair: -pair[1]["requests"])
        ]
        shown = f"{len(by_site)} third parties • {request_share:.0%} of requests • {kib(size)}"
        details: dict[str, object] = {
            "sites": rows,
            "request_share": request_share,
            "byte_share": byte_share,
        }
        metrics: dict[str, float | int | None] = {
            "third_party_request_share": request_share,
            "third_party_byte_share": byte_share,
        }
        diagnostics = artifacts.find(LoadDiagnostics)
        work = diagnostics.main_thread if diagnostics is not None else None
        if work is not None:
            blocking = work.third_party_blocking_ms
            details["blocking_ms"] = blocking
            details["blocking_by_site"] = [
                {"site": item.site, "blocking_ms": item.blocking_ms}
                for item in work.blocking_by_site
                if item.third_party
            ]
            metrics["third_party_blocking_ms"] = blocking
            shown += f" • {blocking:,.0f} ms blocking"
        return AuditResult(None, shown, details, metrics=metrics)
