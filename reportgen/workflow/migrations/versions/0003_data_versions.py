"""The store keeps the inspection data itself, as numbered versions per report, and every
document, statistics check and factual accuracy decision names the data version it belongs to.

A store made by an older reportgen held only the path of each report's input file: that file
(and, for a region, the PDU files it names) is read once here into data version 1, if it is
still there.

Revision ID: 0003
Revises: 0002
"""

import hashlib
import json
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "data_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("report_id", sa.String, sa.ForeignKey("reports.id"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("stage", sa.String, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("by", sa.String, nullable=False),
        sa.Column("note", sa.String, nullable=False, server_default=""),
        sa.Column("sha256", sa.String, nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.UniqueConstraint("report_id", "number", name="uq_data_versions_report_number"),
    )
    with op.batch_alter_table("reports") as batch:
        batch.alter_column("inspection", existing_type=sa.String, nullable=True)
    with op.batch_alter_table("versions") as batch:
        batch.add_column(sa.Column("data_version", sa.Integer))
    with op.batch_alter_table("stats_checks") as batch:
        batch.add_column(sa.Column("data_version", sa.Integer))
        batch.add_column(sa.Column("lang", sa.String))
    with op.batch_alter_table("fa_items") as batch:
        batch.add_column(sa.Column("data_version", sa.Integer))  # the change that answers it
        batch.add_column(sa.Column("segment", sa.String))  # the address the paragraph holds
        batch.add_column(sa.Column("cites", sa.String))  # a table or figure ("Table 3, row 2")
        batch.add_column(sa.Column("lang", sa.String))  # the language of the form it came on
    _keep_old_inputs()


def _keep_old_inputs() -> None:
    conn = op.get_bind()
    reports = conn.execute(sa.text("SELECT id, inspection, created_at FROM reports")).all()
    for report_id, inspection, created in reports:
        content = _read(Path(inspection)) if inspection else None
        if content is None:
            continue
        conn.execute(sa.text(
            "INSERT INTO data_versions (report_id, number, stage, at, by, note, sha256, content) "
            "VALUES (:r, 1, 'draft', :at, 'reportgen', :note, :sha, :content)"),
            {"r": report_id, "at": created, "note": f"read from {inspection} when the store "
             "was upgraded", "sha": hashlib.sha256(content.encode()).hexdigest(),
             "content": content})


def _read(path: Path) -> str | None:
    """The stored form of an input file and the files it names, or None if it is gone."""
    try:
        main = json.loads(path.read_text(encoding="utf-8"))
        files = {path.name: main}
        for entry in main.get("pdus", []) if main.get("kind") == "regional-inspection" else []:
            if isinstance(entry, dict) and entry.get("file"):
                files[entry["file"]] = json.loads((path.parent / entry["file"]).read_text(
                    encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return json.dumps({"main": path.name, "files": files}, indent=1, ensure_ascii=False) + "\n"
