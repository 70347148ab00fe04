"""FastAPI dependencies shared by the endpoint modules."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from aura.runtime import Runtime
from aura.security import RateLimiter, client_key


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def limit_batch_creation(request: Request) -> None:
    """Counts one start of analyses (a batch, an analysis, a set's run or schedule)
    against the caller's per-minute allowance (429 beyond it)."""
    limiter: RateLimiter = request.app.state.batch_rate_limiter
    limiter.check(client_key(request))


def limit_reports(request: Request) -> None:
    """Counts one report computed while the caller waits (429 beyond the allowance)."""
    limiter: RateLimiter = request.app.state.report_rate_limiter
    limiter.check(client_key(request))


async def _write_session(runtime: RuntimeDep) -> AsyncIterator[AsyncSession]:
    async with runtime.db.write() as session:
        yield session


async def _read_session(runtime: RuntimeDep) -> AsyncIterator[AsyncSession]:
    async with runtime.db.read() as session:
        yield session


# scope="function": the session commits (and after-commit jobs are enqueued) before the
# response is sent, so a client never sees an id that a following request cannot find.
WriteSession = Annotated[AsyncSession, Depends(_write_session, scope="function")]
ReadSession = Annotated[AsyncSession, Depends(_read_session, scope="function")]
