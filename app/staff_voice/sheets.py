"""The printable sheet of access codes (PDF) and the QR code of a wave's link (SVG)."""

from __future__ import annotations

import io

import segno
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

COLUMNS, ROWS = 2, 5  # ten cut-out cards a page


def qr_svg(link: str) -> bytes:
    out = io.BytesIO()
    segno.make(link, error="m").save(out, kind="svg", scale=6, border=2,
                                     title="QR code for the survey link")
    return out.getvalue()


def code_sheet(codes: list[str], link: str, organisation: str, title: str,
               closes: str) -> bytes:
    """A4 pages of cards, each with the link, one code and what anonymity means."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=1, lang="en-GB")
    pdf.setTitle(f"Access codes: {title}")
    pdf.setViewerPreference("DisplayDocTitle", "true")
    pages = max(1, -(-len(codes) // (COLUMNS * ROWS)))
    width, height = A4
    margin = 12 * mm
    card_w = (width - 2 * margin) / COLUMNS
    card_h = (height - 2 * margin) / ROWS
    per_page = COLUMNS * ROWS
    for index, code in enumerate(codes):
        if index and index % per_page == 0:
            pdf.showPage()
        if index % per_page == 0:
            _page_heading(pdf, f"Access codes: {title}, page {index // per_page + 1} of {pages}",
                          margin, height)
        slot = index % per_page
        x = margin + (slot % COLUMNS) * card_w
        y = height - margin - (slot // COLUMNS + 1) * card_h
        pdf.setDash(3, 3)
        pdf.rect(x, y, card_w, card_h)
        pdf.setDash()
        text = pdf.beginText(x + 5 * mm, y + card_h - 9 * mm)
        text.setFont("Helvetica-Bold", 10)
        text.textLine(title[:60])
        text.setFont("Helvetica", 8)
        text.textLine(organisation[:70])
        text.textLine("")
        text.textLine("Go to:")
        text.textLine(link)
        text.textLine("")
        text.textLine("Your access code:")
        text.setFont("Courier-Bold", 16)
        text.textLine(code)
        text.setFont("Helvetica", 7)
        text.textLine("")
        text.textLine("The code works once. It is not stored with your answers, so")
        text.textLine(f"nobody can tell who answered what. Closes {closes}.")
        pdf.drawText(text)
    if not codes:
        _page_heading(pdf, f"Access codes: {title}, page 1 of 1", margin, height)
    pdf.showPage()
    pdf.showOutline()
    pdf.save()
    return out.getvalue()


def _page_heading(pdf, heading: str, margin: float, height: float) -> None:
    """A line in the top margin, first in reading order, that is also the page's bookmark."""
    pdf.setFont("Helvetica-Bold", 9)
    pdf.drawString(margin, height - margin + 3 * mm, heading[:110])
    key = f"page{pdf.getPageNumber()}"
    pdf.bookmarkPage(key)
    pdf.addOutlineEntry(heading, key, 0)
