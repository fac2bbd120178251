"""Importing pledges from CSV or XLSX files: a column mapping (``--map donor=country,...``) or a preset for the
Kiel Institute tracker's main-data sheet, all rows checked before anything is written, all or nothing.

A row whose key (``--map key=COLUMN``; for Kiel, ``activity_id/sub_activity_id``) is already in the ledger revises
that entry with only what changed, so re-importing a file changes nothing and importing a newer release records
the differences as revisions. Rows without a key are keyed by their content (donor, item, announcement date,
description): identical rows change nothing, changed ones are new entries.

>>> parse_mapping("donor=country, quantity=qty")
{'donor': 'country', 'quantity': 'qty'}
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import Connection, String, cast, insert, select

from allyplan.errors import Problem
from allyplan.ledger import models as m
from allyplan.ledger.checks import DATE_HELP, LedgerInputError, check_states, parse_dates, parse_numbers
from allyplan.ledger.reference import Reference
from allyplan.ledger.rollups import apply_deltas, sum_deltas
from allyplan.ledger.state import ENTRY_FIELDS
from allyplan.ledger.write import Batch, Change, _now, normalise_adds, py_value
from allyplan.ledger.xlsx_stream import XlsxError, iter_blocks, iter_rows, sheet_names
from allyplan.schema import LEDGER

__all__ = ["ImportResult", "PRESETS", "KIEL_SHEET", "KIEL_LAYOUTS", "KIEL_MONTH_ZERO", "UNKNOWN_CURRENCY",
           "parse_mapping", "read_table", "prepare_import", "run_import"]

KIEL_SHEET = "Bilateral Assistance, MAIN DATA"
#: The Kiel tracker's main-data layouts, each recognised by columns it always has (compared case-insensitively):
#: "current" (releases from 2024 on: one row per sub-activity, ``measure``, ``month`` counted from December 2021)
#: and "2022" (the 2022 releases: one row per item, ``ID`` repeated on a package's items, US-style dates).
KIEL_LAYOUTS: dict[str, tuple[str, ...]] = {
    "current": ("activity_id", "donor", "aid_type_general"),
    "2022": ("countries", "announcement date", "type of aid general"),
}
#: Each layout keys its rows in a namespace of its own (the 2022 ids are not the later activity ids): a release
#: revises, and finds absent, only entries of its own layout.
KIEL_KEYS: dict[str, str] = {"current": "kiel:", "2022": "kiel2022:"}
#: Presets: the columns that identify them (any one set).
PRESETS: dict[str, tuple[tuple[str, ...], ...]] = {"kiel": tuple(KIEL_LAYOUTS.values())}
_COMPARED = ("donor", "recipient", "item", "category", "description", "quantity", "value", "currency", "status",
             "announced", "expected", "delivered", "delivered_value", "sources", "measure", "absent_from")
#: The month the current layout's ``month`` counts from: 1 is January 2022, 48 December 2025, 0 unknown.
KIEL_MONTH_ZERO = (2021, 12)
#: Words before a date that qualify it ("until 7/27/2022"): the date is read, the qualifier kept in the note.
_QUALIFIER = re.compile(r"^\s*(until|by|before|after|since|from|as of|around|approx\.?|ca\.?|circa|early|mid|"
                        r"late|end of|beginning of)\s+(.+)$", re.IGNORECASE)
#: A currency the tracker writes as "." or leaves blank: the value is kept, in no known currency (not valued).
UNKNOWN_CURRENCY = "XXX"
Progress = Callable[[str], None]


@dataclass
class ImportResult:
    file: str
    rows: int
    added: list[int] = field(default_factory=list)
    revised: list[int] = field(default_factory=list)
    unchanged: int = 0
    duplicates: dict[int, int] = field(default_factory=dict)
    already_imported: str | None = None
    #: what was read with a warning (kept, not refused): undated rows, corrections, unknown counts, ...
    warnings: list[Problem] = field(default_factory=list)
    #: the text encoding a CSV was read in
    encoding: str | None = None
    #: the Kiel layout recognised ("current" or "2022")
    layout: str | None = None
    #: entries of an earlier release of the same source that this file no longer contains
    absent: list[int] = field(default_factory=list)


def parse_mapping(text: str | None) -> dict[str, str]:
    """``"field=column,field=column"`` as a dict; ledger fields are checked by :func:`prepare_import`."""
    out: dict[str, str] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        if "=" not in part:
            raise LedgerInputError([Problem("--map", None, None, f"{part.strip()!r} is not FIELD=COLUMN",
                                            "Write the mapping as donor=country,quantity=qty")])
        k, v = part.split("=", 1)
        out[k.strip()] = v.strip()
    return out


def _norm(name: object) -> str:
    return re.sub(r"\s+", " ", str(name).strip().lower())


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read in (UTF-8 and UTF-16 by their marks, else detected)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        enc = "utf-16"
    elif data.startswith(codecs.BOM_UTF8):
        enc = "utf-8-sig"
    else:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            from charset_normalizer import from_bytes

            best = from_bytes(data[:1_000_000]).best()
            if best is None or best.encoding is None:
                raise LedgerInputError([Problem(name, None, None, "the text is in no encoding that could be "
                                                "recognised", "Save the file as UTF-8 (CSV UTF-8 in Excel)")]) \
                    from None
            enc = best.encoding
    try:
        return data.decode(enc), enc
    except (UnicodeDecodeError, LookupError):
        raise LedgerInputError([Problem(name, None, None, f"the text cannot be decoded as {enc}",
                                        "Save the file as UTF-8 (CSV UTF-8 in Excel)")]) from None


def _header_at(raw: pd.DataFrame, hint: tuple[str, ...]) -> int | None:
    want = {h.lower() for h in hint}
    for i in range(min(len(raw), 30)):
        if want <= {_norm(c) for c in raw.iloc[i] if c is not None and c == c}:
            return i
    return None


def _pick_sheet(path: Path, sheet: str | None, hints: Sequence[tuple[str, ...]]) -> tuple[str, pd.DataFrame]:
    """The sheet to read: the one named (compared case-insensitively), else for a preset the main-data sheet by
    name or by its columns, else the first."""
    name = path.name

    def damaged(e: Exception) -> LedgerInputError:
        return LedgerInputError([Problem(name, None, None, f"cannot read the workbook: {e}",
                                         "Save it again as .xlsx, or export the sheet as CSV")])

    try:  # calamine (Rust) reads a sheet many times faster than openpyxl
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(str(path))
        names = [str(n) for n in book.sheet_names]
    except Exception as e:  # a damaged workbook raises many kinds of errors
        raise damaged(e) from None

    def parse(n: str, rows: int | None = None) -> pd.DataFrame:
        """The sheet's cells as text, every row and column kept (so row numbers are the sheet's)."""
        try:
            data = book.get_sheet_by_name(n).to_python(skip_empty_area=False, **({"nrows": rows} if rows else {}))
        except Exception as e:
            raise damaged(e) from None
        width = max(map(len, data), default=0)
        if not data:
            return pd.DataFrame(dtype=object)
        # column by column, text kept as it is (most cells): a call per cell costs more than reading the file
        cols = zip(*(r if len(r) == width else [*r, *[""] * (width - len(r))] for r in data), strict=True)
        del data
        return pd.DataFrame({i: [v.strip() if type(v) is str else _cell(v).strip() for v in c]
                             for i, c in enumerate(cols)}, dtype=object)

    if sheet is not None:
        match = [n for n in names if n == sheet] or [n for n in names if _norm(n) == _norm(sheet)]
        if not match:
            raise LedgerInputError([Problem(name, None, "--sheet", f"no sheet named {sheet!r}",
                                            f"Sheets are: {', '.join(map(repr, names))}")])
        return match[0], parse(match[0])
    if not hints:
        return names[0], parse(names[0])
    by_name = [n for n in names if _norm(n) == _norm(KIEL_SHEET)]
    for n in by_name:  # the main-data sheet by its name: read once
        whole = parse(n)
        if any(_header_at(whole.head(30), h) is not None for h in hints):
            return n, whole
    for n in [n for n in names if n not in by_name]:
        if any(_header_at(parse(n, 30), h) is not None for h in hints):
            return n, parse(n)
    raise LedgerInputError([Problem(name, None, "--sheet", "no sheet has the preset's columns ("
                                    + " or ".join(", ".join(h) for h in hints) + ")",
                                    "Name the main-data sheet with --sheet; sheets are: "
                                    + ", ".join(map(repr, names)))])


def _cell(v: object) -> str:
    if v is None or v == "" or (isinstance(v, float) and np.isnan(v)):
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, (datetime, date, pd.Timestamp)):
        return v.strftime("%Y-%m-%d")
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return str(v)


def read_table(path: Path, sheet: str | None = None, hints: Sequence[tuple[str, ...]] = (),
               info: dict[str, str] | None = None) -> tuple[pd.DataFrame, int]:
    """The file's cells as stripped strings (``""`` where empty) and the line number of its first data row.

    Columns with an empty header and no values (a blank first column) are dropped; the header row of a sheet is the
    first row that holds one of the ``hints`` column sets (or the first non-empty row). ``info`` receives the
    sheet read and a CSV's encoding."""
    name = path.name
    info = info if info is not None else {}
    if not path.exists():
        raise LedgerInputError([Problem(name, None, None, "no such file", f"Check the path {path}")])
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        info["sheet"], raw = _pick_sheet(path, sheet, hints)
    elif suffix in (".csv", ".txt", ".tsv"):
        data = path.read_bytes()
        if not data.strip():
            raise LedgerInputError([Problem(name, None, None, "the file is empty", "Give a file with a header row")])
        text, info["encoding"] = _decode(data, name)
        if "\x00" in text:
            line = text.count("\n", 0, text.index("\x00")) + 1
            raise LedgerInputError([Problem(name, line, None, "a NUL character: this is a binary file, not CSV text",
                                            "Export the table as CSV (UTF-8) or give the .xlsx workbook")])
        sep = "\t" if suffix == ".tsv" else ","
        if suffix != ".tsv":
            try:
                sep = csv.Sniffer().sniff(text[:65536], delimiters=",;\t|").delimiter
            except csv.Error:
                sep = ","
        try:
            raw = pd.read_csv(io.StringIO(text), header=None, dtype=str, keep_default_na=False, sep=sep)
        except (pd.errors.ParserError, ValueError, csv.Error) as e:
            raise LedgerInputError([Problem(name, None, None, f"cannot read the CSV: {e}",
                                            "Check the quoting and the number of columns per row")]) from None
    else:
        raise LedgerInputError([Problem(name, None, None, f"unsupported file type {suffix!r}",
                                        "Import a .csv or .xlsx file")])
    if suffix not in (".xlsx", ".xlsm"):  # a sheet's cells are stripped as they are read
        # plain comprehensions: pandas' .str methods cost about a microsecond a cell on text without pyarrow
        raw = pd.DataFrame({c: [v.strip() for v in raw[c].to_numpy(dtype=object)] for c in raw.columns},
                           dtype=object)
    raw.columns = range(raw.shape[1])
    header_at = next((i for i in (_header_at(raw, h) for h in hints) if i is not None), None)
    if header_at is None:
        header_at = next((i for i in range(min(len(raw), 30)) if any(raw.iloc[i] != "")), 0)
    header = [str(h).strip() for h in raw.iloc[header_at]] if len(raw) else []
    body = raw.iloc[header_at + 1:].reset_index(drop=True)
    body.columns = header
    keep = [i for i, h in enumerate(header) if h != "" or (body.iloc[:, i] != "").any()]
    body = body.iloc[:, keep]
    body = body.loc[(body != "").any(axis=1)]
    rows = body.index.to_numpy() + header_at + 2
    body = body.reset_index(drop=True)
    body["_row"] = rows
    return body, header_at + 2


