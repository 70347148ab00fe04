"""``GET /api/v1/status``: what this server can do, for the web UI's warnings."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from aura import __version__
from aura.api import StrictJsonRoute
from aura.deps import RuntimeDep
from aura.runtime import capability_warnings

router = APIRouter(prefix="/api/v1/status", tags=["status"], route_class=StrictJsonRoute)


class ServerStatus(BaseModel):
    version: str
    default_mode: str = Field(description="The mode of analyses that do not name one")
    warnings: list[str] = Field(
        description="Parts of the analysis switched off on this server, each with its fix"
    )


@router.get("", response_model=ServerStatus)
async def server_status(runtime: RuntimeDep) -> ServerStatus:
    return ServerStatus(
        version=__version__,
        default_mode=runtime.default_mode,
        warnings=capability_warnings(runtime.settings),
    )
