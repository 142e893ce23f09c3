"""What every printout of a wave says (cards, poster), and the parts they share: the QR code as
vector squares, paragraph styles, and an address that breaks only where it can be read.

Text is laid out by reportlab's platypus, which measures every line (stringWidth) and wraps it,
inside KeepInFrame boxes that shrink their content when it is too long, so a long title or
organisation name still fits and no text is drawn over another or outside its box.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

import segno
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer

from app.definitions import for_wave
from app.formatting import long_date
from app.models.staff_voice import Wave
from app.staff_voice.waves import short_link

QUIET_MODULES = 2  # the light border a reader needs round the code, drawn as part of it
BOLD = "Helvetica-Bold"
# Addresses to type are set in a fixed-width face: each character stands apart (and a printout's
# address is not mistaken for a heading by software that reads the PDF aloud).
ADDRESS_FONT = "Courier-Bold"


@dataclass(frozen=True)
class Printed:
    """What a card or poster says about a wave."""

    title: str
    organisation: str
    closes: str  # "18 November 2026"
    url: str  # the short address in full, as in the QR code
    uses_codes: bool
    anonymity: str  # the survey's own promise, as on its first page (prose: paragraphs, "- ")

    @property
    def typed(self) -> str:
        return typed_address(self.url)

    @classmethod
    def of(cls, wave: Wave) -> Printed:
        survey = for_wave(wave)
        return cls(title=survey.title, organisation=wave.organisation.name,
                   closes=long_date(wave.closes_on), url=short_link(wave),
                   uses_codes=wave.uses_codes, anonymity=survey.intro or "")


def typed_address(url: str) -> str:
    """The address to type: without https://, which browsers add themselves (http:// stays)."""
    return url.removeprefix("https://")


def qr_svg(url: str) -> bytes:
    """The QR code for the wave's page (an image leads can save)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=6, border=QUIET_MODULES,
                                    title="QR code for the survey's short address")
    return out.getvalue()


class QrCode(Flowable):
    """A QR code `size` points square, its quiet border included, drawn as filled squares (one
    rectangle per run of dark modules, so no seams show between them)."""

    def __init__(self, url: str, size: float):
        super().__init__()
        self.rows = [list(row) for row in segno.make(url, error="m").matrix_iter(
            border=QUIET_MODULES)]
        self.size = size

    def wrap(self, _available_width, _available_height):
        return self.size, self.size

    def draw(self):
        module = self.size / len(self.rows)
        path = self.canv.beginPath()
        for r, row in enumerate(self.rows):
            y = self.size - (r + 1) * module
            c = 0
            while c < len(row):
                if not row[c]:
                    c += 1
                    continue
                start = c
                while c < len(row) and row[c]:
                    c += 1
                path.rect(start * module, y, (c - start) * module, module)
        self.canv.setFillGray(0)
        self.canv.drawPath(path, stroke=0, fill=1)


def style(name: str, size: float, bold: bool = False, **kw) -> ParagraphStyle:
    """Leading 1.25 times the size, so lines never touch."""
    kw.setdefault("fontName", BOLD if bold else "Helvetica")
    return ParagraphStyle(name, fontSize=size, leading=size * 1.25, **kw)


def text(words: str, paragraph_style: ParagraphStyle) -> Paragraph:
    """Plain text as a paragraph: <, > and & in a name are text, not markup."""
    return Paragraph(escape(words), paragraph_style)


def address(typed: str, width: float, size: float, smallest: float,
            **kw) -> list[Paragraph]:
    """The address in ADDRESS_FONT, on one line at `size` if it fits in `width`; else the host (as
    large as fits, down to `smallest`, then broken after a dot or a dash) and below it
    /s/K7QF-2M at `size`, which is never broken. `kw` are style settings (alignment)."""
    if stringWidth(typed, ADDRESS_FONT, size) <= width:
        return [text(typed, style("address", size, fontName=ADDRESS_FONT, **kw))]
    host, _sep, short = typed.rpartition("/s/")
    host_size = size
    while host_size > smallest and stringWidth(host, ADDRESS_FONT, host_size) > width:
        host_size -= 0.5
    lines = "<br/>".join(escape(line) for line in _host_lines(host, host_size, width))
    return [Paragraph(lines, style("host", host_size, fontName=ADDRESS_FONT, **kw)),
            text(f"/s/{short}", style("address", size, fontName=ADDRESS_FONT, **kw))]


def _host_lines(host: str, size: float, width: float) -> list[str]:
    """The host in lines that fit `width`, broken only after a dot or a dash (a part longer than
    a line is split by the paragraph itself, so it still never leaves its box)."""
    lines = [""]
    for part in re.findall(r"[^.-]+[.-]?|[.-]", host):
        if lines[-1] and stringWidth(lines[-1] + part, ADDRESS_FONT, size) > width:
            lines.append(part)
        else:
            lines[-1] += part
    return lines


def prose(words: str, paragraph_style: ParagraphStyle,
          bullet_style: ParagraphStyle) -> list[Flowable]:
    """Definition prose as on the survey's pages: paragraphs split on blank lines, "- " lines
    a bullet list (as the start page's prose macro)."""
    out: list[Flowable] = []
    for block in (words or "").strip().split("\n\n"):
        lines = [line.strip() for line in block.strip().split("\n")]
        if lines[0].startswith("- "):
            out += [Paragraph(escape(line[2:]), bullet_style, bulletText="\u2022")
                    for line in lines]
            out.append(Spacer(1, paragraph_style.spaceAfter))
        elif lines[0]:
            out.append(text(" ".join(lines), paragraph_style))
    return out