def _month_dates(month: pd.Series) -> pd.Series:
    """The current layout's ``month`` (months since December 2021) as the first day of that month; None where
    it is 0, empty or not a whole number."""
    num = pd.to_numeric(month.replace({"": None, ".": None}), errors="coerce")
    ok = num.notna() & (num > 0) & (num == num.round()) & (num < 1200)
    y0, m0 = KIEL_MONTH_ZERO
    total = (y0 * 12 + m0 - 1) + num.where(ok, 0).astype(int)
    out = [f"{t // 12:04d}-{t % 12 + 1:02d}-01" for t in total]
    return pd.Series(out, index=month.index, dtype=object).where(ok, None)


def _excel_serial(v: str) -> str | None:
    """An Excel date serial number (a date cell stored as text) as ISO, else None."""
    if re.fullmatch(r"\d{5}(\.0+)?", v) and 30000 <= float(v) <= 80000:
        return (date(1899, 12, 30) + timedelta(days=int(float(v)))).isoformat()
    return None


def _kiel_dates(col: pd.Series, us: bool) -> tuple[pd.Series, pd.Series]:
    """Dates as ISO text (None where unreadable) and the qualifier written before them ("until", ...)."""
    raw = col.to_numpy(dtype=object)
    qual_a = np.full(len(raw), "", dtype=object)
    text_a = raw.copy()
    for i, v in enumerate(raw.tolist()):  # a qualifier is a word: a cell that starts with a digit has none
        if v and not v[0].isdigit() and (mt := _QUALIFIER.match(v)):
            qual_a[i], text_a[i] = mt.group(1).lower(), mt.group(2).strip()
    qual = pd.Series(qual_a, index=col.index, dtype=object)
    text = pd.Series(text_a, index=col.index, dtype=object)
    out = pd.Series([None] * len(col), index=col.index, dtype=object)
    slash = text.str.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}").fillna(False).astype(bool) if us else \
        pd.Series(False, index=col.index)
    if us and slash.any():  # the 2022 releases write dates month first: 7/27/2022
        parsed = pd.to_datetime(text[slash], format="%m/%d/%Y", errors="coerce")
        out[slash] = [d.strftime("%Y-%m-%d") if d == d else None for d in parsed]
    rest = ~(slash & us) & text.ne("")
    if rest.any():
        out[rest] = parse_dates(text[rest]).to_numpy(dtype=object)
    for i in out.index[out.isna() & text.ne("")]:
        out[i] = _excel_serial(str(text[i]))
    return out, qual


