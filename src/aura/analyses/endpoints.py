"""HTTP endpoints of single-URL analyses."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, status
from fastapi.responses import FileResponse

from aura.analyses.schemas import AnalysisCreate, AnalysisRead
from aura.analyses.service import AnalysisService
from aura.api import StrictJsonRoute
from aura.deps import ReadSession, RuntimeDep, WriteSession, limit_batch_creation
from aura.errors import ERROR_RESPONSES, RATE_LIMITED, NotFoundError

router = APIRouter(
    prefix="/api/v1/analyses",
    tags=["analyses"],
    responses=ERROR_RESPONSES,
    route_class=StrictJsonRoute,
)


def _service(runtime: RuntimeDep) -> AnalysisService:
    return AnalysisService(runtime.queue, allow_private=runtime.settings.allow_private_networks)


@router.post(
    "/",
    status_code=status.HTTP_201_CREATED,
    response_model=AnalysisRead,
    dependencies=[Depends(limit_batch_creation)],
    responses=RATE_LIMITED,
)
async def create_analysis(
    body: AnalysisCreate, session: WriteSession, runtime: RuntimeDep
) -> AnalysisRead:
    mode = body.mode or runtime.default_mode
    created = await _service(runtime).create(session, body.url, mode, runs=body.runs or 1)
    return AnalysisRead.of(created)


@router.get("/{analysis_id}", response_model=AnalysisRead)
async def get_analysis(
    analysis_id: uuid.UUID, session: ReadSession, runtime: RuntimeDep
) -> AnalysisRead:
    return AnalysisRead.of(await _service(runtime).get(session, analysis_id))


@router.get(
    "/{analysis_id}/screenshots/{name}",
    response_class=FileResponse,
    responses={200: {"content": {"image/png": {}}, "description": "The PNG screenshot"}},
)
async def get_screenshot(
    analysis_id: uuid.UUID, name: str, session: ReadSession, runtime: RuntimeDep
) -> FileResponse:
    """A screenshot of a browser-mode analysis: ``desktop.png``, ``mobile.png`` or
    ``full-page.png`` (the result's ``browser.screenshots`` lists those it has)."""
    await _service(runtime).get(session, analysis_id)
    path = runtime.screenshots.path(analysis_id, name)
    if path is None:
        raise NotFoundError(f"analysis {analysis_id} has no screenshot {name!r}")
    return FileResponse(
        path,
        media_type="image/png",
        headers={"Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff"},
    )
