"""What the file of a margin upload is, read from its bytes and its zip before calamine loads it.

calamine reads values only: it cannot say whether a cell held a formula, and it loads a whole
sheet into memory. So the package is checked here first, cheaply: the file's kind (an encrypted
workbook is an OLE compound file, a renamed CSV is text), the declared sizes in the zip (a zip
bomb is refused before anything is inflated), macros, and one streaming pass over the sheet XML
that looks for ``<f>`` elements and counts rows, stopping as soon as there are too many.

What calamine would allocate is bounded too, since it aborts the whole process when memory runs
out: the grid between the sheet's first and last cells (it allocates every cell of it) and the
shared strings copied into the cells that use them. No XML part may declare a DTD (entities,
external references), whichever parser reads it.
"""

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from defusedxml import DTDForbidden, ElementTree, EntitiesForbidden, ExternalReferenceForbidden

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted OOXML package is an OLE file holding these streams (MS-OFFCRYPTO); a legacy .xls
# is an OLE file without them. Directory entry names are UTF-16LE.
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
# Six times the ~20 MB of XML that 50,000 rows take. calamine holds the shared strings and the
# cells whole, so more is not a bigger upload but a way to exhaust memory (a 480 MB shared
# strings part made calamine abort the process under a 1.5 GB limit).
MAX_UNCOMPRESSED_BYTES = 128 * 1024 * 1024
CHUNK_BYTES = 1024 * 1024
# calamine allocates the grid between the sheet's first and last cells, empty or not, and copies a
# shared string into every cell that uses it: both are bounded before it runs (a value in
# XFD1048576 asks for 17 billion cells, one 1 MB string in 20,000 cells for 20 GB; either
# aborted the process).
MAX_GRID_CELLS = 100_000 * 64
MAX_STRING_BYTES = 256 * 1024 * 1024
# Without a reference beyond these (a row of six digits, a column of two letters) the grid is at
# most 99,999 rows by 26 columns, which is under MAX_GRID_CELLS.
_NEAR_ROWS, _NEAR_COLUMNS = 99_999, 26
_TAG_BYTES = 4096  # a tag cut at a chunk's end is searched again whole; a longer one is not a tag we look for
_REL_WORKSHEET = "/worksheet"
_REL_OFFICE_DOCUMENT = "/officeDocument"
_R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# The root element gives the namespace prefix that the sheet's tags use, if any (<x:row>).
_ROOT_TAG = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet[\s>]")
# LibreOffice saves every TRUE or FALSE cell as the formula TRUE() or FALSE(): a value, not a formula.
_BOOLEAN_CONSTANTS = frozenset({"TRUE()", "FALSE()"})
_VALUE_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:v|is)[\s>]")
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
# A cell or row reference beyond _NEAR_ROWS or _NEAR_COLUMNS, as Excel writes it (r="AB12").
_FAR_REF = re.compile(rb'r="(?:([A-Z]{2,3})(\d+)|[A-Z](\d{6,}))"')
# What the fast scan does not follow, so that the sheet is parsed as XML instead: an attribute
# not written as name="value" (blanks around =, single quotes), elements under another prefix
# than the root's, a cell or row whose reference is not its first attribute, or none.
_SPACED_REF = re.compile(rb"r\s+=")
_SPACED_TYPE = re.compile(rb"t\s+=")
_PREFIXED = re.compile(rb":(?:c[\s>/]|row[\s>/]|f[\s>/]|v>|is>|sheetData)")
_POSITIONAL = re.compile(rb'<(?:c|row)(?:[>/]|\s(?!r="))')
_DOCTYPE = b"<!DOCTYPE"
_XML_PARTS = (".xml", ".rels", ".vml")
_SHARED_STRING_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?si\s*>")
_MACRO_TYPES = (b"vbaProject", b"macroEnabled", b"macrosheet", b"ms-excel.intlmacrosheet")


