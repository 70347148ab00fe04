"""Request and response bodies of the single-analysis API."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from aura.audit.details import with_views
from aura.audit.limits import MAX_RUNS
from aura.models import Analysis

#: ``static``: HTTP, HTML, CSS and resources; ``browser``: also rendered in Chromium.
AnalysisMode = Literal["static", "browser"]

#: Browser mode's repeated renders of a page, as every API that starts analyses takes them.
Runs = Annotated[
    int | None,
    Field(
        ge=1,
        le=MAX_RUNS,
        description="Browser mode: render each page this many times (1, the default, to "
        f"{MAX_RUNS}) and report the median run, with every run's lab metrics in the "
        "result's lab_spread; static analyses ignore it",
    ),
]


class AnalysisCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(description="The page to analyse")
    mode: AnalysisMode | None = Field(
        default=None,
        description="static, or browser (rendered in Chromium); "
        "by default browser where Chromium is installed",
    )
    runs: Runs = None


class AnalysisRead(BaseModel):
    id: uuid.UUID
    url: str
    final_url: str | None
    status: str
    mode: str
    analysis_version: str | None
    attempts: int
    error: str | None
    duration_ms: int | None
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    result: dict[str, Any] | None = Field(
        description="The analysis result; each audit carries its details as stored and as typed "
        "blocks (`view`: tables, lists and properties with typed values, see `aura.audit.details`)"
    )

    @classmethod
    def of(cls, analysis: Analysis) -> AnalysisRead:
        return cls(
            id=analysis.id,
            url=analysis.url,
            final_url=analysis.final_url,
            status=analysis.status,
            mode=analysis.mode,
            analysis_version=analysis.analysis_version,
            attempts=analysis.attempts,
            error=analysis.error,
            duration_ms=analysis.duration_ms,
            created_at=analysis.created_at,
            started_at=analysis.started_at,
            finished_at=analysis.finished_at,
            result=with_views(analysis.result),
        )
