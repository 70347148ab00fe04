"""The JSON export: the full comparison document plus every analysis (``ReportDocument``)."""

from __future__ import annotations

from aura.reports.model import AnalysisEntry, Report, ReportDocument


def report_document(report: Report) -> ReportDocument:
    return ReportDocument(
        batch=report.batch,
        compared_at=report.compared_at,
        comparison=report.comparison,
        analyses=[
            AnalysisEntry(
                url=item.url,
                status=item.status,
                error=item.error,
                result=dict(item.result) if item.result is not None else None,
                screenshots=[shot.name for shot in item.screenshots],
            )
            for item in report.analyses
        ],
    )


def render_json(report: Report) -> bytes:
    return (report_document(report).model_dump_json(indent=2) + "\n").encode("utf-8")
