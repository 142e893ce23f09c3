"""What a page says, as its runs of text, to compare one language's page with another's."""

from __future__ import annotations

import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class _Text(HTMLParser):
    """The page's sentences: each run of text between tags, and words read aloud; not what is
    marked as in another language (lang="en" on a Welsh page) nor scripts and styles."""

    def __init__(self):
        super().__init__()
        self.runs: list[str] = []
        self._open: list[bool] = []  # per open element: is what is inside it left out?

    def handle_starttag(self, tag, attrs):
        marked = dict(attrs).get("lang") == "en" and tag != "html"
        out = tag in ("script", "style") or marked or any(self._open)
        if not out:
            self.runs += [v for k, v in attrs if k in ("aria-label", "alt", "title") and v]
        if tag not in VOID:
            self._open.append(out)

    def handle_endtag(self, tag):
        if tag not in VOID and self._open:
            self._open.pop()

    def handle_data(self, data):
        if not any(self._open) and data.strip():
            self.runs.append(re.sub(r"\s+", " ", data).strip())


# The same in every language: the footer's copyright line names the organisation.
NAMES = {"© NHS England"}


def sentences(html: str) -> set[str]:
    """The page's runs of text of two words or more (names left out)."""
    parser = _Text()
    parser.feed(html)
    return {r for r in parser.runs if len(re.findall(r"[A-Za-z]{2,}", r)) >= 2 and " " in r
            and r not in NAMES}
