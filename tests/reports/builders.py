"""Reports built by hand: a batch, its comparison (computed for real) and its analyses."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from aura.comparison import SiteInput, compare_document
from aura.competitive.schemas import BatchRead, BatchUrlRead
from aura.reports import Report, Screenshot, SiteAnalysis
from tests.comparison.builders import audit, category, result

WHEN = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)
OURS, RIVAL, THIRD = "https://ours.example/", "https://rival.example/", "https://third.example/"

HOSTILE = '<script>alert("x")</script><img src="https://evil.example/pixel.png">'
HOSTILE_LINK = "[free prize](https://evil.example/) | =cmd|' /C calc'!A0"
#: What the primary's failing image-alt audit lists: a page's own markup, hostile included.
FAILING_IMAGES = ['<img src="/team/ana.jpg">', HOSTILE]
# A 1x1 transparent PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8ffff3f0005fe02fea7d6a4bf0000000049454e44ae426082"
)


def rich_result(
    *,
    seo: float,
    performance: float,
    alt_score: float,
    title: str | None = "A page",
    headline: str = "Reply faster",
    palette: list[str] | None = None,
    technologies: list[dict[str, Any]] | None = None,
    response_ms: float = 200,
) -> dict[str, Any]:
    """A result with audits, metrics and the facts the content and design sections read."""
    body = result(
        categories={
            "seo": category(
                "seo",
                seo,
                audit("document-title", 1.0),
                audit(
                    "image-alt",
                    alt_score,
                    display_value="2 images",
                    details={"items": [] if alt_score >= 0.9 else FAILING_IMAGES},
                ),
            ),
            "performance": category("performance", performance, audit("text-compression", 1.0)),
            "accessibility": category("accessibility", 80, audit("image-alt", alt_score)),
            "security": category("security", 40, audit("x-frame-options", 0.0)),
            "content": category("content", 70, audit("calls-to-action", 1.0)),
        },
        metrics={"response_time_ms": response_ms, "total_bytes": 120_000, "word_count": 300},
        facts={
            "headline": headline,
            "hero_text": "We answer every customer in minutes.",
            "ctas": ["Start free trial", HOSTILE_LINK],
            "keywords": ["support", "inbox", "=HYPERLINK(1)"],
            "palette": palette or ["#2563eb", "#ffffff"],
            "fonts": ["Inter", "x</style><script>bad()</script>"],
            "theme_color": "#2563eb",
            "technologies": technologies
            if technologies is not None
            else [{"name": "Nginx", "version": "1.25", "categories": ["Web servers"]}],
        },
        title=title,
    )
    return body


def sites_for_report(*, hostile: bool = True, with_failure: bool = False) -> list[SiteInput]:
    ours = rich_result(
        seo=70,
        performance=60,
        alt_score=0.0,
        title=HOSTILE if hostile else "Ours",
        headline=HOSTILE if hostile else "Ours",
        palette=["#123456", "red;background:url(https://evil.example/bg.png)"],
    )
    rival = rich_result(seo=90, performance=80, alt_score=1.0, response_ms=90)
    third = rich_result(seo=50, performance=95, alt_score=1.0, technologies=[])
    inputs = [
        SiteInput(OURS, "completed", True, None, {**ours, "url": OURS, "final_url": OURS}),
        SiteInput(RIVAL, "completed", False, None, {**rival, "url": RIVAL, "final_url": RIVAL}),
    ]
    if with_failure:
        inputs.append(SiteInput(THIRD, "failed", False, "could not connect: refused", None))
    else:
        inputs.append(
            SiteInput(THIRD, "completed", False, None, {**third, "url": THIRD, "final_url": THIRD})
        )
    return inputs


def batch_read(sites: list[SiteInput], *, name: str | None = "Help desks, Q4") -> BatchRead:
    failed = sum(site.status == "failed" for site in sites)
    return BatchRead(
        id=uuid.UUID("6f1c1d1e-0000-4000-8000-000000000001"),
        name=name,
        status="partial" if failed else "completed",
        mode="static",
        progress=100,
        total_urls=len(sites),
        completed_urls=len(sites) - failed,
        failed_urls=failed,
        primary_url=next((site.url for site in sites if site.is_primary), None),
        version=9,
        error=None,
        urls=[
            BatchUrlRead(
                id=uuid.uuid4(),
                url=site.url,
                status=site.status,
                is_primary=site.is_primary,
                analysis_id=uuid.uuid4(),
                final_url=site.url if site.result else None,
                error=site.error,
            )
            for site in sites
        ],
        created_at=WHEN,
        updated_at=WHEN,
        finished_at=WHEN,
    )


def make_report(
    *,
    hostile: bool = True,
    with_failure: bool = False,
    primary: bool = True,
    screenshots: bool = False,
    name: str | None = "Help desks, Q4",
) -> Report:
    sites = sites_for_report(hostile=hostile, with_failure=with_failure)
    if not primary:
        sites = [SiteInput(site.url, site.status, False, site.error, site.result) for site in sites]
    document = compare_document(sites, OURS if primary else None)
    shots = (Screenshot("desktop.png", PNG),) if screenshots else ()
    return Report(
        batch=batch_read(sites, name=name),
        comparison=document,
        analyses=tuple(
            SiteAnalysis(
                site.url,
                site.status,
                site.error,
                site.result,
                shots if site.url == OURS else (),
            )
            for site in sites
        ),
        compared_at=WHEN,
    )
