"""Hostile workbooks, built in the tests from a real export (zipfile and handwritten XML), so no
binary file is committed. Each builder takes the exported workbook's bytes and returns a changed
copy; the Relationships sheet (xl/worksheets/sheet3.xml) is the one usually replaced."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "xl/worksheets/sheet3.xml"  # the Relationships sheet of the export
SHEET_NAME = "Relationships"
HEADINGS = ["Item id", "Sub-area", "Item", "Rating", "What is in place now", "Evidence",
            "Evidence links", "Gaps", "Action", "Action owner", "Action due date",
            "Action status"]
GOOD_ROW = ["rel_peer_support", "", "", "3"]  # a valid change, so a half import would show


def cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def table_rows(extra_cells: str = "", extra_rows: str = "") -> str:
    """Rows 3 (headings) and 4 (a good rating), then anything hostile."""
    head = "".join(cell(f"{chr(65 + i)}3", h) for i, h in enumerate(HEADINGS))
    good = "".join(cell(f"{chr(65 + i)}4", v) for i, v in enumerate(GOOD_ROW) if v)
    return f'<row r="3">{head}</row><row r="4">{good}{extra_cells}</row>{extra_rows}'


def sheet(rows: str, dimension: str | None = "A1:L4", prolog: str = "") -> bytes:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{MAIN}">{dim}'
            f"<sheetData>{rows}</sheetData></worksheet>").encode()


def replace_parts(data: bytes, parts: dict[str, bytes | None],
                  compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The zip with these parts replaced (None removes one); new names are added at the end."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", compression) as target:
        for info in source.infolist():
            if info.filename in parts:
                if parts[info.filename] is not None:
                    target.writestr(info.filename, parts[info.filename])
            else:
                target.writestr(info.filename, source.read(info.filename))
        for name, body in parts.items():
            if body is not None and name not in source.namelist():
                target.writestr(name, body)
    return out.getvalue()


def with_sheet(body: bytes) -> Callable[[bytes], bytes]:
    return lambda data: replace_parts(data, {SHEET: body})


LAUGHS = ('<!DOCTYPE worksheet [<!ENTITY a "ha">'
          + "".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">'
                    for n in range(9)) + "]>")
EXTERNAL = '<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


def billion_laughs(data: bytes) -> bytes:
    return with_sheet(sheet(table_rows(cell("E4", "&j;")), prolog=LAUGHS))(data)


def external_entity(data: bytes) -> bytes:
    return with_sheet(sheet(table_rows(cell("E4", "&x;")), prolog=EXTERNAL))(data)


def doctype_only(data: bytes) -> bytes:
    return with_sheet(sheet(table_rows(), prolog="<!DOCTYPE worksheet>"))(data)


def malformed(data: bytes) -> bytes:
    return with_sheet(sheet(table_rows('<c r="E4" t="inlineStr"><is><t>open</is></c>')))(data)


def malformed_late(data: bytes) -> bytes:
    """Well-formed for its first 2,000 rows: only reading to the end finds the fault."""
    rows = "".join(f'<row r="{n}"/>' for n in range(5, 2000))
    return with_sheet(sheet(table_rows(extra_rows=rows + "<row>"), dimension="A1:L1999"))(data)


def declared_huge(data: bytes) -> bytes:
    """Excel's own limits, declared: the 85 KB file that held a worker for seconds."""
    return with_sheet(sheet(table_rows(), dimension="A1:XFD1048576"))(data)


def far_cell(data: bytes) -> bytes:
    """A cell in column XFD, the sheet's declared size left out."""
    return with_sheet(sheet(table_rows(cell("XFD4", "far")), dimension=None))(data)


def far_cell_small_dimension(data: bytes) -> bytes:
    """A cell in column XFD under a declared size that says otherwise."""
    return with_sheet(sheet(table_rows(cell("XFD4", "far"))))(data)


def far_row(data: bytes) -> bytes:
    far = '<row r="1048576">' + cell("A1048576", "rel_peer_support") + "</row>"
    return with_sheet(sheet(table_rows(extra_rows=far), dimension=None))(data)


def bad_coordinate(data: bytes) -> bytes:
    return with_sheet(sheet(table_rows('<c r="4E" t="inlineStr"><is><t>x</t></is></c>')))(data)


def bad_number(data: bytes) -> bytes:
    return with_sheet(sheet(table_rows('<c r="E4"><v>not a number</v></c>')))(data)


def missing_shared_string(data: bytes) -> bytes:
    return with_sheet(sheet(table_rows('<c r="E4" t="s"><v>99999</v></c>')))(data)


def missing_sheet_part(data: bytes) -> bytes:
    return replace_parts(data, {SHEET: None})


