"""HTTP endpoints of a set's history: changes, trends, visual overlays, alert rules, alerts."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.responses import FileResponse

from aura.api import StrictJsonRoute
from aura.deps import ReadSession, RuntimeDep, WriteSession, limit_reports
from aura.errors import ERROR_RESPONSES, RATE_LIMITED, NotFoundError
from aura.history.document import RunChanges, Trends
from aura.sets.monitoring import MonitoringService
from aura.sets.schemas import AlertList, AlertRuleCreate, AlertRuleList, AlertRuleRead

router = APIRouter(
    prefix="/api/v1/sets", tags=["sets"], responses=ERROR_RESPONSES, route_class=StrictJsonRoute
)


def _service(runtime: RuntimeDep) -> MonitoringService:
    return MonitoringService(runtime)


@router.get("/{set_id}/changes", response_model=RunChanges, responses=RATE_LIMITED)
async def get_changes(
    set_id: uuid.UUID,
    session: ReadSession,
    runtime: RuntimeDep,
    request: Request,
    from_run: Annotated[
        uuid.UUID | None, Query(description="The earlier run (default: the run before to_run)")
    ] = None,
    to_run: Annotated[
        uuid.UUID | None, Query(description="The later run (default: the latest finished run)")
    ] = None,
) -> RunChanges:
    """What changed between two finished runs of the set, site by site. A pair other
    than the stored latest one is compared on request, and counts as a report."""
    if from_run is not None or to_run is not None:
        limit_reports(request)
    return await _service(runtime).changes(session, set_id, from_run, to_run)


@router.get("/{set_id}/trends", response_model=Trends)
async def get_trends(set_id: uuid.UUID, session: ReadSession, runtime: RuntimeDep) -> Trends:
    """Scores and ranks of every site over the set's finished runs, oldest first."""
    return await _service(runtime).trends(session, set_id)


@router.get(
    "/{set_id}/runs/{batch_id}/visual/{name}",
    response_class=FileResponse,
    responses={200: {"content": {"image/png": {}}, "description": "The overlay image"}},
)
async def get_visual(
    set_id: uuid.UUID, batch_id: uuid.UUID, name: str, session: ReadSession, runtime: RuntimeDep
) -> FileResponse:
    """An overlay image: the run's desktop screenshot with the areas that changed since the
    earlier run marked. ``name`` is a change document's ``sites[].visual.overlay``."""
    path = await _service(runtime).visual_path(session, set_id, batch_id, name)
    if path is None:
        raise NotFoundError(f"run {batch_id} has no overlay {name!r}")
    return FileResponse(
        path,
        media_type="image/png",
        headers={"Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff"},
    )


@router.get("/{set_id}/alert-rules", response_model=AlertRuleList)
async def list_alert_rules(
    set_id: uuid.UUID, session: ReadSession, runtime: RuntimeDep
) -> AlertRuleList:
    return await _service(runtime).rules(session, set_id)


@router.post(
    "/{set_id}/alert-rules", status_code=status.HTTP_201_CREATED, response_model=AlertRuleRead
)
async def create_alert_rule(
    set_id: uuid.UUID, body: AlertRuleCreate, session: WriteSession, runtime: RuntimeDep
) -> AlertRuleRead:
    return await _service(runtime).add_rule(session, set_id, body)


@router.delete("/{set_id}/alert-rules/{rule_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_alert_rule(
    set_id: uuid.UUID, rule_id: uuid.UUID, session: WriteSession, runtime: RuntimeDep
) -> Response:
    await _service(runtime).delete_rule(session, set_id, rule_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{set_id}/alerts", response_model=AlertList)
async def list_alerts(set_id: uuid.UUID, session: ReadSession, runtime: RuntimeDep) -> AlertList:
    """The set's alerts, newest first, with the state of their webhook delivery."""
    return await _service(runtime).alerts(session, set_id)
