"""What a chart shows, as data: its bars, labels and alt text, written from the figures so that
the picture, its alt text and the table beside it cannot disagree. Drawing is the renderer's job
(reportgen.render.charts)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str  # the key question's short wording, or a PDU's name
    value: int | None  # a whole-number percentage, or a score
    note: str = ""  # shown at the bar's end (a rating), so the bar is not told by colour alone


@dataclass(frozen=True)
class ChartSpec:
    kind: str  # "shares" (stacked % yes / % no per key question) or "scores"
    title: str
    bars: tuple[Bar, ...]
    alt: str
    axis_label: str
    series: tuple[str, ...] = ()  # legend labels
    maximum: int = 100
    thresholds: tuple[tuple[int, str], ...] = ()  # band boundaries: (lowest value, band name)
    band_floor: str = ""  # the name of the band below the first boundary
