"""A small base for accessible reportlab PDFs: document title and language metadata, headings
that become outline bookmarks and stay with the start of their content, table headers that break
only between words, and the usual paragraph styles. Other reports may reuse it."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as PlainTable
from reportlab.platypus.doctemplate import ActionFlowable

STYLES = getSampleStyleSheet()
MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN  # of the text on a page
SMALLEST = 5.5  # points: the least a table header shrinks to so that its words fit


class Heading(Paragraph):
    """A heading that adds itself to the PDF outline (bookmarks) at `level` (0 = top), and is
    kept on the page with the start of what follows it."""

    keepWithNext = True

    def __init__(self, text: str, level: int = 0):
        style = STYLES["Heading1" if level == 0 else "Heading2" if level == 1 else "Heading3"]
        super().__init__(escape(text), style)
        self.outline_text, self.outline_level = text, level


def kept_with_next(flowable):
    """A lead-in (a label, "18 of 30 answered") kept on the page with what follows it."""
    flowable.keepWithNext = True
    return flowable


class StartTogether(KeepTogether):
    """What keepWithNext binds: headings and lead-ins, then the flowable they introduce. When
    not all of it fits, they stay here with the part of it that does (a table's header and
    first rows, a paragraph's first two lines: reportlab splits no smaller) and go over to the
    next page only when none of it fits (a chart, which cannot be split)."""

    def split(self, aW, aH):  # noqa: N803 - reportlab's names
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        *kept, first = self._content
        if aH < self._H and kept:
            used = sum(f.wrapOn(self.canv, aW, aH)[1] + f.getSpaceAfter() for f in kept)
            used += sum(f.getSpaceBefore() for f in kept[1:]) + first.getSpaceBefore()
            parts = first.splitOn(self.canv, aW, aH - used - 1) if aH - used > 1 else []
            if parts and not isinstance(parts[0], ActionFlowable):
                return [*kept, *parts]
        return super().split(aW, aH)


class Table(PlainTable):
    """A table that, running over a page, leaves at least two of its rows at the foot of the
    page and takes at least two over under its repeated header: a row alone is easily missed.
    A little space apart from the lines above and below it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("spaceBefore", 3)
        kwargs.setdefault("spaceAfter", 3)
        super().__init__(*args, **kwargs)

    def split(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        header = self.repeatRows if isinstance(self.repeatRows, int) else 0
        here, over = (len(part._cellvalues) - header for part in parts)
        frame = getattr(self, "_frame", None)
        if here < 2 and not getattr(frame, "_atTop", False):
            return []  # all of it on the next page
        if over < 2 and here > 2:
            last = self._rowHeights[len(parts[0]._cellvalues) - 1]
            parts = super().split(availWidth, availHeight - last - 0.5) or parts
        return parts


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


PADDING = 12  # points: reportlab's default left and right padding of a cell, together


def _fitting(text: str, width: float, style: ParagraphStyle) -> float:
    """The largest size, up to the style's, at which every word of `text` fits `width`."""
    size = style.fontSize
    for word in text.split():
        while size > SMALLEST and stringWidth(word, style.fontName, size) > width:
            size -= 0.25
    return size


def _sized(style: ParagraphStyle, size: float) -> ParagraphStyle:
    if size >= style.fontSize:
        return style
    return ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size,
                          leading=style.leading * size / style.fontSize)


def header_row(texts: list[str], widths: list[float],
               styles: list[ParagraphStyle]) -> list[Paragraph]:
    """A table's header cells, broken only between words: where a word is wider than its
    column, the whole row's type shrinks together (to no less than SMALLEST points)."""
    scale = min((_fitting(t, w - PADDING, s) / s.fontSize
                 for t, w, s in zip(texts, widths, styles, strict=True)), default=1)
    return [Paragraph(escape(t), _sized(s, round(s.fontSize * scale * 4) / 4))
            for t, s in zip(texts, styles, strict=True)]


def table(rows: list[list[str]], widths: list[float] | None = None) -> Table:
    """A simple table with a header row whose words fit their columns."""
    widths = widths or [WIDTH / len(rows[0])] * len(rows[0])
    data = [[para(str(c)) for c in row] for row in rows]
    data[0] = header_row([str(c) for c in rows[0]], widths, [STYLES["BodyText"]] * len(widths))
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
               keepTogetherClass=StartTogether,
               leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN)

    def first(canvas, _doc):
        canvas.showOutline()
        # Viewers then show the title, not the file name (WCAG PDF18).
        canvas.setViewerPreference("DisplayDocTitle", "true")

    doc.build(story, onFirstPage=first)
    return out.getvalue()
