"""Accounts, their sessions, access tokens and failed sign-ins."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from reportgen.workflow.store.base import (
    StoreBase,
    TrackError,
    now,
)
from reportgen.workflow.store.records import (
    Account,
    Session,
    SignInFailures,
    Token,
    optional,
    records,
)


class AccountsStore(StoreBase):
    def add_account(self, name: str, roles: str, password_hash: str | None, language: str,
                    by: str) -> None:
        try:
            with self._tx() as conn:
                conn.execute(self._t.accounts.insert().values(
                    name=name, roles=roles, password_hash=password_hash, active=True,
                    language=language, created_at=now(), created_by=by))
        except IntegrityError:
            raise TrackError(f"an account named {name} exists already") from None

    def account(self, name: str) -> Account | None:
        with self._read() as conn:
            return optional(Account, conn.execute(
                sa.select(self._t.accounts).where(self._t.accounts.c.name == name)).first())

    def accounts(self) -> list[Account]:
        with self._read() as conn:
            return records(Account, list(conn.execute(sa.select(self._t.accounts)
                                     .order_by(self._t.accounts.c.name))))

    def update_account(self, name: str, **values: Any) -> None:
        with self._tx() as conn:
            conn.execute(self._t.accounts.update().where(self._t.accounts.c.name == name)
                         .values(**values))

    def add_session(self, id_sha256: str, account: str, client: str, agent: str) -> None:
        at = now()
        with self._tx() as conn:
            conn.execute(self._t.sessions.insert().values(
                id_sha256=id_sha256, account=account, created_at=at, seen_at=at,
                client=client[:100], agent=agent[:200]))

    def session(self, id_sha256: str) -> Session | None:
        with self._read() as conn:
            return optional(Session, conn.execute(sa.select(self._t.sessions)
                                .where(self._t.sessions.c.id_sha256 == id_sha256)).first())

    def sessions(self, account: str) -> list[Session]:
        """The account's sessions still open, the latest first."""
        t = self._t.sessions
        with self._read() as conn:
            return records(Session, list(conn.execute(sa.select(t).where(t.c.account == account,
                                                        t.c.ended_at.is_(None))
                                     .order_by(t.c.seen_at.desc()))))

    def session_seen(self, id_sha256: str, at: dt.datetime) -> None:
        t = self._t.sessions
        with self._tx() as conn:
            conn.execute(t.update().where(t.c.id_sha256 == id_sha256).values(seen_at=at))

    def end_sessions(self, why: str, account: str | None = None,
                     id_sha256: str | None = None, keep: str | None = None) -> int:
        """End one session, or every open session of an account but `keep`; how many were
        ended."""
        t = self._t.sessions
        query = t.update().where(t.c.ended_at.is_(None))
        query = query.where(t.c.account == account, t.c.id_sha256 != (keep or "")) \
            if account is not None else query.where(t.c.id_sha256 == id_sha256)
        with self._tx() as conn:
            return conn.execute(query.values(ended_at=now(), ended_why=why[:200])).rowcount

    def sign_in_failures(self, account: str, client: str) -> SignInFailures | None:
        t = self._t.sign_in_failures
        with self._read() as conn:
            return optional(SignInFailures, conn.execute(sa.select(t).where(t.c.account == account,
                                                   t.c.client == client)).first())

    def sign_in_failed(self, account: str, client: str) -> None:
        """One more failure for this account from this client (one row: concurrent failures
        each count, whichever process saw them)."""
        t = self._t.sign_in_failures
        with self._tx() as conn:
            counted = conn.execute(t.update().where(t.c.account == account, t.c.client == client)
                                   .values(failures=t.c.failures + 1, last_at=now())).rowcount
            if not counted:
                try:
                    with conn.begin_nested():
                        conn.execute(t.insert().values(account=account, client=client,
                                                       failures=1, last_at=now()))
                except IntegrityError:  # another process counted the first at the same time
                    conn.execute(t.update().where(t.c.account == account,
                                                  t.c.client == client)
                                 .values(failures=t.c.failures + 1, last_at=now()))

    def sign_in_cleared(self, account: str, client: str) -> None:
        t = self._t.sign_in_failures
        with self._tx() as conn:
            conn.execute(t.delete().where(t.c.account == account, t.c.client == client))

    def add_token(self, id_sha256: str, account: str, label: str, by: str,
                  expires_at: dt.datetime) -> None:
        with self._tx() as conn:
            conn.execute(self._t.tokens.insert().values(
                id_sha256=id_sha256, account=account, label=label[:100], created_at=now(),
                created_by=by, expires_at=expires_at))

    def token(self, id_sha256: str) -> Token | None:
        with self._read() as conn:
            return optional(Token, conn.execute(sa.select(self._t.tokens)
                                .where(self._t.tokens.c.id_sha256 == id_sha256)).first())

    def tokens(self, account: str) -> list[Token]:
        t = self._t.tokens
        with self._read() as conn:
            return records(Token, list(conn.execute(sa.select(t).where(t.c.account == account,
                                                        t.c.revoked_at.is_(None))
                                     .order_by(t.c.created_at.desc()))))

    def token_used(self, id_sha256: str) -> None:
        t = self._t.tokens
        with self._tx() as conn:
            conn.execute(t.update().where(t.c.id_sha256 == id_sha256).values(used_at=now()))

    def revoke_tokens(self, account: str, id_sha256: str | None = None) -> int:
        t = self._t.tokens
        query = t.update().where(t.c.account == account, t.c.revoked_at.is_(None))
        if id_sha256 is not None:
            query = query.where(t.c.id_sha256 == id_sha256)
        with self._tx() as conn:
            return conn.execute(query.values(revoked_at=now())).rowcount
