"""What the file of a margin upload is, read from its bytes and its zip before calamine loads it.

calamine reads values only: it cannot say whether a cell held a formula, and it loads a whole
sheet into memory. So the package is checked here first, cheaply: the file's kind (an encrypted
workbook is an OLE compound file, a renamed CSV is text), the declared sizes in the zip (a zip
bomb is refused before anything is inflated), macros, and one streaming pass over the sheet XML
that looks for ``<f>`` elements and counts rows, stopping as soon as there are too many.
"""

import posixpath
import re
import zipfile
from collections import deque
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from defusedxml import ElementTree

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted OOXML package is an OLE file holding these streams (MS-OFFCRYPTO); a legacy .xls
# is an OLE file without them. Directory entry names are UTF-16LE.
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
# Far above the ~20 MB of XML that 50,000 rows take, far below what would exhaust the machine.
MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024
CHUNK_BYTES = 1024 * 1024
_REL_WORKSHEET = "/worksheet"
_REL_OFFICE_DOCUMENT = "/officeDocument"
_R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# The root element gives the namespace prefix that the sheet's tags use, if any (<x:row>).
_ROOT_TAG = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet[\s>]")
# LibreOffice saves every TRUE or FALSE cell as the formula TRUE() or FALSE(): a value, not a formula.
_BOOLEAN_CONSTANTS = frozenset({"TRUE()", "FALSE()"})
_VALUE_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:v|is)[\s>]")
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


class WorkbookRefused(Exception):
    """The file cannot be read as a margin workbook; ``code`` is stable, the message says why."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass
class SheetScan:
    """What the zip says about the first worksheet."""

    sheet_name: str
    has_macros: bool
    too_many_rows: bool = False
    formula_cells: list[tuple[int, int]] = field(default_factory=list)  # (row, column), 1-based


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
    # ValueError: defusedxml refusing a DTD or entities, a row number that is not a number.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ElementTree.ParseError, KeyError, OSError,
            ValueError) as exc:
        raise WorkbookRefused("corrupt_file", f"The file is damaged and cannot be read as a workbook ({exc}).") from exc


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
                              f"{MAX_UNCOMPRESSED_BYTES // 2**20} MB a margin upload may hold.")
    names = {info.filename for info in infos}
    workbook_part = _office_document(package, names)
    sheet_name, sheet_part = _first_worksheet(package, workbook_part)
    if sheet_part not in names:
        raise WorkbookRefused("corrupt_file", f"The workbook names a sheet {sheet_part} that it does not hold.")
    for info in infos:
        if info.filename != sheet_part:
            deque(_inflate(package, info.filename), maxlen=0)  # a damaged or lying member fails here
    scan = SheetScan(sheet_name, has_macros=any(n.lower().endswith("vbaproject.bin") for n in names))
    formulas, rows = _fast_scan(package, sheet_part, max_rows + 1)
    if formulas:  # rare: parse the XML to say which cells they are
        scan.formula_cells, rows = _exact_scan(package, sheet_part, max_rows + 1)
    scan.too_many_rows = rows > max_rows + 1
    return scan


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


def _fast_scan(package: zipfile.ZipFile, member: str, row_limit: int) -> tuple[bool, int]:
    """(any formula, rows), stopping past ``row_limit`` rows: byte searches for literal tags.

    Rows are counted by ``</row>``; rows with formatting only have one too, so only when there
    seem to be too many are rows counted again, keeping those with a value."""
    formula, constant, row_end = _patterns(package, member)
    rows, carry = 0, b""
    for chunk in _inflate(package, member):
        data = carry + chunk
        cut = data.rfind(b"<")  # a tag cut in two is searched whole with the next chunk
        if cut < 0:
            cut = len(data)
        if any(not constant.match(data, m.start()) for m in formula.finditer(data, 0, cut)):
            return True, rows
        rows += data.count(row_end, 0, cut)
        carry = data[cut:]
        if rows > row_limit:
            return False, _rows_with_values(package, member, row_end, row_limit)
    return False, rows  # what is left is the closing tag of the sheet


def _patterns(package: zipfile.ZipFile, member: str) -> tuple[re.Pattern[bytes], re.Pattern[bytes], bytes]:
    """With the sheet's namespace prefix (``<x:f>``): the formula tag, a whole boolean-constant
    formula element, and the row end tag."""
    with package.open(member) as stream:
        root = _ROOT_TAG.search(stream.read(4096))
    prefix = root[1] + b":" if root and root[1] else b""
    f = re.escape(prefix + b"f")
    return (re.compile(b"<" + f + rb"[\s/>]"),
            re.compile(b"<" + f + rb"(?:\s[^>]*)?>(?:TRUE|FALSE)\(\)</" + f + b">", re.IGNORECASE),
            b"</" + prefix + b"row>")


def _rows_with_values(package: zipfile.ZipFile, member: str, row_end: bytes, row_limit: int) -> int:
    """Rows holding a <v> or an <is>, stopping past ``row_limit``: the XML cut at each row end."""
    rows, carry = 0, b""
    for chunk in _inflate(package, member):
        pieces = (carry + chunk).split(row_end)
        carry = pieces.pop()
        rows += sum(map(bool, map(_VALUE_TAG.search, pieces)))
        if rows > row_limit:
            break
    return rows


def _exact_scan(package: zipfile.ZipFile, member: str, row_limit: int) -> tuple[list[tuple[int, int]], int]:
    """(formula cells, rows holding a value), parsing the XML; stops past ``row_limit`` rows."""
    formulas: list[tuple[int, int]] = []
    rows = row_number = 0
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
                match = _CELL_REF.fullmatch(cell.get("r") or "")
                column = _column_number(match[1]) if match else column + 1
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