def _counts(col: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Counts as text for :func:`parse_numbers`, with words ("undisclosed", "dozens") taken out: (counts, words)."""
    num = parse_numbers(col.where(col.ne(""), None))
    words = col.where(num.isna() & col.ne(""), "")
    return col.where(words.eq(""), ""), words


def _word_count(words: pd.Series, what: str) -> Callable[[int], str]:
    w = words.to_numpy(dtype=object)  # by position, without pandas' per-call indexing
    return lambda i: f"{what} {w[i]!r} is not a number: unknown, the text kept in the description"


def _each(col: pd.Series, fn: Callable[[str], object]) -> pd.Series:
    """``fn`` of each cell of a column, called once per distinct value (a tracker's columns repeat a few donors,
    measures, currencies and categories over many rows): the column's codes (pandas' hash table, at C speed) index
    the results; None where a cell is missing.

    >>> _each(pd.Series(["a ", "B", "a ", None]), lambda v: v.strip().upper()).tolist()
    ['A', 'B', 'A', None]
    """
    codes, uniq = pd.factorize(col.to_numpy(dtype=object))  # missing cells: code -1, left None
    done = np.empty(len(uniq) + 1, dtype=object)
    done[:-1] = [fn(v) for v in uniq.tolist()]
    return pd.Series(done[codes], index=col.index, dtype=object)


def _hashes(key: pd.Series) -> np.ndarray:
    return np.asarray(pd.util.hash_array(key.to_numpy(dtype=object)), dtype=np.uint64)


class KielGroups:
    """What the Kiel preset needs to know about ids repeated across a whole file, kept per id (a 64-bit hash of
    it), not per row: how many rows carry it, how many of them are not negative, the row a correction corrects,
    and how many of its rows were read so far (for part and correction numbers when the file is read in chunks).
    """

    def __init__(self) -> None:
        self._h: list[np.ndarray] = []
        self._neg: list[np.ndarray] = []
        self._rows: list[np.ndarray] = []
        self.n: dict[int, int] = {}
        self.kept: dict[int, int] = {}
        self.corrected_row: dict[int, int] = {}
        self.first_correction: dict[int, int] = {}
        self._parts: dict[int, int] = {}
        self._corrections: dict[int, int] = {}
        self._done = False

    def add(self, key: pd.Series, negative: np.ndarray, rows: np.ndarray) -> None:
        """Count a chunk's ids (before :meth:`finish`)."""
        has = key.ne("").to_numpy()
        self._h.append(_hashes(key[has]))
        self._neg.append(np.asarray(negative, dtype=bool)[has])
        self._rows.append(np.asarray(rows, dtype=np.int64)[has])

    def finish(self) -> None:
        h = np.concatenate(self._h) if self._h else np.zeros(0, np.uint64)
        neg = np.concatenate(self._neg) if self._neg else np.zeros(0, bool)
        rows = np.concatenate(self._rows) if self._rows else np.zeros(0, np.int64)
        self._h, self._neg, self._rows = [], [], []
        uniq, counts = np.unique(h, return_counts=True)
        rep = uniq[counts > 1]
        sel = np.isin(h, rep)
        for x, ng, r in zip(h[sel].tolist(), neg[sel].tolist(), rows[sel].tolist(), strict=True):
            self.n[x] = self.n.get(x, 0) + 1
            self.kept[x] = self.kept.get(x, 0) + (not ng)
            if not ng:
                self.corrected_row[x] = r
            elif x not in self.first_correction:
                self.first_correction[x] = r
        self._done = True

    def count(self, key: pd.Series, negative: np.ndarray, rows: np.ndarray) -> None:
        self.add(key, negative, rows)
        self.finish()

    def corrections_follow(self) -> bool:
        """Whether every correction comes after the row it corrects (so that, read in chunks, it is written
        after it)."""
        return all(self.first_correction[x] > r for x, r in self.corrected_row.items()
                   if self.kept[x] == 1 and x in self.first_correction)

    def resolve(self, key: pd.Series, negative: np.ndarray) -> tuple[np.ndarray, ...]:
        """Per row of a chunk (read in file order): rows with its id, its part number, its correction number,
        the id's rows not negative, the row it corrects (0 where none)."""
        m = len(key)
        n, part, nth = np.ones(m, np.int64), np.ones(m, np.int64), np.zeros(m, np.int64)
        kept, corr = np.zeros(m, np.int64), np.zeros(m, np.int64)
        if not self.n:
            return n, part, nth, kept, corr
        h = _hashes(key)
        has = key.ne("").to_numpy()
        neg = np.asarray(negative, dtype=bool)
        for i in np.flatnonzero(has & np.isin(h, np.fromiter(self.n, np.uint64, len(self.n)))):
            x = int(h[i])
            n[i], kept[i] = self.n[x], self.kept[x]
            part[i] = self._parts[x] = self._parts.get(x, 0) + 1
            if neg[i] and kept[i] == 1:
                nth[i] = self._corrections[x] = self._corrections.get(x, 0) + 1
                corr[i] = self.corrected_row[x]
        return n, part, nth, kept, corr


