"""Reading a PDF's outline (its bookmarks) back, for the tests of every report."""

from __future__ import annotations


def outline_titles(outline) -> list[str]:
    """Every bookmark's title in order, nested ones included (pass `PdfReader(...).outline`)."""
    titles: list[str] = []
    for entry in outline:
        titles += outline_titles(entry) if isinstance(entry, list) else [entry.title]
    return titles
