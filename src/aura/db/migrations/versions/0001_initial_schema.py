"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import aura.db.types

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "analyses",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("final_url", sa.String(length=2048), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("analysis_version", sa.String(length=32), nullable=True),
        sa.Column("result", aura.db.types.JSONDocument, nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claim_token", sa.Uuid(), nullable=True),
        sa.Column("lease_expires_at", aura.db.types.TZDateTime(timezone=True), nullable=True),
        sa.Column("duration_ms", sa.Integer(), nullable=True),
        sa.Column("created_at", aura.db.types.TZDateTime(timezone=True), nullable=False),
        sa.Column("started_at", aura.db.types.TZDateTime(timezone=True), nullable=True),
        sa.Column("finished_at", aura.db.types.TZDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_analyses")),
    )
    with op.batch_alter_table("analyses", schema=None) as batch_op:
        batch_op.create_index(
            "ix_analyses_status_lease", ["status", "lease_expires_at"], unique=False
        )

    op.create_table(
        "competitive_analysis_batches",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("primary_url", sa.String(length=2048), nullable=True),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("total_urls", sa.Integer(), nullable=False),
        sa.Column("completed_urls", sa.Integer(), nullable=False),
        sa.Column("failed_urls", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", aura.db.types.TZDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", aura.db.types.TZDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", aura.db.types.TZDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_competitive_analysis_batches")),
    )
    with op.batch_alter_table("competitive_analysis_batches", schema=None) as batch_op:
        batch_op.create_index("ix_batches_created_at", ["created_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_competitive_analysis_batches_status"), ["status"], unique=False
        )

    op.create_table(
        "comparison_results",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("batch_id", sa.Uuid(), nullable=False),
        sa.Column("analysis_version", sa.String(length=32), nullable=False),
        sa.Column("comparison_version", sa.String(length=32), nullable=False),
        sa.Column("result", aura.db.types.JSONDocument, nullable=False),
        sa.Column("created_at", aura.db.types.TZDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["competitive_analysis_batches.id"],
            name=op.f("fk_comparison_results_batch_id_competitive_analysis_batches"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comparison_results")),
        sa.UniqueConstraint("batch_id", name=op.f("uq_comparison_results_batch_id")),
    )
    op.create_table(
        "competitive_analysis_urls",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("batch_id", sa.Uuid(), nullable=False),
        sa.Column("analysis_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["analysis_id"],
            ["analyses.id"],
            name=op.f("fk_competitive_analysis_urls_analysis_id_analyses"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["competitive_analysis_batches.id"],
            name=op.f("fk_competitive_analysis_urls_batch_id_competitive_analysis_batches"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_competitive_analysis_urls")),
        sa.UniqueConstraint("analysis_id", name=op.f("uq_competitive_analysis_urls_analysis_id")),
        sa.UniqueConstraint("batch_id", "url", name="uq_batch_url"),
    )
    with op.batch_alter_table("competitive_analysis_urls", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_competitive_analysis_urls_batch_id"), ["batch_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("competitive_analysis_urls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_competitive_analysis_urls_batch_id"))

    op.drop_table("competitive_analysis_urls")
    op.drop_table("comparison_results")
    with op.batch_alter_table("competitive_analysis_batches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_competitive_analysis_batches_status"))
        batch_op.drop_index("ix_batches_created_at")

    op.drop_table("competitive_analysis_batches")
    with op.batch_alter_table("analyses", schema=None) as batch_op:
        batch_op.drop_index("ix_analyses_status_lease")

    op.drop_table("analyses")
