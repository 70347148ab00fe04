"""crawls: the crawl of each site of a batch, its pages (the frontier), the batch's count of
crawls still running, and a set's crawl options

Revision ID: 0007_c3
Revises: 0006_k
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from aura.db.types import UUID, JSONDocument, StorableText, TZDateTime

revision: str = "0007_c3"
down_revision: str | None = "0006_k"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "crawls",
        sa.Column("id", UUID, nullable=False),
        sa.Column("batch_id", UUID, nullable=False),
        sa.Column("analysis_id", UUID, nullable=False),
        sa.Column("start_url", sa.String(length=2048), nullable=False),
        sa.Column("options", JSONDocument(), nullable=False),
        sa.Column("rules", JSONDocument(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("discovered", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("bytes", sa.BigInteger(), nullable=False),
        sa.Column("report", JSONDocument(), nullable=True),
        sa.Column("error", StorableText(), nullable=True),
        sa.Column("next_fetch_at", TZDateTime(), nullable=True),
        sa.Column("created_at", TZDateTime(), nullable=False),
        sa.Column("updated_at", TZDateTime(), nullable=False),
        sa.Column("started_at", TZDateTime(), nullable=True),
        sa.Column("finished_at", TZDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["analysis_id"], ["analyses.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["competitive_analysis_batches.id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("analysis_id"),
    )
    op.create_index("ix_crawls_batch_id", "crawls", ["batch_id"])
    op.create_table(
        "crawl_pages",
        sa.Column("id", UUID, nullable=False),
        sa.Column("crawl_id", UUID, nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("depth", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("found_on", sa.String(length=2048), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claim_token", UUID, nullable=True),
        sa.Column("lease_expires_at", TZDateTime(), nullable=True),
        sa.Column("record", JSONDocument(), nullable=True),
        sa.Column("template", sa.String(length=2048), nullable=True),
        sa.Column("rendered", sa.Boolean(), nullable=False),
        sa.Column("error", StorableText(), nullable=True),
        sa.Column("created_at", TZDateTime(), nullable=False),
        sa.Column("started_at", TZDateTime(), nullable=True),
        sa.Column("finished_at", TZDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["crawl_id"], ["crawls.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("crawl_id", "url", name="uq_crawl_page_url"),
    )
    op.create_index("ix_crawl_pages_crawl_status", "crawl_pages", ["crawl_id", "status"])
    # Added columns: SQLite adds them in place, no rebuild of the referenced tables.
    op.add_column(
        "competitive_analysis_batches",
        sa.Column("crawls_pending", sa.Integer(), nullable=False, server_default=sa.text("0")),
    )
    op.add_column("comparison_sets", sa.Column("crawl", JSONDocument(), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+): a rebuild of either table would cascade to the rows
    # that reference it.
    op.drop_column("comparison_sets", "crawl")
    op.drop_column("competitive_analysis_batches", "crawls_pending")
    op.drop_index("ix_crawl_pages_crawl_status", table_name="crawl_pages")
    op.drop_table("crawl_pages")
    op.drop_index("ix_crawls_batch_id", table_name="crawls")
    op.drop_table("crawls")
