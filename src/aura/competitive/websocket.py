"""``WS /api/v1/competitive/{id}/ws``: a snapshot of the batch, then its events live.

Protocol (server → client, JSON):
    {"type": "snapshot", "version": v, "batch": {…the batch as GET returns it…}}
    {"type": "url.started" | "url.finished" | "batch.status" | "batch.finished",
     "batch_id": …, "version": v+1, …}
The server forwards events in version order. When it sees a gap (an event lost or out of
order between processes), a ``resync`` from the bus, or a newer version in the database
than it has sent (checked every few seconds, so a lost last event cannot strand a client),
it sends a fresh snapshot instead. A client may send ``{"type": "resync"}`` to ask for
one. When the batch is finished the server closes with 1000; an unknown or malformed id
closes with 4404.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import uuid
from typing import Any

import sqlalchemy as sa
from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from aura.api import StrictJsonRoute
from aura.competitive.events import BATCH_FINISHED, CRAWL_PROGRESS
from aura.competitive.repository import BatchRepository
from aura.competitive.schemas import BatchRead
from aura.models import BatchStatus, CompetitiveAnalysisBatch
from aura.runtime import Runtime

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/api/v1/competitive", tags=["competitive"], route_class=StrictJsonRoute)

NOT_FOUND = 4404
#: How often a quiet socket compares its version with the database.
VERSION_CHECK_SECONDS = 3.0


class _Watch:
    def __init__(self, websocket: WebSocket, runtime: Runtime, batch_id: uuid.UUID) -> None:
        self.websocket = websocket
        self.runtime = runtime
        self.batch_id = batch_id
        self.version = 0
        self.finished = False
        self.closed = False

    async def send_snapshot(self) -> bool:
        async with self.runtime.db.read() as session:
            batch = await BatchRepository(session).get(self.batch_id)
            body = None if batch is None else BatchRead.of(batch).model_dump(mode="json")
        if body is None:
            await self.websocket.close(code=NOT_FOUND, reason="batch not found (deleted)")
            self.finished = self.closed = True
            return False
        self.version = body["version"]
        await self.websocket.send_json({"type": "snapshot", "version": self.version, "batch": body})
        self.finished = BatchStatus(body["status"]).finished
        return True

    async def on_event(self, event: dict[str, Any]) -> None:
        if event.get("type") == CRAWL_PROGRESS:
            # Counters without a version: passed on as they come (see crawl_tasks).
            await self.websocket.send_json(event)
            return
        version = event.get("version")
        if event.get("type") == "resync" or not isinstance(version, int):
            await self.send_snapshot()
            return
        if version <= self.version:
            return  # already part of what the client has
        if version != self.version + 1:
            await self.send_snapshot()
            return
        self.version = version
        await self.websocket.send_json(event)
        status = event.get("status")
        if event.get("type") == BATCH_FINISHED or status == BatchStatus.CANCELLED:
            self.finished = True

    async def check_database(self) -> None:
        async with self.runtime.db.read() as session:
            version = await session.scalar(
                sa.select(CompetitiveAnalysisBatch.version).where(
                    CompetitiveAnalysisBatch.id == self.batch_id
                )
            )
        if version is None or version > self.version:
            await self.send_snapshot()


@router.websocket("/{batch_id}/ws")
async def watch_batch(websocket: WebSocket, batch_id: str) -> None:
    runtime: Runtime = websocket.app.state.runtime
    await websocket.accept()
    try:
        parsed = uuid.UUID(batch_id)
    except ValueError:
        await websocket.close(code=NOT_FOUND, reason=f"no batch with id {batch_id[:64]!r}")
        return
    watch = _Watch(websocket, runtime, parsed)
    try:
        # Subscribe before reading the snapshot, so nothing falls between the two.
        async with runtime.bus.subscribe(parsed) as events:
            if not await watch.send_snapshot():
                return
            await _relay(watch, events)
        if watch.finished and not watch.closed:
            await websocket.close(code=1000, reason="batch finished")
    except WebSocketDisconnect:
        return


async def _relay(watch: _Watch, events: Any) -> None:
    next_event: asyncio.Task[dict[str, Any]] | None = None
    next_message: asyncio.Task[Any] | None = None
    try:
        while not watch.finished:
            if next_event is None:
                next_event = asyncio.create_task(events.get())
            if next_message is None:
                next_message = asyncio.create_task(watch.websocket.receive_text())
            done, _ = await asyncio.wait(
                {next_event, next_message},
                timeout=VERSION_CHECK_SECONDS,
                return_when=asyncio.FIRST_COMPLETED,
            )
            if not done:
                await watch.check_database()
                continue
            if next_message in done:
                text, next_message = next_message.result(), None
                if _is_resync_request(text):
                    await watch.send_snapshot()
            if next_event in done:
                event, next_event = next_event.result(), None
                await watch.on_event(event)
    finally:
        for task in (next_event, next_message):
            if task is not None:
                task.cancel()
                with contextlib.suppress(BaseException):
                    await task


def _is_resync_request(text: str) -> bool:
    try:
        message = json.loads(text)
    except ValueError:
        return False
    return isinstance(message, dict) and message.get("type") == "resync"
