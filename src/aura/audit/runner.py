"""Running the analysis of one URL: fetch → gatherers → artifacts → audits → category scores.

The page fetch is the only fatal step: a page that cannot be fetched, answers an error or is
not HTML cannot be analysed. Everything after that is isolated: a gatherer that fails leaves
its artifact missing, and an audit that raises or lacks an artifact becomes an error result
for that audit alone.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aura.audit import cpu, scoring
from aura.audit.artifacts import (
    Artifacts,
    Document,
    Headers,
    HttpExchange,
    MissingArtifactError,
    Subresources,
    exclusive,
)
from aura.audit.audits import all_audits
from aura.audit.base import Audit, AuditResult, ScoreDisplayMode
from aura.audit.browser import BrowserPool, BrowserTier
from aura.audit.browser import runs as browser_runs
from aura.audit.browser.artifacts import LabMetrics, RenderedDom, RenderedTechnology
from aura.audit.browser.technology import browser_signals
from aura.audit.fetch import Fetcher, FetchError, FetchLimits, NetworkPolicy
from aura.audit.fetch.client import FetchedResponse
from aura.audit.gatherers import GATHERERS, GatherContext, SubresourceLimits
from aura.audit.health import RenderHealth, assess, linked_stylesheets, static_resources
from aura.audit.html import decode_html, page_problem, parse_refusal
from aura.audit.limits import MAX_RUNS
from aura.audit.memory import release_free_memory
from aura.audit.pricing import PricingPlans
from aura.audit.snapshot import ContentSnapshot, content_snapshot
from aura.audit.stages import AUDITING, RENDERING
from aura.audit.technology import TechnologyOptions, TechnologyReport
from aura.audit.technology.gatherers import technology_report

if TYPE_CHECKING:
    from aura.audit.browser.render import RenderOutcome

logger = logging.getLogger(__name__)

#: Bumped whenever what an analysis measures changes; comparisons never mix versions.
ANALYSIS_VERSION = "1.4"


#: Artifacts every analysis has: they come from the page fetch itself.
BASE_ARTIFACTS: tuple[type[Any], ...] = (HttpExchange, Document)

#: Gathered for every analysis, whichever audits run: the result reports them.
RESULT_ARTIFACTS: frozenset[type[Any]] = frozenset({PricingPlans})


class AnalysisError(Exception):
    """The URL could not be analysed; the message says why, for the user."""


@dataclass(frozen=True)
class AnalysisOptions:
    limits: FetchLimits
    policy: NetworkPolicy
    mode: str = "static"
    subresources: SubresourceLimits = field(default_factory=SubresourceLimits)
    #: Audit ids to run; None runs them all. Gatherers nobody needs are skipped.
    audits: frozenset[str] | None = None
    #: The worker's browser (browser mode); without it a browser analysis runs static.
    browser: BrowserPool | None = None
    #: Where this analysis's screenshots are written (browser mode); None keeps none.
    screenshot_dir: Path | None = None
    #: Technology detection: where the fingerprints are, whether to look up DNS records.
    technology: TechnologyOptions = field(default_factory=TechnologyOptions)
    #: CSS selectors of page parts the content snapshot leaves out (rotating banners, dates).
    ignore_selectors: tuple[str, ...] = ()
    #: Browser mode: renders of the page; the median one is reported, the spread kept.
    runs: int = 1
    #: Told each stage the analysis reaches after fetching (``aura.audit.stages``), for
    #: progress; its failures are logged, never the analysis's.
    on_stage: Callable[[str], Awaitable[None]] | None = None


async def analyze_url(url: str, options: AnalysisOptions) -> dict[str, Any]:
    """Analyse ``url`` and return the result document (JSON-ready)."""
    meter = cpu.CpuMeter()
    try:
        # When the analysis ends (its timeout included), its threads stop at their next
        # checkpoint instead of running on in the background.
        with cpu.stoppable():
            document_result = await cpu.metered(_analyze_url(url, options), meter)
    finally:
        # The page's trees and buffers are gone now: hand their memory back.
        release_free_memory()
    # This analysis's own CPU (its tasks and threads), not that of others running alongside.
    document_result["cpu_ms"] = meter.ms
    return document_result


async def _analyze_url(url: str, options: AnalysisOptions) -> dict[str, Any]:
    started = time.perf_counter()
    tier = BrowserTier.plan(options.mode, options.browser)
    audits = tier.usable(select_audits(options.audits))
    async with (
        Fetcher(options.limits, options.policy) as fetcher,
        Fetcher(aux_limits(options), options.policy) as aux_fetcher,
    ):
        try:
            response = await fetcher.fetch(url)
        except FetchError as error:
            raise AnalysisError(str(error)) from None
        exchange, document = page_artifacts(url, response)
        if tier.pool is not None:
            await _tell_stage(options, RENDERING)
        # The browser renders the page (from its final URL) while this process parses it and
        # the static gatherers fetch its resources.
        rendering = asyncio.create_task(
            _render(tier, exchange.final_url, options.policy, options.screenshot_dir, options.runs)
        )
        snapshotting: asyncio.Task[Any] | None = None
        try:
            # Parse once, off the event loop, after refusing the shapes whose parsing is
            # super-linear (html.page_shape): a hostile page must not freeze the worker.
            await cpu.to_thread(_parse_safely, document)
            artifacts = Artifacts([exchange, document, options.technology])
            context = GatherContext(url, artifacts, fetcher, aux_fetcher, options.subresources)
            snapshotting = cpu.create_task(snapshot_of(document, options.ignore_selectors))
            failures = await gather(context, required_artifacts(audits) | RESULT_ARTIFACTS)
            rendered, lab_spread = await rendering
            snapshot, snapshot_error = await snapshotting
        finally:
            rendering.cancel()  # no-op once done; frees the browser if the analysis is cut
            if snapshotting is not None:
                snapshotting.cancel()
    if snapshot_error is not None:
        failures[ContentSnapshot] = snapshot_error
    if rendered is not None and rendered.stopped is not None:
        # The page went over a limit set on pages (its memory): no result is a fair one.
        raise AnalysisError(rendered.stopped)
    if rendered is not None:
        for item in rendered.artifacts:
            artifacts.add(item)
        failures.update(rendered.failures)
        await cpu.to_thread(_detect_with_live_page, artifacts)
        await cpu.to_thread(_parse_rendered_dom, artifacts, failures)
    await _tell_stage(options, AUDITING)
    # Parsing and auditing are CPU work: keep the event loop free for other analyses.
    results = await cpu.to_thread(run_audits, audits, artifacts, failures)
    pricing = artifacts.find(PricingPlans) or PricingPlans(
        None, None, error=failures.get(PricingPlans, "not gathered")
    )
    document_result = build_result(
        url, tier.mode, exchange, document, audits, results, snapshot, pricing
    )
    document_result.update(tier.result_fields(rendered))
    if lab_spread is not None:
        document_result["lab_spread"] = lab_spread
    health = render_health(tier.mode, artifacts, rendered)
    document_result["render_health"] = health.as_json(unreliable_metrics(health, results))
    document_result["gather_errors"] = {kind.__name__: error for kind, error in failures.items()}
    document_result["duration_ms"] = round((time.perf_counter() - started) * 1000, 2)
    return document_result


async def _tell_stage(options: AnalysisOptions, stage: str) -> None:
    if options.on_stage is None:
        return
    try:
        await options.on_stage(stage)
    except Exception:
        # Progress is for watchers: a failure to tell it must not fail the analysis.
        logger.warning("could not report the %s stage", stage, exc_info=True)


async def _render(
    tier: BrowserTier, url: str, policy: NetworkPolicy, screenshot_dir: Path | None, runs: int
) -> tuple[RenderOutcome | None, dict[str, Any] | None]:
    """Render the page ``runs`` times, one after the other; the median render is the one
    reported (its screenshots kept), with the spread of the lab metrics over all of them."""
    runs = max(1, min(runs, MAX_RUNS))
    outcomes: list[RenderOutcome] = []
    for index in range(runs):
        folder = screenshot_dir
        if screenshot_dir is not None and runs > 1:
            folder = screenshot_dir / f".run-{index}"
        outcome = await tier.render(url, policy, folder)
        if outcome is None:
            return None, None
        outcomes.append(outcome)
    measured = [
        next((item for item in outcome.artifacts if isinstance(item, LabMetrics)), None)
        for outcome in outcomes
    ]
    chosen = browser_runs.median_run(measured)
    picked = outcomes[chosen if chosen is not None else 0]
    if screenshot_dir is not None and runs > 1:
        await cpu.to_thread(_keep_screenshots, screenshot_dir, chosen or 0, runs)
    if chosen is None:
        return picked, None
    return picked, browser_runs.spread(measured, chosen)


def _keep_screenshots(folder: Path, chosen: int, runs: int) -> None:
    """Move the chosen render's screenshots into ``folder``; drop the other renders'."""
    for index in range(runs):
        run_folder = folder / f".run-{index}"
        if not run_folder.is_dir():
            continue
        for shot in run_folder.iterdir():
            if index == chosen:
                shot.replace(folder / shot.name)
            else:
                shot.unlink()
        run_folder.rmdir()


def render_health(mode: str, artifacts: Artifacts, rendered: RenderOutcome | None) -> RenderHealth:
    """The render-health verdict: from the desktop load's requests and what the page showed
    in browser mode, from the subresource fetches in static mode."""
    if rendered is not None:
        runs = sorted(rendered.runs, key=lambda run: run.profile != "desktop")
        resources = runs[0].resources if runs else {}
        return assess(mode, resources, page=rendered.page_check)
    subresources = artifacts.find(Subresources)
    if subresources is None:
        return assess(mode, {})
    return assess(
        mode, static_resources(subresources), stylesheets=linked_stylesheets(subresources)
    )


#: Measured on the page's own response, whatever its resources did.
DOCUMENT_METRICS = frozenset(
    {"status_code", "response_time_ms", "ttfb_ms", "html_bytes", "redirect_count", "http2"}
)


def unreliable_metrics(health: RenderHealth, outcomes: Iterable[Outcome]) -> set[str]:
    """Metrics measured by audits of the categories a degraded render makes unreliable
    (those of the page's own response excepted)."""
    if not health.degraded:
        return set()
    return {
        metric
        for outcome in outcomes
        if outcome.error is None
        and any(
            outcome.audit.id in scoring.CATEGORIES[name].weights or outcome.audit.category == name
            for name in health.unreliable
            if name in scoring.CATEGORIES
        )
        for metric in outcome.result.metrics
        if metric not in DOCUMENT_METRICS
    }


def aux_limits(options: AnalysisOptions) -> FetchLimits:
    """Limits for everything but the page: no retries, smaller bodies, shorter waits."""
    page, sub = options.limits, options.subresources
    return FetchLimits(
        user_agent=page.user_agent,
        connect_timeout=min(page.connect_timeout, sub.timeout_each),
        read_timeout=min(page.read_timeout, sub.timeout_each),
        total_timeout=min(page.total_timeout, sub.time_budget),
        max_bytes=sub.max_bytes_each,
        max_redirects=min(page.max_redirects, 5),
        retries=0,
        dns_timeout=sub.dns_timeout,
    )


async def snapshot_of(
    document: Document, ignore_selectors: tuple[str, ...]
) -> tuple[ContentSnapshot | None, str | None]:
    """The page's content snapshot, or why there is none: like a gatherer, it may fail
    without failing the analysis."""
    try:
        snapshot = await cpu.to_thread(
            exclusive, document, content_snapshot, document, ignore_selectors
        )
        return snapshot, None
    except Exception as error:
        logger.exception("the content snapshot of %s failed", document.url)
        return None, f"{type(error).__name__}: {error}"


def _detect_with_live_page(artifacts: Artifacts) -> None:
    """Detect technologies again with what the rendered page showed (JS globals, live DOM
    properties, the requests it made), when both detection and a render happened."""
    live = artifacts.find(RenderedTechnology)
    if live is None or TechnologyReport not in artifacts:
        return
    cpu.checkpoint()
    artifacts.add(technology_report(artifacts, browser_signals(live)))


def _parse_rendered_dom(artifacts: Artifacts, failures: dict[type[Any], str]) -> None:
    """Parse the DOM the browser built, for the audits that read it; a DOM that is too
    large or too deep is not read, and those audits read the served HTML instead."""
    rendered = artifacts.find(RenderedDom)
    if rendered is None:
        return
    reason = None
    if rendered.html is None:
        reason = "the rendered DOM was too large to read; the served HTML was audited"
    elif (refusal := parse_refusal(rendered.html)) is not None:
        # A script can build what the served page could not carry: the same bounds hold.
        reason = f"the rendered DOM {refusal}; the served HTML was audited"
    if reason is not None:
        artifacts.add(replace(rendered, html=None))
        failures[RenderedDom] = reason
        return
    live = rendered.document
    if live is not None:
        _ = live.tree


def _parse_safely(document: Document) -> None:
    refusal = parse_refusal(document.html)
    if refusal is not None:
        raise AnalysisError(f"the page {refusal}; such a page is not analysed")
    cpu.checkpoint()
    _ = document.tree


def page_artifacts(url: str, response: FetchedResponse) -> tuple[HttpExchange, Document]:
    problem = page_problem(response.status_code, response.content_type)
    if problem is not None:
        raise AnalysisError(problem)
    exchange = HttpExchange(
        requested_url=url,
        final_url=response.final_url,
        status_code=response.status_code,
        http_version=response.http_version,
        headers=Headers.of(response.headers),
        redirects=tuple(response.redirects),
        timings=response.timings,
        body_bytes=len(response.body),
        transfer_bytes=response.transfer_bytes,
        remote_address=response.remote_address,
        tls=response.tls,
    )
    text, charset = decode_html(response.body, response.charset)
    return exchange, Document(url=response.final_url, html=text, charset=charset)


def select_audits(ids: frozenset[str] | None) -> list[type[Audit]]:
    audits = list(all_audits())
    if ids is None:
        return audits
    unknown = ids - {audit.id for audit in audits}
    if unknown:
        raise ValueError(f"unknown audit ids: {', '.join(sorted(unknown))}")
    return [audit for audit in audits if audit.id in ids]


def required_artifacts(audits: Iterable[type[Audit]]) -> set[type[Any]]:
    """The artifacts the audits need, with everything their gatherers depend on."""
    needed: set[type[Any]] = set()
    pending = [kind for audit in audits for kind in audit.requires]
    while pending:
        kind = pending.pop()
        if kind in needed:
            continue
        needed.add(kind)
        gatherer = GATHERERS.get(kind)
        if gatherer is not None:
            pending.extend(gatherer.depends)
    return needed


async def gather(context: GatherContext, needed: set[type[Any]]) -> dict[type[Any], str]:
    """Run the gatherers of ``needed`` (each after its dependencies, others concurrently).

    Returns the artifacts that could not be gathered, with the reason.
    """
    failures: dict[type[Any], str] = {}
    tasks: dict[type[Any], asyncio.Task[None]] = {}

    async def produce(kind: type[Any]) -> None:
        gatherer = GATHERERS[kind]
        for dependency in gatherer.depends:
            if dependency in tasks:
                await tasks[dependency]
            if dependency not in context.artifacts:
                failures[kind] = f"needs {dependency.__name__}, which is missing"
                return
        try:
            context.artifacts.add(await gatherer.gather(context))
        except Exception as error:
            logger.exception("gatherer for %s failed on %s", kind.__name__, context.url)
            failures[kind] = f"{type(error).__name__}: {error}"

    for kind in needed:
        if kind in GATHERERS and kind not in context.artifacts:
            tasks[kind] = cpu.create_task(produce(kind))
    if tasks:
        await asyncio.gather(*tasks.values())
    return failures


@dataclass(frozen=True)
class Outcome:
    audit: type[Audit]
    result: AuditResult
    error: str | None = None


def run_audits(
    audits: Iterable[type[Audit]], artifacts: Artifacts, failures: dict[type[Any], str]
) -> list[Outcome]:
    outcomes = []
    for audit in audits:
        cpu.checkpoint()  # the analysis may have timed out meanwhile
        outcomes.append(run_audit(audit, artifacts, failures))
    return outcomes


def run_audit(
    audit: type[Audit], artifacts: Artifacts, failures: dict[type[Any], str] | None = None
) -> Outcome:
    """Run one audit on the artifacts it declared; any failure is confined to it."""
    missing = [kind for kind in audit.requires if kind not in artifacts]
    if missing:
        reasons = [
            f"{kind.__name__} ({(failures or {}).get(kind, 'not gathered')})" for kind in missing
        ]
        return Outcome(audit, AuditResult(None), "missing artifact: " + "; ".join(reasons))
    try:
        result = audit().audit(audit_view(audit, artifacts))
    except MissingArtifactError as error:
        return Outcome(audit, AuditResult(None), f"used an undeclared artifact: {error}")
    except Exception as error:
        logger.exception("audit %s failed", audit.id)
        return Outcome(audit, AuditResult(None), f"{type(error).__name__}: {error}")
    if result.score is not None and not 0 <= result.score <= 1:
        return Outcome(audit, AuditResult(None), f"score out of range: {result.score}")
    return Outcome(audit, result)


def audit_view(audit: type[Audit], artifacts: Artifacts) -> Artifacts:
    """The artifacts ``audit`` may read: those it requires, those it can use when present,
    and, for an audit of the rendered DOM in browser mode, that DOM as its ``Document``."""
    view = artifacts.only((*audit.requires, *audit.optional))
    rendered = artifacts.find(RenderedDom)
    if audit.reads_rendered_dom and Document in audit.requires and rendered is not None:
        live = rendered.document
        if live is not None:
            view.add(live)
    return view


def display_mode(outcome: Outcome) -> ScoreDisplayMode:
    if outcome.error is not None:
        return "error"
    if outcome.audit.informative:
        return "informative"
    if outcome.result.score is None:
        return "notApplicable"
    return "numeric"


def audit_entry(outcome: Outcome, weight: float) -> dict[str, Any]:
    audit, result = outcome.audit, outcome.result
    failing = result.score is not None and result.score < 0.9
    entry: dict[str, Any] = {
        "id": audit.id,
        "title": audit.failure_title if failing else audit.title,
        "description": audit.description,
        "score": None if result.score is None else round(result.score, 3),
        "score_display_mode": display_mode(outcome),
        "display_value": result.display_value,
        "details": result.details,
        "weight": weight,
    }
    if outcome.error is not None:
        entry["error"] = outcome.error
    return entry


def build_result(
    url: str,
    mode: str,
    exchange: HttpExchange,
    document: Document,
    audits: list[type[Audit]],
    outcomes: list[Outcome],
    snapshot: ContentSnapshot | None,
    pricing: PricingPlans,
) -> dict[str, Any]:
    by_id = {outcome.audit.id: outcome for outcome in outcomes}
    categories: dict[str, Any] = {}
    for name, spec in scoring.CATEGORIES.items():
        categories[name] = _category(spec, scoring.audit_ids_of(name, by_id), by_id)
    title_node = document.first("title")
    metrics: dict[str, float | int | None] = {
        "status_code": exchange.status_code,
        "response_time_ms": _round(exchange.timings.total_ms),
        "ttfb_ms": exchange.timings.ttfb_ms,
        "html_bytes": exchange.body_bytes,
        "redirect_count": len(exchange.redirects),
    }
    facts: dict[str, Any] = {}
    for outcome in outcomes:
        if outcome.error is None:
            metrics.update(measured_metrics(outcome))
            facts.update(outcome.result.facts)
    for name, category in categories.items():
        if category["score"] is not None:
            metrics[f"{name}_score"] = category["score"]
        if category.get("static_score") is not None:
            metrics[f"{name}_static_score"] = category["static_score"]
        for profile, score in (category.get("profile_scores") or {}).items():
            metrics[f"{name}_score_{profile}"] = score
    return {
        "url": url,
        "final_url": exchange.final_url,
        "status_code": exchange.status_code,
        "mode": mode,
        "analysis_version": ANALYSIS_VERSION,
        # Page text is untrusted: the title is kept to a readable length (pages use < 70).
        "title": (title_node.text(strip=True)[:300] if title_node is not None else None) or None,
        "charset": document.charset,
        "http_version": exchange.http_version,
        "content_type": exchange.content_type,
        "redirects": [
            {"url": hop.url, "status_code": hop.status_code, "location": hop.location}
            for hop in exchange.redirects
        ],
        "timings": {
            "dns_ms": exchange.timings.dns_ms,
            "connect_ms": exchange.timings.connect_ms,
            "tls_ms": exchange.timings.tls_ms,
            "ttfb_ms": exchange.timings.ttfb_ms,
            "download_ms": exchange.timings.download_ms,
            "total_ms": exchange.timings.total_ms,
        },
        "tls": None
        if exchange.tls is None
        else {
            "version": exchange.tls.version,
            "cipher": exchange.tls.cipher,
            "certificate_issuer": exchange.tls.certificate_issuer,
            "certificate_subject": exchange.tls.certificate_subject,
            "certificate_not_after": exchange.tls.certificate_not_after,
        },
        "metrics": metrics,
        "categories": categories,
        "facts": facts,
        "snapshot": snapshot.as_json() if snapshot is not None else None,
        "pricing": pricing.as_json(),
    }


def _category(
    spec: scoring.CategorySpec, audit_ids: list[str], by_id: dict[str, Outcome]
) -> dict[str, Any]:
    entries = [
        audit_entry(by_id[audit_id], spec.weights.get(audit_id, 0.0)) for audit_id in audit_ids
    ]
    category: dict[str, Any] = {
        "title": spec.title,
        "description": spec.description,
        "informative": spec.informative,
        "score": None if spec.informative else scoring.category_score(entries),
        "audits": entries,
    }
    if spec.lab_weights is None:
        return category
    # The static score is always there, under its own name; with lab metrics measured (browser
    # mode) the score is Lighthouse's, made of them alone.
    category["static_score"] = category["score"]
    category["score_method"] = "static"
    lab_entries = [
        audit_entry(by_id[audit_id], spec.lab_weights.get(audit_id, 0.0)) for audit_id in audit_ids
    ]
    lab_score = scoring.category_score(
        entry for entry in lab_entries if entry["id"] in spec.lab_weights
    )
    if lab_score is None:
        return category
    for entry, static in zip(lab_entries, entries, strict=True):
        entry["static_weight"] = static["weight"]
    category.update(score=lab_score, score_method="lab", audits=lab_entries)
    category["profile_scores"] = scoring.profile_scores(lab_entries, spec.lab_weights)
    return category


#: Counts that cannot be zero on a page that shows anything (text has a colour, a size and
#: a font): zero means nothing was measured (no CSS could be read), so it is absent.
ABSENT_WHEN_ZERO = frozenset({"distinct_colors", "distinct_font_sizes", "font_family_count"})


def measured_metrics(outcome: Outcome) -> dict[str, float | int | None]:
    """An audit's metrics, with what was not measured as None (never 0): every metric of an
    audit that did not apply, and the counts of ``ABSENT_WHEN_ZERO`` at zero."""
    not_applicable = outcome.result.score is None and not outcome.audit.informative
    return {
        key: None if not_applicable or (key in ABSENT_WHEN_ZERO and value == 0) else value
        for key, value in outcome.result.metrics.items()
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
