"""The printable sheet of access codes: A4 pages of ten cut-out cards, each with the survey, its
QR code and short address, one code, and what anonymity means (PDF)."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from reportlab.platypus import Frame, KeepInFrame, Paragraph, Spacer, Table

from app.staff_voice.printing import Printed, QrCode, address, style, text

COLUMNS, ROWS = 2, 5  # ten cut-out cards a page
PER_PAGE = COLUMNS * ROWS
PAGE_W, PAGE_H = A4
MARGIN = 12 * mm
CARD_W, CARD_H = (PAGE_W - 2 * MARGIN) / COLUMNS, (PAGE_H - 2 * MARGIN) / ROWS
PADDING = 4 * mm  # inside the cutting line, so scissors a little off still miss the text
QR_SIZE = 27 * mm  # 29 to 37 modules with the border: about 0.8 mm each, easy for a phone
GAP = 3 * mm

TITLE = style("title", 10, bold=True)
ORGANISATION = style("organisation", 8)
SMALL = style("small", 7.5)
CODE = style("code", 13, fontName="Courier-Bold")
HEADING_FONT, HEADING_SIZE, HEADING_SMALLEST = "Helvetica-Bold", 9, 6


def code_sheet(codes: list[str], about: Printed) -> bytes:
    """A4 pages of cards, one code on each."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=1, lang="en-GB")
    pdf.setTitle(f"Access codes: {about.title}")
    pdf.setViewerPreference("DisplayDocTitle", "true")
    pages = max(1, -(-len(codes) // PER_PAGE))
    for page in range(pages):
        _page_heading(pdf, f"Access codes: {about.title}, page {page + 1} of {pages}")
        for slot, code in enumerate(codes[page * PER_PAGE:(page + 1) * PER_PAGE]):
            _card(pdf, slot, code, about)
        pdf.showPage()
    pdf.showOutline()
    pdf.save()
    return out.getvalue()


def card_box(slot: int) -> tuple[float, float, float, float]:
    """(x, y, width, height) of a card's cutting line on its page, slot 0 top left."""
    x = MARGIN + (slot % COLUMNS) * CARD_W
    y = PAGE_H - MARGIN - (slot // COLUMNS + 1) * CARD_H
    return x, y, CARD_W, CARD_H


def _card(pdf: canvas.Canvas, slot: int, code: str, about: Printed) -> None:
    x, y, width, height = card_box(slot)
    pdf.setDash(3, 3)
    pdf.rect(x, y, width, height)
    pdf.setDash()
    inner_w, inner_h = width - 2 * PADDING, height - 2 * PADDING
    left_w = inner_w - QR_SIZE - GAP
    how_to = [text("Scan the QR code, or type this address:", SMALL),
              *address(about.typed, left_w, 14, 8), Spacer(1, 4),
              text("Your access code:", SMALL), text(code, CODE)]
    middle = Table([[how_to, QrCode(about.url, QR_SIZE)]], colWidths=[left_w + GAP, QR_SIZE],
                   style=[("VALIGN", (0, 0), (-1, -1), "TOP"),
                          ("LEFTPADDING", (0, 0), (-1, -1), 0),
                          ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                          ("TOPPADDING", (0, 0), (-1, -1), 0),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), 0)], hAlign="LEFT")
    promise = Paragraph(
        "The code works once. It is not stored with your answers, so nobody can tell who "
        f"answered what. <b>Closes {escape(about.closes)}.</b>", SMALL)
    content = [text(about.title, TITLE), text(about.organisation, ORGANISATION), Spacer(1, 3),
               middle, Spacer(1, 3), promise]
    frame = Frame(x + PADDING, y + PADDING, inner_w, inner_h, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    left = [KeepInFrame(inner_w, inner_h, content, mode="shrink")]
    frame.addFromList(left, pdf)
    if left:  # shrinking always fits; a card must never silently lose its code
        raise RuntimeError("an access card did not fit")


def _page_heading(pdf: canvas.Canvas, heading: str) -> None:
    """A line in the top margin, first in reading order, that is also the page's bookmark;
    smaller for a long title, and cut short only if it still does not fit."""
    room, size = PAGE_W - 2 * MARGIN, HEADING_SIZE
    while size > HEADING_SMALLEST and stringWidth(heading, HEADING_FONT, size) > room:
        size -= 0.5
    line = heading
    while stringWidth(line, HEADING_FONT, size) > room:
        line = line[:-2] + "\u2026"
    pdf.setFont(HEADING_FONT, size)
    pdf.drawString(MARGIN, PAGE_H - MARGIN + 3 * mm, line)
    key = f"page{pdf.getPageNumber()}"
    pdf.bookmarkPage(key)
    pdf.addOutlineEntry(heading, key, 0)
