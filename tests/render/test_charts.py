"""The chart palette meets WCAG 2.2 non-text contrast (3:1), and charts draw."""

import wcag_contrast_ratio as wcag
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
