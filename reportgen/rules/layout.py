"""Rules of the printed page that the renderer follows and the layout check holds it to."""

from __future__ import annotations

KEPT_WITH_WHAT_FOLLOWS = 12  # rows: a table this short moves to the next page with its chart
