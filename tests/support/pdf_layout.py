"""What a careful reader of a PDF would see wrong, read back with pdfplumber: text outside the
page's margins, text drawn over other text or across a table's rule, words cut short with an
ellipsis, a word split over two lines of a table header, and a heading left at the foot of a
page without its content.

    faults = layout_faults(pdf_bytes, margin=18 * mm)
    assert not faults, "\\n".join(faults)

Positions are PDF points; `top` grows down the page, as pdfplumber gives it.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from collections.abc import Iterable

import pdfplumber

TOLERANCE = 0.6  # points: rounding in the PDF and in pdfplumber's font metrics
CELL = 24  # points: the grid that buckets characters when looking for overlaps


def layout_faults(pdf: bytes, margin: float, heading_size: float = 10) -> list[str]:
    """Every fault found, one line each, naming the page (from 1) and the text.

    A heading is a line set in bold at `heading_size` points or more (app/reports/pdf.py's
    headings, and Heading4 labels)."""
    faults: list[str] = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        pages = [_Page(page) for page in doc.pages]
        for number, page in enumerate(pages, start=1):
            where = f"page {number}"
            faults += [f"{where}: {f}" for f in page.outside(margin)]
            faults += [f"{where}: {f}" for f in page.overlaps()]
            faults += [f"{where}: {f}" for f in page.across_rules()]
            faults += [f"{where}: {f}" for f in page.cut_short()]
        words = {w for page in pages for line in page.lines for w in _words(_text(line))}
        for number, page in enumerate(pages, start=1):
            faults += [f"page {number}: {f}" for f in page.split_header_words(words)]
        faults += stranded_headings(pages, heading_size)
    return faults


def _text(chars: Iterable[dict]) -> str:
    """The characters left to right, with a space wherever a gap is wider than a fifth of the
    type size (spaces themselves are left out of the characters compared)."""
    out, last = [], None
    for c in sorted(chars, key=lambda c: c["x0"]):
        if last is not None and c["x0"] - last["x1"] > 0.2 * c["size"]:
            out.append(" ")
        out.append(c["text"])
        last = c
    return "".join(out)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _lines(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into lines by their top edge, top to bottom."""
    lines: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        if lines and abs(lines[-1][0]["top"] - char["top"]) <= TOLERANCE * 2:
            lines[-1].append(char)
        else:
            lines.append([char])
    return lines


