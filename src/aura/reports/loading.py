"""A ``Report`` from what the database holds (inside the caller's session scope)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from aura.comparison import ComparisonDocument
from aura.competitive.schemas import BatchRead
from aura.errors import ConflictError
from aura.models import ComparisonResult, CompetitiveAnalysisBatch
from aura.reports.model import Report, Screenshot, SiteAnalysis
from aura.screenshots import ScreenshotStore


def _screenshot_names(result: Mapping[str, Any] | None) -> list[str]:
    browser = (result or {}).get("browser")
    shots = browser.get("screenshots") if isinstance(browser, Mapping) else None
    if not isinstance(shots, list):
        return []
    return [shot["name"] for shot in shots if isinstance(shot, Mapping) and "name" in shot]


def report_of(
    batch: CompetitiveAnalysisBatch,
    comparison: ComparisonResult,
    screenshots: ScreenshotStore | None = None,
) -> Report:
    """The batch (loaded with its URLs and analyses), its comparison and screenshot files."""
    try:
        document = ComparisonDocument.model_validate(comparison.result)
    except ValidationError:
        raise ConflictError(
            f"the comparison of batch {batch.id} was made by an older Aura "
            f"(comparison version {comparison.comparison_version}); run the batch again"
        ) from None
    analyses = []
    for item in batch.urls:
        shots: list[Screenshot] = []
        if screenshots is not None:
            for name in _screenshot_names(item.analysis.result):
                # The store serves only the names the engine writes, inside the analysis folder.
                path = screenshots.path(item.analysis_id, str(name))
                if path is not None:
                    shots.append(Screenshot(name=path.name, data=path.read_bytes()))
        analyses.append(
            SiteAnalysis(
                url=item.url,
                status=item.analysis.status,
                error=item.analysis.error,
                result=item.analysis.result,
                screenshots=tuple(shots),
            )
        )
    return Report(
        batch=BatchRead.of(batch),
        comparison=document,
        analyses=tuple(analyses),
        compared_at=comparison.created_at,
    )
