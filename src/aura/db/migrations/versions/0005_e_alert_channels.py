"""alert rules: a channel (webhook, Slack, e-mail), e-mail recipients, a digest option

Revision ID: 0005_e
Revises: 0004
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_e"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Added columns only: SQLite adds them in place (no rebuild of a referenced table).
    with op.batch_alter_table("alert_rules", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("channel", sa.String(length=16), nullable=False, server_default="webhook")
        )
        batch_op.add_column(sa.Column("email_to", sa.String(length=1000), nullable=True))
        batch_op.add_column(
            sa.Column("digest", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+): a batch rebuild of alert_rules would cascade to alerts.
    op.drop_column("alert_rules", "digest")
    op.drop_column("alert_rules", "email_to")
    op.drop_column("alert_rules", "channel")
