"""A minimal, fast ``.xlsx`` writer for tables: one sheet per DataFrame, a header row, numbers as numbers and
text as inline strings (never formulas: a cell reading ``=1+1`` stays text).

The cells of a whole column are made at once with array operations instead of a Python object per cell, so
that ``plan.xlsx`` of the large case (about 100,000 rows) takes a fraction of a second where openpyxl's
write-only mode took seconds. Files open in Excel, LibreOffice, openpyxl and calamine.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["write_xlsx", "column_letter", "escape"]

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Characters XML 1.0 does not allow (control characters other than tab, newline and carriage return).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ILLEGAL_BUT_NUL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_STYLES = (f'{_HEAD}<styleSheet xmlns="{_MAIN}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
           '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
           '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
           '</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
           '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
           '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
           '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
           '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')
_CR = {"\r": "&#13;"}  # a carriage return kept as one (XML reads a bare one as a line feed)
MAX_ROWS = 1_048_576  # Excel's limit of rows in a sheet, the header included


def escape(text: str, entities: Mapping[str, str] | None = None) -> str:
    """``&``, ``<`` and ``>`` as XML entities, then each of ``entities`` (as ``xml.sax.saxutils.escape`` does;
    that module imports urllib.request, and with it http, ssl and email, which cost more to load than writing
    the example's workbook).

    >>> escape('a < b & "c"', {'"': "&quot;"})
    'a &lt; b &amp; &quot;c&quot;'
    """
    text = text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    for k, v in (entities or {}).items():
        text = text.replace(k, v)
    return text


def column_letter(i: int) -> str:
    """Excel's name of the ``i``-th column (0-based): A, B, ..., Z, AA, ..."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _text(values: list[str]) -> list[str]:
    """Strings as XML text: escaped, characters XML cannot hold removed. All at once: joined into one string
    (str.replace runs in C), then split again."""
    if not values:
        return []
    big = "\x00".join(values)
    if big.count("\x00") != len(values) - 1:  # a value holds the separator itself: one at a time
        return [escape(_ILLEGAL.sub("", v), _CR) for v in values]
    big = escape(_ILLEGAL_BUT_NUL.sub("", big), _CR)
    return big.split("\x00")


def _strings(values: np.ndarray) -> np.ndarray:
    """Escaped text of each value (object array)."""
    out = np.empty(len(values), dtype=object)
    out[:] = _text([v if isinstance(v, str) else str(v) for v in values.tolist()])
    return out


def _numbers(x: np.ndarray) -> np.ndarray:
    """Shortest round-trip text of each float (object array)."""
    out = np.empty(len(x), dtype=object)
    out[:] = list(map(repr, x.tolist()))
    return out


def _column_cells(col: pd.Series, letter: str, rows: np.ndarray) -> np.ndarray:
    """The ``<c>`` elements of one column (``rows``: the row numbers as an object array of str); an empty string
    where the cell is empty (NaN, None, infinite)."""
    n = len(col)
    ref = f'<c r="{letter}' + rows
    dtype = col.dtype
    if pd.api.types.is_bool_dtype(dtype):
        v = col.to_numpy(dtype=bool, na_value=False)
        return ref + '" t="b"><v>' + np.where(v, "1", "0").astype(object) + "</v></c>"
    if pd.api.types.is_numeric_dtype(dtype):
        if pd.api.types.is_integer_dtype(dtype) and not col.hasnans:
            return ref + '"><v>' + col.to_numpy(dtype=np.int64).astype(str).astype(object) + "</v></c>"
        x = col.to_numpy(dtype=float, na_value=np.nan)
        return np.where(np.isfinite(x), ref + '"><v>' + _numbers(x) + "</v></c>", "")
    vals = col.to_numpy(dtype=object)
    present = ~pd.isna(vals)
    if pd.api.types.is_string_dtype(dtype) and pd.api.types.infer_dtype(vals, skipna=True) in ("string", "empty"):
        num = np.zeros(n, dtype=bool)
    else:
        num = np.fromiter((isinstance(v, int | float | np.integer | np.floating) and not isinstance(v, bool)
                           for v in vals), dtype=bool, count=n)
    out = np.empty(n, dtype=object)
    out[:] = ""
    if num.any():
        x = vals[num].astype(float)
        out[num] = np.where(np.isfinite(x), ref[num] + '"><v>' + _numbers(x) + "</v></c>", "")
    text = ~num & present
    if text.any():
        out[text] = ref[text] + '" t="inlineStr"><is><t xml:space="preserve">' + _strings(vals[text]) \
            + "</t></is></c>"
    return out


def _sheet_xml(df: pd.DataFrame) -> str:
    n, k = df.shape
    if n + 1 > MAX_ROWS:
        raise ValueError(f"a sheet holds at most {MAX_ROWS - 1:,} rows below its header; this table has {n:,}")
    letters = [column_letter(j) for j in range(k)]
    head = "".join(f'<c r="{c}1" s="1" t="inlineStr"><is><t xml:space="preserve">{t}</t></is></c>'
                   for c, t in zip(letters, _text([str(c) for c in df.columns]),
                                   strict=True))
    body = ""
    if n:
        rows = np.arange(2, n + 2).astype(str).astype(object)
        grid = np.empty((n, k + 2), dtype=object)
        grid[:, 0] = '<row r="' + rows + '">'
        for j in range(k):
            grid[:, j + 1] = _column_cells(df.iloc[:, j], letters[j], rows)
        grid[:, k + 1] = "</row>"
        body = "".join(grid.ravel().tolist())
    last = f"{letters[-1]}{n + 1}" if k else "A1"
    return (f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><dimension ref="A1:{last}"/>'
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
            'state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
            f'<sheetData><row r="1">{head}</row>{body}</sheetData></worksheet>')


def write_xlsx(path: str | Path, sheets: Mapping[str, pd.DataFrame], *, compresslevel: int = 1) -> None:
    """Write ``sheets`` (name -> table; names at most 31 characters, unique regardless of case, none of
    ``[]:*?/\\``) as one workbook, each with its header row frozen."""
    names = list(sheets)
    seen: set[str] = set()
    for name in names:
        if not name or len(name) > 31 or re.search(r"[\[\]:*?/\\]", name) or name.lower() in seen:
            raise ValueError(f"sheet name {name!r}: 1 to 31 characters, none of []:*?/\\, unique in the workbook")
        seen.add(name.lower())
    sheet_parts = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(names) + 1))
    types = (f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/xl/workbook.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
             '<Override PartName="/xl/styles.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
             f"{sheet_parts}</Types>")
    root_rels = (f'{_HEAD}<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
                 f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    workbook = (f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
                + "".join(f'<sheet name="{escape(name, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
                          for i, name in enumerate(names, 1))
                + "</sheets></workbook>")
    wb_rels = (f'{_HEAD}<Relationships xmlns="{_PKG}">'
               + "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                         for i in range(1, len(names) + 1))
               + f'<Relationship Id="rId{len(names) + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
               "</Relationships>")
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", root_rels)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", wb_rels)
        z.writestr("xl/styles.xml", _STYLES)
        for i, name in enumerate(names, 1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", _sheet_xml(sheets[name]))
