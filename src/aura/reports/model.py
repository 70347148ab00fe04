"""What a report is made of: the batch, its comparison and the analyses behind it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, Field

from aura.comparison import ComparisonDocument
from aura.competitive.schemas import BatchRead

REPORT_VERSION = "1.0"


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
class Report:
    batch: BatchRead
    comparison: ComparisonDocument
    analyses: tuple[SiteAnalysis, ...] = field(default_factory=tuple)
    #: When the comparison was made (reports never read the clock themselves).
    compared_at: dt.datetime | None = None

    def analysis(self, url: str) -> SiteAnalysis | None:
        return next((item for item in self.analyses if item.url == url), None)


class AnalysisEntry(BaseModel):
    url: str
    status: str
    error: str | None
    result: dict[str, Any] | None
    screenshots: list[str] = Field(default_factory=list, description="Screenshot file names")


class ReportDocument(BaseModel):
    """The JSON export: the full comparison plus every analysis of the batch."""

    report_version: str = REPORT_VERSION
    batch: BatchRead
    compared_at: dt.datetime | None
    comparison: ComparisonDocument
    analyses: list[AnalysisEntry]
