"""``allyplan ledger ...``: record, revise, import and report pledges; a thin layer over
:class:`allyplan.ledger.Ledger`.

The ledger is chosen with ``--db`` (a SQLite file or a database URL), else ``$ALLYPLAN_DATABASE_URL``, else
``~/.local/share/allyplan/ledger.db``.
"""

from __future__ import annotations

import csv
import json
import math
import re
import sys
from collections.abc import Callable
from decimal import Decimal
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

import typer
from rich.table import Table

from allyplan.cli import _fmt, _friendly, err, out
from allyplan.errors import AllyplanError, LedgerInputError, Problem
from allyplan.output import Column, Kind, TableData, emit
from allyplan.schema import LEDGER, PLEDGE_STATUSES, REPORT_BY

if TYPE_CHECKING:
    import pandas as pd

    from allyplan.ledger import Ledger
    from allyplan.ledger.state import EntryState, Event

__all__ = ["ledger_app"]

F = TypeVar("F", bound=Callable[..., Any])

Format = Annotated[Literal["table", "csv", "json"],
                   typer.Option("--format", help="table (for people), csv or json (for other programs)")]

ledger_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                         help="The ledger of pledges and deliveries: record, revise, import, report.")

Db = Annotated[str | None, typer.Option("--db", help="SQLite file or database URL (default: $ALLYPLAN_DATABASE_URL, "
                                                     "else ~/.local/share/allyplan/ledger.db)")]
Who = Annotated[str | None, typer.Option(help="Who records this (default: $ALLYPLAN_USER or your login)")]
Why = Annotated[str, typer.Option(help="Why: the reason recorded with the change")]
Date = Annotated[str | None, typer.Option("--date", help="When it happened, YYYY-MM-DD (default: today)")]
Source = Annotated[list[str] | None, typer.Option("--source", help="URL or reference (repeat for several)")]
AsOf = Annotated[str | None, typer.Option(help="Read the ledger as it stood on this date (YYYY-MM-DD)")]
Problems = Annotated[str | None, typer.Option("--problems", help="Print every problem (all), or write them to "
                                                                 "a CSV file (FILE.csv); default: the first 200")]


def _help(name: str) -> str:
    """An entry field's option help, from its declaration in :data:`allyplan.schema.LEDGER`."""
    f = LEDGER.field(name)
    extra = [f"one of {', '.join(f.choices)}"] if f.choices else []
    if f.default not in (None, ""):
        extra.append(f"a new entry takes {f.default}")
    return f.description[0].upper() + f.description[1:] + (f" ({'; '.join(extra)})" if extra else "")


# the entry fields `add` and `update` share; unset ones keep their value (update) or take the schema default (add)
FItem = Annotated[str | None, typer.Option(help=_help("item") + ". An alias works too, e.g. 'IRIS-T SLM'")]
FQuantity = Annotated[float | None, typer.Option(help=_help("quantity"))]
FValue = Annotated[str | None, typer.Option(help=_help("value") + " (exact, as written: 53280611.22)")]
FCurrency = Annotated[str | None, typer.Option(help=_help("currency"))]
FCategory = Annotated[str | None, typer.Option(help=_help("category"))]
FStatus = Annotated[str | None, typer.Option(help=_help("status"))]
FExpected = Annotated[str | None, typer.Option(help=_help("expected"))]
FRecipient = Annotated[str | None, typer.Option(help=_help("recipient"))]
FDescription = Annotated[str | None, typer.Option(help=_help("description"))]


def _state_table(s: EntryState, title: str) -> Table:
    t = Table(title=title, title_justify="left", show_header=False)
    t.add_column("field", style="bold")
    t.add_column("value")
    for k, v in s.as_dict().items():
        if v is not None and k != "seq":
            t.add_row(k, _fmt(v) if isinstance(v, float) else str(v))
    return t


def _says(s: EntryState) -> str:
    what = s.item or f"({s.category})"
    qty = f"{s.quantity:g} x " if s.quantity is not None else ""
    val = f", {s.value:,.0f} {s.currency}" if s.value is not None else ""
    dlv = f", {s.delivered:g} delivered" if s.delivered else ""
    return f"{s.donor} -> {s.recipient}: {qty}{what}{val}, {s.status}{dlv}"


