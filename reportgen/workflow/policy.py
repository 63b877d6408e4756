"""Who may change what in a report's data, decided by what the change touches (its JSON paths),
not by the way it came: one policy (reportgen/data/policy.toml) for an edited Word document, a
factual accuracy decision, a translation, the web service and the command line. Ratings, the
counts they rest on and the panel's decisions are the chief operating officer's to change; a
factual accuracy form's category is the inspected body's word and decides nothing here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportgen import data
from reportgen.bundle import Bundle
from reportgen.jsonpath import keys_of, split_address
from reportgen.workflow.accounts import Forbidden, get, role_table
from reportgen.workflow.store import Store

WELSH_FIELDS = ("cy", "cy_in", "cy_source")


@dataclass(frozen=True)
class Family:
    id: str
    title: str
    patterns: tuple[re.Pattern[str], ...]
    roles: frozenset[str]


def _pattern(path: str) -> re.Pattern[str]:
    """A path pattern as a regular expression over a path's keys joined by "/"."""
    keys = path.removeprefix("$").lstrip(".").split(".") if path != "$" else []
    parts = [".+" if k == "**" else "[^/]+" if k == "*" else re.escape(k) for k in keys]
    return re.compile("^" + "/".join(parts) + "$")


@cache
def families() -> tuple[Family, ...]:
    return tuple(Family(f["id"], f["title"], tuple(_pattern(p) for p in f["paths"]),
                        frozenset(f["roles"])) for f in data.load("policy")["families"])


def family_of(address: str, welsh: bool = False) -> Family | None:
    """The family of the value at `address` (its Welsh, with `welsh`); None if no family has
    it."""
    if welsh:
        return next(f for f in families() if f.id == "welsh")
    _, path = split_address(address)
    keys = "/".join(str(k) for k in keys_of(path))
    return next((f for f in families() if any(p.match(keys) for p in f.patterns)), None)


def touched(before: Bundle, after: Bundle) -> list[tuple[str, Family | None]]:
    """Each value the change touches, with its family: a text whose English stays the same is
    a change to its Welsh."""
    found = []
    for addr, old, new in before.diff(after):
        found.append((addr, family_of(addr, welsh=_only_welsh(old, new))))
    return found


def _only_welsh(old: Any, new: Any) -> bool:
    english = [v.get("en") if isinstance(v, dict) else v for v in (old, new)]
    return isinstance(new, dict) and "en" in new and english[0] == english[1]


def refusals(roles: tuple[str, ...], before: Bundle, after: Bundle) -> list[str]:
    """Why an account with `roles` may not make this change: one line for each family it
    touches that none of its roles may change (empty: it may)."""
    found: dict[str, list[str]] = {}
    for addr, family in touched(before, after):
        if family is None:
            found.setdefault("data no one may change", []).append(addr)
        elif not family.roles & set(roles):
            found.setdefault(f"{family.title} ({_owners(family)} only)", []).append(addr)
    return [f"{what}: {', '.join(addrs[:5])}" + (f" and {len(addrs) - 5} more"
                                                  if len(addrs) > 5 else "")
            for what, addrs in found.items()]


def _owners(family: Family) -> str:
    return ", ".join(role_table()[r].title for r in sorted(family.roles))


def check(store: Store, by: str, report_id: str, before: Bundle, after: Bundle) -> None:
    """Forbidden, with what the change touches that `by` may not change (and the refusal in the
    audit trail), unless every part of it is theirs to change."""
    account = get(store, by)
    reasons = refusals(account.roles if account else (), before, after)
    if reasons:
        why = f"{by} may not change " + "; ".join(reasons)
        store.audit(by, "change data", report_id, False, why[:500])
        raise Forbidden(why)
