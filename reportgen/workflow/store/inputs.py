"""Inputs (regions, PDUs, inspection plans) and the correspondence issued from them."""

from __future__ import annotations

import hashlib
from typing import Any

import sqlalchemy as sa

from reportgen.workflow.store.base import (
    StoreBase,
    now,
)
from reportgen.workflow.store.records import Input, records


class InputsStore(StoreBase):
    def add_input(self, kind: str, code: str, title: str, content: str, by: str) -> int:
        """Keep a checked input file; the same file again is the one kept already."""
        sha = hashlib.sha256(content.encode()).hexdigest()
        with self._tx() as conn:
            found = conn.execute(sa.select(self._t.inputs.c.id)
                                 .where(self._t.inputs.c.sha256 == sha)).scalar()
            if found is not None:
                return found
            return conn.execute(self._t.inputs.insert().values(
                kind=kind, code=code, title=title, sha256=sha, content=content, by=by,
                at=now())).inserted_primary_key[0]

    def inputs(self, kind: str | None = None) -> list[Input]:
        cols = [c for c in self._t.inputs.c if c.name != "content"]
        query = sa.select(*cols).order_by(self._t.inputs.c.id)
        if kind:
            query = query.where(self._t.inputs.c.kind == kind)
        with self._read() as conn:
            return records(Input, list(conn.execute(query)))

    def input_kind(self, input_id: int) -> str:
        t = self._t.inputs
        return self._one(t.c.kind, t.c.id == input_id, missing=f"no input {input_id} is kept")

    def add_issue(self, input_id: int, by: str, files: dict[str, bytes]) -> int:
        """Keep correspondence as issued: every file as sent, with who and when."""
        with self._tx() as conn:
            issue_id = conn.execute(self._t.issues.insert().values(
                input_id=input_id, by=by, at=now()).returning(self._t.issues.c.id)).scalar_one()
            conn.execute(self._t.issued_files.insert(), [
                {"issue_id": issue_id, "name": name, "content": content,
                 "sha256": hashlib.sha256(content).hexdigest()}
                for name, content in files.items()])
        return issue_id

    def issues(self, input_id: int) -> list[dict[str, Any]]:
        """Each issue of a plan's correspondence, newest first, with its files' names."""
        t, f = self._t.issues, self._t.issued_files
        with self._read() as conn:
            rows = list(conn.execute(sa.select(t).where(t.c.input_id == input_id)
                                     .order_by(t.c.id.desc())))
            names = list(conn.execute(sa.select(f.c.issue_id, f.c.name)
                                      .where(f.c.issue_id.in_([r.id for r in rows]))
                                      .order_by(f.c.name)))
        return [{"id": r.id, "by": r.by, "at": r.at,
                 "files": [n.name for n in names if n.issue_id == r.id]} for r in rows]

    def issued_file(self, issue_id: int, name: str) -> bytes:
        f = self._t.issued_files
        return bytes(self._one(f.c.content, f.c.issue_id == issue_id, f.c.name == name,
                               missing=f"issue {issue_id} holds no file {name}"))

    def input_content(self, input_id: int) -> str:
        t = self._t.inputs
        return self._one(t.c.content, t.c.id == input_id, missing=f"no input {input_id} is kept")