class WorkbookRefused(Exception):
    """The file cannot be read as a margin workbook; ``code`` is stable, the message says why,
    ``params`` are the values the code's reason names (services/contract/reasons.py)."""

    def __init__(self, code: str, message: str, params: tuple[tuple[str, str], ...] = ()):
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass
class SheetScan:
    """What the zip says about the first worksheet."""

    sheet_name: str
    has_macros: bool
    too_many_rows: bool = False
    formula_cells: list[tuple[int, int]] = field(default_factory=list)  # (row, column), 1-based


@dataclass
class _Extent:
    """What the sheet makes calamine allocate: its last row and column (bounds, not exact
    unless parsed), and the cells that hold a shared string."""

    rows: int = 0
    columns: int = 0
    string_cells: int = 0
    unusual: bool = False  # written in a way the fast scan cannot vouch for: parse the XML
    exact: bool = False  # parsed: rows and columns are the last ones, not only the far ones

    def far(self, refs: list[tuple[bytes, bytes, bytes]]) -> None:
        for letters, row, far_row in refs:
            if letters:
                self.columns = max(self.columns, _column_number(letters.decode()))
                self.rows = max(self.rows, int(row))
            else:
                self.rows = max(self.rows, int(far_row))


def scan_workbook(path: str | PathLike, max_rows: int) -> SheetScan:
    """Checks the package and scans its first worksheet; raises WorkbookRefused.

    ``max_rows`` counts rows under the header; more is reported without reading further."""
    path = Path(path)
    with path.open("rb") as file:
        head = file.read(8)
    if head.startswith(OLE_MAGIC):
        raise _ole_refusal(path)
    if not head.startswith(b"PK"):
        raise _not_a_zip_refusal(path, head)
    try:
        with zipfile.ZipFile(path) as package:
            return _scan_package(package, max_rows)
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden) as exc:
        raise _dtd_refusal(type(exc).__name__) from exc
    except NotImplementedError as exc:  # zipfile: a compression method it does not know
        raise WorkbookRefused("corrupt_file", f"The file is damaged and cannot be read as a workbook ({exc}).") from exc
    except RuntimeError as exc:  # zipfile: "File ... is encrypted, password required for extraction"
        if "encrypted" not in str(exc):
            raise
        raise WorkbookRefused("password_protected", "The workbook's parts are encrypted with a password; remove "
                                                    "the password and upload it again.") from exc
    # ValueError: a row number that is not a number.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ElementTree.ParseError, KeyError, OSError,
            ValueError) as exc:
        raise WorkbookRefused("corrupt_file", f"The file is damaged and cannot be read as a workbook ({exc}).") from exc


def _dtd_refusal(found: str = "<!DOCTYPE>") -> WorkbookRefused:
    """An XML part declares a DTD (entities, external references): a workbook never does, and
    neither what it names nor anything it would expand to is read (nor named in the message)."""
    return WorkbookRefused("corrupt_file", "The file is damaged and cannot be read as a workbook: an XML part "
                                           f"declares a DTD ({found}), which an Excel workbook never holds.")


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _ole_refusal(path: Path) -> WorkbookRefused:
    tail = b""
    with path.open("rb") as file:
        while chunk := file.read(CHUNK_BYTES):
            if ENCRYPTED_STREAM in tail + chunk:
                return WorkbookRefused("password_protected",
                                       "The workbook is password-protected; remove the password in Excel and "
                                       "upload it again.")
            tail = chunk[-len(ENCRYPTED_STREAM):]
    return WorkbookRefused("not_a_workbook",
                           "The file is an Excel 97–2003 workbook (.xls); save it as .xlsx and upload it again.")


def _not_a_zip_refusal(path: Path, head: bytes) -> WorkbookRefused:
    if not head:
        return WorkbookRefused("not_a_workbook", "The file is empty.")
    with path.open("rb") as file:
        sample = file.read(64 * 1024)
    if b"\x00" not in sample or sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return WorkbookRefused("not_a_workbook",
                               "The file is CSV or plain text, not an Excel workbook: open it in Excel and save "
                               "it as .xlsx.")
    return WorkbookRefused("not_a_workbook", "The file is not an Excel workbook (.xlsx).")


