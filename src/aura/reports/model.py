"""What a report is made of: the batch, its comparison and the analyses behind it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, Field

from aura.comparison import ComparisonDocument
from aura.competitive.schemas import BatchRead

REPORT_VERSION = "1.1"


@dataclass(frozen=True)
class Screenshot:
    """A screenshot file of an analysis (``desktop.png``, ``mobile.png``, ``full-page.png``)."""

    name: str
    data: bytes
    media_type: str = "image/png"


@dataclass(frozen=True)
class SiteAnalysis:
    """One URL of the batch and what its analysis produced."""

    url: str
    status: str
    error: str | None
    result: Mapping[str, Any] | None
    screenshots: tuple[Screenshot, ...] = ()


@dataclass(frozen=True)
class CrawledPage:
    """One page of a site's crawl, as the pages table shows it (text fields are page text)."""

    url: str
    #: The crawl's outcome for it: ``done``, ``failed``, ``skipped`` (or still ``queued``).
    status: str
    http_status: int | None
    template: str | None
    #: Clicks from the start page; None when only a sitemap led to it.
    depth: int | None
    source: str
    title: str | None
    words: int | None
    #: The page's failing audits, and the site findings it is evidence for.
    failing: tuple[str, ...] = ()
    findings: tuple[str, ...] = ()
    error: str | None = None


@dataclass(frozen=True)
class SiteCrawl:
    """A compared site's crawl: every page, shallowest first."""

    url: str
    status: str
    pages: tuple[CrawledPage, ...] = ()


@dataclass(frozen=True)
class Report:
    batch: BatchRead
    comparison: ComparisonDocument
    analyses: tuple[SiteAnalysis, ...] = field(default_factory=tuple)
    #: When the comparison was made (reports never read the clock themselves).
    compared_at: dt.datetime | None = None
    #: The crawled sites' pages, in batch order (sites analysed as one page have none).
    crawls: tuple[SiteCrawl, ...] = field(default_factory=tuple)

    def analysis(self, url: str) -> SiteAnalysis | None:
        return next((item for item in self.analyses if item.url == url), None)


class AnalysisEntry(BaseModel):
    url: str
    status: str
    error: str | None
    result: dict[str, Any] | None
    screenshots: list[str] = Field(default_factory=list, description="Screenshot file names")


class CrawledPageEntry(BaseModel):
    url: str
    status: str = Field(description="The crawl's outcome: done, failed, skipped (or queued)")
    http_status: int | None = Field(description="None: no response")
    template: str | None
    depth: int | None = Field(description="Clicks from the start page; None: sitemap only")
    source: str = Field(description="How the crawl found it: start, link or sitemap")
    title: str | None
    words: int | None = Field(description="Words of main text")
    failing: list[str] = Field(description="The page's failing audits")
    findings: list[str] = Field(description="The site findings the page is evidence for")
    error: str | None


class SiteCrawlEntry(BaseModel):
    url: str = Field(description="The compared site")
    status: str = Field(description="The crawl's status")
    pages: list[CrawledPageEntry] = Field(description="Every page of the crawl")


class ReportDocument(BaseModel):
    """The JSON export: the full comparison plus every analysis of the batch, and every page
    of each crawled site."""

    report_version: str = REPORT_VERSION
    batch: BatchRead
    compared_at: dt.datetime | None
    comparison: ComparisonDocument
    analyses: list[AnalysisEntry]
    crawls: list[SiteCrawlEntry] = Field(default_factory=list)
