"""A chart as a reportlab Drawing for a PDF: the page's layout (app/charts/layout.py) laid out
to the width given and drawn with its text at TYPE points whatever the chart, so every chart in
a report reads at the same size. The PDF's headings and tables carry the words; reportlab
drawings have no text alternative of their own."""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Rect, String
from reportlab.graphics.shapes import Line as PdfLine
from reportlab.lib import colors
from reportlab.lib.units import mm

from app.charts.layout import Box, Dot, Line, Text, layout
from app.charts.shape import EMPTY, PALETTE, Chart
from app.charts.words import FONT

INK, HINT, RULE = colors.HexColor("#212b32"), colors.HexColor("#4c6272"), colors.HexColor(
    "#aeb7bd")
TYPE = 9  # points: a chart's text in a PDF, beside 9.5 to 10 point body text


def render(chart: Chart, width: float = 140 * mm) -> Drawing:
    scale = TYPE / FONT
    figure = layout(chart, width / scale)
    above, below = 4, 6  # points of space apart from the lines above and below
    drawing = Drawing(figure.width * scale, figure.height * scale + above + below)
    drawing.hAlign = "LEFT"

    def up(y: float) -> float:  # SVG's y runs down the page, reportlab's up
        return (figure.height - y) * scale + below

    for mark in figure.marks:
        if isinstance(mark, Text):
            hidden = mark.role == "hidden"
            drawing.add(String(mark.x * scale, up(mark.y), mark.text, fontSize=TYPE,
                               fontName="Helvetica-Oblique" if hidden else "Helvetica",
                               fillColor=HINT if hidden else colors.white if mark.light else INK,
                               textAnchor=mark.anchor))
        elif isinstance(mark, Box):
            empty = mark.colour is EMPTY
            drawing.add(Rect(mark.x * scale, up(mark.y + mark.height), mark.width * scale,
                             mark.height * scale,
                             fillColor=colors.white if empty else colors.HexColor(
                                 PALETTE[mark.colour]),
                             strokeColor=colors.HexColor(PALETTE[2]) if empty else colors.white,
                             strokeWidth=0.5))
        elif isinstance(mark, Line):
            grid = mark.role == "grid"
            drawing.add(PdfLine(mark.x1 * scale, up(mark.y1), mark.x2 * scale, up(mark.y2),
                                strokeColor=RULE if grid else colors.HexColor(PALETTE[0]),
                                strokeWidth=1 if grid else 6 * scale,
                                strokeLineCap=0 if grid else 1))
        elif isinstance(mark, Dot):
            drawing.add(Circle(mark.x * scale, up(mark.y), mark.r * scale,
                               fillColor=colors.white, strokeColor=INK, strokeWidth=2 * scale))
    return drawing
