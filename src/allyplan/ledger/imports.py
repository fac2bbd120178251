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

import csv
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import Connection, String, cast, insert, select

from allyplan.errors import Problem
from allyplan.ledger import models as m
from allyplan.ledger.checks import DATE_HELP, LedgerInputError, check_states, parse_dates, parse_numbers
from allyplan.ledger.reference import Reference
from allyplan.ledger.state import ENTRY_FIELDS
from allyplan.ledger.write import Batch, Change, _now, normalise_adds, py_value
from allyplan.schema import LEDGER

__all__ = ["ImportResult", "PRESETS", "KIEL_SHEET", "parse_mapping", "read_table", "prepare_import", "run_import"]

KIEL_SHEET = "Bilateral Assistance, MAIN DATA"
#: Presets: the columns they need (besides any optional ones).
PRESETS: dict[str, tuple[str, ...]] = {
    "kiel": ("activity_id", "donor", "announcement_date", "measure", "aid_type_general"),
}
_COMPARED = ("donor", "recipient", "item", "category", "description", "quantity", "value", "currency", "status",
             "announced", "expected", "delivered", "delivered_value", "sources")
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


def read_table(path: Path, sheet: str | None = None, header_hint: tuple[str, ...] = ()) -> tuple[pd.DataFrame, int]:
    """The file's cells as stripped strings (``""`` where empty) and the line number of its first data row.

    Columns with an empty header and no values (a blank first column) are dropped; the header row of a sheet is the
    first row that holds the ``header_hint`` names (or the first non-empty row)."""
    name = path.name
    if not path.exists():
        raise LedgerInputError([Problem(name, None, None, "no such file", f"Check the path {path}")])
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            book = pd.read_excel(path, sheet_name=None, header=None, dtype=object)
        except Exception as e:  # openpyxl raises many kinds of errors on a damaged workbook
            raise LedgerInputError([Problem(name, None, None, f"cannot read the workbook: {e}",
                                            "Save it again as .xlsx, or export the sheet as CSV")]) from None
        if sheet is None:
            sheet = KIEL_SHEET if header_hint and KIEL_SHEET in book else next(iter(book))
        if sheet not in book:
            raise LedgerInputError([Problem(name, None, None, f"no sheet named {sheet!r}",
                                            f"Sheets are: {', '.join(map(repr, book))}")])
        raw = book[sheet]
    elif suffix in (".csv", ".txt", ".tsv"):
        data = path.read_bytes()
        if b"\x00" in data[:8192]:
            raise LedgerInputError([Problem(name, None, None, "a binary file, not CSV text",
                                            "Export the table as CSV (UTF-8) or give the .xlsx workbook")])
        if not data.strip():
            raise LedgerInputError([Problem(name, None, None, "the file is empty", "Give a file with a header row")])
        for enc in ("utf-8-sig", "cp1252"):
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:  # pragma: no cover - cp1252 decodes almost anything
            raise LedgerInputError([Problem(name, None, None, "unknown text encoding", "Save the file as UTF-8")])
        import io
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
    if suffix in (".xlsx", ".xlsm"):
        raw = raw.map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else
                      (v.strftime("%Y-%m-%d") if isinstance(v, (datetime, date, pd.Timestamp)) else str(v)))
    # plain comprehensions: pandas' .str methods cost about a microsecond a cell on text without pyarrow
    raw = pd.DataFrame({c: [v.strip() for v in raw[c].to_numpy(dtype=object)] for c in raw.columns}, dtype=object)
    raw.columns = range(raw.shape[1])
    header_at = 0
    hint = {h.lower() for h in header_hint}
    for i in range(min(len(raw), 30)):
        cells = {c.lower() for c in raw.iloc[i]}
        if (hint and hint <= cells) or (not hint and any(raw.iloc[i] != "")):
            header_at = i
            break
    header = [str(h).strip() for h in raw.iloc[header_at]]
    body = raw.iloc[header_at + 1:].reset_index(drop=True)
    body.columns = header
    keep = [i for i, h in enumerate(header) if h != "" or (body.iloc[:, i] != "").any()]
    body = body.iloc[:, keep]
    body = body.loc[(body != "").any(axis=1)]
    rows = body.index.to_numpy() + header_at + 2
    body = body.reset_index(drop=True)
    body["_row"] = rows
    return body, header_at + 2