def _scan_package(package: zipfile.ZipFile, max_rows: int) -> SheetScan:
    infos = package.infolist()
    declared = sum(info.file_size for info in infos)
    if declared > MAX_UNCOMPRESSED_BYTES:
        raise WorkbookRefused("too_large",
                              f"The workbook would expand to {declared / 2**20:,.0f} MB, more than the "
                              f"{MAX_UNCOMPRESSED_BYTES // 2**20} MB an upload may hold.")
    names = {info.filename for info in infos}
    types = package.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    if b"macrosheet" in types or any(n.lower().startswith("xl/macrosheets/") for n in names):
        raise WorkbookRefused("macros_refused", "The workbook holds an Excel 4.0 macro sheet; save the data in a "
                                                "plain workbook (.xlsx) and upload it again.")
    workbook_part = _office_document(package, names)
    sheet_name, sheet_part = _first_worksheet(package, workbook_part)
    if sheet_part not in names:
        raise WorkbookRefused("corrupt_file", f"The workbook names a sheet {sheet_part} that it does not hold.")
    longest_string = 0
    for info in infos:
        if info.filename != sheet_part:  # a damaged or lying member fails here
            name = info.filename.lower()
            longest = _check_member(package, info.filename, name.endswith(_XML_PARTS),
                                    name.endswith("sharedstrings.xml"))
            longest_string = max(longest_string, longest)
    has_macros = any(n.lower().endswith("vbaproject.bin") for n in names) or any(t in types for t in _MACRO_TYPES)
    scan = SheetScan(sheet_name, has_macros=has_macros)
    extent = _Extent()
    formulas, rows = _fast_scan(package, sheet_part, max_rows + 1, extent)
    if formulas or extent.unusual:  # rare: parse the XML to say which cells they are
        extent = _Extent()
        scan.formula_cells, rows = _exact_scan(package, sheet_part, max_rows + 1, extent)
    scan.too_many_rows = rows > max_rows + 1
    if not scan.too_many_rows:
        _check_extent(extent, longest_string)
    return scan


def _check_member(package: zipfile.ZipFile, member: str, xml: bool, shared_strings: bool) -> int:
    """Inflates a part other than the sheet, refusing a DTD in XML; of the shared strings, returns
    the bytes of the longest (an upper bound of its length)."""
    longest = current = 0
    tail = b""
    for chunk in _inflate(package, member):
        data = tail + chunk
        if xml and _DOCTYPE in data:
            raise _dtd_refusal()
        if shared_strings:
            pieces = _SHARED_STRING_END.split(data)
            if len(pieces) > 1:
                longest = max(longest, current + len(pieces[0]), max(map(len, pieces[1:-1]), default=0))
                current = 0
            current += max(0, len(pieces[-1]) - len(_DOCTYPE))
        tail = data[-len(_DOCTYPE):]
    return max(longest, current)


