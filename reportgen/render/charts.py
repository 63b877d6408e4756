"""Charts drawn with matplotlib's object-oriented API on the Agg backend (no pyplot, no global
figure state), in the house palette of styles/palette.toml. Series differ by hatching and labels
as well as colour; every value is printed on its bar."""

from __future__ import annotations

import io
import itertools
import textwrap
import tomllib
from functools import cache, lru_cache

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from reportgen.documents.figures import ChartSpec
from reportgen.paths import STYLES

WIDTH_CM = 16.0
DPI = 150
FONT = ["Liberation Sans", "DejaVu Sans"]  # DejaVu supplies what Liberation lacks (☆)


@cache
def palette() -> dict[str, str]:
    return tomllib.loads((STYLES / "palette.toml").read_text(encoding="utf-8"))


@lru_cache(maxsize=256)
def draw(spec: ChartSpec) -> bytes:
    """The chart as PNG bytes. A chart is a pure function of its (frozen) spec, so re-rendering a
    report whose figures did not change reuses its charts."""
    with matplotlib.rc_context({"font.family": "sans-serif", "font.sans-serif": FONT,
                                "font.size": 9, "hatch.linewidth": 1.0,
                                "svg.fonttype": "none"}):
        fig = _shares(spec) if spec.kind == "shares" else _scores(spec)
        buf = io.BytesIO()
        FigureCanvasAgg(fig)
        fig.savefig(buf, format="png", dpi=DPI, metadata={"Title": spec.title})
    return buf.getvalue()


def height_cm(spec: ChartSpec) -> float:
    return 3.4 + 1.05 * len(spec.bars)


def _figure(spec: ChartSpec) -> tuple[Figure, object]:
    height = height_cm(spec)
    fig = Figure(figsize=(WIDTH_CM / 2.54, height / 2.54))
    # Fixed margins rather than constrained layout, which draws every chart twice.
    fig.subplots_adjust(left=0.3, right=0.96, top=1 - 1.0 / height, bottom=2.1 / height)
    fig.set_facecolor(palette()["background"])
    ax = fig.add_subplot()
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_xlim(0, spec.maximum)
    ax.set_xlabel(spec.axis_label, color=palette()["text"])
    ax.invert_yaxis()  # the first key question on top, as in the table
    labels = ["\n".join(textwrap.wrap(b.label, 28)) for b in spec.bars]
    ax.set_yticks(range(len(spec.bars)), labels, color=palette()["text"])
    ax.tick_params(colors=palette()["text"])
    _bands(ax, spec)
    return fig, ax


def _bands(ax, spec: ChartSpec) -> None:
    """Dashed lines at the band boundaries, each band named above the middle of its span."""
    edges = [0, *(v for v, _ in spec.thresholds), spec.maximum]
    names = [spec.band_floor, *(n for _, n in spec.thresholds)]
    for value, _ in spec.thresholds:
        ax.axvline(value, color=palette()["grid"], linewidth=0.8, linestyle=(0, (4, 3)), zorder=0)
    for (low, high), name in zip(itertools.pairwise(edges), names, strict=True):
        if name:
            ax.annotate("\n".join(textwrap.wrap(name, 12)), ((low + high) / 2, 1.0),
                        xycoords=("data", "axes fraction"), xytext=(0, 3),
                        textcoords="offset points", fontsize=7, color=palette()["grid"],
                        ha="center", va="bottom")


def _shares(spec: ChartSpec) -> Figure:
    fig, ax = _figure(spec)
    p = palette()
    ys = range(len(spec.bars))
    yes = [b.value or 0 for b in spec.bars]
    no = [100 - v if b.value is not None else 0 for v, b in zip(yes, spec.bars, strict=True)]
    ax.barh(ys, yes, color=p["sufficient"], edgecolor=p["sufficient"], label=spec.series[0],
            height=0.6)
    ax.barh(ys, no, left=yes, color=p["insufficient"], edgecolor=p["text"],
            hatch=p["insufficient_hatch"], label=spec.series[1], height=0.6, linewidth=0.6)
    for y, v, n in zip(ys, yes, no, strict=True):
        if v:
            ax.text(v - 1.5, y, f"{v}%", ha="right", va="center", color=p["background"],
                    fontweight="bold")
        if n:
            ax.text(v + n / 2, y, f"{n}%", ha="center", va="center", color=p["text"],
                    fontweight="bold", bbox={"facecolor": p["background"], "edgecolor": "none",
                                             "pad": 1.2})
    fig.legend(*ax.get_legend_handles_labels(), loc="lower center", bbox_to_anchor=(0.63, 0.0),
               ncols=2, frameon=False)
    return fig


def _scores(spec: ChartSpec) -> Figure:
    fig, ax = _figure(spec)
    p = palette()
    ys = range(len(spec.bars))
    values = [b.value or 0 for b in spec.bars]
    ax.barh(ys, values, color=p["sufficient"], height=0.6)
    for y, v, b in zip(ys, values, spec.bars, strict=True):
        ax.text(v + 0.3, y, f"{v}  {b.note}", va="center", color=p["text"],
                bbox={"facecolor": p["background"], "edgecolor": "none", "pad": 1.0})
    ax.set_xlim(0, spec.maximum + 6)  # room for the labels
    ax.set_xticks(range(0, spec.maximum + 1, 3))
    return fig
