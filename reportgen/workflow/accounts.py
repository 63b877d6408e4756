"""Accounts, roles and the one check every action passes (reportgen/data/roles.toml).

Every workflow function that changes something calls `authorise` first, with the name of the
account that acts: the command line (as REPORTGEN_USER or --as) and the web service (as the
account signed in) are checked by the same rules. A refusal is written to the store's audit
trail and to the `reportgen.security` log before it is raised; so is every allowed action.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from reportgen import data
from reportgen.workflow import credentials, sessions
from reportgen.workflow.store import Store, TrackError

log = logging.getLogger("reportgen.security")
STAGE_ACTIONS = ("advance", "attach", "send-back")
_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified against when an account does not exist, so a wrong name takes as long as a
    wrong password and the time taken does not tell which names exist."""
    return _hasher.hash("no such account")


class Forbidden(TrackError):
    """An action the acting account's roles do not allow (HTTP 403 in the web service)."""


@dataclass(frozen=True)
class Role:
    id: str
    title: str
    may: frozenset[str]
    owns: frozenset[str]


@dataclass(frozen=True)
class Account:
    name: str
    roles: tuple[str, ...]
    active: bool
    language: str
    has_password: bool

    def may(self, action: str) -> bool:
        return any(action in role_table()[r].may for r in self.roles)

    def owns(self, stage: str) -> bool:
        return any(stage in role_table()[r].owns for r in self.roles)

    @property
    def is_coo(self) -> bool:
        return "coo" in self.roles


@cache
def role_table() -> dict[str, Role]:
    return {rid: Role(rid, r["title"], frozenset(r["may"]), frozenset(r["owns"]))
            for rid, r in data.load("roles")["roles"].items()}


def send_back_targets(stage: str) -> list[str]:
    return list(data.load("roles")["send_back"].get(stage, []))


def owners(stage: str) -> list[str]:
    return [r.id for r in role_table().values() if stage in r.owns]


def roles_that_may(action: str) -> list[str]:
    return [r.id for r in role_table().values() if action in r.may]


def check_roles(roles: list[str]) -> tuple[str, ...]:
    unknown = [r for r in roles if r not in role_table()]
    if unknown or not roles:
        raise TrackError(f"{', '.join(unknown) or 'no role'}: a role is one of "
                         f"{', '.join(role_table())}")
    return tuple(dict.fromkeys(roles))


def _account(row: Any) -> Account:
    return Account(row.name, tuple(row.roles.split(",")), row.active, row.language,
                   row.password_hash is not None)


def get(store: Store, name: str) -> Account | None:
    row = store.account(name)
    return _account(row) if row is not None else None


def all_accounts(store: Store) -> list[Account]:
    return [_account(r) for r in store.accounts()]


# ---------------------------------------------------------------------------- the one check

def authorise(store: Store, by: str, action: str, report_id: str | None = None,
              to: str | None = None, seen: Any = None) -> Account:
    """The account `by`, if it may take `action` (on `report_id`, sending it back `to` a stage);
    otherwise Forbidden, with the reason, after the refusal is recorded. `seen`: the report as
    the caller read it, whose move is refused anyway if it has changed since (so a move made
    meanwhile is reported as that, not as a refusal of the account)."""
    account = get(store, by)
    report = seen if seen is not None else store.report(report_id) if report_id else None
    reason = _refusal(account, action, report, to)
    store.audit(by, action, report_id, reason is None, reason or (f"to {to}" if to else ""))
    if reason:
        log.warning("refused: %s may not %s%s: %s", by, action,
                    f" {report_id}" if report_id else "", reason)
        raise Forbidden(reason)
    assert account is not None
    return account


