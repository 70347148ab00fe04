"""Request and response bodies of the competitive API."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from aura.analyses.schemas import AnalysisMode, Runs
from aura.comparison import ComparisonDocument
from aura.models import CompetitiveAnalysisBatch

#: The longest name a user can give a URL (the column's size).
MAX_LABEL = 200


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
                )
                for item in batch.urls
            ],
            created_at=batch.created_at,
            updated_at=batch.updated_at,
            finished_at=batch.finished_at,
            set_id=batch.set_id,
            trigger=batch.trigger,
        )


#: The highest page number a listing takes: its offset must fit the databases' 64-bit
#: integers (a page past the last one is simply empty).
MAX_PAGE = 1_000_000


class BatchPage(BaseModel):
    items: list[BatchRead]
    total: int
    page: int
    page_size: int


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
