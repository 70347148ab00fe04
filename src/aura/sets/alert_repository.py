"""Queries on what change tracking stores: change records, alert rules and alerts.

Flush only; never commit. Inserts that a repeated job may make twice (a change record per
run, an alert per rule, run and subject) are ``INSERT … ON CONFLICT DO NOTHING``, so a
repeat is a no-op on both dialects instead of an error that would roll the job back.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from aura.models import (
    Alert,
    AlertRule,
    BatchStatus,
    ComparisonSet,
    CompetitiveAnalysisBatch,
    SetRunChanges,
)

#: Runs whose changes can be computed: finished with a comparison.
TRACKED_STATUSES = (BatchStatus.COMPLETED, BatchStatus.PARTIAL)

PENDING = "pending"
SENDING = "sending"
DELIVERED = "delivered"
FAILED = "failed"
NO_DELIVERY = "none"


def _insert(session: AsyncSession, table: Any) -> Any:
    """``INSERT`` in the session's dialect, so that ``on_conflict_do_nothing`` is there."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql  # loaded for PostgreSQL only

        return postgresql.insert(table)
    return sqlite.insert(table)


class ChangeRepository:
    """Change records and the finished runs of a set they are computed from."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, batch_id: uuid.UUID) -> SetRunChanges | None:
        return (
            await self.session.scalars(
                sa.select(SetRunChanges).where(SetRunChanges.batch_id == batch_id)
            )
        ).one_or_none()

    async def exists(self, batch_id: uuid.UUID) -> bool:
        found = await self.session.scalar(
            sa.select(SetRunChanges.id).where(SetRunChanges.batch_id == batch_id)
        )
        return found is not None

    async def add(self, values: dict[str, Any]) -> bool:
        """Store a change record; False when the run already has one."""
        inserted = await self.session.scalar(
            _insert(self.session, SetRunChanges)
            .values(**values)
            .on_conflict_do_nothing()
            .returning(SetRunChanges.id)
        )
        return inserted is not None

    async def finished_runs(self, set_id: uuid.UUID) -> list[CompetitiveAnalysisBatch]:
        """The set's finished runs (without their URLs), oldest first."""
        batch = CompetitiveAnalysisBatch
        rows = await self.session.scalars(
            sa.select(batch)
            .where(batch.set_id == set_id, batch.status.in_(TRACKED_STATUSES))
            .order_by(batch.created_at, batch.id)
        )
        return list(rows)

    async def previous_run(self, batch: CompetitiveAnalysisBatch) -> uuid.UUID | None:
        """The finished run of the same set created last before ``batch``."""
        other = CompetitiveAnalysisBatch
        return await self.session.scalar(
            sa.select(other.id)
            .where(
                other.set_id == batch.set_id,
                other.status.in_(TRACKED_STATUSES),
                sa.or_(
                    other.created_at < batch.created_at,
                    sa.and_(other.created_at == batch.created_at, other.id < batch.id),
                ),
            )
            .order_by(other.created_at.desc(), other.id.desc())
            .limit(1)
        )

    async def untracked(self, limit: int) -> list[uuid.UUID]:
        """Finished set runs that have an earlier finished run but no change record yet."""
        run = CompetitiveAnalysisBatch
        earlier = aliased(CompetitiveAnalysisBatch)
        has_earlier = (
            sa.select(earlier.id)
            .where(
                earlier.set_id == run.set_id,
                earlier.status.in_(TRACKED_STATUSES),
                earlier.created_at < run.created_at,
            )
            .exists()
        )
        recorded = sa.select(SetRunChanges.id).where(SetRunChanges.batch_id == run.id).exists()
        rows = await self.session.scalars(
            sa.select(run.id)
            .where(
                run.set_id.is_not(None),
                run.status.in_(TRACKED_STATUSES),
                has_earlier,
                ~recorded,
            )
            .order_by(run.created_at)
            .limit(limit)
        )
        return list(rows)


