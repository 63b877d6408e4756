"""Problems with input, reported one per line: which file, where in it, what was expected, what
was found."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located by a JSON path such as $.pdu.name."""

    path: str
    expected: str
    found: str
    source: str = ""
    severity: Literal["error", "warning"] = "error"

    def line(self) -> str:
        where = ": ".join(part for part in (self.source, self.path) if part)
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{prefix}{where}: expected {self.expected}; found {self.found}"

    def at(self, source: str) -> Problem:
        return replace(self, source=self.source or source)


def a(noun: str) -> str:
    """ "a pdu-inspection", "an inspection-plan": the article for a noun in a message."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def warning(path: str, expected: str, found: str) -> Problem:
    return Problem(path, expected, found, severity="warning")


class ReportgenError(Exception):
    """Base of every error reportgen reports to a user (exit status 2 at the command line)."""


class InputError(ReportgenError):
    """Input that cannot be used. Carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.line() for p in problems))


class RenderError(ReportgenError):
    """A document that could not be rendered, with the reason."""


class ConversionError(ReportgenError):
    """A document LibreOffice could not convert (or did not convert in time)."""
