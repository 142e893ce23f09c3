"""How wide a chart's words are, and labels wrapped to a width: so a long label takes more
lines and is never cut off or shortened (app/charts/layout.py).

Widths are Helvetica's (reportlab's metrics, which Arial and Liberation Sans share), with room
for DejaVu Sans, the widest font a browser commonly falls back to (about 15% wider).
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

FONT = 16  # a chart's text size, in layout units (app.css sets the same in px)
LINE = 20  # from one line of a label to the next
SPARE = 1.16  # room for DejaVu Sans


def width_of(text: str) -> float:
    return stringWidth(text, "Helvetica", FONT) * SPARE


def wrap(text: str, width: float) -> list[str]:
    """The text in lines no wider than `width`, broken between words; a word wider than the
    whole width (a long code or address) is broken where it must be."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        while width_of(word) > width and len(word) > 1:
            cut = max(n for n in range(1, len(word)) if width_of(word[:n]) <= width or n == 1)
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:cut])
            word = word[cut:]
        joined = f"{line} {word}" if line else word
        if line and width_of(joined) > width:
            lines.append(line)
            line = word
        else:
            line = joined
    if line:
        lines.append(line)
    return lines or [""]
