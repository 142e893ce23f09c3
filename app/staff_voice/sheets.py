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
    pdf = canvas.Canvas(out, pagesize=A4, invariant=1)
    pdf.setTitle(f"Access codes: {title}")
    width, height = A4
    margin = 12 * mm
    card_w = (width - 2 * margin) / COLUMNS
    card_h = (height - 2 * margin) / ROWS
    per_page = COLUMNS * ROWS
    for index, code in enumerate(codes):
        if index and index % per_page == 0:
            pdf.showPage()
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
    pdf.showPage()
    pdf.save()
    return out.getvalue()
