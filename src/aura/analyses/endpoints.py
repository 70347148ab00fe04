"""HTTP endpoints of single-URL analyses."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from aura.analyses.schemas import AnalysisCreate, AnalysisRead
from aura.analyses.service import AnalysisService
from aura.deps import ReadSession, RuntimeDep, WriteSession

router = APIRouter(prefix="/api/v1/analyses", tags=["analyses"])


def _service(runtime: RuntimeDep) -> AnalysisService:
    return AnalysisService(runtime.queue, allow_private=runtime.settings.allow_private_networks)


@router.post("/", status_code=status.HTTP_201_CREATED, response_model=AnalysisRead)
async def create_analysis(
    body: AnalysisCreate, session: WriteSession, runtime: RuntimeDep
) -> AnalysisRead:
    return AnalysisRead.of(await _service(runtime).create(session, body.url))


@router.get("/{analysis_id}", response_model=AnalysisRead)
async def get_analysis(
    analysis_id: uuid.UUID, session: ReadSession, runtime: RuntimeDep
) -> AnalysisRead:
    return AnalysisRead.of(await _service(runtime).get(session, analysis_id))
