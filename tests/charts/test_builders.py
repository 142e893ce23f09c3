"""Chart builders (app/charts/builders.py): shares across waves, on a 0 to 100 scale, with a
hidden figure written and never drawn."""

from __future__ import annotations

import re
from html import unescape

from reportlab.graphics.shapes import Rect, String

from app import charts
from app.charts.layout import WIDTH, Box, layout
from app.charts.words import width_of


def test_shares_draw_percentages_to_scale_and_hidden_ones_as_words():
    chart = charts.shares("Knows where to get support: Band 3 over time",
                          [("Band 3: March 2026", 70), ("Band 3: November 2026", None),
                           ("Band 4: March 2026", 50)], "Not shown", key="t-1")
    boxes = [m for m in layout(chart).marks if isinstance(m, Box)]
    assert [b.note for b in boxes] == ["Band 3: March 2026: 70%", "Band 4: March 2026: 50%"]
    full = WIDTH - width_of("70%") - 8  # a full bar, and room for the widest value after it
    assert boxes[0].width == round(full * 70 / 100, 1)
    assert boxes[1].width == round(full * 50 / 100, 1)
    svg = str(charts.to_svg(chart))
    words = [unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg)]
    assert words == ["Band 3: March 2026", "70%", "Band 3: November 2026", "Not shown",
                     "Band 4: March 2026", "50%"]
    drawing = charts.to_drawing(chart)
    assert [s.text for s in drawing.contents if isinstance(s, String)] == words
    assert len([r for r in drawing.contents if isinstance(r, Rect)]) == 2


def test_scores_print_every_value_to_one_place_as_the_table_beside_them_does():
    chart = charts.scores("Each element across cycles", [("2026 Q3, Relationships", 3.0),
                                                        ("2026 Q4, Relationships", 1.25),
                                                        ("2026 Q4, Environment", None)],
                          3, "Not rated")
    svg = str(charts.to_svg(chart))
    words = [unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg)]
    assert words == ["2026 Q3, Relationships", "3.0", "2026 Q4, Relationships", "1.2",
                     "2026 Q4, Environment", "Not rated"]
