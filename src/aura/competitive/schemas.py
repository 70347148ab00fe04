"""Request and response bodies of the competitive API."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from aura.analyses.schemas import AnalysisMode, Runs
from aura.comparison import ComparisonDocument
from aura.crawl.records import CrawlOptions, link_depth
from aura.models import CompetitiveAnalysisBatch, Crawl, CrawlPage, CrawlStatus

#: The longest name a user can give a URL (the column's size).
MAX_LABEL = 200
#: Bounds of a crawl as a request may ask for it.
MAX_CRAWL_PAGES = 5000
MAX_CRAWL_DEPTH = 50
MAX_PATTERNS = 20
#: A scheme and ``://``: a whole URL where a pattern on its path and query belongs.
_WHOLE_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def _path_pattern(pattern: str) -> str:
    """A crawl pattern as given, unless it is a whole URL: the crawl matches patterns on a
    URL's path and query, so ``https://mysite.com/blog/*`` would match no page, and the
    crawl would quietly keep (or skip) nothing."""
    if _WHOLE_URL.match(pattern):
        raise PydanticCustomError(
            "whole_url_pattern",
            "patterns match a URL's path and query, like /blog/*, not the whole URL ({pattern})",
            {"pattern": pattern},
        )
    return pattern


Pattern = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_path_pattern)]


class BatchCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, max_length=200)
    urls: list[str] = Field(description="Your site and its competitors (2 to AURA_MAX_BATCH_URLS)")
    primary_url: str | None = Field(
        default=None, description="Your own site; must be one of ``urls``"
    )
    mode: AnalysisMode | None = Field(
        default=None,
        description="static, or browser (rendered in Chromium); "
        "by default browser where Chromium is installed",
    )
    runs: Runs = None
    labels: dict[str, str] | None = Field(
        default=None,
        description="Optional names for the URLs (URL as given in ``urls`` → name, at most "
        f"{MAX_LABEL} characters); a named site is called so in the comparison instead of "
        "the name taken from its page",
    )
    pages: int | None = Field(
        default=None,
        ge=1,
        le=MAX_CRAWL_PAGES,
        description="Pages to analyse per site, the start page included; 1 (the default) "
        "analyses the start pages only, more crawls each site",
    )
    depth: int | None = Field(
        default=None,
        ge=0,
        le=MAX_CRAWL_DEPTH,
        description="Clicks from the start page a crawl follows (default 5)",
    )
    include: list[Pattern] | None = Field(
        default=None,
        max_length=MAX_PATTERNS,
        description="Glob patterns on a URL's path and query (``/blog/*``); a crawled page "
        "must match one",
    )
    exclude: list[Pattern] | None = Field(
        default=None,
        max_length=MAX_PATTERNS,
        description="Glob patterns on a URL's path and query; a crawl skips the pages matching one",
    )
    subdomains: bool | None = Field(
        default=None, description="Whether a crawl follows links to other subdomains"
    )


class CrawlSpec(BaseModel):
    """A comparison set's crawl of each site, used by each of its runs."""

    model_config = ConfigDict(extra="forbid")

    pages: int = Field(default=1, ge=1, le=MAX_CRAWL_PAGES, description="Pages per site")
    depth: int = Field(default=5, ge=0, le=MAX_CRAWL_DEPTH, description="Clicks from the start")
    include: list[Pattern] = Field(default_factory=list, max_length=MAX_PATTERNS)
    exclude: list[Pattern] = Field(default_factory=list, max_length=MAX_PATTERNS)
    subdomains: bool = False

    def options(self) -> CrawlOptions:
        return CrawlOptions(
            max_pages=self.pages,
            max_depth=self.depth,
            include=tuple(self.include),
            exclude=tuple(self.exclude),
            subdomains=self.subdomains,
        )

    @classmethod
    def of(cls, options: CrawlOptions) -> CrawlSpec:
        """The spec of stored options, as they were stored (not validated again: a set saved
        before a rule was added still reads)."""
        return cls.model_construct(
            pages=options.max_pages,
            depth=options.max_depth,
            include=list(options.include),
            exclude=list(options.exclude),
            subdomains=options.subdomains,
        )


class CrawlRead(BaseModel):
    """A site's crawl: its state and counters (``queued``: pages waiting or running)."""

    id: uuid.UUID
    status: str
    discovered: int
    done: int
    failed: int
    skipped: int
    queued: int
    error: str | None


#: What a running URL is doing (``aura.audit.stages``).
UrlStage = Literal["fetching", "rendering", "auditing"]