def _kiel(df: pd.DataFrame, ref: Reference, name: str) -> tuple[pd.DataFrame, list[Problem]]:
    """The Kiel tracker's main data as ledger fields."""
    problems: list[Problem] = []
    d = df.drop(columns="_row").replace(".", "")
    rows = df["_row"].to_numpy()
    missing = [c for c in PRESETS["kiel"] if c not in d.columns]
    if missing:
        raise LedgerInputError([Problem(name, 1, c, "column missing for the kiel preset",
                                        f"The file's columns are: {', '.join(d.columns)}") for c in missing])

    def col(c: str) -> pd.Series:
        return d[c] if c in d.columns else pd.Series([""] * len(d))

    out = pd.DataFrame(index=d.index)
    sub = col("sub_activity_id")
    out["key"] = "kiel:" + col("activity_id") + np.where(sub != "", "/" + sub, "")
    out["donor"] = col("donor")
    out["recipient"] = "UA"
    text = (col("item") + " " + col("item_type")).str.strip()
    items = {t: ref.item_id(t) for t in text.unique() if t}
    out["item"] = text.map(items).where(text != "", None)
    aid = col("aid_type_general").str.strip().str.lower()
    out["category"] = aid.where(aid != "", None)
    cat = ref.categories(out["item"])
    out["category"] = cat.where(cat.notna(), out["category"])
    announced = col("announcement_date")
    year, month = col("year"), col("month")
    no_date = announced.eq("") & year.ne("")
    month_known = month.str.fullmatch(r"\d{1,2}") & month.ne("0") & month.ne("00")
    announced = announced.where(~no_date, year + "-" + month.where(month_known, "1").str.zfill(2) + "-01")
    out["announced"] = announced
    expl = col("explanation")
    out["description"] = (col("item").where(col("item") != "", "") + np.where(
        (col("item") != "") & (expl != ""), ": ", "") + expl).where(lambda s: s != "", None)
    unknown_month = no_date & ~month_known
    out.loc[unknown_month, "description"] = out.loc[unknown_month, "description"].fillna("") + \
        " (announcement month unknown: dated January of its year)"
    out["quantity"] = col("item_numb")
    eur = col("tot_sub_activity_value_EUR")
    reported, cur = col("source_reported_value"), col("reporting_currency").str.upper()
    use_reported = eur.eq("") & reported.ne("") & cur.ne("")
    out["value"] = eur.where(~use_reported, reported)
    out["currency"] = np.where(use_reported, cur, "EUR")
    out["delivered"] = col("item_numb_deliv")
    out["delivered_value"] = col("tot_value_deliv_EUR")
    srcs = [col(c) for c in d.columns if c.lower().startswith("source of aid")]
    out["sources"] = (pd.concat(srcs, axis=1).apply(lambda r: ";".join(x for x in r if x), axis=1)
                      if srcs else "")
    measure = col("measure").str.strip().str.lower()
    bad = ~measure.isin(["commitment", "allocation", ""])
    for r, v in zip(rows[bad.to_numpy()], measure[bad], strict=True):
        problems.append(Problem(name, int(r), "measure", f"unknown measure {v!r}", "Expected Commitment or Allocation"))
    out["status"] = "committed"
    out["_row"] = rows
    return out, problems


def _mapped(df: pd.DataFrame, mapping: dict[str, str], name: str) -> tuple[pd.DataFrame, list[Problem]]:
    problems: list[Problem] = []
    targets = set(LEDGER.columns)
    rows = df.pop("_row")
    cols = {c.lower(): c for c in df.columns}
    full = {f: cols[f.lower()] for f in LEDGER.columns if f.lower() in cols}
    for k, v in mapping.items():
        if k not in targets:
            problems.append(Problem("--map", None, k, f"{k!r} is not a ledger field",
                                    f"Map to one of: {', '.join(LEDGER.columns)}"))
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
    out["_row"] = rows
    return out, []


