"""comparison set runs: renders of each page per run (browser mode)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("comparison_sets", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("runs", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35+): a batch-mode rebuild of comparison_sets would drop
    # the old table first, and with foreign keys on that cascades to its rules and alerts.
    op.drop_column("comparison_sets", "runs")
