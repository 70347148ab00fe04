"""HTTP endpoints of competitive batches (thin: parse, call the service, serialise)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from aura.competitive.schemas import BatchCreate, BatchPage, BatchRead, ComparisonRead
from aura.competitive.service import CompetitiveService
from aura.deps import ReadSession, RuntimeDep, WriteSession, limit_batch_creation

router = APIRouter(prefix="/api/v1/competitive", tags=["competitive"])


def _service(runtime: RuntimeDep) -> CompetitiveService:
    return CompetitiveService(
        runtime.queue,
        runtime.bus,
        max_urls=runtime.settings.max_batch_urls,
        allow_private=runtime.settings.allow_private_networks,
    )


@router.post(
    "/",
    status_code=status.HTTP_201_CREATED,
    response_model=BatchRead,
    dependencies=[Depends(limit_batch_creation)],
)
async def create_batch(body: BatchCreate, session: WriteSession, runtime: RuntimeDep) -> BatchRead:
    batch = await _service(runtime).create(session, body)
    return BatchRead.of(batch)


@router.get("/", response_model=BatchPage)
async def list_batches(
    session: ReadSession,
    runtime: RuntimeDep,
    page: Annotated[int, Query(ge=1)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
) -> BatchPage:
    batches, total = await _service(runtime).page(session, page, page_size)
    return BatchPage(
        items=[BatchRead.of(batch) for batch in batches],
        total=total,
        page=page,
        page_size=page_size,
    )


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
