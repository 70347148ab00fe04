"""batch URLs: a label the user gives a URL, used before the name derived from the page

Revision ID: 0006_k
Revises: 0005_e
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_k"
down_revision: str | None = "0005_e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # An added nullable column: SQLite adds it in place, no rebuild of the table.
    op.add_column("competitive_analysis_urls", sa.Column("label", sa.String(200), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+): the column is in no index or constraint.
    op.drop_column("competitive_analysis_urls", "label")