def _check_extent(extent: _Extent, longest_string: int) -> None:
    rows, columns = extent.rows, extent.columns
    if not extent.exact:  # only the far references were seen: the near ones are within these bounds
        rows, columns = max(rows, _NEAR_ROWS), max(columns, _NEAR_COLUMNS)
    if rows * columns > MAX_GRID_CELLS:
        reach = ", ".join(part for part, far in ((f"column {_column_letters(extent.columns)}", extent.columns),
                                                 (f"row {extent.rows:,}", extent.rows)) if far)
        raise WorkbookRefused("too_large",
                              f"The sheet's cells reach {reach}: a grid of up to {rows * columns:,} cells, more "
                              f"than the {MAX_GRID_CELLS:,} a workbook may span. Delete what lies beyond the data "
                              "and upload it again.")
    copied = extent.string_cells * longest_string
    if copied > MAX_STRING_BYTES:
        raise WorkbookRefused("too_large",
                              f"The workbook's text would take {copied / 2**20:,.0f} MB once read "
                              f"({extent.string_cells:,} text cells, the longest text {longest_string:,} bytes), "
                              f"more than the {MAX_STRING_BYTES // 2**20} MB a workbook may hold.")


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _office_document(package: zipfile.ZipFile, names: set[str]) -> str:
    if "_rels/.rels" in names:
        for target, kind in _relationships(package, "_rels/.rels", "").values():
            if kind.endswith(_REL_OFFICE_DOCUMENT) and target in names:
                return target
    if "xl/workbook.xml" in names:
        return "xl/workbook.xml"
    if "mimetype" in names and b"opendocument" in package.read("mimetype"):
        raise WorkbookRefused("not_a_workbook",
                              "The file is an OpenDocument spreadsheet; save it as Excel (.xlsx) and upload it "
                              "again.")
    raise _zip_but_not_a_workbook()


def _zip_but_not_a_workbook() -> WorkbookRefused:
    return WorkbookRefused("not_a_workbook", "The file is a zip archive but not an Excel workbook (.xlsx).")


def _relationships(package: zipfile.ZipFile, rels_part: str, base: str) -> dict[str, tuple[str, str]]:
    """rId → (part name, relationship type) of one .rels part; targets resolved against ``base``."""
    out = {}
    for rel in ElementTree.fromstring(package.read(rels_part)):
        target = rel.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        out[rel.get("Id", "")] = (part, rel.get("Type", ""))
    return out


def _first_worksheet(package: zipfile.ZipFile, workbook_part: str) -> tuple[str, str]:
    folder, name = posixpath.split(workbook_part)
    rels = _relationships(package, posixpath.join(folder, "_rels", name + ".rels"), folder)
    workbook = ElementTree.fromstring(package.read(workbook_part))
    if workbook.tag.rpartition("}")[2] != "workbook":  # a Word or PowerPoint file, say
        raise _zip_but_not_a_workbook()
    for element in workbook.iter():
        if element.tag.rpartition("}")[2] == "sheet":
            part, kind = rels.get(element.get(_R_NS + "id", ""), ("", ""))
            if kind.endswith(_REL_WORKSHEET):
                return element.get("name", ""), part
    raise WorkbookRefused("empty_sheet", "The workbook has no worksheet.")


def _inflate(package: zipfile.ZipFile, member: str):
    """Yields a member's bytes chunk by chunk; zipfile stops at the declared size and checks the CRC."""
    with package.open(member) as stream:
        while chunk := stream.read(CHUNK_BYTES):
            yield chunk


def _fast_scan(package: zipfile.ZipFile, member: str, row_limit: int, extent: _Extent) -> tuple[bool, int]:
    """(any formula, rows), stopping past ``row_limit`` rows: byte searches for literal tags.
    ``extent`` gets the far references and the shared-string cells, or is marked unusual.

    Rows are counted by ``</row>``; rows with formatting only have one too, so only when there
    seem to be too many are rows counted again, keeping those with a value."""
    formula, constant, row_end, prefix = _patterns(package, member)
    extent.unusual = bool(prefix)
    rows, carry = 0, b""
    for chunk in _inflate(package, member):
        data = carry + chunk
        # A tag cut in two is searched whole with the next chunk; only one that starts near the
        # end can be cut (carrying more made a sheet of one long text quadratic).
        cut = data.rfind(b"<", max(0, len(data) - _TAG_BYTES))
        if cut < 0:
            cut = len(data)
        if _DOCTYPE in data:
            raise _dtd_refusal()
        if any(not constant.match(data, m.start()) for m in formula.finditer(data, 0, cut)):
            return True, rows
        rows += data.count(row_end, 0, cut)
        extent.far(_FAR_REF.findall(data, 0, cut))
        extent.string_cells += data.count(b't="s"', 0, cut)
        if not extent.unusual and (data.count(b"=", 0, cut) != data.count(b'="', 0, cut)
                                   or any(p.search(data, 0, cut) for p in (_SPACED_REF, _SPACED_TYPE, _PREFIXED,
                                                                             _POSITIONAL))):
            extent.unusual = True
        carry = data[cut:]
        if rows > row_limit:
            return False, _rows_with_values(package, member, row_end, row_limit)
    return False, rows  # what is left is the closing tag of the sheet


