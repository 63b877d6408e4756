"""Checks of what reportgen makes: accessibility, layout, Welsh, statistics; each finding
names its rule and place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """What a check found: the rule, where, and either a message or what was found against what
    was expected."""

    rule: str
    where: str
    message: str = ""
    found: str = ""
    expected: str = ""

    def line(self, source: str = "") -> str:
        what = self.message or f"found {self.found!r}; expected {self.expected}"
        return f"{source + ': ' if source else ''}{self.where}: {self.rule}: {what}"