def _refusal(account: Account | None, action: str, report: Any, to: str | None) -> str | None:
    if account is None or not account.active:
        return ("no active account of that name: an administrator adds accounts")
    if report is not None and report.stage == "published":
        return f"{report.id} is published: nothing about it changes any more"
    if action in STAGE_ACTIONS:
        stage = report.stage
        if not account.owns(stage):
            return (f"{account.name} ({_titles(account.roles)}) does not own the {stage} stage "
                    f"of {report.id}: that is for {_titles(owners(stage)) or 'nobody'}")
        if action == "send-back" and to not in send_back_targets(stage):
            allowed = send_back_targets(stage)
            return (f"{report.id} cannot be sent back from {stage} to {to}: "
                    + (f"it goes back only to {', '.join(allowed)}" if allowed else
                       "this stage sends nothing back"))
        return None
    if not account.may(action):
        return (f"{account.name} ({_titles(account.roles)}) may not {action}: that is for "
                f"{_titles(roles_that_may(action)) or 'nobody'}")
    return None


def _titles(role_ids: Any) -> str:
    return ", ".join(role_table()[r].title for r in role_ids)


# ------------------------------------------------------------------------ managing accounts

def add(store: Store, name: str, roles: list[str], password: str | None, by: str | None,
        language: str = "en") -> None:
    """A new account. The first account of a store is an administrator made from the command
    line (by=None); after that only an administrator adds accounts."""
    role_ids = check_roles(roles)
    if not name.strip() or len(name) > 100:
        raise TrackError("an account name is 1 to 100 characters")
    if store.accounts():
        if by is None:
            raise Forbidden("accounts exist already: an administrator adds the next (--as)")
        authorise(store, by, "accounts.manage")
    elif "admin" not in role_ids:
        raise TrackError("the first account of a store is an administrator (--role admin)")
    store.add_account(name.strip(), ",".join(role_ids), _hash(password, name.strip()),
                      language, by or "(set-up)")
    store.audit(by or "(set-up)", "accounts.add", None, True, f"{name}: {','.join(role_ids)}")


def change(store: Store, name: str, by: str, roles: list[str] | None = None,
           active: bool | None = None, password: str | None = None) -> None:
    authorise(store, by, "accounts.manage")
    if get(store, name) is None:
        raise TrackError(f"no account {name}")
    if name == by and (active is False or (roles is not None and "admin" not in roles)):
        raise TrackError("an administrator cannot disable their own account or remove their "
                         "own administrator role")
    values: dict[str, Any] = {}
    if roles is not None:
        values["roles"] = ",".join(check_roles(roles))
    if active is not None:
        values["active"] = active
    if password is not None:
        values["password_hash"] = _hash(password, name)
    store.update_account(name, **values)
    store.audit(by, "accounts.change", None, True,
                f"{name}: " + ", ".join(k if k == "password_hash" else f"{k}={v}"
                                         for k, v in values.items()))
    if values:  # whoever held a session of the account signs in again, under the new terms
        sessions.end_all(store, name, "account changed by an administrator")


def change_own_password(store: Store, name: str, current: str, new: str,
                        keep_session: str | None = None) -> None:
    """An account's owner changes its password, proving the current one; every other session
    of the account ends (`keep_session`: the token of the one they are using)."""
    if verify(store, name, current) is None:
        store.audit(name, "password.change", None, False, "current password wrong")
        raise Forbidden("the current password is not right")
    store.update_account(name, password_hash=_hash(new, name))
    store.audit(name, "password.change", None, True)
    sessions.end_all(store, name, "password changed", keep=keep_session)


def set_language(store: Store, name: str, language: str) -> None:
    store.update_account(name, language=language)


def _hash(password: str | None, name: str) -> str | None:
    if password is None:
        return None
    credentials.check_password(password, name)
    return _hasher.hash(password)


def verify(store: Store, name: str, password: str) -> Account | None:
    """The account, if `password` is its password and it is active; else None."""
    row = store.account(name)
    try:
        _hasher.verify(row.password_hash if row is not None and row.password_hash
                       else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None or not row.password_hash or not row.active:
        return None
    if _hasher.check_needs_rehash(row.password_hash):
        store.update_account(name, password_hash=_hasher.hash(password))
    return _account(row)
