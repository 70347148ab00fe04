"""HTTP endpoints of comparison sets and their runs (thin: parse, call the service)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status

from aura.api import StrictJsonRoute
from aura.competitive.schemas import BatchRead
from aura.deps import ReadSession, RuntimeDep, WriteSession, limit_batch_creation
from aura.errors import ERROR_RESPONSES, RATE_LIMITED
from aura.sets.schemas import RunList, SetCreate, SetList, SetRead, SetUpdate
from aura.sets.service import DEFAULT_RUN_LIMIT, SetService

router = APIRouter(
    prefix="/api/v1/sets", tags=["sets"], responses=ERROR_RESPONSES, route_class=StrictJsonRoute
)


@router.post(
    "/", status_code=status.HTTP_201_CREATED, response_model=SetRead, responses=RATE_LIMITED
)
async def create_set(
    body: SetCreate, session: WriteSession, runtime: RuntimeDep, request: Request
) -> SetRead:
    """A new set; 409 when the name is taken, 422 naming each bad URL, selector or
    schedule field. A set with a schedule starts runs: it counts as one."""
    if body.schedule is not None:
        limit_batch_creation(request)
    return await SetService(runtime).create(session, body)


@router.get("/", response_model=SetList)
async def list_sets(session: ReadSession, runtime: RuntimeDep) -> SetList:
    return await SetService(runtime).list(session)


@router.get("/{set_id}", response_model=SetRead)
async def get_set(set_id: uuid.UUID, session: ReadSession, runtime: RuntimeDep) -> SetRead:
    return await SetService(runtime).get(session, set_id)


@router.patch("/{set_id}", response_model=SetRead, responses=RATE_LIMITED)
async def update_set(
    set_id: uuid.UUID, body: SetUpdate, session: WriteSession, runtime: RuntimeDep, request: Request
) -> SetRead:
    """Change the fields given; future runs use them. A changed or paused schedule gets a
    new next run (and counts as a start of runs)."""
    if body.schedule is not None:
        limit_batch_creation(request)
    return await SetService(runtime).update(session, set_id, body)


@router.delete("/{set_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_set(set_id: uuid.UUID, session: WriteSession, runtime: RuntimeDep) -> Response:
    """Delete the set, its alert rules, alerts and change records; its runs stay as batches."""
    await SetService(runtime).delete(session, set_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{set_id}/runs",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=BatchRead,
    dependencies=[Depends(limit_batch_creation)],
    responses=RATE_LIMITED,
)
async def run_set(set_id: uuid.UUID, session: WriteSession, runtime: RuntimeDep) -> BatchRead:
    """Run the set now: a new batch of its URLs, analysed in the background."""
    return await SetService(runtime).run(session, set_id, "manual")


@router.get("/{set_id}/runs", response_model=RunList)
async def list_runs(
    set_id: uuid.UUID,
    session: ReadSession,
    runtime: RuntimeDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = DEFAULT_RUN_LIMIT,
) -> RunList:
    """The set's runs, newest first, with each finished run's overall scores."""
    return await SetService(runtime).runs(session, set_id, limit)
