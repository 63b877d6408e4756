"""Factual accuracy items, statistics check results, and which English version a Welsh version
was made from.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    with op.batch_alter_table("versions") as batch:
        batch.add_column(sa.Column("source_sha256", sa.String))
    op.create_table(
        "fa_items",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("report_id", sa.String, sa.ForeignKey("reports.id"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("paragraph", sa.Integer, nullable=False),
        sa.Column("current_text", sa.String, nullable=False),
        sa.Column("proposed", sa.String, nullable=False),
        sa.Column("category", sa.String(1), nullable=False),
        sa.Column("evidence", sa.String, nullable=False),
        sa.Column("decision", sa.String),
        sa.Column("reason", sa.String),
        sa.Column("decided_by", sa.String),
        sa.Column("decided_by_coo", sa.Boolean),
        sa.Column("decided_at", sa.DateTime),
    )
    op.create_table(
        "stats_checks",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("report_id", sa.String, sa.ForeignKey("reports.id"), nullable=False),
        sa.Column("sha256", sa.String, nullable=False),
        sa.Column("passed", sa.Boolean, nullable=False),
        sa.Column("result", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