class _Page:
    def __init__(self, page):
        self.page = page
        self.width, self.height = float(page.width), float(page.height)
        self.chars = [c for c in page.chars if c["text"].strip()]
        self.lines = _lines(self.chars)

    def outside(self, margin: float) -> list[str]:
        left, top = margin - TOLERANCE, margin - TOLERANCE
        right, bottom = self.width - margin + TOLERANCE, self.height - margin + TOLERANCE
        out = []
        for line in self.lines:
            astray = [c for c in line if c["x0"] < left or c["x1"] > right or c["top"] < top
                      or c["bottom"] > bottom]
            if astray:
                out.append(f"text outside the margins: {_text(line)!r}")
        return out

    def overlaps(self) -> list[str]:
        """Pairs of characters whose boxes intersect: text drawn over text, whether two lines
        run into each other or a label runs into the next one on its line."""
        buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i, c in enumerate(self.chars):
            for bx in range(int(c["x0"] // CELL), int(c["x1"] // CELL) + 1):
                for by in range(int(c["top"] // CELL), int(c["bottom"] // CELL) + 1):
                    buckets[bx, by].append(i)
        pairs = set()
        for members in buckets.values():
            for n, i in enumerate(members):
                for j in members[n + 1:]:
                    a, b = self.chars[i], self.chars[j]
                    if (min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > TOLERANCE
                            and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                            > TOLERANCE):
                        pairs.add((min(i, j), max(i, j)))
        seen, out = set(), []
        for i, j in sorted(pairs):
            words = (self._word_at(self.chars[i]), self._word_at(self.chars[j]))
            if words not in seen:
                seen.add(words)
                out.append(f"text overlaps other text: {words[0]!r} and {words[1]!r}")
        return out

    def _word_at(self, char: dict) -> str:
        line = next(line for line in self.lines if char in line)
        ordered = sorted(line, key=lambda c: c["x0"])
        at = ordered.index(char)
        start = end = at
        while start > 0 and ordered[start]["x0"] - ordered[start - 1]["x1"] < 1:
            start -= 1
        while end < len(ordered) - 1 and ordered[end + 1]["x0"] - ordered[end]["x1"] < 1:
            end += 1
        return "".join(c["text"] for c in ordered[start:end + 1])

    def cut_short(self) -> list[str]:
        """Words cut off with an ellipsis (a label shortened to fit, its end lost)."""
        return [f"text cut short: {_text(line)!r}" for line in self.lines
                if re.search(r"\w\u2026", _text(line))]

    def across_rules(self) -> list[str]:
        """Text running over a vertical rule (a table's grid): out of its cell."""
        rules = [ln for ln in self.page.lines
                 if abs(ln["x0"] - ln["x1"]) < 0.5 and ln["bottom"] - ln["top"] > 2]
        out = []
        for line in self.lines:
            for rule in rules:
                x = rule["x0"]
                if any(c["x0"] < x - TOLERANCE and c["x1"] > x + TOLERANCE
                       and c["top"] < rule["bottom"] - TOLERANCE
                       and c["bottom"] > rule["top"] + TOLERANCE for c in line):
                    out.append(f"text runs across a table's rule: {_text(line)!r}")
                    break
        return out

    def split_header_words(self, words: set[str]) -> list[str]:
        """A word broken over two lines in a table's first row: reportlab breaks a word wider
        than its column where the column ends. So: a line that fills its cell to within the
        next character, whose last word joined to the next line's first is a word the document
        uses elsewhere ("Relationship" / "s"), and not two words ("Professional" / "wellbeing")."""
        out = []
        for table in self.page.find_tables():
            for cell in table.rows[0].cells if table.rows else ():
                if cell is None:
                    continue
                x0, top, x1, bottom = cell
                inside = [c for c in self.chars if c["x0"] >= x0 - TOLERANCE
                          and c["x1"] <= x1 + TOLERANCE and c["top"] >= top - TOLERANCE
                          and c["bottom"] <= bottom + TOLERANCE]
                lines = [sorted(line, key=lambda c: c["x0"]) for line in _lines(inside)]
                if not lines:
                    continue
                padding = min(line[0]["x0"] for line in lines) - x0
                for upper, lower in zip(lines, lines[1:], strict=False):
                    nxt = lower[0]
                    if (x1 - padding) - upper[-1]["x1"] >= nxt["x1"] - nxt["x0"]:
                        continue  # room for another character: the line broke at a space
                    head, tail = _words(_text(upper)), _words(_text(lower))
                    if head and tail and head[-1] + tail[0] in words:
                        out.append("a word is split over two lines of a table header: "
                                   f"{_text(upper)!r} / {_text(lower)!r}")
        return out


def _is_heading(line: list[dict], size: float) -> bool:
    return all("Bold" in c["fontname"] and c["size"] >= size - 0.1 for c in line)


def stranded_headings(pages: list[_Page], size: float) -> list[str]:
    """A heading that ends its page, or is followed there by a single line while its content
    goes on over the page (the next page starts with something other than a heading)."""
    out = []
    for number, page in enumerate(pages[:-1], start=1):
        lines = page.lines
        following = pages[number].lines
        next_is_heading = bool(following) and _is_heading(following[0], size)
        for at, line in enumerate(lines):
            if not _is_heading(line, size):
                continue
            after = [ln for ln in lines[at + 1:] if not _is_heading(ln, size)]
            if len(lines) - at - 1 != len(after):
                continue  # another heading follows on this page: judged on its own
            if not after or (len(after) == 1 and not next_is_heading):
                out.append(f"page {number}: heading {_text(line)!r} is left at the foot of "
                           f"the page, its content on the next")
    return out
