"""Signing in to the service: sessions kept in the store, and the delays that slow an attacker
guessing passwords without ever locking the account's owner out.

A session is a random id given to the browser (in its signed cookie); the store keeps only the
id's hash, with the account, when it began and when it was last used. A session ends when its
owner signs out (here or everywhere), after an hour unused or twelve hours in all, and for every
session of an account when its password or roles change or it is disabled: a cookie copied
before any of those is refused after it.

Failed sign-ins are counted by the account tried and the client (its address): after three, each
further attempt from that client must wait twice as long as the last (2 s, 4 s ... up to 15
minutes) and is refused unchecked until then; a client that fails twenty times whatever the
accounts (guessing many accounts' passwords) is slowed the same way. The owner signing in from
their own client is not held up by failures from elsewhere; the counts are in the store, so every
process of the service sees the same.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from reportgen.workflow.store import Store, now

IDLE = dt.timedelta(hours=1)
LIFETIME = dt.timedelta(hours=12)
SEEN_EVERY = dt.timedelta(minutes=1)  # how often a session's last use is written down
FREE_FAILURES = 3
LONGEST_WAIT = dt.timedelta(minutes=15)


def sha(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Session:
    token: str  # what the browser holds; never stored
    account: str


def start(store: Store, account: str, client: str, agent: str) -> Session:
    token = secrets.token_urlsafe(32)
    store.add_session(sha(token), account, client, agent)
    return Session(token, account)


def current(store: Store, token: str | None) -> str | None:
    """The account of a session still open, or None (its owner signed out, it was ended, or it
    has gone unused or lasted too long: then it is ended here)."""
    if not token:
        return None
    found = store.session(sha(token))
    if found is None or found.ended_at is not None:
        return None
    at = now()
    if at - found.seen_at > IDLE or at - found.created_at > LIFETIME:
        store.end_sessions("expired", id_sha256=found.id_sha256)
        return None
    if at - found.seen_at > SEEN_EVERY:
        store.session_seen(found.id_sha256, at)
    return found.account


def end(store: Store, token: str, why: str = "signed out") -> None:
    store.end_sessions(why, id_sha256=sha(token))


def end_all(store: Store, account: str, why: str, keep: str | None = None) -> int:
    """End every open session of an account (its password or roles changed, it was disabled,
    or its owner signed out everywhere) but the one whose token is `keep`."""
    return store.end_sessions(why, account=account, keep=sha(keep) if keep else None)


def is_this(token: str | None, row_sha: str) -> bool:
    return bool(token) and sha(token) == row_sha  # type: ignore[arg-type]


# --------------------------------------------------------------------------- sign-in delays


ANY = "*"  # failures of a client whatever the account: one guessing many accounts' passwords
FREE_FAILURES_ANY = 20


def wait(store: Store, account: str, client: str) -> int:
    """Seconds before this client may try this account's password again (0: now)."""
    return max(_wait(store.sign_in_failures(_key(account), client), FREE_FAILURES),
               _wait(store.sign_in_failures(ANY, client), FREE_FAILURES_ANY))


def _wait(found: Any, free: int) -> int:
    if found is None or found.failures < free:
        return 0
    delay = min(dt.timedelta(seconds=2 ** (found.failures - free + 1)), LONGEST_WAIT)
    left = found.last_at + delay - now()
    return int(left.total_seconds()) + 1 if left > dt.timedelta(0) else 0


def _key(account: str) -> str:
    return account.strip().lower()[:100] or "(none)"


def failed(store: Store, account: str, client: str) -> None:
    store.sign_in_failed(_key(account), client)
    store.sign_in_failed(ANY, client)


def succeeded(store: Store, account: str, client: str) -> None:
    store.sign_in_cleared(_key(account), client)
