"""Charts drawn with matplotlib's object-oriented API on the Agg backend (no pyplot, no global
figure state), in the house palette of styles/palette.toml. Series differ by hatching and labels
as well as colour; every value is printed on its bar.

Text from the data is drawn as written: matplotlib's mathtext is off, so `$x^2$` is five
characters, not a formula.

Drawing a chart is mostly laying out and rasterising its text, and most of a chart never changes
between reports: the axes, ticks, key-question labels, band lines and names, and legend are the
same for every PDU of a programme. So each layout is drawn once per process, kept as a frame
(a figure and a copy of its pixels), and a chart is that copy with only its bars and their values
drawn over it (matplotlib's blitting). The picture is the same, pixel for pixel, as drawing the
whole figure.

A chart is a pure function of its spec, so each picture is also kept on disk, in the user's
cache folder, under a hash of its spec and of everything that draws it (reportgen's code and
the libraries' versions): a report rendered again after an edit to its narrative draws no chart
at all, and matplotlib is imported only when a chart must be drawn. Deleting the folder is
always safe."""

from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import os
import textwrap
import tomllib
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgen import cache as caches
from reportgen.documents.figures import ChartSpec
from reportgen.paths import STYLES

if TYPE_CHECKING:
    from matplotlib.figure import Figure

WIDTH_CM = 16.0
DPI = 150
FONT = ["Liberation Sans", "DejaVu Sans"]  # DejaVu supplies what Liberation lacks (☆)
STYLE = {"font.family": "sans-serif", "font.sans-serif": FONT, "font.size": 9,
         "hatch.linewidth": 1.0, "svg.fonttype": "none",
         "text.parse_math": False, "text.usetex": False}  # text from the data is literal
FRAMES = 20  # layouts kept (2 MiB each): a programme's reports use about twenty at a time
PNG_COMPRESSION = 3  # zlib level: a third faster than the default (6), files 5% larger
KEPT = 4000  # pictures kept on disk; the oldest half goes when there are more


@cache
def palette() -> dict[str, str]:
    return tomllib.loads((STYLES / "palette.toml").read_text(encoding="utf-8"))


@lru_cache(maxsize=64)
def draw(spec: ChartSpec) -> bytes:
    """The chart as PNG bytes: kept from an earlier run if the same chart was drawn by the same
    code, otherwise drawn now (and kept)."""
    kept = _kept(spec)
    with contextlib.suppress(OSError):
        return kept.read_bytes()
    png = paint(spec)
    _keep(kept, png)
    return png


def paint(spec: ChartSpec) -> bytes:
    """The chart drawn now, on the frame of its layout."""
    # imported when needed: the CLI starts sooner
    import matplotlib

    with matplotlib.rc_context(STYLE):
        return _frame(spec).picture(spec)


def _kept(spec: ChartSpec) -> Path:
    digest = hashlib.sha256(repr((spec, sorted(palette().items()), sorted(STYLE.items()),
                                  WIDTH_CM, DPI, PNG_COMPRESSION, caches.code())).encode())
    return caches.folder() / "charts" / f"{digest.hexdigest()}.png"


