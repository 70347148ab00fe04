"""comparison sets: the user's label per URL, passed to every run's batch

Revision ID: 0008_s23
Revises: 0006_k
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import aura.db.types

revision: str = "0008_s23"
down_revision: str | None = "0007_c3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # An added nullable column: SQLite adds it in place, no rebuild of the table (a rebuild
    # would cascade to the set's alert rules). Existing sets read as having no labels.
    op.add_column("comparison_sets", sa.Column("labels", aura.db.types.JSONDocument, nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+): the column is in no index or constraint.
    op.drop_column("comparison_sets", "labels")
