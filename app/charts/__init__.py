"""Charts: one shape (shape.py), made from analysis results (builders.py), laid out once
(layout.py) and drawn as inline SVG for pages (svg.py, the Jinja filter `chart_svg`) or as a
reportlab Drawing for PDFs (drawing.py), so a chart looks the same on a page and in its PDF.

    chart = charts.counts("Which best describes you?", labels, values, key="chart-1")
    charts.to_svg(chart)      # a page; in a template: {{ chart | chart_svg }}
    charts.to_drawing(chart)  # a PDF's story
"""

from app.charts.builders import band_answers, counts, element_ratings, scores, shares, spread
from app.charts.drawing import render as to_drawing
from app.charts.shape import Chart, Kind, Part, Row
from app.charts.svg import render as to_svg

__all__ = ["Chart", "Kind", "Part", "Row", "band_answers", "counts", "element_ratings", "scores",
           "shares", "spread", "to_drawing", "to_svg"]