class BatchUrlRead(BaseModel):
    id: uuid.UUID
    url: str
    status: str
    is_primary: bool
    label: str | None = Field(default=None, description="The name the user gave the URL")
    stage: UrlStage | None = Field(
        default=None,
        description="What a running URL is doing: fetching the page, rendering it in "
        "Chromium (browser mode), or auditing what was gathered; None unless running",
    )
    analysis_id: uuid.UUID
    final_url: str | None
    error: str | None
    crawl: CrawlRead | None = Field(
        default=None, description="The site's crawl (batches of more than one page per site)"
    )


class BatchRead(BaseModel):
    id: uuid.UUID
    name: str | None
    status: str
    mode: str
    progress: int = Field(ge=0, le=100)
    total_urls: int
    completed_urls: int
    failed_urls: int
    primary_url: str | None
    version: int
    error: str | None
    urls: list[BatchUrlRead]
    created_at: dt.datetime
    updated_at: dt.datetime
    finished_at: dt.datetime | None
    set_id: uuid.UUID | None = Field(
        default=None, description="The comparison set this batch is a run of"
    )
    trigger: str | None = Field(
        default=None, description="What started a set's run: manual, schedule or cli"
    )

    @classmethod
    def of(cls, batch: CompetitiveAnalysisBatch) -> BatchRead:
        crawls = {crawl.analysis_id: crawl for crawl in batch.crawls}
        return cls(
            id=batch.id,
            name=batch.name,
            status=batch.status,
            mode=batch.mode,
            progress=batch.progress,
            total_urls=batch.total_urls,
            completed_urls=batch.completed_urls,
            failed_urls=batch.failed_urls,
            primary_url=batch.primary_url,
            version=batch.version,
            error=batch.error,
            urls=[
                BatchUrlRead(
                    id=item.id,
                    url=item.url,
                    status=item.analysis.status,
                    is_primary=item.is_primary,
                    label=item.label,
                    stage=_stage(item.analysis.status, item.analysis.stage),
                    analysis_id=item.analysis_id,
                    final_url=item.analysis.final_url,
                    error=item.analysis.error,
                    crawl=_crawl_read(crawls.get(item.analysis_id)),
                )
                for item in batch.urls
            ],
            created_at=batch.created_at,
            updated_at=batch.updated_at,
            finished_at=batch.finished_at,
            set_id=batch.set_id,
            trigger=batch.trigger,
        )


def _crawl_read(crawl: Crawl | None) -> CrawlRead | None:
    if crawl is None:
        return None
    return CrawlRead(
        id=crawl.id,
        status=crawl.status,
        discovered=crawl.discovered,
        done=crawl.done,
        failed=crawl.failed,
        skipped=crawl.skipped,
        queued=max(0, crawl.discovered - crawl.done - crawl.failed)
        if not CrawlStatus(crawl.status).finished
        else 0,
        error=crawl.error,
    )


class BatchPage(BaseModel):
    items: list[BatchRead]
    total: int
    page: int
    page_size: int

    @classmethod
    def of(
        cls, batches: list[CompetitiveAnalysisBatch], total: int, page: int, page_size: int
    ) -> BatchPage:
        """Page ``page`` of the stored batches, ``page_size`` a page, ``total`` in all."""
        return cls(
            items=[BatchRead.of(batch) for batch in batches],
            total=total,
            page=page,
            page_size=page_size,
        )


class ComparisonRead(BaseModel):
    batch_id: uuid.UUID
    status: str
    analysis_version: str
    comparison_version: str
    created_at: dt.datetime
    comparison: ComparisonDocument


def _stage(status: str, stage: str | None) -> UrlStage | None:
    if status != "running":
        return None
    if stage == "rendering":
        return "rendering"
    if stage == "auditing":
        return "auditing"
    return "fetching"


class CrawlPageRead(BaseModel):
    """One page of a site's crawl."""

    id: uuid.UUID
    url: str
    status: str
    depth: int | None = Field(
        description="Link depth: clicks from the start page along the links the crawl "
        "followed (None: only a sitemap led to the page)"
    )
    source: str
    found_on: str | None
    template: str | None
    http_status: int | None = Field(description="The page's HTTP status (None: not fetched)")
    title: str | None
    failing: list[str] = Field(description="The page's failing audits")
    rendered: bool
    attempts: int
    error: str | None

    @classmethod
    def of(cls, page: CrawlPage) -> CrawlPageRead:
        record = page.record or {}
        title = record.get("title")
        status = record.get("status")
        return cls(
            id=page.id,
            url=page.url,
            status=page.status,
            depth=link_depth(page.source, page.depth),
            source=page.source,
            found_on=page.found_on,
            template=page.template,
            http_status=status if isinstance(status, int) else None,
            title=title if isinstance(title, str) else None,
            failing=[str(item) for item in record.get("failing") or []],
            rendered=page.rendered,
            attempts=page.attempts,
            error=page.error,
        )


class CrawlPageList(BaseModel):
    items: list[CrawlPageRead]
    total: int
    page: int
    page_size: int
