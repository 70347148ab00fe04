"""analyses: the stage a running analysis is at (fetching, rendering, auditing)

Revision ID: 0009_s23
Revises: 0008_s23
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_s23"
down_revision: str | None = "0008_s23"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # An added nullable column: SQLite adds it in place (a rebuild of analyses would cascade
    # to the batch URLs that reference it).
    op.add_column("analyses", sa.Column("stage", sa.String(16), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+): the column is in no index or constraint.
    op.drop_column("analyses", "stage")
