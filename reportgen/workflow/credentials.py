"""Passwords and command-line tokens: what proves an account is the person acting.

Passwords follow NIST SP 800-63B: at least 12 characters, no rules of composition, and refused
when they are common, breached or easily guessed (zxcvbn's lists of breached passwords, common
words and names, keyboard patterns, repeats and sequences; and the service's own words and the
account's name). A token stands for an account on the command line (REPORTGEN_TOKEN), made by its
owner on the web or by an administrator for an account that has no password; the store keeps only
its hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from zxcvbn import zxcvbn

from reportgen.workflow.store import Store, TrackError, now

MIN_LENGTH = 12
MAX_LENGTH = 200
STRONG_ENOUGH = 3  # zxcvbn's score: at least 10^8 guesses
SERVICE_WORDS = ["reportgen", "probation", "inspection", "inspectorate", "hmiprobation",
                 "hmip", "report", "arolygiaeth", "prawf"]
TOKEN_DAYS = 90


def check_password(password: str, account: str) -> None:
    """TrackError saying why, unless `password` is long enough and not easily guessed."""
    if len(password) < MIN_LENGTH:
        raise TrackError(f"a password is at least {MIN_LENGTH} characters (a few words "
                         "together are easy to remember and hard to guess)")
    if len(password) > MAX_LENGTH:
        raise TrackError(f"a password is at most {MAX_LENGTH} characters")
    found = zxcvbn(password[:100], user_inputs=[*SERVICE_WORDS, *account.split(), account])
    if found["score"] < STRONG_ENOUGH:
        why = found["feedback"]["warning"] or "it is easy to guess"
        raise TrackError(f"that password is too easy to guess ({why.rstrip('.')}): choose "
                         "another, such as a few unrelated words together")


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def make_token(store: Store, account: str, by: str, label: str) -> str:
    """A new token for `account` (shown once: only its hash is kept), lasting TOKEN_DAYS."""
    token = "rgt_" + secrets.token_urlsafe(32)
    store.add_token(_sha(token), account, label or "command line", by,
                    now() + dt.timedelta(days=TOKEN_DAYS))
    return token


def token_account(store: Store, token: str) -> str:
    """The account a token stands for; TrackError if it is unknown, revoked or expired."""
    found = store.token(_sha(token.strip()))
    if found is None or found.revoked_at is not None:
        raise TrackError("that token is not known, or was revoked: make a new one on the "
                         "service's Your account page")
    if found.expires_at < now():
        raise TrackError(f"that token expired on {found.expires_at:%Y-%m-%d}: make a new one")
    store.token_used(found.id_sha256)
    return found.account