def _patterns(package: zipfile.ZipFile, member: str) -> tuple[re.Pattern[bytes], re.Pattern[bytes], bytes, bytes]:
    """With the sheet's namespace prefix (``<x:f>``): the formula tag, a whole boolean-constant
    formula element, the row end tag, and the prefix."""
    with package.open(member) as stream:
        root = _ROOT_TAG.search(stream.read(4096))
    prefix = root[1] + b":" if root and root[1] else b""
    f = re.escape(prefix + b"f")
    return (re.compile(b"<" + f + rb"[\s/>]"),
            re.compile(b"<" + f + rb"(?:\s[^>]*)?>(?:TRUE|FALSE)\(\)</" + f + b">", re.IGNORECASE),
            b"</" + prefix + b"row>", prefix)


def _rows_with_values(package: zipfile.ZipFile, member: str, row_end: bytes, row_limit: int) -> int:
    """Rows holding a <v> or an <is>, stopping past ``row_limit``: the XML cut at each row end.
    Of a row longer than a chunk, only the end is kept (it may hold a tag cut in two)."""
    rows, carry, has_value = 0, b"", False
    for chunk in _inflate(package, member):
        pieces = (carry + chunk).split(row_end)
        carry = pieces.pop()
        if pieces:
            rows += bool(has_value or _VALUE_TAG.search(pieces[0])) + sum(map(bool, map(_VALUE_TAG.search,
                                                                                        pieces[1:])))
            has_value = False
        if len(carry) > _TAG_BYTES:
            has_value = has_value or bool(_VALUE_TAG.search(carry))
            carry = carry[-_TAG_BYTES:]
        if rows > row_limit:
            break
    return rows


def _exact_scan(package: zipfile.ZipFile, member: str, row_limit: int,
                extent: _Extent) -> tuple[list[tuple[int, int]], int]:
    """(formula cells, rows holding a value), parsing the XML; stops past ``row_limit`` rows.
    ``extent`` gets the last row and column of any cell, numbered as calamine numbers them."""
    formulas: list[tuple[int, int]] = []
    rows = row_number = 0
    extent.exact = True
    with package.open(member) as stream:
        sheet_data = None
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            name = element.tag.rpartition("}")[2]
            if event == "start":
                if name == "sheetData":
                    sheet_data = element
                continue
            if name != "row":
                continue
            row_number = int(element.get("r") or row_number + 1)
            column = 0
            has_value = False
            for cell in element:
                if cell.tag.rpartition("}")[2] != "c":
                    continue
                match = _CELL_REF.fullmatch(cell.get("r") or "")
                column = _column_number(match[1]) if match else column + 1
                extent.rows = max(extent.rows, int(match[2]) if match else row_number)
                extent.columns = max(extent.columns, column)
                extent.string_cells += cell.get("t") == "s"
                for child in cell:
                    child_name = child.tag.rpartition("}")[2]
                    if child_name == "f" and (child.text or "").strip().upper() not in _BOOLEAN_CONSTANTS:
                        formulas.append((row_number, column))
                    elif child_name in ("v", "is") and (child.text or len(child)):
                        has_value = True
            rows += has_value
            if sheet_data is not None:
                sheet_data.clear()  # keep memory flat: rows already judged are dropped
            if rows > row_limit:
                break
    return formulas, rows
