"""One chart shape, drawn by a page (SVG) and a PDF (reportlab) from the same layout: the same
words in the same order, hidden groups drawn as text and never as a bar, colours from one
palette that app.css repeats."""

from __future__ import annotations

import re
from html import unescape
from types import SimpleNamespace as NS

from reportlab.graphics.shapes import Circle, Rect, String

from app import charts
from app.charts.layout import WIDTH, Box, Text, layout
from app.charts.shape import PALETTE
from app.charts.words import width_of
from tests.support.paths import APP

SCALE = [NS(value="1", label="Not in place", colour="red"),
         NS(value="2", label="Partly in place", colour="amber"),
         NS(value="3", label="In place", colour="green"),
         NS(value="na", label="Not applicable", colour="grey")]


def svg_words(svg: str) -> list[str]:
    return [unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg)]


def pdf_words(drawing) -> list[str]:
    return [s.text for s in drawing.contents if isinstance(s, String)]


def band_cells():
    return [NS(label="All bands", shown=True, n=20, answers_hidden=False,
               values=[("Agree", 12, 60), ("Neutral", 0, 0), ("Disagree", 8, 40)]),
            NS(label="Band 2-4", shown=False, n=0, answers_hidden=False, values=[]),
            NS(label="Band 5", shown=True, n=11, answers_hidden=True, values=[])]


def every_kind():
    spreads = [NS(title="Improving personal health", n=3, lowest=1.0, highest=3.0, mean=2.0),
               NS(title="Nobody yet", n=0, lowest=None, highest=None, mean=None)]
    rows = [NS(element=NS(title="Relationships"), counts={"1": 2, "3": 1}, total=5)]
    return [charts.counts("Which best describes you?", ["Public", "Staff"], [3, 1250], "c-1"),
            charts.band_answers("Q1 by band", band_cells(), "Not shown"),
            charts.element_ratings(rows, SCALE),
            charts.spread(spreads, SCALE)]


def test_a_page_and_a_pdf_draw_the_same_words_in_the_same_order():
    for chart in every_kind():
        svg = str(charts.to_svg(chart))
        assert svg.startswith('<svg class="app-chart') and 'role="img"' in svg
        words = " ".join(svg_words(svg)).split()  # (lines wrap to each one's width)
        assert words and words == " ".join(pdf_words(charts.to_drawing(chart))).split(), (
            chart.kind)


def test_bars_print_each_count_after_its_bar_with_thousands_separators():
    chart = charts.counts("Which best describes you?", ["Public", "Staff"], [3, 1250], "c-1")
    svg = str(charts.to_svg(chart))
    assert svg_words(svg) == ["Public", "3", "Staff", "1,250"]
    assert 'aria-labelledby="c-1-title"' in svg
    assert '<title id="c-1-title">Which best describes you?</title>' in svg
    figure = layout(chart)
    bars = [m for m in figure.marks if isinstance(m, Box)]
    values = [m for m in figure.marks if isinstance(m, Text) and m.role == "value"]
    # Scaled to the largest, whose count still fits after it: 3 of 1,250 is a sliver.
    assert bars[1].width + 6 + width_of("1,250") <= figure.width
    assert bars[0].width == round(bars[1].width * 3 / 1250, 1)
    assert [v.x for v in values] == [b.width + 6 for b in bars]


def test_a_hidden_band_is_text_and_never_a_bar():
    chart = charts.band_answers("Q1 by band", band_cells(), "Not shown")
    assert [r.hidden for r in chart.rows] == [None, "Not shown", "Not shown"]
    # A legend names each answer's colour, then the bars: Agree and Disagree of All bands
    # (Neutral is empty), the hidden bands as words only.
    assert [(p.label, p.colour) for p in chart.legend] == [
        ("Agree", 0), ("Neutral", 1), ("Disagree", 2)]
    svg = str(charts.to_svg(chart))
    assert svg.count("<rect") == 3 + 2
    assert svg_words(svg)[:3] == ["Agree", "Neutral", "Disagree"]
    assert "<title>Agree: 60%</title>" in svg and "<title>Disagree: 40%</title>" in svg
    assert svg.count('class="app-chart__hidden"') == 2
    drawing = charts.to_drawing(chart)
    assert len([s for s in drawing.contents if isinstance(s, Rect)]) == 3 + 2
    assert pdf_words(drawing).count("Not shown") == 2


def test_element_ratings_have_a_legend_counts_in_each_part_and_an_outline_for_the_rest():
    rows = [NS(element=NS(title="Relationships"), counts={"1": 2, "3": 1}, total=5)]
    chart = charts.element_ratings(rows, SCALE)
    assert [p.label for p in chart.legend][-1] == "Not yet rated"
    assert [(p.label, p.value) for p in chart.rows[0].parts if p.value] == [
        ("Not in place", 2), ("In place", 1), ("Not yet rated", 2)]
    svg = str(charts.to_svg(chart))
    assert svg_words(svg) == ["Not in place", "Partly in place", "In place", "Not applicable",
                              "Not yet rated", "Relationships", "2", "1"]
    assert 'app-chart__bar--empty' in svg  # the two items not yet rated: an outline
    # Counts inside dark parts are white (red and green here), in both renderers.
    assert svg.count('<text class="app-chart__value app-chart__value--light" fill="#ffffff"') == 2
    inside = [s for s in charts.to_drawing(chart).contents
              if isinstance(s, String) and s.text in ("2", "1")]
    assert [s.fillColor.hexval() for s in inside] == ["0xffffff", "0xffffff"]


def test_a_spread_needs_a_numeric_scale_and_skips_elements_nobody_rated():
    spreads = [NS(title="Health", n=3, lowest=1.0, highest=3.0, mean=2.25),
               NS(title="Nobody yet", n=0, lowest=None, highest=None, mean=None)]
    chart = charts.spread(spreads, SCALE)
    assert [r.label for r in chart.rows] == ["Health"]
    assert chart.description == "Health: lowest 1.0, highest 3.0, mean 2.2"
    svg = str(charts.to_svg(chart))
    assert '<svg class="app-chart app-spread"' in svg
    assert "consistency-chart-desc" in svg and svg.count("<circle") == 1
    assert len([s for s in charts.to_drawing(chart).contents if isinstance(s, Circle)]) == 1
    assert charts.spread(spreads, [NS(value="yes", label="Yes", colour=None)]) is None
    assert charts.to_svg(None) == ""


def test_text_is_escaped_and_long_labels_wrap_whole_within_the_chart():
    chart = charts.counts('<script>alert("x")</script>', ["<b>" + "x" * 60], [1], "c")
    svg = str(charts.to_svg(chart))
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg
    label = ("Voluntary, community or social enterprise organisation, or a charity working "
             "with the NHS")
    chart = charts.counts("Which type?", [label, "Other"], [4, 1])
    figure = layout(chart)
    lines = [m.text for m in figure.marks if isinstance(m, Text) and m.role == "label"]
    assert len(lines) >= 3 and " ".join(lines) == f"{label} Other"
    assert "\u2026" not in svg_words(str(charts.to_svg(chart)))
    assert all(width_of(line) <= figure.width for line in lines)
    assert str(charts.to_svg(chart)).count(f'width="{WIDTH}"') == 1  # drawn at its own size


def test_the_palette_is_the_one_app_css_colours_the_bars_with():
    css = APP.joinpath("static/app.css").read_text()
    found = dict(re.findall(r"\.app-chart__bar--(\d) \{ fill: (#[0-9a-f]{6}); \}", css))
    assert found == {str(n): colour for n, colour in enumerate(PALETTE)}
