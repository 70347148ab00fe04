"""comparison sets: sets, their runs' changes, alert rules and alerts

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

import aura.db.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCHES = "competitive_analysis_batches"
_SET_FK = "fk_competitive_analysis_batches_set_id_comparison_sets"
#: The tables whose rows reference a batch when this revision changes the batches table.
_BATCH_DEPENDENTS = ("competitive_analysis_urls", "comparison_results")


def upgrade() -> None:
    op.create_table(
        "comparison_sets",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("urls", aura.db.types.JSONDocument, nullable=False),
        sa.Column("primary_url", sa.String(length=2048), nullable=True),
        sa.Column("mode", sa.String(length=16), nullable=True),
        sa.Column("ignore_selectors", aura.db.types.JSONDocument, nullable=False),
        sa.Column("schedule_every_hours", sa.Float(), nullable=True),
        sa.Column("schedule_cron", sa.String(length=200), nullable=True),
        sa.Column("schedule_timezone", sa.String(length=64), nullable=False),
        sa.Column("schedule_enabled", sa.Boolean(), nullable=False),
        sa.Column("next_run_at", aura.db.types.TZDateTime(timezone=True), nullable=True),
        sa.Column("last_run_at", aura.db.types.TZDateTime(timezone=True), nullable=True),
        sa.Column("created_at", aura.db.types.TZDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", aura.db.types.TZDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comparison_sets")),
        sa.UniqueConstraint("name", name=op.f("uq_comparison_sets_name")),
    )
    with op.batch_alter_table("comparison_sets", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_comparison_sets_next_run_at"), ["next_run_at"], unique=False
        )

    op.create_table(
        "alert_rules",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("set_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("points", sa.Float(), nullable=True),
        sa.Column("fields", aura.db.types.JSONDocument, nullable=False),
        sa.Column("webhook_url", sa.String(length=2048), nullable=True),
        sa.Column("secret", sa.String(length=200), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", aura.db.types.TZDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["set_id"],
            ["comparison_sets.id"],
            name=op.f("fk_alert_rules_set_id_comparison_sets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_rules")),
    )
    with op.batch_alter_table("alert_rules", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alert_rules_set_id"), ["set_id"], unique=False)

    with _rows_kept_aside(*_BATCH_DEPENDENTS), op.batch_alter_table(_BATCHES) as batch_op:
        batch_op.add_column(sa.Column("set_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("trigger", sa.String(length=16), nullable=True))
        batch_op.create_foreign_key(
            _SET_FK, "comparison_sets", ["set_id"], ["id"], ondelete="SET NULL"
        )
        batch_op.create_index("ix_batches_set_created", ["set_id", "created_at"], unique=False)
    with op.batch_alter_table("analyses", schema=None) as batch_op:
        batch_op.add_column(sa.Column("options", aura.db.types.JSONDocument, nullable=True))

    op.create_table(
        "set_run_changes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("set_id", sa.Uuid(), nullable=False),
        sa.Column("batch_id", sa.Uuid(), nullable=False),
        sa.Column("previous_batch_id", sa.Uuid(), nullable=False),
        sa.Column("document", aura.db.types.JSONDocument, nullable=False),
        sa.Column("change_count", sa.Integer(), nullable=False),
        sa.Column("created_at", aura.db.types.TZDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            [f"{_BATCHES}.id"],
            name=op.f("fk_set_run_changes_batch_id_competitive_analysis_batches"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["previous_batch_id"],
            [f"{_BATCHES}.id"],
            name="fk_set_run_changes_previous_batch",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["set_id"],
            ["comparison_sets.id"],
            name=op.f("fk_set_run_changes_set_id_comparison_sets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_set_run_changes")),
        sa.UniqueConstraint("batch_id", name=op.f("uq_set_run_changes_batch_id")),
    )
    with op.batch_alter_table("set_run_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_set_run_changes_set_id"), ["set_id"], unique=False)

    op.create_table(
        "alerts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("set_id", sa.Uuid(), nullable=False),
        sa.Column("rule_id", sa.Uuid(), nullable=True),
        sa.Column("batch_id", sa.Uuid(), nullable=False),
        sa.Column("previous_batch_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("site", sa.String(length=2048), nullable=True),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("details", aura.db.types.JSONDocument, nullable=False),
        sa.Column("created_at", aura.db.types.TZDateTime(timezone=True), nullable=False),
        sa.Column("delivery_status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("next_attempt_at", aura.db.types.TZDateTime(timezone=True), nullable=True),
        sa.Column("lease_expires_at", aura.db.types.TZDateTime(timezone=True), nullable=True),
        sa.Column("delivered_at", aura.db.types.TZDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            [f"{_BATCHES}.id"],
            name=op.f("fk_alerts_batch_id_competitive_analysis_batches"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["previous_batch_id"],
            [f"{_BATCHES}.id"],
            name=op.f("fk_alerts_previous_batch_id_competitive_analysis_batches"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["rule_id"],
            ["alert_rules.id"],
            name=op.f("fk_alerts_rule_id_alert_rules"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["set_id"],
            ["comparison_sets.id"],
            name=op.f("fk_alerts_set_id_comparison_sets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
        sa.UniqueConstraint("rule_id", "batch_id", "subject", name="uq_alert_rule_batch_subject"),
    )
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alerts_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index(
            "ix_alerts_delivery", ["delivery_status", "next_attempt_at"], unique=False
        )
        batch_op.create_index("ix_alerts_set_created", ["set_id", "created_at"], unique=False)


@contextmanager
def _rows_kept_aside(*tables: str) -> Iterator[None]:
    """Keep the rows of ``tables`` through a rebuild of the table they reference (SQLite).

    SQLite cannot add or drop a foreign key in place, so batch mode rebuilds the batches
    table: copy, DROP, rename. With foreign keys on (they are, see aura.db.engine), that
    DROP deletes every row first, and the deletion cascades to the rows referencing them: a
    batch's URL rows and its comparison. They are copied aside and put back afterwards,
    inside the migration's transaction.
    """
    if op.get_bind().dialect.name != "sqlite":
        yield
        return
    for table in tables:
        op.execute(f"CREATE TEMP TABLE _kept_{table} AS SELECT * FROM {table}")
    yield
    for table in tables:
        op.execute(f"INSERT INTO {table} SELECT * FROM _kept_{table}")
        op.execute(f"DROP TABLE _kept_{table}")


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35+): rebuilding analyses would cascade to URL rows.
    op.drop_column("analyses", "options")
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_index("ix_alerts_set_created")
        batch_op.drop_index("ix_alerts_delivery")
        batch_op.drop_index(batch_op.f("ix_alerts_batch_id"))
    op.drop_table("alerts")
    with op.batch_alter_table("set_run_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_set_run_changes_set_id"))
    op.drop_table("set_run_changes")
    with _rows_kept_aside(*_BATCH_DEPENDENTS), op.batch_alter_table(_BATCHES) as batch_op:
        batch_op.drop_index("ix_batches_set_created")
        batch_op.drop_constraint(_SET_FK, type_="foreignkey")
        batch_op.drop_column("trigger")
        batch_op.drop_column("set_id")
    with op.batch_alter_table("alert_rules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_rules_set_id"))
    op.drop_table("alert_rules")
    with op.batch_alter_table("comparison_sets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_comparison_sets_next_run_at"))
    op.drop_table("comparison_sets")
