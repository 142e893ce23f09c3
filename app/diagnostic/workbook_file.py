"""Opening an uploaded workbook without trusting it.

An .xlsx file is a zip of XML parts, and openpyxl parses a sheet's XML only as its rows are asked
for, so a hostile file would fail (or run for seconds) half way through reading. Everything that
could do that is checked first, from the zip's directory and one streaming pass of expat (C, no
tree built) over every XML part:

- the file: not empty, a zip (an OLE file is Excel's password protection, or an old .xls), no
  part marked encrypted, at most MAX_PARTS parts, at most MAX_UNPACKED_BYTES once unpacked by its
  directory (a part that unpacks to more than the directory says stops there and fails its CRC);
- every XML part: well-formed, no document type declaration (so no entities, internal or
  external; Excel never writes one), at most MAX_ELEMENTS elements in all the parts;
- the workbook: at most MAX_SHEETS sheets, each sheet's part present;
- each sheet: its declared size, then every row and cell, within the caller's rows and columns.
  The pass stops at the first cell beyond them, so a far cell is refused at once.

Only then does openpyxl read it (through defusedxml, a second defence against entities), rows
bounded to the same size; anything it still raises is a refusal naming the sheet.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from xml.parsers import expat

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter

MAX_BYTES = 2 * 1024 * 1024  # the upload itself
# What the zip expands to, by its directory: a workbook with every text of the diagnostic at
# its longest (5,000 characters) and three actions an item is 2.3 MB.
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_PARTS = 500
MAX_SHEETS = 50
# XML elements in all the parts (a full diagnostic workbook has about 10,000), and in any one
# part other than sheets and their strings (styles, say: openpyxl builds an object from each).
MAX_ELEMENTS = 80_000
MAX_PART_ELEMENTS = 10_000
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CHUNK = 64 * 1024
POSITION = re.compile(r"\$?([A-Za-z]{0,3})\$?([0-9]{0,9})")
# How an XML part can start (whitespace, a byte order mark, UTF-16); no picture starts so.
XML_STARTS = (b"<", b" ", b"\t", b"\r", b"\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00<")
DAMAGED = "Save it again from Excel as an Excel Workbook (.xlsx) and try again"


class WorkbookRefused(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


class _Problem(Exception):
    """The first problem in one part: (what, detail), named once the sheet names are known."""


@dataclass
class _Part:
    name: str
    root: str = ""
    sheets: list[tuple[str, str]] = field(default_factory=list)  # workbook: (name, rel id)
    targets: dict[str, str] = field(default_factory=dict)  # relationships: id -> target
    problem: tuple[str, str] | None = None


class _Scan:
    """expat handlers for one part. Elements are counted against a budget shared by all
    parts; sheets have their rows and cells followed as openpyxl numbers them."""

    def __init__(self, part: _Part, budget: list[int], max_rows: int, max_columns: int):
        self.part, self.budget = part, budget
        self.max_rows, self.max_columns = max_rows, max_columns
        self.row = self.column = self.elements = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        self.budget[0] -= 1
        self.elements += 1
        part = self.part
        if self.budget[0] < 0:
            raise WorkbookRefused([f"The workbook holds too much to read (more than "
                                   f"{MAX_ELEMENTS:,} XML elements). {DAMAGED}"])
        if self.elements > MAX_PART_ELEMENTS and part.root not in ("worksheet", "sst"):
            raise WorkbookRefused([f"Part '{part.name[:100]}' of the workbook holds too much "
                                   f"to read (more than {MAX_PART_ELEMENTS:,} XML elements). "
                                   f"{DAMAGED}"])
        local = tag.rpartition(" ")[2]
        if not part.root:
            part.root = local
        elif part.root == "worksheet":
            if local == "c":
                self.cell(attrs.get("r"))
            elif local == "row":
                self.next_row(attrs.get("r"))
            elif local == "dimension":
                self.dimension(attrs.get("ref", ""))
        elif part.root == "workbook" and local == "sheet":
            rel = next((v for k, v in attrs.items() if k.endswith(" id")), "")
            part.sheets.append((attrs.get("name", ""), rel))
        elif part.root == "Relationships" and local == "Relationship" \
                and attrs.get("TargetMode") != "External":
            part.targets[attrs.get("Id", "")] = attrs.get("Target", "")

    def within(self, column: int, row: int, what: str) -> None:
        if column > self.max_columns or row > self.max_rows:
            raise _Problem("beyond", what)

    def next_row(self, number: str | None) -> None:
        if number is None:
            self.row += 1
        else:
            try:
                value = float(number)
            except ValueError:
                value = 0.5
            if not value.is_integer() or value < 1:
                raise _Problem("position", f"a row's number '{number[:20]}'")
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
            raise _Problem("position", f"a cell's position '{ref[:20]}'")
        self.column = column_index_from_string(found[1].upper())
        self.within(self.column, int(found[2]), f"has a cell at {ref.upper()}")

    def dimension(self, ref: str) -> None:
        ends = [POSITION.fullmatch(end) for end in ref.split(":")]
        if not ref or len(ends) > 2 or not all(ends):
            raise _Problem("position", f"its declared size '{ref[:40]}'")
        columns = [column_index_from_string(e[1].upper()) for e in ends if e and e[1]]
        rows = [int(e[2]) for e in ends if e and e[2]]
        last = ref.split(":")[-1].replace("$", "").upper()
        self.within(max(columns, default=0), max(rows, default=0),
                    f"is marked as using cells up to {last}")


def _refuse_dtd(*_args) -> None:
    raise _Problem("dtd", "")


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int],
               max_rows: int, max_columns: int) -> _Part:
    part = _Part(info.filename)
    scan = _Scan(part, budget, max_rows, max_columns)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.StartElementHandler = scan.start
    try:
        with archive.open(info) as stream:
            chunk = stream.read(CHUNK)
            if not chunk.startswith(XML_STARTS):
                return part  # not XML (a picture, say): openpyxl never parses it
            while chunk:
                parser.Parse(chunk, False)
                chunk = stream.read(CHUNK)
            parser.Parse(b"", True)
    except _Problem as problem:
        part.problem = problem.args
    except expat.ExpatError as exc:
        part.problem = ("xml", str(exc))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        part.problem = ("unpack", str(exc)[:200])
    return part


def _directory(data: bytes) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    """The zip and its parts, refused from the directory alone when they cannot be a
    workbook that is safe to unpack."""
    if not data:
        raise WorkbookRefused(["The file is empty"])
    if len(data) > MAX_BYTES:
        raise WorkbookRefused([f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB"])
    if data.startswith(OLE_SIGNATURE):
        raise WorkbookRefused(["The file is protected with a password, or is an older Excel "
                               "file (.xls). Save it as an Excel Workbook (.xlsx) without a "
                               "password and try again"])
    not_xlsx = ["The file is not an Excel workbook (.xlsx). Save it from Excel as an Excel "
                "Workbook (.xlsx) and try again"]
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise WorkbookRefused(not_xlsx) from exc
    if len(infos) > MAX_PARTS:
        raise WorkbookRefused([f"The file has {len(infos):,} parts: a workbook this service "
                               f"reads has at most {MAX_PARTS:,}"])
    if any(info.flag_bits & 1 for info in infos):
        raise WorkbookRefused(["The workbook is protected with a password. Save it without "
                               "one and try again"])
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        raise WorkbookRefused(["The workbook is too large once unpacked"])
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or any(
            info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
            for info in infos):
        raise WorkbookRefused(not_xlsx)
    return archive, infos


def _sheet_parts(parts: dict[str, _Part]) -> dict[str, str]:
    """part name -> sheet name, for every sheet of every workbook part; a sheet whose part is
    not there maps from ''."""
    found: dict[str, str] = {}
    for part in parts.values():
        if part.root != "workbook":
            continue
        folder, base = posixpath.split(part.name)
        rels = parts.get(posixpath.join(folder, "_rels", base + ".rels"))
        for name, rel in part.sheets:
            target = rels.targets.get(rel, "") if rels else ""
            path = target[1:] if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))
            found[path if target and path in parts else f"\0{name}"] = name
    return found


def _problems(parts: dict[str, _Part], sheets: dict[str, str], limits: str) -> list[str]:
    problems = [f"The workbook is damaged: sheet '{name}' is missing. {DAMAGED}"
                for key, name in sheets.items() if key.startswith("\0")]
    for part in parts.values():
        if part.problem is None:
            continue
        what, detail = part.problem
        where = (f"Sheet '{sheets[part.name]}'" if part.name in sheets
                 else f"Part '{part.name[:100]}' of the workbook")
        problems.append({
            "dtd": f"{where} has an XML document type declaration, which Excel never writes "
                   "(it can hide entities that attack the reader), so the file was not read",
            "xml": f"{where} is damaged: its XML is not well-formed ({detail}). {DAMAGED}",
            "unpack": f"{where} is damaged: it cannot be unpacked ({detail}). {DAMAGED}",
            "position": f"{where} is damaged: {detail} is not one a spreadsheet uses. {DAMAGED}",
            "beyond": f"{where} {detail}, beyond {limits}",
        }[what])
    return problems


def check_package(data: bytes, *, max_rows: int, max_columns: int) -> None:
    """Refuse, listing every problem found, a file that is not a workbook safe to read."""
    archive, infos = _directory(data)
    with archive:
        budget = [MAX_ELEMENTS]
        parts = {info.filename: _scan_part(archive, info, budget, max_rows, max_columns)
                 for info in infos if not info.is_dir()}
    count = sum(len(part.sheets) for part in parts.values() if part.root == "workbook")
    if count > MAX_SHEETS:
        raise WorkbookRefused([f"The workbook has {count:,} sheets: this service reads at most "
                               f"{MAX_SHEETS}"])
    limits = (f"column {get_column_letter(max_columns)} or row {max_rows:,} (the most this "
              "service reads). Delete the rows and columns beyond, with any formatting in them, "
              "save and try again")
    problems = _problems(parts, _sheet_parts(parts), limits)
    if problems:
        raise WorkbookRefused(problems)


def open_workbook(data: bytes, *, max_rows: int, max_columns: int):
    """The checked workbook, opened read-only (the caller closes it)."""
    check_package(data, max_rows=max_rows, max_columns=max_columns)
    try:
        return load_workbook(BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise WorkbookRefused([f"The workbook is damaged and cannot be read. {DAMAGED}"]
                              ) from exc


def read_rows(ws, *, max_row: int, max_col: int, min_row: int = 1) -> Iterator[tuple]:
    """A sheet's values row by row, at most max_col wide; whatever openpyxl raises while
    parsing is a refusal naming the sheet."""
    rows = ws.iter_rows(min_row=min_row, max_row=max_row, max_col=max_col, values_only=True)
    try:
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception as exc:  # parsing is lazy: any damage shows up here
                raise WorkbookRefused([f"Sheet '{ws.title}' is damaged and cannot be read. "
                                       f"{DAMAGED}"]) from exc
            yield row
    finally:
        rows.close()
