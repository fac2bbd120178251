"""The one write path: every change to the ledger — an add, a revision, a delivery, a cancellation, a merge, an
import — is a :class:`Batch` passed to :func:`write`, inside one transaction.

:func:`write` checks the whole batch first (each new state against the reference data, each event against the
entry's history at its date) and raises :class:`~allyplan.ledger.checks.LedgerInputError` with every problem if
anything is wrong; only then does it append the events and rebuild the derived ``states`` of the entries touched.
New entries are handled as whole columns, so an import of a million rows costs a few array operations, not a
million round trips.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Connection, and_, delete, or_, select, text, update

from allyplan.errors import Problem
from allyplan.ledger import models as m
from allyplan.ledger.chain import chain_hashes, last_hash, recorded_text
from allyplan.ledger.checks import TEXT_LIMITS, LedgerInputError, check_states
from allyplan.ledger.duplicates import TEXT_WINDOW_DAYS, likely_duplicates
from allyplan.ledger.money import cents_column, cents_list, to_decimal  # [money, issue 14]
from allyplan.ledger.reference import Reference
from allyplan.ledger.rollups import apply_deltas, rebuild_rollups, rollup_deltas
from allyplan.ledger.state import DEFAULTS, ENTRY_FIELDS, Event, TransitionError, timeline
from allyplan.ledger.valuation import Rates, value_columns

__all__ = ["Change", "Batch", "WriteResult", "write", "ADD_COLUMNS", "read_events", "state_rows", "bulk_insert",
           "py_value"]

#: Columns of :attr:`Batch.adds` besides the entry fields: the event's date, author, reason, source and origin.
ADD_COLUMNS = ("at", "who", "why", "source", "where", "row")
_DEFAULTS: dict[str, Any] = {k: v for k, v in DEFAULTS.items() if v is not None}


@dataclass(frozen=True)
class Change:
    """One event on an existing entry. ``where``/``row`` say where the request came from, for messages."""

    entry: int
    action: str
    at: date
    data: dict[str, Any] = field(default_factory=dict)
    who: str = ""
    why: str = ""
    source: str = ""
    where: str = "ledger"
    row: int | None = None


@dataclass
class Batch:
    """New entries (one row each, columns :data:`~allyplan.ledger.state.ENTRY_FIELDS` and :data:`ADD_COLUMNS`;
    missing fields take their defaults) and changes to existing entries."""

    adds: pd.DataFrame = field(default_factory=pd.DataFrame)
    changes: list[Change] = field(default_factory=list)
    check_duplicates: bool = True
    #: set when ``adds`` already went through :func:`normalise_adds` (an import does, to compare rows)
    normalised: bool = False
    #: entries from this id on were added by the same import (an earlier chunk of it): not compared as duplicates
    own_from: int | None = None
    #: when given, the changes to the monthly rollups are appended here for the caller to apply (once, for an
    #: import written in chunks) instead of being applied by :func:`write`
    rollups: list[pd.DataFrame] | None = None


@dataclass
class WriteResult:
    added: list[int]
    changed: list[int]
    duplicates: dict[int, int]
    events: int


def _now() -> datetime:
    return datetime.now().astimezone().replace(tzinfo=None)


def _blank(s: pd.Series) -> np.ndarray:
    """Where a column is None, NaN or empty text (a comprehension: far faster than pandas' text methods)."""
    if s.dtype.kind in "fc":
        return np.isnan(s.to_numpy(dtype=float))
    if s.dtype.kind in "iub":
        return np.zeros(len(s), dtype=bool)
    v = s.to_numpy(dtype=object)
    out = np.asarray(pd.isna(v), dtype=bool)  # None, NaN, NA, NaT: at C speed, as the text compared below
    if not out.all():
        out[~out] = v[~out] == ""
    return out


def normalise_adds(adds: pd.DataFrame, ref: Reference) -> pd.DataFrame:
    a = adds.copy()
    for f in ENTRY_FIELDS:
        if f not in a.columns:
            a[f] = _DEFAULTS.get(f)
        elif f in _DEFAULTS:
            a[f] = a[f].astype(object).where(~_blank(a[f]), _DEFAULTS[f])
    for f in ("item", "category", "description", "sources", "key", "expected"):
        a[f] = a[f].astype(object).where(~_blank(a[f]), None)
    for f in ("quantity", "value", "delivered", "delivered_value"):
        if f in ("value", "delivered_value") and a[f].dtype == object and any(
                isinstance(v, Decimal) for v in a[f].to_numpy(dtype=object)[:1000]):
            # [money, issue 14] exact amounts stay Decimals (None where missing), not floats
            a[f] = pd.Series([v if isinstance(v, Decimal) else to_decimal(v) for v in a[f].to_numpy(dtype=object)],
                             index=a.index, dtype=object)
            continue
        a[f] = pd.to_numeric(a[f]).astype(float)
    # one category however it is written: each distinct text stripped and lowered once
    codes, uniq = pd.factorize(a["category"].to_numpy(dtype=object))
    cats = np.empty(len(uniq) + 1, dtype=object)  # code -1 (missing): None
    cats[:-1] = [v.strip().lower() if isinstance(v, str) else v for v in uniq.tolist()]
    a["category"] = pd.Series(cats[codes], index=a.index, dtype=object)
    a["category"] = a["category"].where(a["category"].notna(), ref.categories(a["item"]))
    a["category"] = a["category"].where(a["category"].notna(), None)
    fill = a["status"].eq("delivered") & a["quantity"].notna() & a["delivered"].eq(0.0)
    a.loc[fill, "delivered"] = a.loc[fill, "quantity"]
    for c in ADD_COLUMNS:
        if c not in a.columns:
            a[c] = {"who": "", "why": "", "source": "", "where": "ledger", "row": None, "at": None}[c]
    a["at"] = a["at"].where(a["at"].notna(), a["announced"])
    return a


def _json_lines(df: pd.DataFrame) -> list[str]:
    return df.to_json(orient="records", lines=True, double_precision=15, date_format="iso").splitlines()


def _literal(v: Any) -> str:
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, (int, float)):
        return repr(v)
    return "'" + str(v).replace("'", "''") + "'"


