"""The published set of each report kept in the store (every file, its checksum, the manifest),
so that the service serves what was published and every page reads publication from one place;
the jobs that do heavy work away from the web requests (publishing, converting, checking), with
their progress and result; on PostgreSQL, the queue those jobs wait in (Procrastinate's schema).

Revision ID: 0005
Revises: 0004
"""

from importlib.resources import files

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    op.create_table(
        "publications",
        sa.Column("report_id", sa.String, sa.ForeignKey("reports.id"), primary_key=True),
        sa.Column("data_version", sa.Integer, nullable=False),
        sa.Column("published_on", sa.Date, nullable=False),
        sa.Column("by", sa.String, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("manifest", sa.Text, nullable=False),  # manifest.json as published
    )
    op.create_table(
        "published_files",
        sa.Column("report_id", sa.String, sa.ForeignKey("publications.report_id"),
                  primary_key=True),
        sa.Column("name", sa.String, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("bytes", sa.Integer, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("report_id", sa.String, sa.ForeignKey("reports.id")),
        sa.Column("by", sa.String, nullable=False),
        sa.Column("args", sa.Text, nullable=False, server_default="{}"),  # JSON
        # queued, running, done, failed
        sa.Column("state", sa.String, nullable=False, server_default="queued"),
        sa.Column("step", sa.String, nullable=False, server_default=""),  # what it is doing
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("worker", sa.String, nullable=False, server_default=""),  # host:pid of the last
        sa.Column("result", sa.Text, nullable=False, server_default=""),  # what it made, said
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("jobs_report", "jobs", ["report_id"])
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":  # the queue; on SQLite jobs run in the service
        schema = files("procrastinate.sql").joinpath("schema.sql").read_text()
        bind.connection.dbapi_connection.execute(schema)  # many statements: no parameters


def downgrade() -> None:
    op.drop_table("jobs")
    op.drop_table("published_files")
    op.drop_table("publications")
