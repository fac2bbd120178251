"""Reading one sheet of an .xlsx workbook columnar, a block of rows at a time, with calamine (Rust, through
fastexcel and Arrow).

calamine reads a whole sheet into memory (about 2 KB a row of the Kiel tracker's columns: 2 GB for a million
rows), so the sheet's XML is cut, as it is decompressed, into blocks of whole rows, and each block is given to
calamine as a small workbook of its own (stored, not compressed; the workbook's styles and shared strings
with it). Only the columns asked for become Python objects, stripped in Arrow; the cells come as
:func:`allyplan.ledger.xlsx_stream.iter_blocks` gives them (text as written, ``""`` where empty, whole numbers
without ``.0``, dates as ISO dates), with two differences: calamine writes a number cell that is not whole rounded to
nine decimals (``53280611.219999999``, given here as ``53280611.22``, the shortest form, as the streamed reader
gives it; but ``1/3`` stays ``0.333333333`` and ``1e-07`` is ``0.0000001``: money, kept to the cent, and counts
read the same), and a boolean cell as ``true``/``false``.

:func:`supported` says whether a sheet can be read so (fastexcel installed; rows numbered ``<row r="N"``, as every
spreadsheet program writes them); the caller falls back to the streamed reader otherwise.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from allyplan.ledger.xlsx_stream import XlsxError, _open, _sheets
from allyplan.report.xlsx import column_letter

__all__ = ["supported", "iter_column_blocks", "READ_ROWS"]

#: Rows handed to calamine at a time: its memory for a block is about 2 KB a row of the tracker's columns.
READ_ROWS = 25_000
#: ... or the rows in this many bytes of the sheet's XML, if fewer
READ_BYTES = 4 << 20
_PIECE = 1 << 22
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
       'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
       '+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
       'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
       'spreadsheetml.worksheet+xml"/></Types>')
_ROOT_RELS = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
              f'Type="{_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
#: a number cell's text as calamine writes it, where it differs from the streamed reader's: a date-time, a boolean
_DATETIME = r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$"
#: a number as calamine writes one that is not whole: rounded to nine decimals (53280611.22 as 53280611.219999999)
_NINE = r"^-?\d+\.\d{9}$"
_ROW_NUMBER = _FIRST = re.compile(rb'<row r="(\d+)"')


def _shortest(v: str) -> str:
    """A number written with nine decimals in Python's shortest form (the same float):
    ``53280611.219999999`` -> ``53280611.22``; ``0.333333333`` stays.

    >>> _shortest("53280611.219999999"), _shortest("-0.333333333")
    ('53280611.22', '-0.333333333')
    """
    short = repr(float(v))
    return v if "e" in short else short


def supported() -> bool:
    """Whether the columnar reader can be used at all (fastexcel and pyarrow installed)."""
    try:
        import fastexcel  # noqa: F401
        import pyarrow  # type: ignore[import-untyped]  # noqa: F401
    except ImportError:
        return False
    return True


class _Unsupported(Exception):
    """A sheet this reader does not cut safely (a row without its number, a namespace prefix)."""


def _book_parts(z: zipfile.ZipFile) -> dict[str, bytes]:
    """The parts of the one-sheet workbook given to calamine besides the sheet: workbook, relationships, styles,
    shared strings (the workbook's own bytes) and its date system."""
    names = set(z.namelist())
    pr = re.search(rb"<workbookPr\b[^>]*?/?>", z.read("xl/workbook.xml"))
    book = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_RELS}">'.encode()
            + (re.sub(rb"/?>$", b"/>", pr.group(0)) if pr else b"")
            + b'<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
    rels = [f'<Relationship Id="rId1" Type="{_RELS}/worksheet" Target="worksheets/sheet1.xml"/>']
    parts = {"[Content_Types].xml": _CT.encode(), "_rels/.rels": _ROOT_RELS.encode(), "xl/workbook.xml": book}
    for i, (part, kind) in enumerate((("xl/styles.xml", "styles"), ("xl/sharedStrings.xml", "sharedStrings"))):
        if part in names:
            parts[part] = z.read(part)
            rels.append(f'<Relationship Id="rId{i + 2}" Type="{_RELS}/{kind}" Target="{part[3:]}"/>')
    parts["xl/_rels/workbook.xml.rels"] = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
                                          + "".join(rels) + "</Relationships>").encode()
    return parts


