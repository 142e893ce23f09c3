"""Spreadsheet cells that are text, never formulas: the one rule for every CSV and workbook this
service writes (OWASP's CSV injection advice, widened to Unicode look-alikes).

A cell starting with a character a spreadsheet may take as the start of a formula is written
with a leading apostrophe. Those characters are = + - @, tab, carriage return and line feed
(a workbook's XML turns a carriage return into a line feed, so both are read back), and every
character whose compatibility form (NFKC) is = + - @: full-width ＝＋－＠, which spreadsheets
with East Asian input turn into formulas, and their small, superscript and subscript forms.
tests/exports/test_cells.py checks the list against the whole of Unicode.
"""

from __future__ import annotations

FORMULA_START = (
    "=", "+", "-", "@", "\t", "\r", "\n",
    "\uff1d", "\uff0b", "\uff0d", "\uff20",  # full-width ＝＋－＠
    "\ufe66", "\ufe62", "\ufe63", "\ufe6b",  # small ﹦﹢﹣﹫
    "\u207c", "\u207a", "\u208c", "\u208a",  # superscript ⁼⁺, subscript ₌₊
    "\ufb29",  # Hebrew alternative plus sign
)


def text(value) -> str:
    """A CSV cell: the value as text that no spreadsheet will run."""
    shown = "" if value is None else str(value)
    return "'" + shown if shown.startswith(FORMULA_START) else shown


def value(cell):
    """A workbook cell: numbers and dates as they are, text that no spreadsheet will run."""
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return "'" + cell
    return cell


def unneutralised(shown: str) -> str:
    """Text read back from a cell this service wrote: without the apostrophe it added."""
    if shown.startswith("'") and shown[1:].startswith(FORMULA_START):
        return shown[1:]
    return shown