def _kiel(df: pd.DataFrame, ref: Reference, name: str, release: date, warnings: list[Problem],
          groups: KielGroups | None = None) -> tuple[pd.DataFrame, list[Problem], str]:
    """The Kiel tracker's main data (either layout) as ledger fields; quirks read with a warning. ``groups``: the
    ids repeated in the whole file, when ``df`` is one chunk of it (else counted on ``df``)."""
    d = df.drop(columns="_row")  # "." (unknown) is read as empty, a column at a time in col()
    cols = {_norm(c): c for c in d.columns}
    rows = df["_row"].to_numpy()
    layout = next((k for k, need in KIEL_LAYOUTS.items() if all(c in cols for c in need)), None)
    if layout is None:
        need = " or ".join(", ".join(v) for v in KIEL_LAYOUTS.values())
        raise LedgerInputError([Problem(name, 1, None, f"not the Kiel tracker's main data: it needs the columns "
                                        f"{need}", f"The file's columns are: {', '.join(map(str, d.columns))}. Name "
                                        "the main-data sheet with --sheet, or map the columns with --map")])

    def text(c: str) -> np.ndarray:
        """A column's cells as plain text objects (pandas' own text dtype compares and joins cell by cell in
        Python), "." read as empty."""
        v = d[c].to_numpy(dtype=object)  # read_table and the streamed reader give text in every cell
        return np.where(v == ".", "", v)

    def col(*names: str) -> pd.Series:
        for n in names:
            if _norm(n) in cols:
                return pd.Series(text(cols[_norm(n)]), index=d.index, dtype=object)
        return pd.Series([""] * len(d), index=d.index, dtype=object)

    def warn(mask: pd.Series | np.ndarray, fld: str, msg: Callable[[int], str], fix: str) -> None:
        for i in np.flatnonzero(np.asarray(mask, dtype=bool)):  # a message many rows repeat is kept once
            warnings.append(Problem(name, int(rows[i]), fld, sys.intern(msg(int(i))), fix))

    notes: list[pd.Series] = []
    out = pd.DataFrame(index=d.index)
    if layout == "current":
        sub = col("sub_activity_id")
        key = col("activity_id") + np.where(sub != "", "/" + sub, "")
        donor, category = col("donor"), col("aid_type_general")
        item_text = _each(col("item") + " " + col("item_type"), str.strip)
        expl = col("explanation")
        qty_raw, dlv_raw = col("item_numb"), col("item_numb_deliv")
        measure = _each(col("measure"), lambda v: v.strip().lower())
        sub_eur, act_eur = col("tot_sub_activity_value_EUR"), col("tot_activity_value_EUR")
        # a Commitment row carries its value at the activity level (tot_activity_value_EUR); its sub-activity
        # value is 0 or empty. An Allocation row carries its value per sub-activity.
        use_act = measure.eq("commitment") & act_eur.ne("") & (sub_eur.eq("") | (parse_numbers(sub_eur) == 0))
        eur = sub_eur.where(~use_act, act_eur)
        reported, cur = col("source_reported_value"), _each(col("reporting_currency"), str.upper)
        dlv_eur = col("tot_value_deliv_EUR")
        date_text = col("announcement_date")
        announced, qual = _kiel_dates(date_text, us=False)
        announced = announced.where(announced.notna() | date_text.ne(""), _month_dates(col("month")))
    else:
        key, donor, category = col("ID"), col("countries"), col("type of aid general")
        item_text = _each(col("item") + " " + col("sub-type of item"), str.strip)
        expl = col("explanation")
        qty_raw = col("no. of units", "number of units")
        dlv_raw = col("no. of units delivered", "number of units delivered", "units delivered")
        measure = pd.Series(["commitment"] * len(d), index=d.index, dtype=object)  # 2022: commitments only
        eur = col("converted value in eur")
        reported = col("monetary value as given by source", "reported value")
        cur = _each(col("original currency", "reported currency", "currency"), str.upper)
        dlv_eur = col("total monetary value delivered in eur")
        date_text = col("announcement date")
        announced, qual = _kiel_dates(date_text, us=True)
    bad_measure = ~measure.isin(["commitment", "allocation", ""])
    problems = [Problem(name, int(r), "measure", f"unknown measure {v!r}", "Expected Commitment or Allocation")
                for r, v in zip(rows[bad_measure.to_numpy()], measure[bad_measure], strict=True)]
    # the value as read: a tracker's EUR value, else the value it reports in another currency
    use_reported = eur.eq("") & reported.ne("")
    value_text = eur.where(~use_reported, reported)
    value_num = parse_numbers(value_text.where(value_text.ne(""), None))
    negative = (value_num < 0).to_numpy()
    # a negative row on the same id as exactly one other row, not negative, corrects that row: it keeps the id as
    # its key, the corrections are keyed ID#correction1, ... and name it. Other repeated ids are one package's
    # items: they become its parts (key ID#1, ID#2, ...)
    raw_key = key
    if groups is None:  # the whole file is here: its ids are counted on it
        groups = KielGroups()
        groups.count(key, negative, rows)
    n_arr, part_arr, nth_arr, kept, corr_of = groups.resolve(key, negative)
    n_of = pd.Series(n_arr, index=d.index)
    part = pd.Series(part_arr, index=d.index)
    grouped = n_arr > 1
    correction = grouped & negative & (kept == 1)
    corrected = grouped & ~negative & (kept == 1)
    repeated = pd.Series(grouped & ~correction & ~corrected, index=d.index)
    if repeated.any():
        warn(repeated & (part == 1), "key", lambda i: f"package {key[i]} has {n_of[i]} rows: read as one package, "
             f"its rows as parts {key[i]}#1..#{n_of[i]}", "Nothing to do")
        notes.append(pd.Series(np.where(repeated, "part " + part.astype(str) + " of package " + key, ""),
                               index=d.index))
    nth = pd.Series(nth_arr, index=d.index)
    out["_corrects"] = (KIEL_KEYS[layout] + key).where(correction, None)
    key = key.where(~repeated, key + "#" + part.astype(str))
    key = key.where(~correction, key + "#correction" + nth.astype(str))
    out["key"] = (KIEL_KEYS[layout] + key).where(key.ne(""), None)
    out["donor"] = donor
    out["recipient"] = "UA"
    out["item"] = _each(item_text, lambda t: ref.item_id(t) if t else None)
    category = _each(category, lambda v: v.strip().lower() or None)
    out["category"] = category
    cat = ref.categories(out["item"])
    out["category"] = cat.where(cat.notna(), out["category"])
    undated = announced.isna() & date_text.eq("")
    if undated.any():
        warn(undated, "announced", lambda i: "no announcement date: dated by the release that first listed it "
             f"(this one: {release.isoformat()}) and flagged", "Nothing to do; give the release's date with --date")
        notes.append(pd.Series(np.where(undated, "undated in the tracker: dated by the release that first listed it",
                                        ""), index=d.index))
        announced = announced.where(~undated, release.isoformat())
    unread = announced.isna()
    problems += [Problem(name, int(rows[i]), "announced", f"{date_text.iloc[i]!r} is not a date",
                         DATE_HELP + "; the 2022 layout writes dates month first (7/27/2022)")
                 for i in np.flatnonzero(unread.to_numpy())]
    has_q = qual.ne("") & ~unread
    if has_q.any():
        warn(has_q, "announced", lambda i: f"date written with a qualifier ({date_text.iloc[i]!r}): the date is "
             "used, the qualifier kept in the description", "Nothing to do")
        notes.append(pd.Series(np.where(has_q, "announced: " + qual + " " + announced.astype(str), ""),
                               index=d.index))
    out["announced"] = announced
    qty, qty_words = _counts(qty_raw)
    dlv, dlv_words = _counts(dlv_raw)
    for words, what in ((qty_words, "count"), (dlv_words, "delivered count")):
        has = words.ne("")
        if has.any():
            warn(has, "quantity", _word_count(words, what), "Nothing to do")
            notes.append(pd.Series(np.where(has, what + ": " + words, ""), index=d.index))
    out["quantity"], out["delivered"] = qty, dlv
    out["value"] = value_text
    out["currency"] = np.where(use_reported, cur.where(cur.ne(""), UNKNOWN_CURRENCY), "EUR")
    warn(use_reported & cur.eq(""), "currency", lambda i: f"a value of {reported.iloc[i]} in no stated currency: "
         "kept, not valued", "Nothing to do; it is counted as unvalued")
    out["delivered_value"] = dlv_eur
    if correction.any():
        ids = raw_key.to_numpy(dtype=object)
        warn(correction, "value", lambda i: f"a negative value ({value_text.iloc[i]}) on the id {ids[i]} of row "
             f"{corr_of[i]}: a correction the tracker records, imported as a correction of that entry",
             "Nothing to do; reports add it up as the tracker does")
        notes.append(pd.Series(np.where(correction, "correction of " + raw_key, ""), index=d.index))
    negative = negative & ~correction
    if negative.any():
        warn(negative, "value", lambda i: f"a negative value ({value_text.iloc[i]}): a correction the tracker "
             "records, imported as a negative adjustment", "Nothing to do; reports add it up as the tracker does")
        notes.append(pd.Series(np.where(negative, "correction recorded by the tracker", ""), index=d.index))
    warn(out["value"].eq("") & qty.eq(""), "value", lambda _i: "neither a count nor a value: kept, unvalued",
         "Nothing to do")
    srcs = [text(c) for c in d.columns if _norm(c).startswith("source of aid")]
    joined = srcs[0] if srcs else ""
    for more in srcs[1:]:  # the non-empty sources joined by ";", a column at a time
        joined = np.where(more == "", joined, np.where(joined == "", more, joined + ";" + more))
    out["sources"] = joined
    out["measure"] = measure.where(measure.ne(""), None)
    base = item_text + pd.Series(np.where((item_text != "") & (expl != ""), ": ", ""), index=d.index) + expl
    for n in notes:
        base = base + pd.Series(np.where(n.ne(""), np.where(base.ne(""), " (", "(") + n + ")", ""), index=d.index)
    blank = np.fromiter(map(str.isspace, base.to_numpy(dtype=object).tolist()), bool, len(base)) | base.eq("")
    out["description"] = base.where(~blank, None)
    out["status"] = "committed"
    out["_undated"] = undated.to_numpy()
    out["_row"] = rows
    return out, problems, layout