def _cut(f: Any, rows: int, size: int) -> Iterator[bytes]:
    """The ``<row>`` elements of a sheet's XML stream in blocks of whole rows: ``rows`` rows, or fewer in about
    ``size`` bytes. Rows must be numbered (``<row r="N"``)."""
    buf = b""
    while (i := buf.find(b"<sheetData")) < 0 or buf.find(b">", i) < 0:
        data = f.read(_PIECE)
        if not data:
            return
        buf += data
    j = buf.find(b">", i)
    if buf[j - 1:j] == b"/":  # <sheetData/>: no rows
        return
    pieces, have, eof = [buf[j + 1:].lstrip()], 0, False
    have = len(pieces[0])
    while True:
        while not eof and have < size:
            data = f.read(_PIECE)
            eof = not data
            pieces.append(data)
            have += len(data)
        buf = b"".join(pieces)
        end = buf.find(b"</sheetData>")
        if end >= 0:
            buf, eof = buf[:end].rstrip(), True
        if not buf:
            return
        first = _FIRST.match(buf)
        if first is None:
            raise _Unsupported
        # the row ``rows`` after the first, found by its number (one search), or the last row that starts
        # within ``size`` bytes
        cut = buf.find(b'<row r="%d"' % (int(first.group(1)) + rows))
        if len(buf) >= size:
            by_size = buf.rfind(b"<row", 1, size)
            cut = by_size if cut < 0 or 0 < by_size < cut else cut
        if cut <= 0:
            if eof:
                yield buf
                return
            pieces, have = [buf], len(buf)  # a row longer than the block: read on
            size *= 2
            continue
        yield buf[:cut]
        pieces, have = [buf[cut:]], len(buf) - cut


def iter_column_blocks(path: Path, sheet: str, after: int, columns: list[int], rows: int | None = None,
                       size: int | None = None) -> Iterator[tuple[np.ndarray, list[Any]]]:
    """The rows of ``sheet`` below row ``after``, a block of about ``rows`` at a time: their numbers and, for
    each of ``columns`` (0 is A), the column's cells as an Arrow array of stripped text (null where empty).
    Rows with no cell in these columns may be included (all null)."""
    import fastexcel
    import pyarrow as pa
    import pyarrow.compute as pc  # type: ignore[import-untyped]

    z = _open(path)
    try:
        part = _sheets(z).get(sheet)
        if part is None:
            raise XlsxError(f"no sheet named {sheet!r}")
        parts = _book_parts(z)
        last_col = column_letter(max(columns))
        letters = ",".join(column_letter(c) for c in columns)
        with z.open(part) as f:
            head = f.read(4096)
            tag = re.search(rb"<worksheet\b[^>]*>", head)
            if tag is None:
                raise _Unsupported
            root = tag.group(0)
        with z.open(part) as f:
            for xml in _cut(f, rows or READ_ROWS, size or READ_BYTES):
                if xml.count(b'<row r="') != xml.count(b"<row"):
                    raise _Unsupported
                start = int(_FIRST.match(xml).group(1))  # type: ignore[union-attr]
                if start <= after:  # the header and the rows above it (the first block only)
                    below = next((m.start() for m in _ROW_NUMBER.finditer(xml) if int(m.group(1)) > after), None)
                    if below is None:
                        continue
                    xml = xml[below:]
                    start = int(_FIRST.match(xml).group(1))  # type: ignore[union-attr]
                # calamine places a row by its number: rows out of order or with gaps still land where they are
                first = start - 1  # the header's row or below: 1 or more
                # a first row with cells in column A and the last column read: calamine's range, and so the
                # block's rows and columns, start where this says
                mark = (f'<row r="{first}"><c r="A{first}" t="inlineStr"><is><t>.</t></is></c>'
                        f'<c r="{last_col}{first}" t="inlineStr"><is><t>.</t></is></c></row>').encode()
                sheet_xml = root + b"<sheetData>" + mark + xml + b"</sheetData></worksheet>"
                out = io.BytesIO()
                with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as mini:
                    for name, data in parts.items():
                        mini.writestr(name, data)
                    mini.writestr("xl/worksheets/sheet1.xml", sheet_xml)
                del sheet_xml
                try:
                    batch = fastexcel.read_excel(out.getvalue()).load_sheet(
                        0, header_row=None, use_columns=letters, dtypes="string", eager=True)
                except Exception as e:  # calamine's errors come in many kinds
                    raise XlsxError(f"{type(e).__name__}: {e}") from None
                n = batch.num_rows - 1
                if n <= 0:
                    continue
                cells: list[Any] = []
                for j in range(len(columns)):
                    c = batch.column(j).slice(1)
                    c = pc.utf8_trim_whitespace(c)
                    when = pc.match_substring_regex(c, _DATETIME)
                    if pc.any(when).as_py():  # a date cell with its time: its date, as the streamed reader
                        c = pc.if_else(when, pc.utf8_slice_codeunits(c, 0, 10), c)
                    nine = pc.match_substring_regex(c, _NINE)
                    if pc.any(nine).as_py():  # calamine's nine decimals of a number: its shortest form
                        at = np.flatnonzero(nine.fill_null(False).to_numpy(zero_copy_only=False))
                        fixed = [_shortest(v) for v in c.take(pa.array(at)).to_pylist()]
                        c = pc.replace_with_mask(c, nine.fill_null(False), pa.array(fixed, pa.string()))
                    cells.append(pc.if_else(pc.equal(c, ""), pa.scalar(None, pa.string()), c))
                yield np.arange(first + 1, first + 1 + n, dtype=np.int64), cells
    except _Unsupported:
        raise
    except (KeyError, zipfile.BadZipFile, EOFError) as e:
        raise XlsxError(f"{type(e).__name__}: {e}") from None
    finally:
        z.close()
