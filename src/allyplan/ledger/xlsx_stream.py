"""Reading one sheet of an .xlsx workbook as text, a chunk of rows at a time, without loading the sheet.

The sheet's XML is parsed as it is decompressed (lxml ``iterparse``) and every row is dropped once read, so memory
holds one chunk of rows plus the workbook's shared-strings table (its distinct texts), not the sheet. Cells come as
the ledger's import reads them: stripped text, ``""`` where empty, whole numbers without ``.0``, date-formatted
numbers as ISO dates, so that a chunk is what :func:`allyplan.ledger.imports.read_table` would give for its rows.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from lxml import etree

__all__ = ["XlsxError", "sheet_names", "iter_rows"]

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
#: built-in number formats that show a date (ECMA-376 18.8.30)
_DATE_FORMATS = {14, 15, 16, 17, 22, 27, 30, 36, 45, 46, 47, 50, 57}
_EPOCH = date(1899, 12, 30)


class XlsxError(Exception):
    """The workbook cannot be read (not a zip, a part missing, XML that does not parse)."""


def _open(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise XlsxError(str(e)) from None


def _sheets(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the part that holds it, in workbook order."""
    try:
        book = etree.fromstring(z.read("xl/workbook.xml"))
        rels = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, etree.XMLSyntaxError) as e:
        raise XlsxError(str(e)) from None
    target = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG}Relationship")}
    out: dict[str, str] = {}
    for s in book.iter(f"{_NS}sheet"):
        t = target.get(s.get(_REL), "")
        out[s.get("name", "")] = t.lstrip("/") if t.startswith("/") else posixpath.normpath(posixpath.join("xl", t))
    return out


def sheet_names(path: Path) -> list[str]:
    """The workbook's sheet names, in order."""
    with _open(path) as z:
        return list(_sheets(z))


def _shared_strings(z: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in z.namelist():
        return []
    out: list[str] = []
    with z.open("xl/sharedStrings.xml") as f:
        for _, si in etree.iterparse(f, tag=f"{_NS}si"):
            # the text runs, without phonetic guides (rPh)
            out.append("".join(t.text or "" for t in si.iter(f"{_NS}t") if t.getparent().tag != f"{_NS}rPh"))
            si.clear()
    return out


def _date_styles(z: zipfile.ZipFile) -> set[int]:
    """The cell styles (indexes into cellXfs) whose number format shows a date."""
    if "xl/styles.xml" not in z.namelist():
        return set()
    root = etree.fromstring(z.read("xl/styles.xml"))
    dates = set(_DATE_FORMATS)
    for nf in root.iter(f"{_NS}numFmt"):
        code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", nf.get("formatCode", "")).lower()
        if re.search(r"[dy]", code) or (re.search(r"(^|[^h:])m+([^:s]|$)", code) and "0" not in code):
            dates.add(int(nf.get("numFmtId", "0")))
    xfs = root.find(f"{_NS}cellXfs")
    if xfs is None:
        return set()
    return {i for i, xf in enumerate(xfs.iter(f"{_NS}xf")) if int(xf.get("numFmtId", "0")) in dates}


def _column(ref: str, cache: dict[str, int]) -> int:
    letters = ref.rstrip("0123456789")
    i = cache.get(letters)
    if i is None:
        i = 0
        for ch in letters:
            i = i * 26 + ord(ch) - 64
        cache[letters] = i = i - 1
    return i


def _number(v: str, is_date: bool) -> str:
    try:
        f = float(v)
    except ValueError:
        return v.strip()
    if is_date and 1 <= f < 2958466:
        return (_EPOCH + timedelta(days=int(f))).isoformat()
    if f.is_integer() and abs(f) < 1e15:
        return str(int(f))
    return str(f)


def iter_rows(path: Path, sheet: str, chunk: int = 10_000, limit: int | None = None) -> Iterator[list[list[str]]]:
    """The rows of ``sheet`` from row 1, ``chunk`` rows at a time (the last chunk shorter), each row its cells as
    stripped text from column A; a missing row is an empty list, so a row's position is its number less one.
    ``limit`` stops after that many rows."""
    z = _open(path)
    try:
        part = _sheets(z).get(sheet)
        if part is None:
            raise XlsxError(f"no sheet named {sheet!r}")
        strings = _shared_strings(z)
        dates = _date_styles(z)
        cols: dict[str, int] = {}
        out: list[list[str]] = []
        n = 0
        v_tag, is_tag, t_tag, c_tag = f"{_NS}v", f"{_NS}is", f"{_NS}t", f"{_NS}c"
        with z.open(part) as f:
            for _, row in etree.iterparse(f, tag=f"{_NS}row"):
                r = row.get("r")
                number = int(r) if r else n + 1
                while n < number - 1:  # rows the sheet leaves out
                    out.append([])
                    n += 1
                    if len(out) >= chunk:
                        yield out
                        out = []
                cells: list[str] = []
                for c in row:
                    if c.tag != c_tag:
                        continue
                    ref = c.get("r")
                    at = _column(ref, cols) if ref else len(cells)
                    if at > len(cells):
                        cells.extend([""] * (at - len(cells)))
                    t = c.get("t")
                    if t == "inlineStr":
                        node = c.find(is_tag)
                        text = "" if node is None else "".join(x.text or "" for x in node.iter(t_tag))
                        cells.append(text.strip())
                        continue
                    v = c.findtext(v_tag)
                    if v is None:
                        cells.append("")
                    elif t == "s":
                        cells.append(strings[int(v)].strip())
                    elif t in (None, "n"):
                        s = c.get("s")
                        cells.append(_number(v, s is not None and int(s) in dates))
                    elif t == "b":
                        cells.append("True" if v.strip() == "1" else "False")
                    else:  # "str" (a formula's text), "e" (an error such as #N/A), "d" (an ISO date)
                        cells.append(v.strip()[:10] if t == "d" else v.strip())
                while cells and cells[-1] == "":
                    cells.pop()
                out.append(cells)
                n += 1
                row.clear()
                while row.getprevious() is not None:
                    del row.getparent()[0]
                if len(out) >= chunk:
                    yield out
                    out = []
                if limit is not None and n >= limit:
                    break
        if out:
            yield out
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, ValueError, IndexError, EOFError) as e:
        raise XlsxError(f"{type(e).__name__}: {e}") from None
    finally:
        z.close()