def _mapped(df: pd.DataFrame, mapping: dict[str, str], name: str) -> tuple[pd.DataFrame, list[Problem]]:
    problems: list[Problem] = []
    targets = [*LEDGER.columns, "measure"]
    rows = df.pop("_row")
    cols = {c.lower(): c for c in df.columns}
    full = {f: cols[f.lower()] for f in targets if f.lower() in cols}
    for k, v in mapping.items():
        if k not in targets:
            problems.append(Problem("--map", None, k, f"{k!r} is not a ledger field",
                                    f"Map to one of: {', '.join(targets)}"))
        elif v.lower() not in cols:
            problems.append(Problem(name, 1, v, f"no column {v!r} (mapped to {k})",
                                    f"The file's columns are: {', '.join(df.columns)}"))
        else:
            full[k] = cols[v.lower()]
    for f in ("donor", "announced"):
        if f not in full and not any(p.field == f for p in problems):
            problems.append(Problem(name, 1, f, f"no column for the required field {f!r}",
                                    f"Name a column {f!r} or map one: --map {f}=COLUMN"))
    if problems:
        raise LedgerInputError(problems)
    out = pd.DataFrame({f: df[c].replace(".", "") for f, c in full.items()})
    if "currency" in out.columns and "value" in out.columns:  # a value whose currency is left blank: unknown
        out.loc[out["currency"].eq("") & out["value"].ne(""), "currency"] = UNKNOWN_CURRENCY
    out["_row"] = rows
    return out, []


