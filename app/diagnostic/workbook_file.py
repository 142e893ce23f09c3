"""Opening an uploaded workbook without trusting it.

An .xlsx file is a zip of XML parts, and openpyxl parses a sheet's XML only as its rows are asked
for, so a hostile file would fail (or run for seconds) half way through reading. Everything that
could do that is checked first, from the zip's directory and one streaming pass of expat over
every XML part (app/diagnostic/workbook_scan.py):

- the file: not empty, a zip (an OLE file is Excel's password protection, or an old .xls), no
  part marked encrypted, at most MAX_PARTS parts, at most MAX_UNPACKED_BYTES once unpacked by its
  directory (a part that unpacks to more than the directory says stops there and fails its CRC);
- every XML part: well-formed, no document type declaration (so no entities, internal or
  external; Excel never writes one); at most MAX_ELEMENTS elements in all the parts, and
  MAX_PART_ELEMENTS in any part that is not only a worksheet or the shared strings (openpyxl
  builds an object from each element of styles, relationships and the like);
- the workbook: at most MAX_SHEETS sheets, each sheet's part present;
- each sheet: its declared size, then every row and cell, within the caller's rows and columns.
  The pass stops at the first cell beyond them, so a far cell is refused at once.

Only then does openpyxl read it (through defusedxml, a second defence against entities), rows
bounded to the same size; anything it still raises is a refusal naming the sheet.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from io import BytesIO

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from app.diagnostic.workbook_scan import Part, TooMuch, scan_part

MAX_BYTES = 2 * 1024 * 1024  # the upload itself
# What the zip expands to, by its directory: a workbook with every text of the diagnostic at
# its longest (5,000 characters) and three actions an item is 2.3 MB.
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_PARTS = 500
MAX_SHEETS = 50
# XML elements in all the parts (a full diagnostic workbook has about 10,000), and in a part
# that is anything but a worksheet or the shared strings.
MAX_ELEMENTS = 80_000
MAX_PART_ELEMENTS = 10_000
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DAMAGED = "Save it again from Excel as an Excel Workbook (.xlsx) and try again"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml."
# The only roles in which a part may hold more than MAX_PART_ELEMENTS elements; openpyxl also
# reads these parts by name, whatever refers to them.
LARGE_ROLES = {_OFFICE + "worksheet", _OFFICE + "sharedStrings", _SPREADSHEET + "worksheet+xml",
               _SPREADSHEET + "sharedStrings+xml"}
FIXED_NAMES = ("[Content_Types].xml", "xl/styles.xml", "docProps/core.xml",
               "docProps/custom.xml", "xl/theme/theme1.xml")


class WorkbookRefused(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


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
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError,
            NotImplementedError) as exc:  # NotImplementedError: a flipped "version needed" byte
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


def _target(rels_name: str, target: str) -> str:
    """The part a relationship points at: absolute, or relative to the part the rels are of."""
    if target.startswith("/"):
        return target[1:]
    folder = posixpath.dirname(posixpath.dirname(rels_name))  # ".../_rels/x.rels" -> "..."
    return posixpath.normpath(posixpath.join(folder, target))


def _roles(parts: dict[str, Part]) -> dict[str, set[str]]:
    """part name -> every role anything gives it: relationship types, content types, and the
    names openpyxl reads without being pointed at them."""
    roles: dict[str, set[str]] = defaultdict(set)
    for part in parts.values():
        for name, content_type in part.types:
            roles[name.lstrip("/")].add(content_type)
        for _rel, target, kind in part.links:
            roles[_target(part.name, target)].add(kind)
    for name in FIXED_NAMES:
        roles[name].add("read by name")
    return roles


def _sheet_parts(parts: dict[str, Part]) -> dict[str, str]:
    """part name -> sheet name, for every sheet of every workbook part; a sheet whose part is
    not there maps from "\\0" and its name."""
    found: dict[str, str] = {}
    for part in parts.values():
        if part.root != "workbook":
            continue
        folder, base = posixpath.split(part.name)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        rels = parts.get(rels_name)
        targets = {rel: target for rel, target, _kind in (rels.links if rels else [])}
        for name, rel in part.sheets:
            path = _target(rels_name, targets[rel]) if targets.get(rel) else ""
            found[path if path in parts else f"\0{name}"] = name
    return found


def _problems(parts: dict[str, Part], sheets: dict[str, str], limits: str) -> list[str]:
    roles = _roles(parts)
    problems = [f"The workbook is damaged: sheet '{name}' is missing. {DAMAGED}"
                for key, name in sheets.items() if key.startswith("\0")]
    for part in parts.values():
        where = (f"Sheet '{sheets[part.name]}'" if part.name in sheets
                 else f"Part '{part.name[:100]}' of the workbook")
        if part.elements > MAX_PART_ELEMENTS and not (roles[part.name]
                                                      and roles[part.name] <= LARGE_ROLES):
            problems.append(f"{where} holds too much to read (more than "
                            f"{MAX_PART_ELEMENTS:,} XML elements). {DAMAGED}")
        if part.problem is None:
            continue
        what, detail = part.problem
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
    budget = [MAX_ELEMENTS]
    try:
        with archive:
            parts = {info.filename: scan_part(archive, info, budget, max_rows, max_columns)
                     for info in infos if not info.is_dir()}
    except TooMuch:
        raise WorkbookRefused([f"The workbook holds too much to read (more than "
                               f"{MAX_ELEMENTS:,} XML elements). {DAMAGED}"]) from None
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
