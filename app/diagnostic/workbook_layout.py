"""The diagnostic workbook's layout, shared by the export (app/exports/diagnostic_xlsx.py) and
the import (app/diagnostic/workbook_import.py): the sheets, the heading row and its columns.
It lives with the domain so that the import does not reach up into the outputs layer."""

from __future__ import annotations

ABOUT_SHEET = "About"
# What staff told us, for reading only: the import passes over it.
STAFF_VOICE_SHEET = "What staff told us"
# Each element's score in every cycle so far, for reading only: the import passes over it.
TREND_SHEET = "Trend across cycles"
READ_ONLY_SHEETS = (STAFF_VOICE_SHEET, TREND_SHEET)
HEADER_ROW = 3
# (header, width): the header text is what the import looks for, so keep the two in step.
COLUMNS = [
    ("Item id", 24), ("Sub-area", 24), ("Item", 50), ("Rating", 16),
    ("What is in place now", 40), ("Evidence", 40), ("Evidence links", 30), ("Gaps", 40),
    ("Action", 40), ("Action owner", 20), ("Action due date", 16), ("Action status", 14),
]
HEADERS = [h for h, _ in COLUMNS]
ANSWER_COLUMNS = {"What is in place now": "offer", "Evidence": "evidence",
                  "Evidence links": "evidence_links", "Gaps": "gaps"}


def sheet_title(element, used: set[str]) -> str:
    """The element's title as a sheet name (31 characters at most, no []:*?/\\)."""
    base = "".join(ch for ch in element.title if ch not in "[]:*?/\\")
    if len(base) > 31:  # cut at a word, so the name still reads well
        base = base[:32].rsplit(" ", 1)[0] if " " in base[:32] else base[:31]
    base = base.strip()
    title, n = base, 2
    while title.lower() in used:
        title = f"{base[:28]} {n}"
        n += 1
    used.add(title.lower())
    return title


def sheet_titles(survey) -> dict[str, str]:
    """element id -> sheet name, for every element of the definition."""
    used = {name.lower() for name in (ABOUT_SHEET, *READ_ONLY_SHEETS)}
    return {e.id: sheet_title(e, used) for e in survey.elements}