def prepare_import(path: Path, ref: Reference, *, mapping: dict[str, str] | None = None, preset: str | None = None,
                   sheet: str | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Read and type a file's rows as ledger fields (plus ``row``); problems where cells cannot be read."""
    name = path.name
    if preset is not None and preset not in PRESETS:
        raise LedgerInputError([Problem("--preset", None, None, f"unknown preset {preset!r}",
                                        f"Presets are: {', '.join(PRESETS)}")])
    df, _ = read_table(path, sheet, PRESETS.get(preset or "", ()))
    if preset == "kiel":
        out, problems = _kiel(df, ref, name)
    else:
        out, problems = _mapped(df, mapping or {}, name)
    rows = out.pop("_row")
    for f in ENTRY_FIELDS:
        if f not in out.columns:
            out[f] = None
    for c in out.columns:
        out[c] = pd.Series([None if v is None or v == "" or v != v else v for v in out[c].to_numpy(dtype=object)],
                           index=out.index, dtype=object)

    def bad(mask: pd.Series, field: str, message: str, fix: str) -> None:
        """``message`` is a format string with ``{v}``, the cell's value."""
        if not mask.any():
            return
        for r, v in zip(rows[mask], out.loc[mask, field], strict=True):
            problems.append(Problem(name, int(r), field, message.format(v=v), fix))

    # names and aliases to codes; what is not known stays as written, for the one check of every state to report
    for f in ("donor", "recipient") if preset == "kiel" else ("donor", "recipient", "item"):
        raw = out[f]
        lookup = ref.item_id if f == "item" else ref.party_code
        codes = {v: lookup(str(v)) for v in raw.dropna().unique()}
        mapped = raw.map(codes)
        out[f] = mapped.where(mapped.notna(), raw)
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
    out["currency"] = out["currency"].fillna("EUR").astype(str).str.upper()
    out["status"] = out["status"].fillna("committed").astype(str).str.lower()
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
    return out, problems


def _current_by_key(conn: Connection, keys: list[str]) -> pd.DataFrame:
    s = m.states.c
    cols = ["entry", "key", *_COMPARED]
    # dates as text in the query: parsing a million dates into Python objects and back costs seconds
    exprs = [cast(getattr(s, c), String) if c in ("announced", "expected") else getattr(s, c) for c in cols]
    q = select(*exprs).where(s.valid_to.is_(None), s.key.is_not(None))
    if len(keys) < 5000:
        q = q.where(s.key.in_(keys))
    df = pd.DataFrame(conn.execute(q).all(), columns=cols)
    return df[df["key"].isin(keys)] if len(keys) >= 5000 else df


_NUMERIC = ("quantity", "value", "delivered", "delivered_value")


def _same(field: str, a: pd.Series, b: pd.Series) -> np.ndarray:
    """Where a file's value equals the ledger's (numbers to 1e-9, both missing counts as equal)."""
    if field in _NUMERIC:
        x, y = a.to_numpy(dtype=float, na_value=np.nan), b.to_numpy(dtype=float, na_value=np.nan)
        return np.isclose(x, y, rtol=1e-9, atol=0.0, equal_nan=True)
    return np.array([((u is None or u != u) and (v is None or v != v)) or u == v
                     for u, v in zip(a.to_numpy(dtype=object), b.to_numpy(dtype=object), strict=True)], dtype=bool)


def run_import(conn: Connection, path: Path, ref: Reference, write_batch: Callable[[Batch], object], *,
               mapping: dict[str, str] | None = None, preset: str | None = None, sheet: str | None = None,
               at: date | None = None, who: str = "", progress: Progress | None = None) -> ImportResult:
    """Import ``path`` on ``conn`` (in a write transaction): new rows become entries, changed rows revisions."""
    say = progress or (lambda _msg: None)
    if not path.is_file():
        raise LedgerInputError([Problem(path.name, None, None, "no such file", f"Check the path {path}")])
    # the same bytes read the same way were imported (whole, so valid) before: nothing to read or compare
    how = repr((sorted((mapping or {}).items()), preset, sheet)).encode()
    digest = hashlib.sha256(path.read_bytes() + b"\0" + how).hexdigest()
    seen = conn.execute(select(m.imports.c.recorded, m.imports.c.rows).where(m.imports.c.sha256 == digest)
                        .limit(1)).first()
    if seen is not None:
        return ImportResult(file=str(path), rows=int(seen[1]), unchanged=int(seen[1]),
                            already_imported=str(seen[0])[:19])
    say(f"reading {path.name}")
    rows, problems = prepare_import(path, ref, mapping=mapping, preset=preset, sheet=sheet)
    result = ImportResult(file=str(path), rows=len(rows))
    if problems:  # report what else is wrong with the readable rows (unknown parties, ...) in the same pass
        readable = ~rows["row"].isin({p.row for p in problems})
        norm = normalise_adds(rows[readable].assign(where=path.name), ref)
        norm = norm.assign(merged_into=None, duplicate_of=None, seq=1, valid_from=norm["at"], valid_to=None)
        raise LedgerInputError(problems + check_states(norm, ref, norm["where"], norm["row"]))
    say(f"comparing {len(rows):,} rows with the ledger")
    rows = normalise_adds(rows.assign(where=path.name), ref).drop(columns=["who", "why", "source", "where"])
    current = _current_by_key(conn, rows["key"].tolist())
    known = rows["key"].isin(current["key"])
    new = rows[~known]
    old = rows[known].merge(current, on="key", suffixes=("", "_old"))
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
    result.unchanged = len(old) - len(changed)
    adds = new.assign(who=who, why=f"import of {path.name}", source=str(path), where=path.name)
    say(f"writing {len(adds):,} new entries and {len(changes):,} revisions")
    res = write_batch(Batch(adds=adds.reset_index(drop=True), changes=changes, normalised=True))
    result.added = list(getattr(res, "added", []))
    result.revised = list(getattr(res, "changed", []))
    result.duplicates = dict(getattr(res, "duplicates", {}))
    conn.execute(insert(m.imports).values(file=str(path), sha256=digest, recorded=_now(), who=who, rows=len(rows),
                                          added=len(result.added), revised=len(result.revised),
                                          unchanged=result.unchanged))
    return result
