"""The PDF export: the HTML report printed by Aura's Chromium, read back with pypdf."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from aura.audit.browser.pool import BrowserPool, BrowserSettings
from aura.reports.as_pdf import PdfUnavailableError, export_pdf
from tests.reports.builders import make_report

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture
async def pool() -> AsyncIterator[BrowserPool]:
    settings = BrowserSettings(executable=CHROMIUM)
    if settings.unavailable_reason() is not None:
        pytest.skip(str(settings.unavailable_reason()))
    browser = BrowserPool(settings)
    try:
        yield browser
    finally:
        await browser.close()


def _pages(content: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(content))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


async def test_the_report_prints_with_the_ranking_on_page_one(pool: BrowserPool) -> None:
    produced = await export_pdf(make_report(hostile=False), pool)

    assert produced.media_type == "application/pdf"
    assert produced.file_name.endswith(".pdf")
    assert produced.content.startswith(b"%PDF-")
    pages = _pages(produced.content)
    assert len(pages) > 1
    first = pages[0]
    assert "Help desks, Q4" in first
    ranking = first[first.index("Ranking") :]
    assert ranking.startswith(
        "Ranking 1. A page (rival.example) 72 2. A page (third.example) 67 3. Ours 64"
    )
    # Printed open: the audit details and the folded lists are on paper too.
    text = " ".join(pages)
    assert "Audit details" in text
    assert "Passed audits" in text


async def test_page_text_is_printed_as_text(pool: BrowserPool) -> None:
    produced = await export_pdf(make_report(hostile=True), pool)

    text = " ".join(_pages(produced.content))
    assert '<script>alert("x")</script>' in text


async def test_without_chromium_the_pdf_export_says_so() -> None:
    missing = BrowserPool(BrowserSettings(executable=Path("/nonexistent/chromium")))

    with pytest.raises(PdfUnavailableError, match="needs Chromium"):
        await export_pdf(make_report(), missing)
