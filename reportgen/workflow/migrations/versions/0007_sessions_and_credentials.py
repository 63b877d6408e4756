"""What keeps the service safe enough to hold unpublished reports: sessions held in the store
(the cookie carries only a random id, whose hash is kept here), so that signing out, a password
or role change and disabling an account end them everywhere; failed sign-ins by account and
client, shared by every process, for the delays that slow an attacker; tokens for acting from
the command line as an account; and the downloads made from each data version (the PDF, the web
edition, the workbook), made once.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id_sha256", sa.String(64), primary_key=True),
        sa.Column("account", sa.String, sa.ForeignKey("accounts.name"), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("seen_at", sa.DateTime, nullable=False),
        sa.Column("client", sa.String, nullable=False),  # the address it signed in from
        sa.Column("agent", sa.String, nullable=False),  # the browser, shortened
        sa.Column("ended_at", sa.DateTime),
        sa.Column("ended_why", sa.String),
    )
    op.create_index("sessions_account", "sessions", ["account"])
    op.create_table(
        "sign_in_failures",
        sa.Column("account", sa.String, primary_key=True),  # as typed, lower case
        sa.Column("client", sa.String, primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "tokens",
        sa.Column("id_sha256", sa.String(64), primary_key=True),
        sa.Column("account", sa.String, sa.ForeignKey("accounts.name"), nullable=False),
        sa.Column("label", sa.String, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
        sa.Column("used_at", sa.DateTime),
        sa.Column("revoked_at", sa.DateTime),
    )
    op.create_index("tokens_account", "tokens", ["account"])
    op.create_table(
        "renditions",
        sa.Column("report_id", sa.String, sa.ForeignKey("reports.id"), primary_key=True),
        sa.Column("data_version", sa.Integer, primary_key=True),
        sa.Column("lang", sa.String(2), primary_key=True),
        sa.Column("format", sa.String(8), primary_key=True),
        sa.Column("source_sha256", sa.String(64), nullable=False),  # the Word edition's
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    for table in ("renditions", "tokens", "sign_in_failures", "sessions"):
        op.drop_table(table)