def prepare_import(path: Path, ref: Reference, *, mapping: dict[str, str] | None = None, preset: str | None = None,
                   sheet: str | None = None, release: date | None = None,
                   result: ImportResult | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Read and type a file's rows as ledger fields (plus ``row``); problems where cells cannot be read. Warnings,
    the encoding and the layout go to ``result``."""
    name = path.name
    result = result if result is not None else ImportResult(file=str(path), rows=0)
    if preset is not None and preset not in PRESETS:
        raise LedgerInputError([Problem("--preset", None, None, f"unknown preset {preset!r}",
                                        f"Presets are: {', '.join(PRESETS)}")])
    info: dict[str, str] = {}
    df, _ = read_table(path, sheet, PRESETS.get(preset or "", ()), info)
    result.encoding = info.get("encoding")
    if result.encoding not in (None, "utf-8", "utf-8-sig"):
        result.warnings.append(Problem(name, None, None, f"read as {result.encoding} (not UTF-8)",
                                       "Check a few names with accents; save the file as UTF-8 to be sure"))
    problems: list[Problem]
    if preset == "kiel":
        out, problems, result.layout = _kiel(df, ref, name, release or date.today(), result.warnings)
    else:
        out, problems = _mapped(df, mapping or {}, name)
    return _typed(out, problems, preset, ref, name), problems


def _typed(out: pd.DataFrame, problems: list[Problem], preset: str | None, ref: Reference,
           name: str) -> pd.DataFrame:
    """Mapped rows as typed ledger fields (plus ``row``); problems appended where cells cannot be read."""
    rows = out.pop("_row")
    for f in ENTRY_FIELDS:
        if f not in out.columns:
            out[f] = None
    for c in out.columns:  # empty and missing cells as None, a column at a time
        v = out[c].to_numpy(dtype=object)
        out[c] = pd.Series(np.where(pd.isna(v) | (v == ""), None, v), index=out.index, dtype=object)

    def bad(mask: pd.Series, field: str, message: str, fix: str) -> None:
        """``message`` is a format string with ``{v}``, the cell's value."""
        if not mask.any():
            return
        for r, v in zip(rows[mask], out.loc[mask, field], strict=True):
            problems.append(Problem(name, int(r), field, message.format(v=v), fix))

    # names and aliases to codes; what is not known stays as written, for the one check of every state to report
    for f in ("donor", "recipient") if preset == "kiel" else ("donor", "recipient", "item"):
        lookup: Callable[[str], str | None] = ref.item_id if f == "item" else ref.party_code

        def code(v: object, find: Callable[[str], str | None] = lookup) -> object:
            return find(str(v)) or v

        out[f] = _each(out[f], code)
    for f in ("quantity", "value", "delivered", "delivered_value"):
        raw = out[f]
        num = parse_numbers(raw)
        bad(raw.notna() & num.isna(), f, "'{v}' is not a number", "Write a plain number such as 12 or 1500000.50")
        out[f] = num
    for f in ("announced", "expected"):
        raw = out[f]
        dates = parse_dates(raw)
        bad(raw.notna() & dates.isna(), f, "'{v}' is not a date in a known format", DATE_HELP)
        out[f] = dates
    out["currency"] = _each(out["currency"].fillna("EUR"), lambda v: str(v).upper())
    out["status"] = _each(out["status"].fillna("committed"), lambda v: str(v).lower())
    if preset == "kiel":  # delivered in full when the delivered count or value reaches the pledged one
        full_q = out["quantity"].notna() & out["delivered"].notna() & (out["delivered"] >= out["quantity"]) \
            & (out["quantity"] > 0)
        full_v = out["quantity"].isna() & out["value"].notna() & out["delivered_value"].notna() \
            & (out["delivered_value"] >= out["value"]) & (out["value"] > 0)
        out.loc[full_q | full_v, "status"] = "delivered"
    out["delivered"] = out["delivered"].fillna(0.0)
    no_key = out["key"].isna()
    if no_key.any():
        def txt(c: str) -> pd.Series:
            return out[c].map(lambda v: "" if v is None or v != v else str(v))

        basis = (txt("donor") + "|" + txt("item") + "|" + txt("announced") + "|" + txt("description") + "|"
                 + txt("quantity"))
        out.loc[no_key, "key"] = "row:" + basis[no_key].map(lambda s: hashlib.sha1(s.encode()).hexdigest()[:16])
    dup_key = out["key"].duplicated(keep=False) & ~no_key
    bad(dup_key, "key", "the key '{v}' appears on more than one row", "Keys must be unique within a file")
    out["row"] = rows
    return out


def _absent(conn: Connection, prefix: str, keys: set[str]) -> list[tuple[int, str | None]]:
    """Live entries keyed in ``prefix``'s namespace (an earlier release) whose key is not among ``keys``, with the
    release they were already found absent from."""
    s = m.states.c
    q = select(s.entry, s.key, s.absent_from).where(s.valid_to.is_(None), s.key.like(prefix + "%"),
                                                    s.status != "cancelled")
    return sorted((int(e), a) for e, k, a in conn.execute(q).all() if k not in keys)


def _current_by_key(conn: Connection, keys: list[str]) -> pd.DataFrame:
    s = m.states.c
    cols = ["entry", "key", *_COMPARED]
    # dates as text in the query: parsing a million dates into Python objects and back costs seconds
    exprs = [cast(getattr(s, c), String) if c in ("announced", "expected") else getattr(s, c) for c in cols]
    q = select(*exprs).where(s.valid_to.is_(None), s.key.is_not(None))
    if len(keys) <= 4 * CHUNK_ROWS:  # a chunk's keys, 5,000 a query: the ledger's other entries are not read
        want = sorted({k for k in keys if isinstance(k, str)})
        parts = [conn.execute(q.where(s.key.in_(want[i:i + 5000]))).all() for i in range(0, len(want), 5000)]
        return pd.DataFrame([r for p in parts for r in p], columns=cols)
    df = pd.DataFrame(conn.execute(q).all(), columns=cols)
    return df[df["key"].isin(keys)]


_NUMERIC = ("quantity", "value", "delivered", "delivered_value")


def _same(field: str, a: pd.Series, b: pd.Series) -> np.ndarray:
    """Where a file's value equals the ledger's (numbers to 1e-9, both missing counts as equal)."""
    if field in _NUMERIC:
        x, y = a.to_numpy(dtype=float, na_value=np.nan), b.to_numpy(dtype=float, na_value=np.nan)
        return np.isclose(x, y, rtol=1e-9, atol=0.0, equal_nan=True)
    return np.array([((u is None or u != u) and (v is None or v != v)) or u == v
                     for u, v in zip(a.to_numpy(dtype=object), b.to_numpy(dtype=object), strict=True)], dtype=bool)


def _digest(path: Path, how: bytes) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:  # in blocks: the file is never held whole
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    h.update(b"\0" + how)
    return h.hexdigest()


def run_import(conn: Connection, path: Path, ref: Reference, write_batch: Callable[[Batch], object], *,
               mapping: dict[str, str] | None = None, preset: str | None = None, sheet: str | None = None,
               at: date | None = None, who: str = "", progress: Progress | None = None,
               chunk_rows: int | None = None) -> ImportResult:
    """Import ``path`` on ``conn`` (in a write transaction): new rows become entries, changed rows revisions.

    A Kiel workbook in the current layout of :data:`STREAM_BYTES` or more (or any, when ``chunk_rows`` is
    given) is read, checked and written ``chunk_rows`` rows at a time (default :data:`CHUNK_ROWS`; 0 reads it
    whole), in the caller's one transaction: a problem anywhere raises after every chunk was checked, and nothing
    is kept."""
    say = progress or (lambda _msg: None)
    if not path.is_file():
        raise LedgerInputError([Problem(path.name, None, None, "no such file", f"Check the path {path}")])
    # the same bytes read the same way were imported (whole, so valid) before: nothing to read or compare. A tracker
    # release is also its name: the same rows published as another release still say what that release contains
    # (an entry listed again is no longer absent), so they are read.
    how = repr((sorted((mapping or {}).items()), preset, sheet)).encode()
    digest = _digest(path, how)
    seen = conn.execute(select(m.imports.c.recorded, m.imports.c.rows, m.imports.c.file)
                        .where(m.imports.c.sha256 == digest).order_by(m.imports.c.recorded.desc()).limit(1)).first()
    if seen is not None and (preset is None or Path(str(seen[2])).stem == path.stem):
        return ImportResult(file=str(path), rows=int(seen[1]), unchanged=int(seen[1]),
                            already_imported=str(seen[0])[:19])
    say(f"reading {path.name}")
    result = ImportResult(file=str(path), rows=0)
    chunk = CHUNK_ROWS if chunk_rows is None else chunk_rows
    # A workbook of the size the tracker publishes is read whole (calamine: about twice as fast); one large enough
    # for its rows to strain memory is streamed.
    large = chunk_rows is not None or path.stat().st_size >= STREAM_BYTES
    stream = _kiel_stream(path, sheet, chunk, at or date.today()) \
        if preset == "kiel" and chunk > 0 and large and path.suffix.lower() in (".xlsx", ".xlsm") else None
    if stream is not None:
        _run_chunks(conn, path, ref, write_batch, stream, result, at, who, say)
    else:
        rows, problems = prepare_import(path, ref, mapping=mapping, preset=preset, sheet=sheet, release=at,
                                        result=result)
        result.rows = len(rows)
        if problems:  # report what else is wrong with the readable rows (unknown parties, ...) in the same pass
            raise LedgerInputError(problems + _state_problems(rows, problems, ref, path.name))
        say(f"comparing {len(rows):,} rows with the ledger")
        absent = _absent(conn, KIEL_KEYS[result.layout or "current"], set(rows["key"])) if preset == "kiel" else []
        _apply(conn, path, rows, ref, write_batch, result, preset, at, who, absent, say)
    conn.execute(insert(m.imports).values(file=str(path), sha256=digest, recorded=_now(), who=who, rows=result.rows,
                                          added=len(result.added), revised=len(result.revised),
                                          unchanged=result.unchanged))
    return result


def _state_problems(rows: pd.DataFrame, problems: list[Problem], ref: Reference, name: str) -> list[Problem]:
    """What else is wrong with the readable rows (unknown parties, ...), beside the cells that cannot be read."""
    readable = ~rows["row"].isin({p.row for p in problems})
    norm = normalise_adds(rows[readable].assign(where=name), ref)
    norm = norm.assign(merged_into=None, duplicate_of=None, seq=1, valid_from=norm["at"], valid_to=None)
    return check_states(norm, ref, norm["where"], norm["row"])


def _apply(conn: Connection, path: Path, rows: pd.DataFrame, ref: Reference, write_batch: Callable[[Batch], object],
           result: ImportResult, preset: str | None, at: date | None, who: str,
           absent: list[tuple[int, str | None]], say: Progress, own_from: int | None = None,
           fresh: bool = False, rollups: list[pd.DataFrame] | None = None) -> None:
    """Compare typed rows with the ledger and write the new ones and the revisions (and ``absent``'s flags).
    ``fresh``: the ledger had no keyed entry before this import (nothing to compare with); ``rollups``: collect
    the rollup changes there, for the caller to apply once."""
    rows = normalise_adds(rows.assign(where=path.name), ref).drop(columns=["who", "why", "source", "where"])
    current = pd.DataFrame([], columns=["entry", "key", *_COMPARED]) if fresh else \
        _current_by_key(conn, rows["key"].tolist())
    result.absent += [e for e, _ in absent]  # what an earlier release listed and this one no longer does
    known = rows["key"].isin(current["key"])
    new = rows[~known]
    old = rows[known].merge(current, on="key", suffixes=("", "_old"))
    if "_undated" in old.columns:  # an undated row keeps the date of the release that first listed it
        keep = old["_undated"].eq(True)
        old.loc[keep, "announced"] = old.loc[keep, "announced_old"]
        rows, new, old = (x.drop(columns="_undated") for x in (rows, new, old))
    changes: list[Change] = []
    when = at or date.today()
    for f in _COMPARED:
        old[f"_diff_{f}"] = ~_same(f, old[f], old[f"{f}_old"])
    diff_cols = [f"_diff_{f}" for f in _COMPARED]
    changed = old[old[diff_cols].any(axis=1)]
    for rd in changed.to_dict("records"):
        data = {f: py_value(rd[f]) for f in _COMPARED if rd[f"_diff_{f}"]}
        changes.append(Change(int(rd["entry"]), "update", when, data, who, f"re-import of {path.name}",
                              str(path), path.name, int(rd["row"])))
    result.unchanged += len(old) - len(changed)
    release = path.stem
    changes += [Change(e, "update", when, {"absent_from": release}, who, f"absent from release {release}", str(path),
                       path.name, None) for e, already in absent if already is None]
    adds = new.assign(who=who, why=f"import of {path.name}", source=str(path), where=path.name)
    if preset == "kiel":  # a release's new rows enter on its date: as of an earlier date, the ledger states what
        # the releases known then stated (a row announced before, but first listed now, was not known then)
        released = when.isoformat()
        adds["at"] = [max(released, str(a)) for a in adds["announced"]]
    say(f"writing {len(adds):,} new entries and {len(changes):,} revisions")
    res = write_batch(Batch(adds=adds.reset_index(drop=True), changes=changes, normalised=True, own_from=own_from,
                            rollups=rollups))
    result.added += list(getattr(res, "added", []))
    result.revised += list(getattr(res, "changed", []))
    result.duplicates.update(dict(getattr(res, "duplicates", {})))


#: Rows a Kiel workbook is read, checked and written in at a time: memory holds one chunk, not the file.
CHUNK_ROWS = 10_000
#: A current-layout Kiel workbook this large or larger (bytes on disk; about 75,000 rows of the tracker's columns)
#: is streamed in chunks of :data:`CHUNK_ROWS`; a smaller one, as the tracker's releases are, is read whole.
STREAM_BYTES = 8 * 2**20


#: SQLite's page cache (KiB) while a workbook is streamed in: the connection's usual 256 MB would hold most of
#: what a large import writes (the pages stay until commit); a streamed import's memory should not grow with it.
IMPORT_CACHE_KIB = 32 * 1024


@dataclass
class _Stream:
    """A Kiel workbook's main-data sheet read in chunks: its header and a way to read its rows again."""
    path: Path
    sheet: str
    header: list[str]
    header_at: int
    chunk: int
    release: date

    def blocks(self, only: list[int] | None = None) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """The data rows' numbers and cells (to the header's width), ``chunk`` rows at a time."""
        width = len(self.header)
        rows_p: list[np.ndarray] = []
        cells_p: list[np.ndarray] = []
        count = 0
        for rows, cells in iter_blocks(self.path, self.sheet, only=only):
            keep = rows > self.header_at
            rows, cells = rows[keep], cells[keep]
            if cells.shape[1] < width:
                cells = np.hstack([cells, np.full((len(cells), width - cells.shape[1]), "", dtype=object)])
            cells = cells[:, :width]
            start = 0
            while start < len(rows):
                take = min(self.chunk - count, len(rows) - start)
                rows_p.append(rows[start:start + take])
                cells_p.append(cells[start:start + take])
                count, start = count + take, start + take
                if count == self.chunk:
                    yield np.concatenate(rows_p), np.concatenate(cells_p)
                    rows_p, cells_p, count = [], [], 0
        if count:
            yield np.concatenate(rows_p), np.concatenate(cells_p)

    def frames(self, names: Sequence[str] | None = None) -> Iterator[pd.DataFrame]:
        """The sheet's data rows as :func:`read_table` gives them, a chunk at a time (columns without a header
        are left out: the preset reads none). ``names``: only these columns (compared case-insensitively),
        the rows that have a value in one of them."""
        want = None if names is None else {_norm(n) for n in names}
        keep = [i for i, h in enumerate(self.header) if h != "" and (want is None or _norm(h) in want)]
        cols = [self.header[i] for i in keep]
        for rows, cells in self.blocks(None if want is None else keep):
            cells = cells[:, keep]
            full = (cells != "").any(axis=1)
            if not full.all():
                rows, cells = rows[full], cells[full]
            if not len(rows):
                continue
            df = pd.DataFrame({c: cells[:, i] for i, c in enumerate(cols)}, dtype=object)
            df["_row"] = rows
            yield df


def _kiel_stream(path: Path, sheet: str | None, chunk: int, release: date) -> _Stream | None:
    """The main-data sheet of a Kiel workbook in the current layout, to be read in chunks; None for anything else
    (the 2022 layout, a sheet without the preset's columns: read whole, with the messages that go with them)."""
    try:
        names = sheet_names(path)
    except XlsxError:
        return None
    if sheet is not None:
        cand = [n for n in names if n == sheet] or [n for n in names if _norm(n) == _norm(sheet)]
    else:
        by_name = [n for n in names if _norm(n) == _norm(KIEL_SHEET)]
        cand = by_name + [n for n in names if n not in by_name]
    need = {c.lower() for c in KIEL_LAYOUTS["current"]}
    for n in cand[:1] if sheet is not None else cand:
        try:
            head = next(iter_rows(path, n, 30, limit=30), [])
        except XlsxError:
            return None
        at = next((i for i, r in enumerate(head) if need <= {_norm(c) for c in r if c != ""}), None)
        if at is not None:
            return _Stream(path, n, [str(h).strip() for h in head[at]], at + 1, chunk, release)
    return None


_ID_COLUMNS = ("activity_id", "sub_activity_id", "measure", "tot_sub_activity_value_EUR", "tot_activity_value_EUR",
               "source_reported_value")


def _current_ids(d: pd.DataFrame) -> tuple[pd.Series, np.ndarray]:
    """A chunk's Kiel ids (``activity_id/sub_activity_id``) and where its value is negative, as :func:`_kiel`
    reads them (the current layout)."""
    cols = {_norm(c): c for c in d.columns}

    def col(n: str) -> pd.Series:
        return d[cols[_norm(n)]].replace(".", "") if _norm(n) in cols else pd.Series([""] * len(d), dtype=object)

    sub = col("sub_activity_id")
    key = col("activity_id") + np.where(sub != "", "/" + sub, "")
    measure = col("measure").str.strip().str.lower()
    sub_eur, act_eur = col("tot_sub_activity_value_EUR"), col("tot_activity_value_EUR")
    use_act = measure.eq("commitment") & act_eur.ne("") & (sub_eur.eq("") | (parse_numbers(sub_eur) == 0))
    eur = sub_eur.where(~use_act, act_eur)
    reported = col("source_reported_value")
    value_text = eur.where(~(eur.eq("") & reported.ne("")), reported)
    value_num = parse_numbers(value_text.where(value_text.ne(""), None))
    return key, (value_num < 0).to_numpy()


class _HashSet:
    """A growing set of 64-bit hashes as a few sorted arrays (merged as they grow, as in a log-structured
    merge): adding a chunk and looking a chunk up cost about ``chunk * log(n)``, not ``n`` per chunk."""

    def __init__(self) -> None:
        self._levels: list[np.ndarray] = []

    def add(self, h: np.ndarray) -> None:
        part = np.unique(np.asarray(h, dtype=np.uint64))
        while self._levels and len(self._levels[-1]) <= 2 * len(part):
            # two sorted runs merged (a stable sort finds them: about 100x union1d's time at 500,000 hashes,
            # 6% of a 400,000-row import); a hash already held is kept twice, which a look-up does not mind
            part = np.sort(np.concatenate([self._levels.pop(), part]), kind="stable")
        self._levels.append(part)

    def contains(self, h: np.ndarray) -> np.ndarray:
        h = np.asarray(h, dtype=np.uint64)
        out = np.zeros(len(h), dtype=bool)
        for lv in self._levels:
            at = np.searchsorted(lv, h)
            at[at == len(lv)] = 0
            out |= lv[at] == h if len(lv) else False
        return out

    def values(self) -> np.ndarray:
        return np.concatenate(self._levels) if self._levels else np.zeros(0, np.uint64)


class _Repeated(Exception):
    """An id of the current chunk was also on an earlier chunk's row: the file is read again with a first pass."""


def _raw_keys(d: pd.DataFrame) -> pd.Series:
    """A chunk's Kiel ids (``activity_id/sub_activity_id``, before a package's part or a correction number)."""
    cols = {_norm(c): c for c in d.columns}
    act = d[cols["activity_id"]].replace(".", "")
    sub = d[cols["sub_activity_id"]].replace(".", "") if "sub_activity_id" in cols else ""
    return act + np.where(sub != "", "/" + sub, "")


def _run_chunks(conn: Connection, path: Path, ref: Reference, write_batch: Callable[[Batch], object],
                stream: _Stream, result: ImportResult, at: date | None, who: str, say: Progress) -> None:
    """Read, check and write a Kiel workbook a chunk at a time; raise every problem found once all are read.

    The file is read once, each chunk keyed on its own, while no id repeats across chunks (a tracker's release
    lists a package's rows and their corrections together); an id found again in a later chunk undoes what was
    written (a savepoint) and reads the file again, after a first pass that learns which ids repeat."""
    warned = len(result.warnings)
    if conn.dialect.name == "sqlite":  # pages written spill to the WAL file instead of growing with the import
        conn.exec_driver_sql(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")
    savepoint = conn.begin_nested()
    try:
        _chunks(conn, path, ref, write_batch, stream, result, at, who, say, None)
    except _Repeated:
        savepoint.rollback()
        del result.warnings[warned:]
        result.rows, result.added, result.revised, result.unchanged = 0, [], [], 0
        result.duplicates, result.absent = {}, []
    except BaseException:
        savepoint.rollback()
        raise
    else:
        savepoint.commit()
        return
    say(f"an id of {path.name} repeats across chunks: reading it again, after a first pass over its ids")
    name = path.name
    groups = KielGroups()  # first pass: the ids repeated anywhere in the file (corrections, a package's parts)
    for df in stream.frames(_ID_COLUMNS):
        key, negative = _current_ids(df)
        groups.add(key, negative, df["_row"].to_numpy())
    groups.finish()
    if not groups.corrections_follow():  # a correction listed before what it corrects: read whole
        result.layout = "current"
        whole, read = prepare_import(path, ref, preset="kiel", sheet=stream.sheet, release=at, result=result)
        result.rows = len(whole)
        if read:
            raise LedgerInputError(read + _state_problems(whole, read, ref, name))
        absent = _absent(conn, KIEL_KEYS["current"], set(whole["key"]))
        _apply(conn, path, whole, ref, write_batch, result, "kiel", at, who, absent, say)
        return
    _chunks(conn, path, ref, write_batch, stream, result, at, who, say, groups)


def _chunks(conn: Connection, path: Path, ref: Reference, write_batch: Callable[[Batch], object],
            stream: _Stream, result: ImportResult, at: date | None, who: str, say: Progress,
            groups: KielGroups | None) -> None:
    """The chunks of :func:`_run_chunks`: ``groups`` the ids repeated in the whole file, or None to key each chunk
    on its own (then :class:`_Repeated` is raised when an id of a chunk was on an earlier chunk)."""
    name = path.name
    result.layout = "current"
    raw_seen = _HashSet()
    s = m.states.c
    # a ledger without keyed entries (a first import) has nothing to compare a row with: no look-up per chunk
    fresh = conn.execute(select(s.entry).where(s.valid_to.is_(None), s.key.is_not(None)).limit(1)).first() is None
    rollups: list[pd.DataFrame] = []  # applied once, after the last chunk
    problems: list[Problem] = []
    written = _HashSet()  # the keys written so far (64-bit hashes) and, per chunk, their rows and hashes
    seen_h: list[np.ndarray] = []
    seen_rows: list[np.ndarray] = []
    dups: list[Problem] = []
    for df in stream.frames():
        if groups is None:
            raw = _raw_keys(df)
            raw = raw[raw.ne("")]
            rh = _hashes(raw)
            if raw_seen.contains(rh).any():
                raise _Repeated
            raw_seen.add(rh)
        out, probs, _ = _kiel(df, ref, name, stream.release, result.warnings, groups)
        rows = _typed(out, probs, "kiel", ref, name)
        result.rows += len(rows)
        keyed = rows["key"].notna().to_numpy()
        h = _hashes(rows["key"].where(rows["key"].notna(), ""))
        again = keyed & written.contains(h)
        if again.any():  # a key also on an earlier chunk's row (a row of this chunk is reported by _typed)
            before = np.concatenate(seen_h)
            rows_before = np.concatenate(seen_rows)
            for i in np.flatnonzero(again):
                first = int(rows_before[np.flatnonzero(before == h[i])[0]])
                k = rows["key"].iloc[i]
                for r in sorted({first, int(rows["row"].iloc[i])}):
                    dups.append(Problem(name, r, "key", f"the key '{k}' appears on more than one row",
                                        "Keys must be unique within a file"))
        written.add(h[keyed])
        seen_h.append(h[keyed])
        seen_rows.append(rows["row"].to_numpy(dtype=np.int64)[keyed])
        if probs or problems or dups:  # nothing more is written: the rest is only checked
            problems += probs + _state_problems(rows, probs, ref, name)
            continue
        say(f"comparing {result.rows:,} rows with the ledger")
        try:
            # the entries earlier chunks added are this file's own: a keyed source is not compared with itself
            _apply(conn, path, rows, ref, write_batch, result, "kiel", at, who, [], say,
                   result.added[0] if result.added else None, fresh, rollups)
            if len(rollups) >= 8:  # kept summed: a few thousand rows, however long the file
                rollups[:] = [sum_deltas(rollups)]
        except LedgerInputError as e:
            problems += e.problems
    seen = {(p.row, p.message) for p in problems}
    for p in dups:
        if (p.row, p.message) not in seen:
            seen.add((p.row, p.message))
            problems.append(p)
    if problems:
        raise LedgerInputError(problems)
    # what an earlier release listed and this one no longer does: the live keys of the namespace not written now
    all_h = np.unique(written.values())
    s = m.states.c
    if rollups:
        apply_deltas(conn, sum_deltas(rollups))
    q = select(s.entry, s.key, s.absent_from).where(s.valid_to.is_(None), s.key.like(KIEL_KEYS["current"] + "%"),
                                                    s.status != "cancelled")
    if result.added:  # the entries this import added are in it
        q = q.where(s.entry < result.added[0])
    live = pd.DataFrame([tuple(r) for r in conn.execute(q)], columns=["entry", "key", "absent_from"])
    gone = ~np.isin(_hashes(live["key"].astype(str)), all_h) if len(live) else np.zeros(0, bool)
    absent = sorted((int(e), None if a is None or a != a else str(a))
                    for e, a in zip(live["entry"][gone], live["absent_from"][gone], strict=True))
    if absent:
        result.absent += [e for e, _ in absent]
        release, when = path.stem, at or date.today()
        changes = [Change(e, "update", when, {"absent_from": release}, who, f"absent from release {release}",
                          str(path), name, None) for e, already in absent if already is None]
        if changes:
            res = write_batch(Batch(adds=pd.DataFrame(), changes=changes, normalised=True))
            result.revised += list(getattr(res, "changed", []))
