"""The one rounding function. Every percentage reportgen publishes comes from here."""

from __future__ import annotations

from decimal import Decimal


def percent(part: int, whole: int) -> int | None:
    """`part` of `whole` as a whole-number percentage, rounded half up (64.5 -> 65).

    Exact integer arithmetic: no float can turn 64.5 into 64.49999. None when `whole` is 0,
    because a share of nothing is not 0%.
    """
    if whole < 0 or part < 0 or part > whole:
        raise ValueError(f"cannot take {part} of {whole} as a percentage")
    if whole == 0:
        return None
    return (200 * part + whole) // (2 * whole)


def tenths_share(part: Decimal, whole: Decimal) -> int | None:
    """A share of two figures given to one decimal place (full-time equivalents), exactly."""
    return percent(int(part * 10), int(whole * 10))
