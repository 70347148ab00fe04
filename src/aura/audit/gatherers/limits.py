"""Bounds on everything fetched besides the page itself."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SubresourceLimits:
    #: Subresources fetched at most (the rest are listed as skipped).
    max_count: int = 60
    #: Decoded bytes fetched across all subresources at most.
    max_total_bytes: int = 8 * 1024 * 1024
    #: Decoded bytes of one subresource at most.
    max_bytes_each: int = 3 * 1024 * 1024
    #: Concurrent requests to one host, and in all.
    per_host_concurrency: int = 6
    max_concurrency: int = 16
    #: Wall time for all subresources together; what is unfinished then is recorded as such.
    time_budget: float = 8.0
    #: Connect and read timeouts of one auxiliary request.
    timeout_each: float = 5.0
    #: How long one host name may take to resolve. Each host is resolved once per page, and
    #: every reference to a host that does not resolve (an unreachable CDN) fails with it.
    dns_timeout: float = 2.0
