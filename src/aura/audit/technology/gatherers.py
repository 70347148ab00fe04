"""Gatherers of the technology tier: the site's DNS records, then the detection report."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import urlsplit

from aura.audit import cpu
from aura.audit.artifacts import (
    Artifacts,
    Document,
    HttpExchange,
    RobotsTxt,
    Stylesheets,
    Subresources,
    WebManifest,
    exclusive,
)
from aura.audit.technology.artifacts import DnsRecords, TechnologyOptions, TechnologyReport
from aura.audit.technology.dns import dns_records, lookup_domain
from aura.audit.technology.engine import detect
from aura.audit.technology.fingerprints import FingerprintDataMissingError, load_fingerprints
from aura.audit.technology.refine import refine, without_unserved_manifest
from aura.audit.technology.signals import BrowserSignals, PageSignals, page_signals

if TYPE_CHECKING:
    from aura.audit.gatherers.base import GatherContext

NO_DATA = (
    "Technology detection is off: no fingerprint data is configured "
    "(install it with `aura fingerprints update`)"
)


class DnsRecordsGatherer:
    produces: ClassVar[type[DnsRecords]] = DnsRecords
    depends: ClassVar[tuple[type[object], ...]] = (HttpExchange, TechnologyOptions)

    async def gather(self, context: GatherContext) -> DnsRecords:
        options = context.artifacts.get(TechnologyOptions)
        host = urlsplit(context.artifacts.get(HttpExchange).final_url).hostname or ""
        domain = lookup_domain(host)
        if not options.dns:
            return DnsRecords(host, error="skipped: DNS lookups are switched off")
        if domain is None:
            return DnsRecords(host, error="skipped: not a public domain name")
        records, error = await dns_records(domain, options.dns_timeout)
        return DnsRecords(domain, records, error)


class TechnologyGatherer:
    produces: ClassVar[type[TechnologyReport]] = TechnologyReport
    depends: ClassVar[tuple[type[object], ...]] = (
        TechnologyOptions,
        HttpExchange,
        Document,
        Subresources,
        Stylesheets,
        RobotsTxt,
        DnsRecords,
        WebManifest,
    )

    async def gather(self, context: GatherContext) -> TechnologyReport:
        # Loading the set (once per process) and matching are CPU work: off the event loop,
        # and charged to this analysis.
        document = context.artifacts.find(Document)
        if document is None:
            return await cpu.to_thread(technology_report, context.artifacts)
        return await cpu.to_thread(exclusive, document, technology_report, context.artifacts)


def technology_report(
    artifacts: Artifacts, browser: BrowserSignals | None = None
) -> TechnologyReport:
    """Detect from the gathered artifacts and, when given, what a browser saw.

    The browser tier calls this again after rendering, with ``BrowserSignals`` built from
    ``browser_queries(options)``, and replaces the ``TechnologyReport`` artifact.
    """
    options = artifacts.get(TechnologyOptions)
    if options.fingerprints_dir is None:
        return TechnologyReport(unavailable=NO_DATA)
    try:
        fingerprints = load_fingerprints(options.fingerprints_dir)
    except FingerprintDataMissingError as error:
        return TechnologyReport(unavailable=f"Technology detection is off: {error}")
    started = time.perf_counter()
    dns = artifacts.find(DnsRecords)
    signals = page_signals(
        artifacts.get(HttpExchange),
        artifacts.get(Document),
        artifacts.find(Subresources),
        artifacts.find(Stylesheets),
        artifacts.find(RobotsTxt),
        dns.records if dns is not None else None,
    )
    detections = detect(fingerprints, signals, browser)
    detections = refine(detections, *_urls_and_bodies(artifacts, signals, browser))
    manifest = artifacts.find(WebManifest)
    detections = without_unserved_manifest(
        detections, manifest.status_code if manifest is not None else None
    )
    source = fingerprints.source
    return TechnologyReport(
        detections=tuple(detections),
        fingerprints={
            "source": source.source,
            "version": source.version,
            "installed_at": source.installed_at,
            "technologies": len(fingerprints),
        },
        dns_error=dns.error if dns is not None else "not looked up",
        elapsed_ms=round((time.perf_counter() - started) * 1000, 2),
    )


def _urls_and_bodies(
    artifacts: Artifacts, signals: PageSignals, browser: BrowserSignals | None
) -> tuple[list[str], list[str]]:
    """The URLs the page loads (or the browser saw it load) and the text of its stylesheets
    and scripts, for the corrections of ``refine``."""
    document = artifacts.get(Document)
    urls = [document.resolve(src) for src in signals.script_srcs]
    urls.extend(
        document.resolve(node.attributes.get("href") or "") for node in document.css("link[href]")
    )
    if browser is not None:
        urls.extend(browser.requests)
    bodies: list[str] = []
    subresources = artifacts.find(Subresources)
    if subresources is not None:
        for item in subresources.items:
            if item.kind in ("stylesheet", "script") and item.body:
                urls.append(item.url)
                bodies.append(item.body[:4096].decode("utf-8", errors="replace"))
    bodies.extend(script.text[:4096] for script in signals.scripts if script.text)
    return list(dict.fromkeys(urls)), bodies


def browser_queries(
    options: TechnologyOptions,
) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """What a browser should read in the page: JS property chains and (selector, property).

    Empty when no fingerprint data is installed.
    """
    if options.fingerprints_dir is None:
        return frozenset(), frozenset()
    try:
        fingerprints = load_fingerprints(options.fingerprints_dir)
    except FingerprintDataMissingError:
        return frozenset(), frozenset()
    return fingerprints.js_chains, fingerprints.dom_properties
