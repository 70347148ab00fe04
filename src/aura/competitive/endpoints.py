"""HTTP endpoints of competitive batches (thin: parse, call the service, serialise)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response, status

from aura.api import StrictJsonRoute
from aura.competitive.paging import MAX_PAGE
from aura.competitive.schemas import (
    BatchCreate,
    BatchPage,
    BatchRead,
    ComparisonRead,
    CrawlPageList,
    CrawlPageRead,
)
from aura.competitive.service import CompetitiveService
from aura.deps import ReadSession, RuntimeDep, WriteSession, limit_batch_creation, limit_reports
from aura.errors import ERROR_RESPONSES, RATE_LIMITED
from aura.reports import FORMATS, export, shows_pages
from aura.reports.as_pdf import MEDIA_TYPE as PDF_MEDIA_TYPE
from aura.reports.as_pdf import export_pdf
from aura.reports.loading import report_of

router = APIRouter(
    prefix="/api/v1/competitive",
    tags=["competitive"],
    responses=ERROR_RESPONSES,
    route_class=StrictJsonRoute,
)


def _service(runtime: RuntimeDep) -> CompetitiveService:
    return CompetitiveService(
        runtime.queue,
        runtime.bus,
        max_urls=runtime.settings.max_batch_urls,
        allow_private=runtime.settings.allow_private_networks,
        default_mode=runtime.default_mode,
        screenshots=runtime.screenshots,
    )


@router.post(
    "/",
    status_code=status.HTTP_201_CREATED,
    response_model=BatchRead,
    dependencies=[Depends(limit_batch_creation)],
    responses=RATE_LIMITED,
)
async def create_batch(body: BatchCreate, session: WriteSession, runtime: RuntimeDep) -> BatchRead:
    batch = await _service(runtime).create(session, body)
    return BatchRead.of(batch)


@router.get("/", response_model=BatchPage)
async def list_batches(
    session: ReadSession,
    runtime: RuntimeDep,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
) -> BatchPage:
    batches, total = await _service(runtime).page(session, page, page_size)
    return BatchPage.of(batches, total, page, page_size)


@router.get("/{batch_id}", response_model=BatchRead)
async def get_batch(batch_id: uuid.UUID, session: ReadSession, runtime: RuntimeDep) -> BatchRead:
    return BatchRead.of(await _service(runtime).get(session, batch_id))


@router.delete("/{batch_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_batch(batch_id: uuid.UUID, session: WriteSession, runtime: RuntimeDep) -> Response:
    await _service(runtime).delete(session, batch_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{batch_id}/cancel", response_model=BatchRead)
async def cancel_batch(
    batch_id: uuid.UUID, session: WriteSession, runtime: RuntimeDep
) -> BatchRead:
    return BatchRead.of(await _service(runtime).cancel(session, batch_id))


@router.get("/{batch_id}/sites/{url_id}/pages", response_model=CrawlPageList)
async def list_crawl_pages(
    batch_id: uuid.UUID,
    url_id: uuid.UUID,
    session: ReadSession,
    runtime: RuntimeDep,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    page_size: Annotated[int, Query(ge=1, le=500)] = 100,
    template: Annotated[str | None, Query(max_length=2048)] = None,
    status: Annotated[
        Literal["queued", "running", "done", "failed", "skipped"] | None, Query()
    ] = None,
    failing: Annotated[
        str | None, Query(max_length=200, description="An audit id the page fails")
    ] = None,
) -> CrawlPageList:
    """The pages of one site's crawl (``url_id``: the site's id in the batch's ``urls``)."""
    rows, total = await _service(runtime).crawl_pages(
        session,
        batch_id,
        url_id,
        page=page,
        page_size=page_size,
        template=template,
        status=status,
        failing=failing,
    )
    return CrawlPageList(
        items=[CrawlPageRead.of(row) for row in rows], total=total, page=page, page_size=page_size
    )


@router.get("/{batch_id}/comparison", response_model=ComparisonRead)
async def get_comparison(
    batch_id: uuid.UUID, session: ReadSession, runtime: RuntimeDep
) -> ComparisonRead:
    batch, comparison = await _service(runtime).comparison(session, batch_id)
    return ComparisonRead(
        batch_id=batch.id,
        status=batch.status,
        analysis_version=comparison.analysis_version,
        comparison_version=comparison.comparison_version,
        created_at=comparison.created_at,
        comparison=comparison.result,
    )


@router.get(
    "/{batch_id}/export",
    response_class=Response,
    dependencies=[Depends(limit_reports)],
    responses={
        **RATE_LIMITED,
        200: {
            "description": "The report as a file (see Content-Disposition for its name)",
            "content": {
                **{fmt.media_type: {} for fmt in FORMATS.values()},
                PDF_MEDIA_TYPE: {},
            },
        },
        404: {"description": "No such batch"},
        409: {"description": "The comparison is not ready (or the batch failed)"},
        503: {"description": "PDF asked for, and Chromium is not installed on the server"},
    },
)
async def export_comparison(
    batch_id: uuid.UUID,
    session: ReadSession,
    runtime: RuntimeDep,
    format_: Annotated[
        Literal["html", "md", "csv", "json", "pdf", "pages-csv"],
        Query(
            alias="format",
            description="html (self-contained), md, csv, json, pdf (the HTML report "
            "printed by the server's Chromium), or pages-csv (every crawled page, a row each)",
        ),
    ] = "html",
) -> Response:
    """The comparison as a report file: HTML, Markdown, CSV (one row per metric), JSON or PDF;
    or the crawled sites' pages as CSV (``pages-csv``)."""
    service = _service(runtime)
    batch, comparison, pages = await service.report_parts(
        session, batch_id, pages=shows_pages(format_)
    )
    # Reading screenshots and rendering are blocking work; the ORM objects are fully loaded.
    report = await asyncio.to_thread(report_of, batch, comparison, runtime.screenshots, pages)
    if format_ == "pdf":
        produced = await export_pdf(report, runtime.browser)
    else:
        produced = await asyncio.to_thread(export, report, format_)
    return Response(
        produced.content,
        media_type=produced.media_type,
        headers={"Content-Disposition": f'attachment; filename="{produced.file_name}"'},
    )
