"""DNS lookups happen only for public names, only when switched on, and never hold a page up."""

from __future__ import annotations

import pytest

from aura.audit.artifacts import Artifacts, Headers, HttpExchange
from aura.audit.technology import DnsRecords, TechnologyOptions
from aura.audit.technology.dns import lookup_domain
from aura.audit.technology.gatherers import DnsRecordsGatherer


@pytest.mark.parametrize(
    ("host", "domain"),
    [
        ("www.example.org", "example.org"),
        ("shop.example.org", "shop.example.org"),
        ("127.0.0.1", None),
        ("::1", None),
        ("localhost", None),
        ("intranet.local", None),
        ("site.test", None),
    ],
)
def test_lookup_domain(host: str, domain: str | None) -> None:
    assert lookup_domain(host) == domain


class _Context:
    def __init__(self, url: str, options: TechnologyOptions) -> None:
        exchange = HttpExchange(url, url, 200, "HTTP/1.1", Headers())
        self.artifacts = Artifacts([exchange, options])


async def gather(url: str, options: TechnologyOptions) -> DnsRecords:
    return await DnsRecordsGatherer().gather(_Context(url, options))  # type: ignore[arg-type]


async def test_switched_off_by_default() -> None:
    records = await gather("https://example.org/", TechnologyOptions())
    assert records.records == {}
    assert records.error == "skipped: DNS lookups are switched off"


async def test_loopback_targets_are_never_looked_up() -> None:
    records = await gather("http://127.0.0.1:8000/", TechnologyOptions(dns=True))
    assert records.error == "skipped: not a public domain name"
