from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from aura.db.base import Base
from aura.db.types import UUID, JSONDocument, StorableText, TZDateTime, new_id, utcnow


class AlertRule(Base):
    """What to be told about in a set's runs, and where to send it: a signed webhook, a
    Slack-compatible incoming webhook (both at ``webhook_url``) or e-mail (``email_to``,
    comma-separated); ``digest`` sends one message per run for all the rule's alerts."""

    __tablename__ = "alert_rules"

    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=new_id)
    set_id: Mapped[uuid.UUID] = mapped_column(
        UUID, sa.ForeignKey("comparison_sets.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(sa.String(40))
    category: Mapped[str] = mapped_column(sa.String(40), default="overall")
    points: Mapped[float | None] = mapped_column(sa.Float)
    fields: Mapped[list[str]] = mapped_column(JSONDocument, default=list)
    webhook_url: Mapped[str | None] = mapped_column(sa.String(2048))
    secret: Mapped[str | None] = mapped_column(sa.String(200))
    channel: Mapped[str] = mapped_column(sa.String(16), default="webhook", server_default="webhook")
    email_to: Mapped[str | None] = mapped_column(sa.String(1000))
    digest: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    enabled: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(TZDateTime, default=utcnow)

    @property
    def delivers(self) -> bool:
        """Whether its alerts are sent somewhere (else they are listed only)."""
        return bool(self.email_to) if self.channel == "email" else bool(self.webhook_url)


class Alert(Base):
    """One alert raised by a rule for one run, and the state of its webhook delivery.

    ``subject`` names what the alert is about, so evaluating the same run again inserts
    nothing new (unique per rule and run).
    """

    __tablename__ = "alerts"
    __table_args__ = (
        sa.UniqueConstraint("rule_id", "batch_id", "subject", name="uq_alert_rule_batch_subject"),
        sa.Index("ix_alerts_set_created", "set_id", "created_at"),
        sa.Index("ix_alerts_delivery", "delivery_status", "next_attempt_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, default=new_id)
    set_id: Mapped[uuid.UUID] = mapped_column(
        UUID, sa.ForeignKey("comparison_sets.id", ondelete="CASCADE")
    )
    rule_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID, sa.ForeignKey("alert_rules.id", ondelete="SET NULL")
    )
    batch_id: Mapped[uuid.UUID] = mapped_column(
        UUID, sa.ForeignKey("competitive_analysis_batches.id", ondelete="CASCADE"), index=True
    )
    previous_batch_id: Mapped[uuid.UUID] = mapped_column(
        UUID, sa.ForeignKey("competitive_analysis_batches.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(sa.String(40))
    site: Mapped[str | None] = mapped_column(sa.String(2048))
    subject: Mapped[str] = mapped_column(sa.String(300))
    message: Mapped[str] = mapped_column(StorableText)
    details: Mapped[dict[str, Any]] = mapped_column(JSONDocument, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(TZDateTime, default=utcnow)
    #: ``none`` without a webhook, else pending → sending → delivered | failed.
    delivery_status: Mapped[str] = mapped_column(sa.String(16), default="none")
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(StorableText)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(TZDateTime)
    lease_expires_at: Mapped[dt.datetime | None] = mapped_column(TZDateTime)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(TZDateTime)