def bulk_insert(conn: Connection, table: str, columns: Sequence[str], data: Sequence[list[Any]]) -> None:
    """Insert many rows, given as one list per column: ``COPY`` on PostgreSQL; on SQLite ``executemany`` binding
    only the columns that vary (binding a value costs more than the insert itself, so a column that is the same on
    every row is written once, as a literal)."""
    if not data or not data[0]:
        return
    cols = ", ".join(columns)
    if conn.dialect.name == "postgresql":
        raw: Any = conn.connection.driver_connection
        with raw.cursor() as cur, cur.copy(f"COPY {table} ({cols}) FROM STDIN") as cp:
            for r in zip(*data, strict=True):
                cp.write_row(r)
        return
    n = len(data[0])
    const = [n > 1 and len(set(col)) == 1 for col in data]
    values = ", ".join(_literal(data[i][0]) if const[i] else "?" for i in range(len(columns)))
    rows = list(zip(*(col for col, c in zip(data, const, strict=True) if not c), strict=True))
    conn.exec_driver_sql(f"INSERT INTO {table} ({cols}) VALUES ({values})", rows)


def py_value(v: Any) -> Any:
    """A plain Python value for the database (None for every kind of missing, numpy scalars unwrapped)."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and np.isnan(v):
        return None
    if isinstance(v, np.generic):
        return v.item()
    return v


#: [money, issue 14] Money columns of ``states``, written as whole cents (the frames' value_eur and
#: delivered_value_eur are cents already; value and delivered_value are amounts: floats or Decimals).
_MONEY_CENTS = ("value_eur", "delivered_value_eur")
_MONEY_AMOUNTS = ("value", "delivered_value")


def state_rows(df: pd.DataFrame) -> list[list[Any]]:
    """Columns (one list of Python values each, None where missing) for ``states`` from a frame with
    :data:`~allyplan.ledger.models.STATE_COLUMNS`; money as whole cents (ints)."""
    df = df.loc[:, list(m.STATE_COLUMNS)].copy()
    money: dict[str, list[Any]] = {c: cents_list(df[c].to_numpy(dtype=object) if df[c].dtype == object
                                                 else df[c].to_numpy(dtype=float, na_value=np.nan))
                                   for c in _MONEY_AMOUNTS}  # [money, issue 14]
    for c in _MONEY_CENTS:  # whole cents already: ints, None where unknown
        a = df[c].to_numpy(dtype=float, na_value=np.nan)
        unknown = np.isnan(a)
        ints = np.where(unknown, 0.0, a).astype(np.int64).tolist()
        money[c] = [None if u else i for u, i in zip(unknown.tolist(), ints, strict=True)] if unknown.any() else ints
    for c in ("entry", "seq", "duplicate_of", "merged_into", "corrects"):
        df[c] = pd.to_numeric(df[c]).astype("Int64")
    df["counted"] = df["counted"].astype(bool)
    out: list[list[Any]] = []
    for c in m.STATE_COLUMNS:
        s = df[c]
        if c in money:  # [money, issue 14]
            out.append(money[c])
        elif s.dtype.kind == "f":
            a = s.to_numpy(dtype=float)
            out.append(list(np.where(np.isnan(a), None, a.astype(object))))
        elif s.dtype.kind in "iub" and not s.hasnans:
            out.append(s.to_numpy().tolist())
        elif s.hasnans:
            out.append(s.astype(object).where(s.notna(), None).tolist())
        else:
            out.append(s.to_numpy(dtype=object).tolist())
    return out


def _allocate(conn: Connection, n: int) -> int:
    """Reserve ``n`` entry ids; returns the first."""
    conn.execute(update(m.counters).where(m.counters.c.name == "entry").values(value=m.counters.c.value + n))
    last = int(conn.execute(select(m.counters.c.value).where(m.counters.c.name == "entry")).scalar_one())
    return last - n + 1


def read_events(conn: Connection, entries: Sequence[int]) -> dict[int, list[Event]]:
    out: dict[int, list[Event]] = {}
    ids = list(entries)
    for i in range(0, len(ids), 500):
        q = select(m.events).where(m.events.c.entry.in_(ids[i:i + 500])).order_by(m.events.c.entry, m.events.c.seq)
        for r in conn.execute(q).mappings():
            out.setdefault(r["entry"], []).append(Event(r["entry"], r["seq"], r["action"], r["at"], r["recorded"],
                                                        r["who"], r["why"], r["source"], json.loads(r["data"])))
    return out


def _existing_for_duplicates(conn: Connection, adds: pd.DataFrame, own_from: int | None = None) -> pd.DataFrame:
    """The live entries a new one could repeat: same donor and item (or category, for value-only pledges),
    announced at most :data:`TEXT_WINDOW_DAYS` before the earliest new one (an older predecessor flags nothing)."""
    s = m.states.c
    items = sorted(adds["item"].dropna().unique().tolist())
    categories = sorted(adds.loc[adds["item"].isna(), "category"].dropna().unique().tolist())
    days = pd.to_datetime(adds["announced"])
    q = (select(s.entry, s.donor, s.recipient, s.item, s.category, s.quantity, s.value, s.announced, s.description,
                s.key, s.duplicate_of)
         .where(s.valid_to.is_(None), s.merged_into.is_(None), s.status != "cancelled",
                s.donor.in_(sorted(adds["donor"].dropna().unique().tolist())),
                or_(s.item.in_(items), and_(s.item.is_(None), s.category.in_(categories))),
                s.announced >= (days.min() - pd.Timedelta(days=TEXT_WINDOW_DAYS)).date(),
                s.announced <= days.max().date()))
    if own_from is not None:
        q = q.where(s.entry < own_from)
    df = pd.DataFrame(conn.execute(q).all(), columns=["entry", "donor", "recipient", "item", "category", "quantity",
                                                      "value", "announced", "description", "key", "duplicate_of"])
    df["announced"] = df["announced"].astype(str)
    return df


def _finish_states(df: pd.DataFrame, ref: Reference, rates: Rates) -> pd.DataFrame:
    df = df.copy()
    df["counted"] = df["merged_into"].isna() & df["duplicate_of"].isna()
    df["value_eur"], df["delivered_value_eur"] = value_columns(df, ref, rates)
    for c in ("valid_from", "valid_to", "announced", "expected"):
        vals = df[c].to_numpy(dtype=object)
        if any(isinstance(v, date) for v in vals[:1000]) or (len(vals) <= 1000 and any(isinstance(v, date)
                                                                                       for v in vals)):
            df[c] = [v.isoformat() if isinstance(v, date) else v for v in vals]
    return df


_EVENT_COLUMNS = ("entry", "seq", "action", "at", "recorded", "who", "why", "source", "data", "hash")


def _append_events(conn: Connection, rows: list[tuple[Any, ...]], recorded: datetime) -> None:
    """Append events ``(entry, seq, action, at, who, why, source, data)``, each hashed onto the chain's end in
    the order given (the order of their ids)."""
    if not rows:
        return
    prev = last_hash(conn)
    rec = recorded_text(recorded)
    at_db: Any = rec if conn.dialect.name == "sqlite" else recorded
    hashes = chain_hashes(prev, rows, rec)
    cols: list[list[Any]] = [list(c) for c in zip(*rows, strict=True)]
    bulk_insert(conn, "events", _EVENT_COLUMNS, [*cols[:4], [at_db] * len(rows), *cols[4:], hashes])


def _add_rows(adds: pd.DataFrame) -> list[tuple[Any, ...]]:
    """The ``add`` event of each new entry: its fields as JSON."""
    meta = adds[["who", "why", "source"]].fillna("").astype(str)
    data = adds[list(ENTRY_FIELDS)].copy()
    for c in ("duplicate_of", "corrects"):  # ids, or null (not 12.0)
        data[c] = pd.Series([None if v is None or v is pd.NA or v != v else int(v)
                             for v in data[c].to_numpy(dtype=object)],
                            index=data.index, dtype=object)
    for c in ("value", "delivered_value"):  # [money, issue 14] an exact Decimal is kept as its text (not a float)
        if data[c].dtype == object:
            data[c] = pd.Series([str(v) if isinstance(v, Decimal) else v for v in data[c].to_numpy(dtype=object)],
                                index=data.index, dtype=object)
    lines = _json_lines(data)
    return list(zip(adds["entry"].tolist(), [1] * len(adds), ["add"] * len(adds), adds["at"].astype(str).tolist(),
                    meta["who"].tolist(), meta["why"].tolist(), meta["source"].tolist(), lines, strict=True))


def _corrected(conn: Connection, adds: pd.DataFrame) -> pd.Series:
    """The entry each new row's ``_corrects`` key names: a row of the same batch, else a live entry; None where
    a row corrects nothing (or what it names is not in the ledger)."""
    want = adds["_corrects"].to_numpy(dtype=object)
    named = {k for k in want if isinstance(k, str)}
    found = {k: int(e) for k, e in zip(adds["key"], adds["entry"], strict=True) if k in named}
    rest = sorted(named - set(found))
    s = m.states.c
    for i in range(0, len(rest), 500):
        q = select(s.key, s.entry).where(s.valid_to.is_(None), s.key.in_(rest[i:i + 500]))
        found.update({str(k): int(e) for k, e in conn.execute(q).all()})
    return pd.Series([found.get(k) if isinstance(k, str) else None for k in want], index=adds.index, dtype=object)


def _prepare_adds(conn: Connection, batch: Batch, ref: Reference, rates: Rates,
                  problems: list[Problem]) -> tuple[pd.DataFrame, pd.DataFrame, dict[int, int]]:
    """New entries as whole columns: ids, duplicate flags, their first states; problems appended."""
    adds = batch.adds if batch.normalised else normalise_adds(batch.adds, ref)
    first = _allocate(conn, len(adds))
    adds["entry"] = np.arange(first, first + len(adds))
    if "_corrects" in adds.columns:  # a tracker's correction names the entry it corrects, by that entry's key
        adds["corrects"] = _corrected(conn, adds)
    dups: dict[int, int] = {}
    if batch.check_duplicates:
        existing = _existing_for_duplicates(conn, adds, batch.own_from)
        d = likely_duplicates(adds.assign(announced=adds["announced"].astype(str)), existing)
        adds["duplicate_of"] = d.to_numpy()
        dups = {int(k): int(v) for k, v in d.dropna().items()}
    adds["duplicate_of"] = adds["duplicate_of"].astype("Int64") if "duplicate_of" in adds else pd.NA
    st = _finish_states(adds.assign(valid_from=adds["at"], valid_to=None, seq=1, merged_into=None), ref, rates)
    problems += check_states(st, ref, adds["where"], adds["row"])
    bad_at = adds["at"].notna() & adds["announced"].notna() & (adds["at"].astype(str) < adds["announced"])
    for w, r in zip(adds.loc[bad_at, "where"], adds.loc[bad_at, "row"], strict=True):
        problems.append(Problem(str(w), None if pd.isna(r) else int(r), "at", "recorded before it was announced",
                                "Give a date on or after the announcement date"))
    return adds, st, dups


def _merge_target_problem(c: Change, target: list[Event] | None) -> Problem | None:
    into = int(c.data["into"])
    if not target:
        return Problem(c.where, c.row, "into", f"there is no entry {into}", "Check the id of the entry to keep")
    try:
        merged = timeline(target)[-1][2].merged_into
    except TransitionError:
        return None
    if merged is not None:
        return Problem(c.where, c.row, "into", f"entry {into} was itself merged into {merged}",
                       f"Merge into {merged} instead")
    return None


def _fold_changes(conn: Connection, changes: list[Change], now: datetime, ref: Reference, rates: Rates,
                  problems: list[Problem]) -> tuple[list[int], pd.DataFrame, list[Event]]:
    """Fold each touched entry's whole history with its new events: (entries changed, their new states, the new
    events); problems appended."""
    by_entry: dict[int, list[Change]] = {}
    for c in changes:
        by_entry.setdefault(c.entry, []).append(c)
    history = read_events(conn, sorted(by_entry))
    targets = {int(c.data["into"]) for c in changes if c.action == "merge"}
    history.update(read_events(conn, sorted(targets - set(history))))
    changed: list[int] = []
    new_events: list[Event] = []
    frames: list[dict[str, Any]] = []
    for entry, cs in by_entry.items():
        old = history.get(entry)
        if not old:
            problems.append(Problem(cs[0].where, cs[0].row, "id", f"there is no entry {entry}",
                                    "Check the id (allyplan ledger list shows them)"))
            continue
        seq = max(e.seq for e in old)
        evs = list(old)
        for c in cs:
            data = dict(c.data)
            if c.action == "merge" and (bad := _merge_target_problem(c, history.get(int(data["into"])))):
                problems.append(bad)
                continue
            if c.action == "absorb" and "sources" not in data:  # the merged entry's sources, read here
                dup_events = history.get(int(data["from"]))
                data["sources"] = (timeline(dup_events)[-1][2].sources or "") if dup_events else ""
            seq += 1
            ev = Event(entry, seq, c.action, c.at, now, c.who, c.why, c.source, data)
            evs.append(ev)
            new_events.append(ev)
        try:
            tl = timeline(evs)
        except TransitionError as e:
            problems.append(Problem(cs[0].where, cs[0].row, None, str(e), ""))
            continue
        frames.extend({**s.as_dict(), "valid_from": a, "valid_to": b, "_where": cs[0].where, "_row": cs[0].row}
                      for a, b, s in tl)
        changed.append(entry)
    states = _finish_states(pd.DataFrame(frames), ref, rates) if frames else pd.DataFrame()
    if frames:
        problems += check_states(states, ref, states["_where"], states["_row"])
    return changed, states, new_events


def write(conn: Connection, batch: Batch, ref: Reference, rates: Rates, now: datetime | None = None) -> WriteResult:
    """Check and apply ``batch`` on ``conn`` (already in a write transaction)."""
    now = now or _now()
    problems: list[Problem] = []
    adds, st, dups = (_prepare_adds(conn, batch, ref, rates, problems) if len(batch.adds)
                      else (pd.DataFrame(), pd.DataFrame(), {}))
    changed, touched_states, new_events = (_fold_changes(conn, batch.changes, now, ref, rates, problems)
                                           if batch.changes else ([], pd.DataFrame(), []))
    problems += [Problem(c.where, c.row, "who", f"who is {len(c.who)} characters long",
                         f"Keep who to {TEXT_LIMITS['who']} characters") for c in batch.changes
                 if len(c.who or "") > TEXT_LIMITS["who"]]
    if problems:
        raise LedgerInputError(problems)

    # append the events (hashed onto the chain), then rebuild the derived states
    deltas = []
    events = _add_rows(adds) if len(adds) else []
    events += [(e.entry, e.seq, e.action, e.at.isoformat(), e.who, e.why, e.source,
                json.dumps(dict(e.data), default=str)) for e in new_events]
    _append_events(conn, events, now)
    if len(adds):
        bulk_insert(conn, "states", m.STATE_COLUMNS, state_rows(st))
        deltas.append(rollup_deltas(st))
    if changed:
        deltas.append(rollup_deltas(_states_of(conn, changed), sign=-1))
        deltas.append(rollup_deltas(touched_states))
        for i in range(0, len(changed), 500):
            conn.execute(delete(m.states).where(m.states.c.entry.in_(changed[i:i + 500])))
        bulk_insert(conn, "states", m.STATE_COLUMNS, state_rows(touched_states))
    if deltas and batch.rollups is not None:
        batch.rollups.append(pd.concat(deltas, ignore_index=True))
    elif deltas:
        apply_deltas(conn, pd.concat(deltas, ignore_index=True))
    added = adds["entry"].tolist() if len(adds) else []
    return WriteResult(added=added, changed=changed, duplicates=dups, events=len(added) + len(new_events))


def _states_of(conn: Connection, entries: list[int]) -> pd.DataFrame:
    cols = ["valid_from", "valid_to", "donor", "recipient", "category", "item", "announced", "status", "counted",
            "value_eur", "delivered_value_eur", "delivered"]
    frames = []
    for i in range(0, len(entries), 500):
        q = select(*(getattr(m.states.c, c) for c in cols)).where(m.states.c.entry.in_(entries[i:i + 500]))
        frames.append(pd.DataFrame(conn.execute(q).all(), columns=cols))
    df = pd.concat(frames, ignore_index=True)
    for c in ("value_eur", "delivered_value_eur"):  # [money, issue 14] Decimals read back as cents, like new states
        df[c] = cents_column(df[c].to_numpy(dtype=object))
    return df


def revalue(conn: Connection, ref: Reference, rates: Rates) -> int:
    """Recompute the EUR values of every state (after new rates or unit values); returns the rows changed."""
    s = m.states.c
    cols = ["id", "item", "quantity", "value", "currency", "announced", "delivered", "delivered_value", "status",
            "value_eur", "delivered_value_eur", "measure"]
    df = pd.DataFrame(conn.execute(select(*(getattr(s, c) for c in cols))).all(), columns=cols)
    if df.empty:
        return 0
    df["announced"] = df["announced"].astype(str)
    v, dv = value_columns(df, ref, rates)  # [money, issue 14] cents, compared exactly
    old_v = cents_column(df["value_eur"].to_numpy(dtype=object))
    old_dv = cents_column(df["delivered_value_eur"].to_numpy(dtype=object))
    same = ((v == old_v) | (np.isnan(v) & np.isnan(old_v))) & ((dv == old_dv) | (np.isnan(dv) & np.isnan(old_dv)))
    diff = ~same
    rows = [{"i": int(i), "v": None if np.isnan(a) else int(a), "dv": None if np.isnan(b) else int(b)}
            for i, a, b in zip(df["id"][diff], v[diff], dv[diff], strict=True)]
    if rows:
        conn.execute(text("UPDATE states SET value_eur = :v, delivered_value_eur = :dv WHERE id = :i"), rows)
        rebuild_rollups(conn)
    return len(rows)
