"""Reading one sheet of an .xlsx workbook as text, a chunk of rows at a time, without loading the sheet.

The sheet's XML is read as it is decompressed, a block of whole rows at a time, so memory holds one chunk of rows
plus the workbook's shared-strings table (its distinct texts), not the sheet. :func:`iter_blocks` scans a block's
cells with one regular expression and types them column-wise (numpy), about ten times faster than walking the XML
tree; :func:`iter_rows` walks it with lxml ``iterparse`` (any valid sheet, also cells without a reference), and
:func:`iter_blocks` falls back to it for a sheet its expression does not cover. Cells come as
the ledger's import reads them: stripped text, ``""`` where empty, whole numbers without ``.0``, date-formatted
numbers as ISO dates, so that a chunk is what :func:`allyplan.ledger.imports.read_table` would give for its rows.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import repeat
from operator import itemgetter
from pathlib import Path

import numpy as np
from lxml import etree

from allyplan.report.xlsx import column_letter

__all__ = ["XlsxError", "sheet_names", "iter_rows", "iter_blocks"]

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


#: a cell of sheetData: its reference (column letters, row), style, type, other attributes, and its content: a
#: plain value, a plain inline string, or anything else (a formula, rich text: read by :func:`_text`)
_CELL_RE = (r'<c(?=[\s/>])(?:\s+r="({cols})(\d+)"){opt}(?:\s+s="(\d+)")?(?:\s+t="(\w+)")?[^>]*?'
            r"(?:/>|>(?:<v>([^<]*)</v>|<is><t>([^<]*)</t></is>|(.*?))</c>)")
_CELL = re.compile(_CELL_RE.format(cols="[A-Z]{1,3}", opt="?"), re.S)


_V = re.compile(r"<v>(.*?)</v>", re.S)
_T = re.compile(r"<t(?:\s[^>]*)?>(.*?)</t>|<t\s*/>|<rPh\b.*?</rPh>", re.S)
#: a cell's type written before its style (the expression reads a style only before the type)
_T_BEFORE_S = re.compile(r'\st="[^"]*"[^>]*\ss="')
_DAY0 = np.datetime64("1899-12-30", "D")


def _odd(text: str) -> bool:
    """Whether a block has a cell the expression would misread: one without a reference first (``<c>``,
    ``<c s="1" r="A1">``), or with its type before its style. Counted with C-level string methods: a regular
    expression over the whole block costs a third of the scan itself."""
    refs = text.count('<c r="')
    # two passes in the usual case; rich text's <color>, <charset>, ... also start with "<c": counted exactly then
    if text.count("<c") != refs and text.count("<c ") + text.count("<c>") + text.count("<c/>") != refs:
        return True
    return ' s="' in text and _T_BEFORE_S.search(text) is not None


class _Irregular(Exception):
    """A cell without a reference, or with its attributes in an order the expression does not read."""


def _text(content: str, t: str) -> str:
    """The text of a cell whose content is not a plain ``<v>``: an inline string's runs, a formula's value."""
    if t == "inlineStr":
        out = "".join(m.group(1) or "" for m in _T.finditer(content) if m.group(0).startswith("<t"))
    else:
        m = _V.search(content)
        out = m.group(1) if m else ""
    return html.unescape(out) if "&" in out else out


#: a cell's type (``t``) as a small code: a number (no type, or "n"), a shared string, an inline string, ...
_TYPE_CODES = {"": 0, "n": 0, "s": 1, "inlineStr": 2, "b": 3, "d": 4, "str": 5, "e": 6}
_NUMBER, _SHARED, _INLINE, _OTHER_TYPE = 0, 1, 2, 7


def _typed_block(cells: list[tuple[str, ...]], strings: np.ndarray, dates: set[int],
                 cols: dict[str, int], escaped: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """The row numbers of a block's rows and their cells as text (rows x columns, ``""`` where empty), typed a
    column of the match at a time."""
    # a column of the matches at a time (zip(*cells) costs several times more on a long list)
    letters, rs, sts, ts, vs, inline, other = (list(map(itemgetter(i), cells)) for i in range(7))
    if "" in letters:
        raise _Irregular
    for x in set(letters) - cols.keys():
        _column(x, cols)
    n = len(cells)
    col = np.fromiter(map(cols.__getitem__, letters), np.int64, n)
    # a row's cells are consecutive: its number is read once, where it changes (text compared in C, not a call
    # to int() per cell)
    rs_a = np.array(rs, dtype=object)
    start = np.ones(n, dtype=bool)
    if n > 1:
        np.not_equal(rs_a[1:], rs_a[:-1], out=start[1:])
    firsts = np.flatnonzero(start)
    numbers = np.fromiter(map(int, rs_a[firsts].tolist()), np.int64, len(firsts))
    # the types as small codes: comparing object arrays to a text costs as much as reading them
    t = np.fromiter(map(_TYPE_CODES.get, ts, repeat(_OTHER_TYPE)), np.int8, n)
    vals = np.full(n, "", dtype=object)
    v = np.array(vs, dtype=object)
    odd = np.fromiter(map(len, other), np.int64, n) > 0
    if odd.any():  # a formula's cached value, rich text, an inline string in runs
        for i in np.flatnonzero(odd):
            x = _text(other[i], ts[i])
            if ts[i] == "inlineStr":
                vals[i] = x.strip()
            else:
                v[i] = x
    inline_a = np.array(inline, dtype=object)
    inl = np.fromiter(map(len, inline), np.int64, n) > 0
    if inl.any():
        x = inline_a[inl]
        vals[inl] = [(html.unescape(v) if "&" in v else v).strip() for v in x] if escaped else \
            list(map(str.strip, x))
    has = (np.fromiter(map(len, v.tolist()), np.int64, n) > 0) & ~(odd & (t == _INLINE))
    sh = has & (t == _SHARED)
    if sh.any():
        vals[sh] = strings[v[sh].astype(np.int64)]
    num = has & (t == _NUMBER)
    if num.any():
        at = np.flatnonzero(num)
        num_v = v[at].tolist()
        st = np.array(sts, dtype=object)[at]
        try:
            f = np.array(num_v, dtype=object).astype(float)
        except ValueError:
            f = np.array([_float(x) for x in num_v], dtype=float)
        bad = np.isnan(f) & np.array([x.strip().lower() != "nan" for x in num_v], dtype=bool)
        styled = st != ""
        is_date = np.zeros(len(at), dtype=bool)
        if dates and styled.any():
            is_date[styled] = [int(x) in dates for x in st[styled]]
        is_date &= (f >= 1) & (f < 2958466)
        whole = ~is_date & ~bad & np.isfinite(f) & (f == np.floor(f)) & (np.abs(f) < 1e15)
        text = np.empty(len(at), dtype=object)
        if is_date.any():
            text[is_date] = (_DAY0 + f[is_date].astype(np.int64)).astype(str).astype(object)
        if whole.any():
            text[whole] = f[whole].astype(np.int64).astype(str).astype(object)
        rest = ~is_date & ~whole
        text[rest] = [num_v[j].strip() if bad[j] else str(f[j]) for j in np.flatnonzero(rest)]
        vals[at] = text
    for kind in ("b", "d", "str", "e"):
        k = has & (t == _TYPE_CODES[kind])
        if k.any():
            if kind == "b":
                vals[k] = ["True" if x.strip() == "1" else "False" for x in v[k]]
            elif kind == "d":
                vals[k] = [x.strip()[:10] for x in v[k]]
            else:  # a formula's text, an error such as #N/A
                vals[k] = [(html.unescape(x) if "&" in x else x).strip() for x in v[k]]
    if len(numbers) < 2 or bool((numbers[1:] > numbers[:-1]).all()):  # rows in order, as sheets have them
        rows, inv = numbers, np.cumsum(start) - 1
    else:
        rows, inv = np.unique(np.repeat(numbers, np.diff(np.append(firsts, n))), return_inverse=True)
    out = np.full((len(rows), int(col.max()) + 1), "", dtype=object)
    out[inv, col] = vals
    return rows, out


def _float(v: str) -> float:
    try:
        return float(v)
    except ValueError:
        return float("nan")


def _lxml_blocks(path: Path, sheet: str, chunk: int, after: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    first = 0
    for block in iter_rows(path, sheet, chunk):
        numbers = np.arange(first + 1, first + len(block) + 1)
        first += len(block)
        keep = [(n, r) for n, r in zip(numbers.tolist(), block, strict=True) if r and n > after]
        if keep:
            width = max(len(r) for _, r in keep)
            out = np.full((len(keep), width), "", dtype=object)
            for i, (_, r) in enumerate(keep):
                out[i, :len(r)] = r
            yield np.array([n for n, _ in keep], np.int64), out


def iter_blocks(path: Path, sheet: str, read: int = 1 << 21,
                only: list[int] | None = None) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """The rows of ``sheet`` that have cells, a block of whole rows at a time (``read`` bytes of XML or so): the
    row numbers and the cells as text (rows x columns from A, ``""`` where empty), as :func:`iter_rows` gives them.
    ``only``: read only these columns (0 is A; the others are left empty), which is several times faster."""
    pattern = _CELL if only is None else \
        re.compile(_CELL_RE.format(cols="|".join(column_letter(i) for i in sorted(set(only), reverse=True)),
                                   opt=""), re.S)
    z = _open(path)
    last = 0
    try:
        part = _sheets(z).get(sheet)
        if part is None:
            raise XlsxError(f"no sheet named {sheet!r}")
        strings = np.array([s.strip() for s in _shared_strings(z)], dtype=object)
        dates = _date_styles(z)
        cols: dict[str, int] = {}
        with z.open(part) as f:
            buf = b""
            started = False
            while True:
                data = f.read(read)
                buf += data
                if not started:
                    i = buf.find(b"<sheetData")
                    if i < 0:
                        if not data:
                            return
                        buf = buf[-16:]
                        continue
                    started, buf = True, buf[i:]
                end = buf.rfind(b"</row>")
                if data and end < 0:
                    continue
                take, buf = (buf[:end + 6], buf[end + 6:]) if data else (buf, b"")
                stop = take.find(b"</sheetData>")
                if stop >= 0:
                    take = take[:stop]
                text = take.decode("utf-8")
                if _odd(text):
                    raise _Irregular
                cells = pattern.findall(text)
                if cells:
                    rows, out = _typed_block(cells, strings, dates, cols, "&" in text)
                    last = int(rows[-1])
                    yield rows, out
                if not data or stop >= 0:
                    return
    except _Irregular:
        z.close()
        yield from _lxml_blocks(path, sheet, 10_000, last)
    except (KeyError, zipfile.BadZipFile, ValueError, IndexError, EOFError, UnicodeDecodeError) as e:
        raise XlsxError(f"{type(e).__name__}: {e}") from None
    finally:
        z.close()