def _keep(path: Path, png: bytes) -> None:
    """Best effort: a picture that cannot be kept is drawn again next time."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        tmp.write_bytes(png)
        os.replace(tmp, path)
        if not _pruned:
            _pruned.append(True)
            _prune(path.parent)


_pruned: list[bool] = []


def _prune(folder: Path) -> None:
    kept = sorted(folder.glob("*.png"), key=lambda p: p.stat().st_mtime)
    if len(kept) > KEPT:
        for old in kept[: len(kept) // 2]:
            old.unlink(missing_ok=True)


def height_cm(spec: ChartSpec) -> float:
    return 3.4 + 1.05 * len(spec.bars)


def _layout(spec: ChartSpec) -> tuple[Any, ...]:
    """What a chart's frame depends on: everything but the bars' values and notes."""
    return (spec.kind, tuple(b.label for b in spec.bars), spec.axis_label, spec.series,
            spec.maximum, spec.thresholds, spec.band_floor, tuple(palette().items()))


_frames: OrderedDict[tuple[Any, ...], Frame] = OrderedDict()


def _frame(spec: ChartSpec) -> Frame:
    """The frame of the chart's layout, the least recently used let go when there are too many
    (a layout used once, such as a region's chart of its PDUs, soon goes)."""
    key = _layout(spec)
    if key in _frames:
        _frames.move_to_end(key)
    else:
        _frames[key] = Frame(spec)
        while len(_frames) > FRAMES:
            _frames.popitem(last=False)
    return _frames[key]


@dataclass
class _Series:
    facecolor: str
    edgecolor: str | None = None
    hatch: str | None = None
    linewidth: float | None = None

    def style(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if v is not None}


class Frame:
    """A chart's unchanging parts, drawn once; `paint` draws one chart's bars over them."""

    def __init__(self, spec: ChartSpec) -> None:
        # imported when needed: the CLI starts sooner
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.patches import Patch

        p = palette()
        self.kind = spec.kind
        self.fig = Figure(figsize=(WIDTH_CM / 2.54, height_cm(spec) / 2.54), dpi=DPI)
        self.ax = _axes(self.fig, spec)
        ys = range(len(spec.bars))
        zeros = [0] * len(spec.bars)
        if spec.kind == "shares":
            series = [_Series(p["sufficient"], p["sufficient"]),
                      _Series(p["insufficient"], p["text"], p["insufficient_hatch"], 0.6)]
            self.fig.legend([Patch(**s.style()) for s in series], list(spec.series),
                            loc="lower center", bbox_to_anchor=(0.63, 0.0), ncols=2,
                            frameon=False)
        else:
            series = [_Series(p["sufficient"])]
            self.ax.set_xlim(0, spec.maximum + 6)  # room for the labels
            self.ax.set_xticks(range(0, spec.maximum + 1, 3))
        self.bars = [self.ax.barh(ys, zeros, height=0.6, animated=True, **s.style())
                     for s in series]
        self.ax.spines["left"].set_animated(True)  # drawn over the bars, as in a whole figure
        canvas = FigureCanvasAgg(self.fig)
        canvas.draw()
        self.background = canvas.copy_from_bbox(self.fig.bbox)
        _release(self.fig)

    def picture(self, spec: ChartSpec) -> bytes:
        """The chart: the frame's pixels, with this chart's bars and values drawn over them."""
        # imported when needed: the CLI starts sooner
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        canvas = FigureCanvasAgg(self.fig)  # a new canvas makes its pixel buffer when asked
        canvas.restore_region(self.background)
        texts = _shares(self, spec) if self.kind == "shares" else _scores(self, spec)
        for container in self.bars:
            for patch in container:
                self.ax.draw_artist(patch)
        self.ax.draw_artist(self.ax.spines["left"])
        for text in texts:
            self.ax.draw_artist(text)
            text.remove()
        png = _png(canvas, spec.title)
        _release(self.fig)
        return png


def _release(fig: Figure) -> None:
    """Let the figure's pixel buffer go (a kept frame needs only its background's copy)."""
    # imported when needed: the CLI starts sooner
    from matplotlib.backend_bases import FigureCanvasBase

    FigureCanvasBase(fig)


def _png(canvas: Any, title: str) -> bytes:
    # imported when needed: the CLI starts sooner
    import matplotlib
    from PIL import Image, PngImagePlugin

    width, height = canvas.get_width_height()
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba())
    info = PngImagePlugin.PngInfo()
    info.add_text("Title", title)
    info.add_text("Software", f"matplotlib {matplotlib.__version__}")
    out = io.BytesIO()
    # No alpha channel: the chart is opaque, and LibreOffice exports a PDF image with a soft
    # mask more slowly.
    image.convert("RGB").save(out, "PNG", pnginfo=info, dpi=(DPI, DPI),
                              compress_level=PNG_COMPRESSION)
    return out.getvalue()


def _axes(fig: Figure, spec: ChartSpec) -> Any:
    height = height_cm(spec)
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
    return ax


def _bands(ax: Any, spec: ChartSpec) -> None:
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


def _shares(frame: Frame, spec: ChartSpec) -> list[Any]:
    """Stacked bars: the share sufficient, then the rest, each printed on its bar."""
    p, ax = palette(), frame.ax
    yes_bars, no_bars = frame.bars
    texts = []
    for y, bar in enumerate(spec.bars):
        yes = bar.value or 0
        no = 100 - yes if bar.value is not None else 0
        yes_bars[y].set_width(yes)
        no_bars[y].set_x(yes)
        no_bars[y].set_width(no)
        if yes:
            texts.append(ax.text(yes - 1.5, y, f"{yes}%", ha="right", va="center",
                                 color=p["background"], fontweight="bold", animated=True))
        if no:
            texts.append(ax.text(yes + no / 2, y, f"{no}%", ha="center", va="center",
                                 color=p["text"], fontweight="bold", animated=True,
                                 bbox={"facecolor": p["background"], "edgecolor": "none",
                                       "pad": 1.2}))
    return texts


def _scores(frame: Frame, spec: ChartSpec) -> list[Any]:
    """One bar a PDU, its score and rating printed at its end."""
    p, ax = palette(), frame.ax
    texts = []
    for y, bar in enumerate(spec.bars):
        value = bar.value or 0
        frame.bars[0][y].set_width(value)
        texts.append(ax.text(value + 0.3, y, f"{value}  {bar.note}", va="center",
                             color=p["text"], animated=True,
                             bbox={"facecolor": p["background"], "edgecolor": "none",
                                   "pad": 1.0}))
    return texts
