"""Exports of a finished batch: HTML, Markdown, CSV, JSON and the crawled pages as CSV.

Pure functions from a ``Report`` (the batch, its comparison and its analyses) to bytes; the
CLI writes them to files and the API serves them from ``/api/v1/competitive/{id}/export``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from aura.reports.as_csv import render_csv, render_pages_csv
from aura.reports.as_html import render_html
from aura.reports.as_json import render_json
from aura.reports.as_markdown import render_markdown
from aura.reports.common import file_name
from aura.reports.model import Report, ReportDocument, Screenshot, SiteAnalysis


@dataclass(frozen=True)
class ExportFormat:
    name: str
    extension: str
    media_type: str
    render: Callable[[Report], bytes]
    #: Whether it shows the crawled pages (the metrics CSV does not: they need not be read).
    pages: bool = True


FORMATS: dict[str, ExportFormat] = {
    "html": ExportFormat("html", "html", "text/html; charset=utf-8", render_html),
    "md": ExportFormat("md", "md", "text/markdown; charset=utf-8", render_markdown),
    "csv": ExportFormat("csv", "csv", "text/csv; charset=utf-8", render_csv, pages=False),
    "json": ExportFormat("json", "json", "application/json", render_json),
    # The crawled pages, a row each (their columns differ from the metrics sheet's).
    "pages-csv": ExportFormat(
        "pages-csv", "pages.csv", "text/csv; charset=utf-8", render_pages_csv
    ),
}


def shows_pages(format_name: str) -> bool:
    """Whether the export in ``format_name`` (one of ``FORMATS``, or ``pdf``: the HTML report
    printed) shows the crawled pages, which are then read for it."""
    return format_name == "pdf" or FORMATS[format_name].pages


@dataclass(frozen=True)
class Export:
    content: bytes
    media_type: str
    file_name: str


def export(report: Report, format_name: str) -> Export:
    """The report in ``format_name`` (one of ``FORMATS``), with its media type and file name."""
    chosen = FORMATS[format_name]
    return Export(chosen.render(report), chosen.media_type, file_name(report, chosen.extension))


__all__ = [
    "FORMATS",
    "Export",
    "ExportFormat",
    "Report",
    "ReportDocument",
    "Screenshot",
    "SiteAnalysis",
    "export",
    "shows_pages",
]
