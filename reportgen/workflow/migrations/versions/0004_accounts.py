"""Accounts and their roles; an audit line for every action (refused ones too); every factual
accuracy decision kept, not overwritten; one import per returned form; factual accuracy items
numbered once per report; checked input files (inspections, plans) handed to the service.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("name", sa.String, primary_key=True),
        sa.Column("roles", sa.String, nullable=False),  # comma-separated role ids
        sa.Column("password_hash", sa.String),  # none: the account acts from the command line only
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("language", sa.String(2), nullable=False, server_default="en"),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String, nullable=False),
    )
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("account", sa.String, nullable=False),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("report_id", sa.String),
        sa.Column("allowed", sa.Boolean, nullable=False),
        sa.Column("detail", sa.String, nullable=False, server_default=""),
    )
    op.create_index("audit_report", "audit", ["report_id"])
    op.create_table(
        "fa_decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("report_id", sa.String, sa.ForeignKey("reports.id"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("decision", sa.String, nullable=False),
        sa.Column("reason", sa.String, nullable=False),
        sa.Column("by", sa.String, nullable=False),
        sa.Column("as_coo", sa.Boolean, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),  # the report's, when decided
        sa.Column("data_version", sa.Integer),  # the change to the data that answers it
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "fa_imports",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("report_id", sa.String, sa.ForeignKey("reports.id"), nullable=False),
        sa.Column("sha256", sa.String, nullable=False),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("items", sa.Integer, nullable=False),
        sa.Column("by", sa.String, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("report_id", "sha256", name="one_import_per_form"),
    )
    op.create_table(
        "inputs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("code", sa.String, nullable=False),
        sa.Column("title", sa.String, nullable=False),
        sa.Column("sha256", sa.String, nullable=False, unique=True),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("by", sa.String, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    _renumber_duplicate_items()
    with op.batch_alter_table("fa_items") as batch:
        batch.create_unique_constraint("one_number_per_item", ["report_id", "number"])
    with op.batch_alter_table("stats_checks") as batch:
        batch.add_column(sa.Column("by", sa.String))


def _renumber_duplicate_items() -> None:
    """Two imports at once could give two items one number before this revision: number each
    report's items again, in the order they were stored, so the constraint can hold."""
    bind = op.get_bind()
    items = sa.table("fa_items", sa.column("id"), sa.column("report_id"), sa.column("number"))
    rows = bind.execute(sa.select(items.c.id, items.c.report_id, items.c.number)
                        .order_by(items.c.report_id, items.c.id)).all()
    seen: dict[str, int] = {}
    for row in rows:
        seen[row.report_id] = seen.get(row.report_id, 0) + 1
        if row.number != seen[row.report_id]:
            bind.execute(items.update().where(items.c.id == row.id)
                         .values(number=seen[row.report_id]))
