"""The chart palette meets WCAG 2.2 non-text contrast (3:1), and charts draw."""

from dataclasses import replace

import matplotlib
import wcag_contrast_ratio as wcag
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb

from reportgen.documents.figures import Bar, ChartSpec
from reportgen.render import charts


def ratio(a: str, b: str) -> float:
    return wcag.rgb(to_rgb(a), to_rgb(b))


def test_series_contrast_with_the_background_and_each_other():
    p = charts.palette()
    for colour in ("sufficient", "insufficient", "grid"):
        assert ratio(p[colour], p["background"]) >= 3, colour
    assert ratio(p["sufficient"], p["insufficient"]) >= 3
    assert ratio(p["text"], p["insufficient"]) >= 4.5  # labels printed on the bars


def test_a_chart_draws_as_png():
    spec = ChartSpec("shares", "Assessment", (Bar("engaging", 75), Bar("safety", 60)),
                     "Assessment: ...", "Share (%)", ("Sufficient", "Not sufficient"),
                     thresholds=((50, "Requires improvement"), (65, "Good")),
                     band_floor="Inadequate")
    png = charts.draw(spec)
    assert png.startswith(b"\x89PNG")


SPEC = ChartSpec("shares", "Assessment", (Bar("engaging", 75), Bar("safety", 60)),
                 "Assessment: ...", "Share (%)", ("Sufficient", "Not sufficient"),
                 thresholds=((50, "Requires improvement"), (65, "Good")), band_floor="Inadequate")


def pixels(png: bytes):
    import io

    import numpy as np
    from PIL import Image
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def label_width(label: str) -> float:
    """The drawn width of a key question's label on the chart's axis."""
    spec = replace(SPEC, bars=(Bar(label, 75), Bar("safety", 60)))
    with matplotlib.rc_context(charts.STYLE):
        frame = charts.Frame(spec)
        text = frame.ax.get_yticklabels()[0]
        return text.get_window_extent(FigureCanvasAgg(frame.fig).get_renderer()).width


def test_text_from_the_data_is_drawn_as_written_not_as_mathtext(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    # "$\alpha$" as a formula is one narrow glyph, narrower than "alpha"; as text, eight
    # characters, wider.
    assert label_width(r"$\alpha$") > label_width("alpha")
    for label in ("A $ sign", r"100$ and $\frac", "a_b^c$}{$", "$x^2$", "{{ x }} & <b>"):
        spec = replace(SPEC, bars=(Bar(label, 75), Bar("safety", 60)),
                       series=(label, "Not sufficient"), thresholds=((50, label), (65, "Good")))
        assert charts.draw(spec).startswith(b"\x89PNG"), label


def test_a_chart_drawn_on_a_kept_frame_is_the_chart_drawn_afresh(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    other = replace(SPEC, bars=(Bar("engaging", 30), Bar("safety", None)))
    charts._frames.clear()
    afresh = charts.paint(SPEC)
    charts.paint(other)  # the same layout: its frame is kept, and painted over
    again = charts.paint(SPEC)
    assert (pixels(again) == pixels(afresh)).all()
    assert not (pixels(charts.paint(other)) == pixels(afresh)).all()


def test_the_bars_are_as_long_as_their_values(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    p = charts.palette()
    purple = tuple(int(p["sufficient"][i:i + 2], 16) for i in (1, 3, 5))
    for value in (20, 75):
        spec = replace(SPEC, bars=(Bar("engaging", value), Bar("safety", 60)))
        with matplotlib.rc_context(charts.STYLE):
            frame = charts._frame(spec)
            x0, x1 = frame.ax.transData.transform([(0, 0), (100, 0)])[:, 0]
            y = frame.ax.transData.transform([(0, 0)])[0, 1]
        image = pixels(charts.paint(spec))
        row = image[image.shape[0] - round(y)]
        sufficient = [x for x in range(image.shape[1]) if tuple(row[x]) == purple]
        assert abs((max(sufficient) - x0) / (x1 - x0) * 100 - value) < 1.5


def test_a_chart_is_kept_on_disk_and_reused(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    charts.draw.cache_clear()
    first = charts.draw(SPEC)
    kept = list((tmp_path / "reportgen" / "charts").glob("*.png"))
    assert [k.read_bytes() for k in kept] == [first]
    kept[0].write_bytes(b"kept")  # what is kept is what draw gives
    charts.draw.cache_clear()
    assert charts.draw(SPEC) == b"kept"
    charts.draw.cache_clear()
    changed = replace(SPEC, bars=(Bar("engaging", 74), Bar("safety", 60)))
    assert charts.draw(changed).startswith(b"\x89PNG")