def _fields(**kw: Any) -> dict[str, Any]:
    return {k: v for k, v in kw.items() if v is not None}


def _waiting(msg: str) -> None:
    err.print(f"[yellow]waiting:[/] {msg}…", highlight=False, soft_wrap=True)


def _open(db: str | None, *, write: bool) -> Ledger:
    """The ledger for a command: a reading command never creates one; a writing one says when it did."""
    from allyplan.ledger import Ledger
    from allyplan.ledger.db import _where

    led = Ledger(db, create=write, waiting=_waiting if write else None)
    if led.created:
        err.print(f"Created a new ledger at {_where(led.engine)}", highlight=False, soft_wrap=True)
    return led


def _print_problems(problems: list[Problem], head: str, show: str | None) -> None:
    """Print ``problems`` under ``head``: the first 200, or all (``show="all"``), or into a CSV file."""
    err.print(head, highlight=False, soft_wrap=True)
    if show and show != "all":
        path = Path(show)
        with path.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["file", "row", "field", "problem", "fix"])
            w.writerows([_safe_cell(p.file), p.row or "", _safe_cell(p.field or ""), _safe_cell(p.message),
                         _safe_cell(p.fix)] for p in problems)
        err.print(f"  all {len(problems):,} written to {path}", highlight=False, markup=False)
        return
    limit = None if show == "all" else 200
    for p in problems[:limit]:
        err.print(f"  - {p}", highlight=False, markup=False)
    if limit is not None and len(problems) > limit:
        err.print(f"  ... and {len(problems) - limit:,} more (--problems all prints them all, --problems FILE.csv "
                  "writes them)", highlight=False, markup=False)