def only_unknown_sheets(data: bytes) -> bytes:
    """Every sheet renamed to something the diagnostic does not have."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        book = source.read("xl/workbook.xml").decode()
    for n in range(2, 9):
        start = book.index('name="', book.index(f'sheetId="{n}"') - 80) + 6
        book = book[:start] + f"Finance {n}" + book[book.index('"', start):]
    return replace_parts(data, {"xl/workbook.xml": book.encode()})


def too_many_sheets(data: bytes) -> bytes:
    """A thousand sheets, all pointing at the same small part."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        book = source.read("xl/workbook.xml").decode()
    extra = "".join(f'<sheet name="Copy {n}" sheetId="{n + 100}" r:id="rId2"/>'
                    for n in range(1_000))
    return replace_parts(data, {"xl/workbook.xml": book.replace("</sheets>",
                                                                 extra + "</sheets>").encode()})


def too_many_elements(data: bytes) -> bytes:
    """Half a million empty elements in one part: small packed, slow to build objects from."""
    return with_sheet(sheet(table_rows(), prolog="").replace(
        b"<sheetData>", b"<sheetPr>" + b"<x/>" * 500_000 + b"</sheetPr><sheetData>"))(data)


def _styles_with(data: bytes, root: str | None = None) -> bytes:
    """The export's styles with 12,000 more cell formats (openpyxl builds an object for each);
    the root element renamed if `root` is given."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        styles = source.read("xl/styles.xml").decode()
    styles = styles.replace("</styleSheet>", "<cellStyleXfs>" + '<xf numFmtId="0"/>' * 12_000
                            + "</cellStyleXfs></styleSheet>")
    if root:
        styles = styles.replace("<styleSheet", f"<{root}").replace("</styleSheet>", f"</{root}>")
    return replace_parts(data, {"xl/styles.xml": styles.encode()})


def bloated_styles(data: bytes) -> bytes:
    return _styles_with(data)


def styles_posing_as_a_sheet(data: bytes) -> bytes:
    """Styles whose root says worksheet, and which a relationship calls a worksheet too: still
    read by name as the styles."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        rels = source.read("xl/_rels/workbook.xml.rels").decode()
    rels = rels.replace("</Relationships>", '<Relationship Id="rId77" Target="styles.xml" Type="'
                        'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                        'worksheet"/></Relationships>')
    return replace_parts(_styles_with(data, root="worksheet"),
                         {"xl/_rels/workbook.xml.rels": rels.encode()})


def far_cell_under_another_root(data: bytes) -> bytes:
    """The sheet's cells under a root element that is not <worksheet>: openpyxl still reads
    them, so they are checked all the same."""
    body = sheet(table_rows(cell("XFD4", "far"))).replace(b"<worksheet", b"<notasheet")
    return with_sheet(body.replace(b"</worksheet>", b"</notasheet>"))(data)


def no_content_types(data: bytes) -> bytes:
    return replace_parts(data, {"[Content_Types].xml": None})


def _central_entry(packed: bytes, name: str) -> int:
    """The offset of a part's entry in the zip's central directory."""
    at = packed.find(b"PK\x01\x02")
    while at >= 0:
        name_length = int.from_bytes(packed[at + 28:at + 30], "little")
        if packed[at + 46:at + 46 + name_length] == name.encode():
            return at
        at = packed.find(b"PK\x01\x02", at + 1)
    raise LookupError(name)


def lying_sizes(data: bytes) -> bytes:
    """The zip's directory says the sheet is 100 bytes; its data unpacks to 5 MB."""
    packed = bytearray(replace_parts(data, {SHEET: sheet(table_rows()) + b" " * 5_000_000}))
    with zipfile.ZipFile(io.BytesIO(bytes(packed))) as archive:
        local = archive.getinfo(SHEET).header_offset
    central = _central_entry(bytes(packed), SHEET)
    packed[local + 22:local + 26] = (100).to_bytes(4, "little")
    packed[central + 24:central + 28] = (100).to_bytes(4, "little")
    return bytes(packed)


def directory_past_its_end(data: bytes) -> bytes:
    """The end record places the directory far beyond where it is, so every part's offset works
    out negative (zipfile's seek raises ValueError; found by tests/security/test_fuzz_entry_points
    with FUZZ_SEED=637643312)."""
    packed = bytearray(data)
    end = packed.rindex(b"PK\x05\x06")
    where = int.from_bytes(packed[end + 16:end + 20], "little")
    packed[end + 16:end + 20] = (where + 0x10000000).to_bytes(4, "little")
    return bytes(packed)


def encrypted_zip_entry(data: bytes) -> bytes:
    """A part marked as encrypted (the zip's own password protection)."""
    packed = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        local = archive.getinfo(SHEET).header_offset
    central = _central_entry(data, SHEET)
    packed[local + 6] |= 1
    packed[central + 8] |= 1
    return bytes(packed)


def password_protected(_data: bytes) -> bytes:
    """What Excel saves with 'Encrypt with password': an OLE compound file, not a zip."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000


def not_a_zip(_data: bytes) -> bytes:
    return b"Item id,Rating\nrel_peer_support,3\n"


def empty_file(_data: bytes) -> bytes:
    return b""


def too_many_parts(data: bytes) -> bytes:
    return replace_parts(data, {f"customXml/item{n}.xml": b"<a/>" for n in range(3000)})


def zip_bomb(data: bytes) -> bytes:
    return replace_parts(data, {"xl/media/padding.bin": b"\0" * (60 * 1024 * 1024)})