class AlertRepository:
    """Alert rules, alerts, and the claim/outcome steps of their delivery."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # Rules

    async def rules(self, set_id: uuid.UUID, *, enabled_only: bool = False) -> list[AlertRule]:
        query = sa.select(AlertRule).where(AlertRule.set_id == set_id)
        if enabled_only:
            query = query.where(AlertRule.enabled.is_(True))
        rows = await self.session.scalars(query.order_by(AlertRule.created_at, AlertRule.id))
        return list(rows)

    async def add_rule(self, rule: AlertRule) -> None:
        self.session.add(rule)
        await self.session.flush()

    async def delete_rule(self, set_id: uuid.UUID, rule_id: uuid.UUID) -> bool:
        deleted = await self.session.scalar(
            sa.delete(AlertRule)
            .where(AlertRule.id == rule_id, AlertRule.set_id == set_id)
            .returning(AlertRule.id)
        )
        return deleted is not None

    # Alerts

    async def alerts(self, set_id: uuid.UUID, limit: int) -> list[Alert]:
        rows = await self.session.scalars(
            sa.select(Alert)
            .where(Alert.set_id == set_id)
            .order_by(Alert.created_at.desc(), Alert.subject)
            .limit(limit)
        )
        return list(rows)

    async def add_alert(self, values: dict[str, Any]) -> bool:
        """Store an alert; False when its rule already raised it for this run and subject."""
        inserted = await self.session.scalar(
            _insert(self.session, Alert)
            .values(**values)
            .on_conflict_do_nothing()
            .returning(Alert.id)
        )
        return inserted is not None

    # Delivery: claim, then exactly one outcome under that claim

    async def claim(
        self, alert_id: uuid.UUID, now: dt.datetime, lease_until: dt.datetime, max_attempts: int
    ) -> int | None:
        """Take the next attempt of a due alert; its attempt number, or None if not ours."""
        due = _due(now)
        attempt = await self.session.scalar(
            sa.update(Alert)
            .where(Alert.id == alert_id, Alert.attempts < max_attempts, due)
            .values(
                delivery_status=SENDING,
                attempts=Alert.attempts + 1,
                lease_expires_at=lease_until,
                next_attempt_at=None,
            )
            .returning(Alert.attempts)
        )
        return None if attempt is None else int(attempt)

    async def give_up_abandoned(
        self, alert_id: uuid.UUID, now: dt.datetime, max_attempts: int
    ) -> None:
        await self.session.execute(
            sa.update(Alert)
            .where(
                Alert.id == alert_id,
                Alert.delivery_status == SENDING,
                Alert.lease_expires_at < now,
                Alert.attempts >= max_attempts,
            )
            .values(
                delivery_status=FAILED,
                lease_expires_at=None,
                last_error=sa.func.coalesce(
                    Alert.last_error, "the last attempt was interrupted before it finished"
                ),
            )
        )

    async def for_delivery(self, alert_id: uuid.UUID) -> tuple[Alert, AlertRule | None, str] | None:
        """The alert, its rule (None once deleted) and its set's name."""
        row = (
            await self.session.execute(
                sa.select(Alert, AlertRule, ComparisonSet.name)
                .join(ComparisonSet, ComparisonSet.id == Alert.set_id)
                .outerjoin(AlertRule, AlertRule.id == Alert.rule_id)
                .where(Alert.id == alert_id)
            )
        ).one_or_none()
        return None if row is None else (row[0], row[1], row[2])

    def _held(self, alert_id: uuid.UUID, attempt: int) -> sa.Update:
        return sa.update(Alert).where(
            Alert.id == alert_id, Alert.delivery_status == SENDING, Alert.attempts == attempt
        )

    async def delivered(self, alert_id: uuid.UUID, attempt: int, at: dt.datetime) -> None:
        await self.session.execute(
            self._held(alert_id, attempt).values(
                delivery_status=DELIVERED, delivered_at=at, lease_expires_at=None, last_error=None
            )
        )

    async def fail(self, alert_id: uuid.UUID, attempt: int, error: str) -> None:
        await self.session.execute(
            self._held(alert_id, attempt).values(
                delivery_status=FAILED, last_error=error, lease_expires_at=None
            )
        )

    async def retry_later(
        self, alert_id: uuid.UUID, attempt: int, error: str, due: dt.datetime
    ) -> bool:
        released = await self.session.scalar(
            self._held(alert_id, attempt)
            .values(
                delivery_status=PENDING,
                last_error=error,
                next_attempt_at=due,
                lease_expires_at=None,
            )
            .returning(Alert.id)
        )
        return released is not None

    async def stranded(self, now: dt.datetime, limit: int) -> list[tuple[uuid.UUID, int]]:
        """Alerts to hand to a worker: pending and due, or sending on an expired lease;
        each with the number of its next attempt."""
        rows = await self.session.execute(
            sa.select(Alert.id, Alert.attempts)
            .where(_due(now))
            .order_by(Alert.created_at)
            .limit(limit)
        )
        return [(alert_id, attempts + 1) for alert_id, attempts in rows]


def _due(now: dt.datetime) -> sa.ColumnElement[bool]:
    """An alert a worker may take now: pending and due, or sending on an expired lease (the
    claim and the recovery sweep must agree on it)."""
    return sa.or_(
        sa.and_(
            Alert.delivery_status == PENDING,
            sa.or_(Alert.next_attempt_at.is_(None), Alert.next_attempt_at <= now),
        ),
        sa.and_(Alert.delivery_status == SENDING, Alert.lease_expires_at < now),
    )
