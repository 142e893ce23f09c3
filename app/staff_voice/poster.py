"""The poster for staff rooms (A4 portrait PDF): the survey and organisation, a big QR code, the
short address, the closing date, whether an access code is needed, and the survey's own
anonymity promise, worded as on its first page. It always fits one page: everything on it
shrinks together if a title, name or promise is long."""

from __future__ import annotations

import io

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import Frame, KeepInFrame, Spacer

from app.staff_voice.printing import Printed, QrCode, address, prose, style, text

PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
QR_SIZE = 90 * mm

ORGANISATION = style("organisation", 16, alignment=TA_CENTER)
TITLE = style("title", 28, bold=True, alignment=TA_CENTER)
INSTRUCTION = style("instruction", 14, alignment=TA_CENTER)
CLOSES = style("closes", 18, bold=True, alignment=TA_CENTER)
ACCESS = style("access", 13, alignment=TA_CENTER)
HEADING = style("heading", 16, bold=True, spaceBefore=6, spaceAfter=2)
PROMISE = style("promise", 11, spaceAfter=4)
BULLET = style("bullet", 11, leftIndent=14, bulletIndent=3, spaceAfter=1)

CODES = "You need the access code from the card or sheet you were given."
NO_CODES = "You do not need a code or an account."


def poster(about: Printed) -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=1, lang="en-GB")
    pdf.setTitle(f"Poster: {about.title}")
    pdf.setViewerPreference("DisplayDocTitle", "true")
    width, height = PAGE_W - 2 * MARGIN, PAGE_H - 2 * MARGIN
    qr = QrCode(about.url, QR_SIZE)
    qr.hAlign = "CENTER"
    content = [
        text(about.organisation, ORGANISATION), Spacer(1, 4), text(about.title, TITLE),
        Spacer(1, 10), qr, Spacer(1, 6),
        text("Scan the QR code with your phone's camera, or type this address:", INSTRUCTION),
        Spacer(1, 4),
        *address(about.typed, width, 30, 12, alignment=TA_CENTER),
        Spacer(1, 8),
        text(f"Closes on {about.closes}", CLOSES),
        Spacer(1, 4),
        text(CODES if about.uses_codes else NO_CODES, ACCESS),
        Spacer(1, 8),
        text("This survey is anonymous", HEADING),
        *prose(about.anonymity, PROMISE, BULLET),
    ]
    frame = Frame(MARGIN, MARGIN, width, height, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0)
    left = [KeepInFrame(width, height, content, mode="shrink")]
    frame.addFromList(left, pdf)
    if left:  # shrinking always fits; a poster must never silently lose its text
        raise RuntimeError("the poster did not fit its page")
    pdf.showPage()
    pdf.save()
    return out.getvalue()
