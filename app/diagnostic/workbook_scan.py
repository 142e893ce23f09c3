"""One streaming pass of expat (C, no tree built) over one XML part of an uploaded workbook, for
app/diagnostic/workbook_file.py: it refuses a document type declaration (so any entity, internal
or external) and XML that is not well-formed, counts elements against a budget shared by all the
parts, follows rows and cells as openpyxl numbers them (stopping at the first beyond the bounds),
and notes what names the parts: sheet names, relationships and content types."""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from xml.parsers import expat

from openpyxl.utils import column_index_from_string, get_column_letter

CHUNK = 64 * 1024
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main "  # as expat joins names
CELL, ROW, DIMENSION = MAIN + "c", MAIN + "row", MAIN + "dimension"
POSITION = re.compile(r"\$?([A-Za-z]{0,3})\$?([0-9]{0,9})")
# How an XML part can start (whitespace, a byte order mark, UTF-16); no picture starts so.
XML_STARTS = (b"<", b" ", b"\t", b"\r", b"\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00<")


class Problem(Exception):
    """The first problem in one part: (what, detail), named once the sheet names are known."""


class TooMuch(Exception):
    """The budget of elements for all the parts is spent."""


@dataclass
class Part:
    name: str
    root: str = ""
    elements: int = 0
    sheets: list[tuple[str, str]] = field(default_factory=list)  # workbook: (name, rel id)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # rels: (id, target, type)
    types: list[tuple[str, str]] = field(default_factory=list)  # content types: (part, type)
    problem: tuple[str, str] | None = None


class _Handlers:
    def __init__(self, part: Part, budget: list[int], max_rows: int, max_columns: int):
        self.part, self.budget = part, budget
        self.max_rows, self.max_columns = max_rows, max_columns
        self.row = self.column = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        self.budget[0] -= 1
        if self.budget[0] < 0:
            raise TooMuch
        part = self.part
        part.elements += 1
        if not part.root:
            part.root = tag.rpartition(" ")[2]
        # Rows and cells wherever they are, as openpyxl finds them by their namespaced names.
        if tag == CELL:
            self.cell(attrs.get("r"))
            return
        if tag == ROW:
            self.next_row(attrs.get("r"))
            return
        if tag == DIMENSION:
            self.dimension(attrs.get("ref", ""))
            return
        local = tag.rpartition(" ")[2]
        if local == "sheet" and part.root == "workbook":
            rel = next((v for k, v in attrs.items() if k.endswith(" id")), "")
            part.sheets.append((attrs.get("name", ""), rel))
        elif local == "Relationship" and attrs.get("TargetMode") != "External":
            part.links.append((attrs.get("Id", ""), attrs.get("Target", ""),
                               attrs.get("Type", "")))
        elif local == "Override":
            part.types.append((attrs.get("PartName", ""), attrs.get("ContentType", "")))

    def within(self, column: int, row: int, what: str) -> None:
        if column > self.max_columns or row > self.max_rows:
            raise Problem("beyond", what)

    def next_row(self, number: str | None) -> None:
        if number is None:
            self.row += 1
        else:
            try:
                value = float(number)
            except ValueError:
                value = 0.5
            if not value.is_integer() or value < 1:
                raise Problem("position", f"a row's number '{number[:20]}'")
            self.row = int(min(value, 1e12))
        self.column = 0
        self.within(0, self.row, f"has row {self.row}")

    def cell(self, ref: str | None) -> None:
        if ref is None:
            self.column += 1
            self.within(self.column, self.row,
                        f"has a cell at {get_column_letter(self.column)}{self.row}")
            return
        found = POSITION.fullmatch(ref)
        if not found or not found[1] or not found[2] or int(found[2]) < 1:
            raise Problem("position", f"a cell's position '{ref[:20]}'")
        self.column = column_index_from_string(found[1].upper())
        self.within(self.column, int(found[2]), f"has a cell at {ref.upper()}")

    def dimension(self, ref: str) -> None:
        ends = [POSITION.fullmatch(end) for end in ref.split(":")]
        if not ref or len(ends) > 2 or not all(ends):
            raise Problem("position", f"its declared size '{ref[:40]}'")
        columns = [column_index_from_string(e[1].upper()) for e in ends if e and e[1]]
        rows = [int(e[2]) for e in ends if e and e[2]]
        last = ref.split(":")[-1].replace("$", "").upper()
        self.within(max(columns, default=0), max(rows, default=0),
                    f"is marked as using cells up to {last}")


def _refuse_dtd(*_args) -> None:
    raise Problem("dtd", "")


def scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int],
              max_rows: int, max_columns: int) -> Part:
    """What one part holds, with the first problem in it; TooMuch when the budget runs out."""
    part = Part(info.filename)
    handlers = _Handlers(part, budget, max_rows, max_columns)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.StartElementHandler = handlers.start
    try:
        with archive.open(info) as stream:
            chunk = stream.read(CHUNK)
            if not chunk.startswith(XML_STARTS):
                return part  # not XML (a picture, say): openpyxl never parses it
            while chunk:
                parser.Parse(chunk, False)
                chunk = stream.read(CHUNK)
            parser.Parse(b"", True)
    except Problem as problem:
        part.problem = problem.args
    except expat.ExpatError as exc:
        part.problem = ("xml", str(exc))
    # zipfile's own words for a damaged or unusual member: a bad header, a bad offset (a
    # negative seek is a ValueError), a method it cannot undo, a password (RuntimeError)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, ValueError,
            RuntimeError) as exc:
        part.problem = ("unpack", str(exc)[:200])
    return part
