"""A small base for accessible reportlab PDFs: document title and language metadata, headings
that become outline bookmarks, and the usual paragraph styles. Other reports may reuse it."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

STYLES = getSampleStyleSheet()


class Heading(Paragraph):
    """A heading that adds itself to the PDF outline (bookmarks) at `level` (0 = top)."""

    def __init__(self, text: str, level: int = 0):
        style = STYLES["Heading1" if level == 0 else "Heading2" if level == 1 else "Heading3"]
        super().__init__(escape(text), style)
        self.outline_text, self.outline_level = text, level


class _Doc(SimpleDocTemplate):
    def afterFlowable(self, flowable):  # noqa: N802 - reportlab's hook name
        if isinstance(flowable, Heading):
            key = f"h{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.outline_text, key, flowable.outline_level)


def para(text: str, style: str = "BodyText") -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), STYLES[style])


def spacer(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)


def table(rows: list[list[str]], widths: list[float] | None = None) -> Table:
    """A simple table with a header row."""
    data = [[para(str(c)) for c in row] for row in rows]
    t = Table(data, colWidths=widths, repeatRows=1)
    t.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edee")),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#aeb7bd")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return t


def build(title: str, story: list, author: str = "NHS Health and wellbeing platform",
          subject: str = "") -> bytes:
    """Render `story` to PDF bytes with the title as metadata and the outline shown on open."""
    out = io.BytesIO()
    doc = _Doc(out, pagesize=A4, title=title, author=author, subject=subject, lang="en-GB",
               leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm, bottomMargin=18 * mm)

    def first(canvas, _doc):
        canvas.showOutline()
        # Viewers then show the title, not the file name (WCAG PDF18).
        canvas.setViewerPreference("DisplayDocTitle", "true")

    doc.build(story, onFirstPage=first)
    return out.getvalue()