def _input_errors(not_done: str) -> Callable[[F], F]:
    """Report a :class:`LedgerInputError` with what the command did not do (exit 2), every problem when asked."""

    def wrap(fn: F) -> F:
        @wraps(fn)
        def inner(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except LedgerInputError as e:
                n = len(e.problems)
                _print_problems(e.problems, f"[bold red]error:[/] {n} problem{'s' if n != 1 else ''} in the input; "
                                f"{not_done}.", kwargs.get("problems"))
                raise typer.Exit(2) from None

        return inner  # type: ignore[return-value]

    return wrap


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(v: Any) -> Any:
    """A cell that a spreadsheet will not run as a formula (OWASP: prefix a quote to =, +, -, @, tab, CR)."""
    if isinstance(v, str) and v.startswith(_FORMULA):
        return "'" + v
    return v


def _safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with every text cell made safe for a spreadsheet (numbers stay numbers)."""
    import pandas as pd

    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
            out[c] = out[c].astype(object).map(_safe_cell)
    out.columns = [_safe_cell(str(c)) for c in out.columns]
    return out


def _json_text(df: pd.DataFrame) -> str:
    """Records as indented JSON, money (Decimal) as exact JSON numbers (53280611.22, never a float's 5.3e7)."""
    money = [c for c in df.columns if df[c].dtype == object and any(isinstance(v, Decimal) for v in df[c])]
    records = json.loads(df.to_json(orient="records", date_format="iso"))
    for rec, (_, row) in zip(records, df[money].iterrows(), strict=True):
        for c in money:
            v = row[c]
            rec[c] = f"\x00{v}\x00" if isinstance(v, Decimal) and v.is_finite() else rec[c]
    return re.sub(r'"\\u0000(-?[0-9.]+)\\u0000"', r"\1", json.dumps(records, indent=2)) + "\n"


def _num(v: float) -> str:
    """A number as written (53280611.22, not 5.32806e+07)."""
    import numpy as np

    return np.format_float_positional(v, trim="-") if math.isfinite(v) else str(v)


@ledger_app.command("add")
@_friendly
@_input_errors("nothing was written")
def add_cmd(
    donor: Annotated[str, typer.Option(help=_help("donor") + "; an English country name works too")],
    announced: Annotated[str, typer.Option(help=_help("announced"))],
    item: FItem = None,
    quantity: FQuantity = None,
    value: FValue = None,
    currency: FCurrency = None,
    category: FCategory = None,
    status: FStatus = None,
    expected: FExpected = None,
    recipient: FRecipient = None,
    description: FDescription = None,
    source: Source = None,
    why: Why = "",
    who: Who = None,
    db: Db = None,
) -> None:
    """Record a pledge. Prints its id, and says so if it looks like a re-announcement of an earlier entry."""
    with _open(db, write=True) as led:
        n = led.add(donor=donor, item=item, quantity=quantity, value=value, currency=currency, category=category,
                    status=status, announced=announced, expected=expected, recipient=recipient,
                    description=description, sources=";".join(source or []), why=why, who=who)
        s = led.entry(n)
    out.print(f"Recorded entry [bold]{n}[/]: {_says(s)}", highlight=False, soft_wrap=True)
    if s.duplicate_of is not None:
        out.print(f"[yellow]Likely a re-announcement of entry {s.duplicate_of}[/]: it is not counted until you "
                  f"decide. Merge it (allyplan ledger merge {n} {s.duplicate_of}) or keep both "
                  f"(allyplan ledger update {n} --not-duplicate).", highlight=False, soft_wrap=True)


@ledger_app.command("update")
@_friendly
@_input_errors("nothing was written")
def update_cmd(
    entry: Annotated[int, typer.Argument(help="Entry id")],
    donor: Annotated[str | None, typer.Option(help=_help("donor"))] = None,
    item: FItem = None,
    quantity: FQuantity = None,
    value: FValue = None,
    currency: FCurrency = None,
    category: FCategory = None,
    status: FStatus = None,
    announced: Annotated[str | None, typer.Option(help=_help("announced"))] = None,
    expected: FExpected = None,
    recipient: FRecipient = None,
    description: FDescription = None,
    not_duplicate: Annotated[bool, typer.Option("--not-duplicate", help="Clear a likely-duplicate flag: both "
                                                                       "entries count")] = False,
    source: Source = None,
    why: Why = "",
    date: Date = None,
    who: Who = None,
    db: Db = None,
) -> None:
    """Revise an entry. The old values stay in its history."""
    fields = _fields(donor=donor, item=item, quantity=quantity, value=value, currency=currency, category=category,
                     status=status, announced=announced, expected=expected, recipient=recipient,
                     description=description)
    if not_duplicate:
        fields["duplicate_of"] = None
    with _open(db, write=True) as led:
        s = led.update(entry, at=date, who=who, why=why, source=";".join(source or []), **fields)
    out.print(f"Revised entry [bold]{entry}[/]: {_says(s)}", highlight=False, soft_wrap=True)


@ledger_app.command("deliver")
@_friendly
@_input_errors("nothing was written")
def deliver_cmd(
    entry: Annotated[int, typer.Argument(help="Entry id")],
    quantity: Annotated[float | None, typer.Argument(help="Units delivered (partial deliveries add up)")] = None,
    value: Annotated[str | None, typer.Option(help="Value delivered (for a value-only pledge), exact as "
                                                   "written")] = None,
    date: Date = None,
    source: Source = None,
    why: Why = "",
    who: Who = None,
    db: Db = None,
) -> None:
    """Record a delivery against a pledge."""
    with _open(db, write=True) as led:
        s = led.deliver(entry, quantity, value=value, at=date, who=who, why=why, source=";".join(source or []))
    out.print(f"Entry [bold]{entry}[/]: {_says(s)}", highlight=False, soft_wrap=True)


@ledger_app.command("cancel")
@_friendly
@_input_errors("nothing was written")
def cancel_cmd(
    entry: Annotated[int, typer.Argument(help="Entry id")],
    why: Annotated[str, typer.Option(help="Why the pledge is cancelled")],
    date: Date = None,
    source: Source = None,
    who: Who = None,
    db: Db = None,
) -> None:
    """Cancel a pledge. It stays in the ledger, with its history."""
    with _open(db, write=True) as led:
        s = led.cancel(entry, why=why, at=date, who=who, source=";".join(source or []))
    out.print(f"Entry [bold]{entry}[/]: {_says(s)}", highlight=False, soft_wrap=True)


def _event_row(e: Event) -> list[str]:
    data = ", ".join(f"{k}={_num(v)}" if isinstance(v, float) else f"{k}={v}" for k, v in e.data.items()
                     if v is not None and v != "")  # ", " lets a narrow column wrap between fields, never inside one
    return [str(e.seq), e.at.isoformat(), e.action, data, e.who, e.why, e.source,
            e.recorded.strftime("%Y-%m-%d %H:%M") if e.recorded else ""]


@ledger_app.command("history")
@_friendly
@_input_errors("no history was shown")
def history_cmd(entry: Annotated[int, typer.Argument(help="Entry id")], db: Db = None,
                fmt: Format = "table") -> None:
    """Every change to an entry: what, when, who, why, on what source."""
    with _open(db, write=False) as led:
        evs = led.history(entry)
        s = led.entry(entry)
    emit(TableData(f"History of entry {entry}",
                   [Column("#", "number"), Column("date", "date"), Column("action", "id"), Column("fields", "text"),
                    Column("who", "text", optional=True), Column("why", "text", optional=True),
                    Column("source", "text", optional=True), Column("recorded", "date", optional=True)],
                   [_event_row(e) for e in evs],
                   records=[{"seq": e.seq, "date": e.at.isoformat(), "action": e.action, **e.data, "who": e.who,
                             "why": e.why, "source": e.source,
                             "recorded": e.recorded.isoformat() if e.recorded else None} for e in evs]),
         fmt, console=out)
    if fmt != "table":
        return
    out.print(f"Now: {_says(s)}", highlight=False, soft_wrap=True)


@ledger_app.command("show")
@_friendly
@_input_errors("no entry was shown")
def show_cmd(entry: Annotated[int, typer.Argument(help="Entry id")], as_of: AsOf = None, db: Db = None) -> None:
    """One entry, now or as of a date."""
    with _open(db, write=False) as led:
        s = led.entry(entry, as_of=as_of)
    out.print(_state_table(s, f"Entry {entry}" + (f" as of {as_of}" if as_of else "")))


@ledger_app.command("list")
@_friendly
@_input_errors("no entries were listed")
def list_cmd(
    as_of: AsOf = None,
    status: Annotated[list[str] | None, typer.Option(help="Only these statuses (repeat)")] = None,
    donor: Annotated[str | None, typer.Option(help="Only this donor")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows (0: all)")] = 50,
    format_: Annotated[str, typer.Option("--format", help="table, csv or json")] = "table",
    db: Db = None,
) -> None:
    """Entries, now or as of a date."""
    import pandas as pd

    if format_ not in ("table", "csv", "json"):
        raise AllyplanError(f"unknown format {format_!r}: choose table, csv or json")
    with _open(db, write=False) as led:
        df = led.entries(as_of, statuses=status, donor=donor, limit=limit or None)
        n = led.count()
    if format_ != "table":
        cols = ["entry", "donor", "recipient", "item", "category", "description", "quantity", "value", "currency",
                "value_eur", "status", "measure", "delivered", "delivered_value", "delivered_value_eur", "announced",
                "expected", "sources", "key", "duplicate_of", "merged_into", "counted", "absent_from", "corrects"]
        df = df[cols]
        sys.stdout.write(_safe_frame(df).to_csv(index=False) if format_ == "csv" else _json_text(df))
        return
    rows = []
    for r in df.itertuples():
        flag = f"merged into {r.merged_into:.0f}" if pd.notna(r.merged_into) else (
            f"likely duplicate of {r.duplicate_of:.0f}" if pd.notna(r.duplicate_of) else (
                f"absent from release {r.absent_from}" if isinstance(r.absent_from, str) else (
                    f"corrects {r.corrects:.0f}" if pd.notna(r.corrects) else "")))
        rows.append([str(r.entry), r.donor, r.item if isinstance(r.item, str) else f"({r.category})",
                     "" if pd.isna(r.quantity) else _fmt(r.quantity),
                     "" if pd.isna(r.value_eur) else _fmt(r.value_eur), r.status, _fmt(r.delivered),
                     str(r.announced), flag])
    emit(TableData(f"Ledger entries{f' as of {as_of}' if as_of else ''}",
                   [Column("id", "number"), Column("donor", "id"), Column("item", "id"), Column("qty", "number"),
                    Column("value EUR", "number"), Column("status", "id"), Column("delivered", "number"),
                    Column("announced", "date", optional=True), Column("flag", "text", optional=True)], rows),
         console=out)
    out.print(f"{len(df)} shown; the ledger holds {n['entries']:,} entries and {n['events']:,} events.",
              highlight=False)


@ledger_app.command("import")
@_friendly
@_input_errors("nothing was imported")
def import_cmd(
    file: Annotated[Path, typer.Argument(help="CSV or XLSX file")],
    map_: Annotated[str | None, typer.Option("--map", help="Column mapping FIELD=COLUMN,... (ledger fields: "
                                                           "allyplan fields)")] = None,
    preset: Annotated[str | None, typer.Option(help="A known layout: kiel (the Kiel tracker's main data)")] = None,
    sheet: Annotated[str | None, typer.Option(help="Sheet of an XLSX file (default: the first, or the Kiel main-data "
                                                   "sheet with --preset kiel)")] = None,
    date: Annotated[str | None, typer.Option("--date", help="Date of the release: of the revisions it records, "
                                                            "and of its undated rows (default: today)")] = None,
    problems: Problems = None,
    who: Who = None,
    db: Db = None,
) -> None:
    """Import pledges; all rows or none. Re-importing a file changes nothing; a newer release records revisions."""
    from allyplan.ledger.imports import parse_mapping

    mapping = parse_mapping(map_)
    with _open(db, write=True) as led, err.status(f"Importing {file.name}…") as st:
        r = led.import_file(file, mapping=mapping, preset=preset, sheet=sheet, at=date, who=who,
                            progress=lambda msg: st.update(msg[0].upper() + msg[1:] + "…"))
    if r.already_imported:
        out.print(f"{file.name} was already imported on {r.already_imported}: nothing changed "
                  f"({r.rows:,} rows).", highlight=False, soft_wrap=True)
        return
    how = ", ".join(x for x in (f"Kiel {r.layout} layout" if r.layout else "",
                                f"read as {r.encoding}" if r.encoding not in (None, "utf-8") else "") if x)
    new = f"{len(r.added):,} new entr{'y' if len(r.added) == 1 else 'ies'}"
    out.print(f"Imported {file.name}{f' ({how})' if how else ''}: {r.rows:,} rows — {new}, {len(r.revised):,} "
              f"revised, {r.unchanged:,} unchanged.", highlight=False, soft_wrap=True)
    if r.warnings:
        n = len(r.warnings)
        _print_problems(r.warnings, f"[yellow]{n:,} row{'s' if n != 1 else ''} read with a warning[/] (kept, "
                        "as the file states them):", problems or ("all" if n <= 20 else None))
    if r.absent:
        ids = ", ".join(map(str, r.absent[:20])) + (f" and {len(r.absent) - 20:,} more" if len(r.absent) > 20 else "")
        out.print(f"[yellow]{len(r.absent):,} entries of an earlier release are absent from {file.name}[/] "
                  f"(flagged \"absent from release {file.stem}\": not confirmed by it; revise or cancel them, or a "
                  f"later release that lists them again clears the flag): {ids}", highlight=False, soft_wrap=True)
    if r.duplicates:
        out.print(f"[yellow]{len(r.duplicates)} new entries look like re-announcements[/] and are not counted until "
                  "you decide: allyplan ledger duplicates", highlight=False, soft_wrap=True)


@ledger_app.command("duplicates")
@_friendly
@_input_errors("nothing was shown")
def duplicates_cmd(db: Db = None, fmt: Format = "table") -> None:
    """Entries flagged as likely re-announcements of earlier ones, waiting for a decision."""
    import pandas as pd

    with _open(db, write=False) as led:
        df = led.duplicates()
    if df.empty:
        out.print("No likely duplicates waiting.")
        return
    rows = [[str(r.entry), str(r.of), r.donor, r.item if isinstance(r.item, str) else f"({r.category})",
             "" if pd.isna(r.quantity) else _fmt(r.quantity), "" if pd.isna(r.of_quantity) else _fmt(r.of_quantity),
             str(r.announced), str(r.of_announced), r.description if isinstance(r.description, str) else ""]
            for r in df.itertuples()]
    emit(TableData("Likely duplicates (merge: allyplan ledger merge ENTRY OF; keep both: allyplan ledger update "
                   "ENTRY --not-duplicate)",
                   [Column("entry", "number"), Column("of", "number"), Column("donor", "id"), Column("item", "id"),
                    Column("qty", "number"), Column("of qty", "number"), Column("announced", "date", optional=True),
                    Column("of announced", "date", optional=True), Column("description", "text", optional=True)],
                   rows, records=df.astype(object).where(df.notna(), None).to_dict("records")), fmt, console=out)


@ledger_app.command("merge")
@_friendly
@_input_errors("nothing was written")
def merge_cmd(
    duplicate: Annotated[int, typer.Argument(help="The entry that repeats another")],
    keep: Annotated[int, typer.Argument(help="The entry to keep")],
    why: Why = "",
    date: Date = None,
    who: Who = None,
    db: Db = None,
) -> None:
    """Merge a duplicate into the entry it repeats; both histories are kept."""
    with _open(db, write=True) as led:
        s = led.merge(duplicate, keep, why=why, at=date, who=who)
    out.print(f"Merged entry {duplicate} into [bold]{keep}[/]: {_says(s)}", highlight=False, soft_wrap=True)


@ledger_app.command("report")
@_friendly
@_input_errors("no report was made")
def report_cmd(
    by: Annotated[str, typer.Option(help=f"Group by: {', '.join(REPORT_BY)}")] = "donor",
    status: Annotated[list[str] | None, typer.Option(help="Statuses to count (repeat; default: committed and "
                                                          "delivered)")] = None,
    since: Annotated[str | None, typer.Option(help="Announced on or after, YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option(help="Announced on or before, YYYY-MM-DD")] = None,
    as_of: AsOf = None,
    format_: Annotated[str, typer.Option("--format", help="table, csv, xlsx or json")] = "table",
    out_file: Annotated[Path | None, typer.Option("--out", help="Write to this file (needed for xlsx)")] = None,
    db: Db = None,
) -> None:
    """Pledged against delivered in EUR (count, value, delivered share; share of GDP by donor)."""
    import pandas as pd

    if by not in REPORT_BY:
        raise AllyplanError(f"cannot report by {by!r}: choose one of {', '.join(REPORT_BY)}")
    if format_ not in ("table", "csv", "xlsx", "json"):
        raise AllyplanError(f"unknown format {format_!r}: choose table, csv, xlsx or json")
    for s_ in status or []:
        if s_ not in PLEDGE_STATUSES:
            raise AllyplanError(f"unknown status {s_!r}: choose from {', '.join(PLEDGE_STATUSES)}")
    with _open(db, write=False) as led:
        df = led.report(by, statuses=status, since=since, until=until, as_of=as_of)
    if format_ == "table":
        cols = [Column(by, "id"), Column("pledges", "number"), Column("delivered", "number"),
                Column("pledged EUR m", "number"), Column("delivered EUR m", "number"),
                Column("delivered %", "number")] + ([Column("% of GDP", "number", optional=True)] if by == "donor"
                                                     else []) + \
            [Column("unvalued", "number", optional=True), Column("delivered, value unknown", "number", optional=True)]
        rows, marks = [], []
        for r in df.to_dict("records"):
            row = [str(r[by]), f"{r['pledges']:,}", f"{r['delivered']:,}", f"{r['pledged_eur'] / 10**6:,.1f}",
                   f"{r['delivered_eur'] / 10**6:,.1f}",
                   "" if pd.isna(r["delivered_share"]) else f"{100 * r['delivered_share']:.0f}"]
            if by == "donor":
                row.append("" if pd.isna(r["pct_gdp"]) else f"{r['pct_gdp']:.3f}")
            row.append(str(r["unvalued"]) if r["unvalued"] else "")
            row.append(str(r["delivered_unknown"]) if r["delivered_unknown"] else "")
            rows.append(row)
            marks.append([f"[bold]{c}[/]" for c in row] if r[by] == "total" else row)
        emit(TableData(f"Pledged and delivered by {by}" + (f", as of {as_of}" if as_of else ""), cols, rows,
                       markup=marks), console=out)
        return
    if format_ == "xlsx":
        if out_file is None:
            raise AllyplanError("--format xlsx writes a workbook: give the file with --out report.xlsx")
        _safe_frame(df).to_excel(out_file, index=False, sheet_name=f"by {by}")
        out.print(f"Wrote {out_file}", highlight=False)
        return
    text = _safe_frame(df).to_csv(index=False) if format_ == "csv" else _json_text(df)
    if out_file is None:
        sys.stdout.write(text)
    else:
        out_file.write_text(text, encoding="utf-8")
        out.print(f"Wrote {out_file}", highlight=False)


@ledger_app.command("rates")
@_friendly
@_input_errors("no rates were imported")
def rates_cmd(file: Annotated[Path, typer.Argument(help="ECB reference-rate CSV (eurofxref-hist.csv or a Data "
                                                        "Portal export)")], db: Db = None) -> None:
    """Import exchange rates; entries valued in other currencies are revalued."""
    with _open(db, write=True) as led, err.status(f"Importing rates from {file.name} and revaluing entries…"):
        n, revalued = led.import_rates(file)
    out.print(f"Imported {n:,} rates from {file.name}; {revalued:,} entry states revalued.", highlight=False)


def _reference_cmd(table: str, file: Path | None, db: str | None, fmt: str = "table") -> None:
    import pandas as pd

    with _open(db, write=file is not None) as led:
        if file is not None:
            with err.status(f"Importing {table} from {file.name} and revaluing entries…"):
                n, revalued = led.import_reference(table, file)
            out.print(f"Imported {n} {table} from {file.name}; {revalued:,} entry states revalued.", highlight=False)
            return
        ref = led.reference()
    df = ref.parties if table == "parties" else ref.items
    kinds: dict[str, Kind] = {"code": "id", "id": "id", "gdp_eur_bn": "number", "unit_value_eur": "number",
                              "category": "id", "kind": "id"}
    cols = ["code", "name", "gdp_eur_bn", "source"] if table == "parties" else \
        ["id", "name", "category", "kind", "unit_value_eur", "aliases"]
    rows = [["" if pd.isna(v) else (_fmt(v) if isinstance(v, float) else str(v)) for v in r]
            for r in df[cols].itertuples(index=False)]
    emit(TableData(f"{table.capitalize()} known to the ledger",
                   [Column(c, kinds.get(c, "text"), optional=c in ("source", "aliases", "category"))
                    for c in cols], rows,
                   records=df[cols].astype(object).where(df[cols].notna(), None).to_dict("records")),
         fmt, console=out)
    if fmt != "table":
        return
    if table == "parties":
        out.print("Any ISO 3166-1 alpha-2 code is also accepted as a party.", highlight=False)


@ledger_app.command("catalog")
@_friendly
def catalog_cmd(import_: Annotated[Path | None, typer.Option("--import", help="items.csv (scenario format, with "
                                                                              "optional aliases) to add")] = None,
                db: Db = None, fmt: Format = "table") -> None:
    """The item catalog entries are checked and valued against; --import adds or replaces items."""
    _reference_cmd("items", import_, db, fmt)


@ledger_app.command("parties")
@_friendly
def parties_cmd(import_: Annotated[Path | None, typer.Option("--import", help="parties.csv (scenario format) to "
                                                                              "add, with GDP")] = None,
                db: Db = None, fmt: Format = "table") -> None:
    """Parties with their GDP (for shares of GDP); --import adds or replaces parties."""
    _reference_cmd("parties", import_, db, fmt)


@ledger_app.command("verify")
@_friendly
def verify_cmd(db: Db = None) -> None:
    """Recompute the events' hash chain and every entry's states from the events; name the first that does not
    match (exit 1), or say the ledger is whole."""
    with _open(db, write=False) as led, err.status("Verifying the events and states…"):
        v = led.verify()
    if v.ok:
        out.print(f"The ledger is whole: {v.events:,} events chain and hash as recorded, and the states of all "
                  f"{v.entries:,} entries are what their events give.", highlight=False, soft_wrap=True)
        return
    for what in (v.bad_event, v.bad_state):
        if what:
            err.print(f"[bold red]mismatch:[/] {what}", highlight=False, soft_wrap=True)
    err.print(f"Checked {v.events:,} events of {v.entries:,} entries. The ledger was changed outside allyplan: "
              "restore it from a backup taken before that event.", highlight=False, soft_wrap=True)
    raise typer.Exit(1)
