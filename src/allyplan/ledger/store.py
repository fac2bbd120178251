"""The :class:`Ledger`: open one, record pledges and deliveries, read them back. Every method is a library call the
CLI, a web request or a Dask worker can make alike; each opens its own transaction and keeps no state but the
engine.

>>> import tempfile, os
>>> led = Ledger(os.path.join(tempfile.mkdtemp(), "ledger.db"))
>>> n = led.add(donor="DE", item="iris-t-slm", quantity=2, announced="2025-06-12", who="doc")
>>> led.deliver(n, 1, at="2025-09-01", who="doc").delivered
1.0
>>> [e.action for e in led.history(n)]
['add', 'deliver']
>>> led.entry(n, as_of="2025-08-01").delivered
0.0
>>> led.close()
"""

from __future__ import annotations

import getpass
import math
import os
import re
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from allyplan.errors import Problem
from allyplan.ledger import models as m
from allyplan.ledger.chain import Verification, verify
from allyplan.ledger.checks import LedgerInputError, parse_date, parse_numbers
from allyplan.ledger.db import (
    LedgerMissing,
    Waiting,
    _where,
    exists,
    make_engine,
    migrate,
    needs_migration,
    reading,
    resolve_url,
    writing,
)
from allyplan.ledger.imports import ImportResult, Progress, run_import
from allyplan.ledger.money import to_decimal
from allyplan.ledger.proposals import (
    StoredDocument,
    document_source,
    get_proposal,
    list_proposals,
    set_review,
    store_document,
)
from allyplan.ledger.queries import duplicate_pairs, entries_frame, report
from allyplan.ledger.rates import read_rates, store_rates
from allyplan.ledger.reference import Reference, load_reference, read_reference, replace_rows, seed
from allyplan.ledger.state import ENTRY_FIELDS, EntryState, Event, replay
from allyplan.ledger.valuation import load_rates
from allyplan.ledger.write import Batch, Change, WriteResult, read_events, revalue, write
from allyplan.schema import LEDGER

__all__ = ["Ledger", "current_user", "as_date"]


def current_user() -> str:
    """Who is recording: ``$ALLYPLAN_USER``, else the login name."""
    try:
        return os.environ.get("ALLYPLAN_USER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def as_date(value: str | date | None, field: str = "date", where: str = "ledger") -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(parse_date(value, field, where))


class Ledger:
    """A ledger at a database URL or SQLite path (default: ``$ALLYPLAN_DATABASE_URL`` or the user's data folder)."""

    def __init__(self, db: str | Path | None = None, *, create: bool = True, waiting: Waiting | None = None,
                 option: str = "--db") -> None:
        """Open the ledger. ``create=False`` (for reading): raise :class:`LedgerMissing` instead of creating one
        where there is none. ``waiting`` is told when a write has to wait for another writer's lock; ``option``
        is the command's option that names the ledger, for messages.

        Opening reads the schema version without taking the write lock, so readers never queue behind an import;
        only a ledger that is new or older than this allyplan is migrated (``created`` says it was new)."""
        self.url = resolve_url(db)
        self.engine = make_engine(self.url, create=create)
        if waiting is not None:
            self.engine = self.engine.execution_options(waiting=waiting)
        self.created = False
        if not create and not exists(self.engine):
            self.engine.dispose()
            where = _where(self.engine)
            raise LedgerMissing(f"there is no ledger at {where}, and this command only reads one (it creates none). "
                                f"Point {option} (or ALLYPLAN_DATABASE_URL) at an existing ledger, or start one with "
                                f"`allyplan ledger add ... --db {where}` or `allyplan ledger import FILE --db {where}`")
        if needs_migration(self.engine):
            self.created = not exists(self.engine) or _empty(self.engine)
            migrate(self.engine)
            with writing(self.engine) as conn:
                seed(conn)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Ledger({self.engine.url.render_as_string(hide_password=True)!r})"

    # -- the one write path -------------------------------------------------------------------------------------
    def write(self, batch: Batch) -> WriteResult:
        """Check and apply a batch of new entries and changes in one transaction (all of it or nothing)."""
        with writing(self.engine) as conn:
            return write(conn, batch, load_reference(conn), load_rates(conn))

    def reference(self) -> Reference:
        with reading(self.engine) as conn:
            return load_reference(conn)

    def coerce(self, values: Mapping[str, Any], where: str, ref: Reference | None = None) -> dict[str, Any]:
        """Typed field values from user input (strings or values); every problem at once."""
        ref = ref or self.reference()
        out: dict[str, Any] = {}
        problems: list[Problem] = []
        for name, v in values.items():
            if name not in ENTRY_FIELDS:
                problems.append(Problem(where, None, name, f"unknown field {name!r}",
                                        f"Fields are {', '.join(LEDGER.columns)}"))
                continue
            if v is None or (isinstance(v, str) and v.strip() == ""):
                out[name] = None
                continue
            typ = {"duplicate_of": "int", "corrects": "int", "measure": "choice"}.get(name) or LEDGER.field(name).type
            if typ == "party":
                out[name] = ref.party_code(str(v)) or str(v).strip()
            elif typ == "item":
                out[name] = ref.item_id(str(v)) or str(v).strip()
            elif typ == "float" and name in _MONEY:  # money: an exact Decimal (rounded to cents once)
                amount = _amount(v)
                if amount is None:
                    problems.append(Problem(where, None, name, f"{v!r} is not a finite number",
                                            "Give a number, e.g. 12"))
                else:
                    out[name] = amount
            elif typ == "float":
                num = parse_numbers(pd.Series([v]))[0]
                if pd.isna(num) or not math.isfinite(num):
                    problems.append(Problem(where, None, name, f"{v!r} is not a finite number",
                                            "Give a number, e.g. 12"))
                else:
                    out[name] = float(num)
            elif typ == "int":
                try:
                    out[name] = int(str(v).strip())
                except ValueError:
                    problems.append(Problem(where, None, name, f"{v!r} is not an entry id",
                                            "Give the entry's number (allyplan ledger list shows them)"))
            elif typ == "date":
                try:
                    out[name] = parse_date(str(v) if not isinstance(v, date) else v.isoformat(), name, where)
                except LedgerInputError as e:
                    problems += e.problems
            elif typ == "currency":
                out[name] = str(v).strip().upper()
            elif typ == "choice":
                out[name] = str(v).strip().lower()
            elif typ == "list":
                out[name] = ";".join(v) if isinstance(v, (list, tuple)) else str(v).strip()
            else:
                out[name] = str(v).strip().lower() if name == "category" else v
        if problems:
            raise LedgerInputError(problems)
        return out

    def add(self, *, at: str | date | None = None, who: str | None = None, why: str = "", source: str = "",
            **fields: Any) -> int:
        """Record a new pledge; returns its id. ``fields`` are those of :data:`allyplan.schema.LEDGER`."""
        ref = self.reference()
        try:
            values = self.coerce(fields, "ledger add", ref)
        except LedgerInputError as e:  # report what else is wrong too, not only the unreadable values
            readable = {k: v for k, v in fields.items() if k not in {p.field for p in e.problems}}
            values = self.coerce(readable, "ledger add", ref)
            values.setdefault("announced", "2000-01-01")
            raise LedgerInputError([*e.problems, *_check_one(values, ref, "ledger add")]) from None
        at_d = as_date(at, "date", "ledger add")
        row = _new_entry(values, at=at_d.isoformat() if at_d else None, who=who or current_user(), why=why,
                         source=source, where="ledger add")
        return self.write(Batch(adds=pd.DataFrame([row]))).added[0]

    def _change(self, entry: int, action: str, data: dict[str, Any], at: str | date | None, who: str | None,
                why: str, source: str, where: str) -> EntryState:
        at_d = as_date(at, "date", where) or date.today()
        self.write(Batch(changes=[Change(entry, action, at_d, data, who or current_user(), why, source, where)]))
        return self.entry(entry)

    def update(self, entry: int, *, at: str | date | None = None, who: str | None = None, why: str = "",
               source: str = "", **fields: Any) -> EntryState:
        """Revise fields of an entry (``duplicate_of=None`` clears a likely-duplicate flag)."""
        if not fields:
            raise LedgerInputError([Problem(f"ledger update {entry}", None, None, "nothing to change",
                                            "Give at least one field to revise, e.g. --quantity 4")])
        data = self.coerce(fields, f"ledger update {entry}")
        if source:
            data["add_sources"] = source
        return self._change(entry, "update", data, at, who, why, source, f"ledger update {entry}")

    def deliver(self, entry: int, quantity: float | None = None, *, value: Decimal | float | str | None = None,
                at: str | date | None = None, who: str | None = None, why: str = "", source: str = "") -> EntryState:
        """Record a (partial) delivery of ``quantity`` units (or of ``value``, an exact amount, for a value-only
        pledge)."""
        where = f"ledger deliver {entry}"
        if quantity is None and value is None:
            raise LedgerInputError([Problem(where, None, "quantity", "no quantity or value delivered",
                                            "Give the units delivered (or --value for a value-only pledge)")])
        amount = _amount(value) if value is not None else None
        if value is not None and amount is None:
            raise LedgerInputError([Problem(where, None, "value", f"{value!r} is not a finite number",
                                            "Give the value delivered as a plain number")])
        for name, v in (("quantity", quantity), ("value", amount)):
            if v is not None and not math.isfinite(float(v)):
                raise LedgerInputError([Problem(where, None, name, f"{v!r} is not a finite number",
                                                "Give the units (or value) delivered as a plain number")])
            if v is not None and not float(v) >= 0:
                raise LedgerInputError([Problem(where, None, name, f"negative delivery {v!r}",
                                                "Deliveries are 0 or more; revise the pledge to correct a record")])
        data: dict[str, Any] = {"quantity": float(quantity or 0.0)}
        if amount is not None:
            data["value"] = str(amount)  # the event keeps the amount as text: exact at any size
        return self._change(entry, "deliver", data, at, who, why, source, where)

    def cancel(self, entry: int, *, why: str, at: str | date | None = None, who: str | None = None,
               source: str = "") -> EntryState:
        """Cancel a pledge (it stays in the ledger and its history)."""
        if not why.strip():
            raise LedgerInputError([Problem(f"ledger cancel {entry}", None, "why", "no reason given",
                                            "Say why the pledge is cancelled (--why)")])
        return self._change(entry, "cancel", {}, at, who, why, source, f"ledger cancel {entry}")

    def merge(self, duplicate: int, keep: int, *, why: str = "", at: str | date | None = None,
              who: str | None = None) -> EntryState:
        """Merge ``duplicate`` into ``keep``: the duplicate stops counting, its sources join ``keep``'s (as they
        stand in the same transaction), both histories stay."""
        where = f"ledger merge {duplicate} {keep}"
        at_d = as_date(at, "date", where) or date.today()
        who = who or current_user()
        why = why or f"same pledge as entry {keep}"
        self.write(Batch(changes=[
            Change(duplicate, "merge", at_d, {"into": keep}, who, why, "", where),
            Change(keep, "absorb", at_d, {"from": duplicate}, who, why, "", where),
        ]))
        return self.entry(keep)

    # -- reading ------------------------------------------------------------------------------------------------
    def history(self, entry: int) -> list[Event]:
        """Every event of an entry, in the order they happened."""
        with reading(self.engine) as conn:
            evs = read_events(conn, [entry]).get(entry)
        if not evs:
            raise LedgerInputError([Problem(f"entry {entry}", None, "id", f"there is no entry {entry}",
                                            "Check the id (allyplan ledger list shows them)")])
        return sorted(evs, key=lambda e: (e.action != "add", e.at, e.seq))

    def entry(self, entry: int, as_of: str | date | None = None) -> EntryState:
        """An entry now, or as of a date (replayed from its events)."""
        evs = self.history(entry)
        d = as_date(as_of, "--as-of", f"entry {entry}")
        if d is not None:
            evs = [e for e in evs if e.at <= d]
            if not evs:
                raise LedgerInputError([Problem(f"entry {entry}", None, "--as-of", f"entry {entry} did not exist on "
                                                f"{d.isoformat()}", "Give a later date")])
        return replay(evs)

    def entries(self, as_of: str | date | None = None, **filters: Any) -> pd.DataFrame:
        """All entries now or as of a date (see :func:`allyplan.ledger.queries.entries_frame` for filters)."""
        with reading(self.engine) as conn:
            return entries_frame(conn, as_date(as_of, "--as-of", "ledger list"), **filters)

    def report(self, by: str = "donor", *, statuses: Sequence[str] | None = None, since: str | date | None = None,
               until: str | date | None = None, as_of: str | date | None = None,
               use_rollups: bool | None = None) -> pd.DataFrame:
        """Pledged against delivered, in EUR, per donor, category, item or month (see
        :func:`allyplan.ledger.queries.report`)."""
        with reading(self.engine) as conn:
            return report(conn, load_reference(conn), by, statuses=statuses,
                          since=as_date(since, "--since", "ledger report"),
                          until=as_date(until, "--until", "ledger report"),
                          as_of=as_date(as_of, "--as-of", "ledger report"), use_rollups=use_rollups)

    def verify(self) -> Verification:
        """Recompute the events' hash chain and every state from the events (see :mod:`allyplan.ledger.chain`)."""
        with reading(self.engine) as conn:
            return verify(conn)

    def duplicates(self) -> pd.DataFrame:
        """Likely duplicates waiting for a decision (merge them, or clear the flag with an update)."""
        with reading(self.engine) as conn:
            return duplicate_pairs(conn)

    # -- files ----------------------------------------------------------------------------------------------------
    def import_file(self, path: str | Path, *, mapping: Mapping[str, str] | None = None, preset: str | None = None,
                    sheet: str | None = None, at: str | date | None = None, who: str | None = None,
                    progress: Progress | None = None) -> ImportResult:
        """Import pledges from a CSV or XLSX file, all rows or none (see :mod:`allyplan.ledger.imports`)."""
        at_d = as_date(at, "date", "ledger import")
        with writing(self.engine) as conn:
            ref, rates = load_reference(conn), load_rates(conn)
            return run_import(conn, Path(path), ref, lambda b: write(conn, b, ref, rates), mapping=dict(mapping or {}),
                              preset=preset, sheet=sheet, at=at_d, who=who or current_user(), progress=progress)

    def import_rates(self, path: str | Path) -> tuple[int, int]:
        """Import ECB reference rates; revalues the entries they concern. Returns (rates, states revalued)."""
        df = read_rates(Path(path))
        with writing(self.engine) as conn:
            n = store_rates(conn, df)
            return n, revalue(conn, load_reference(conn), load_rates(conn))

    def import_reference(self, table: str, path: str | Path) -> tuple[int, int]:
        """Add or replace parties (with GDP) or catalog items from a scenario-style CSV (``parties.csv`` or
        ``items.csv``); revalues entries. Returns (rows, states revalued)."""
        df = read_reference(table, Path(path))
        with writing(self.engine) as conn:
            n = replace_rows(conn, table, df)
            return n, revalue(conn, load_reference(conn), load_rates(conn))

    # -- proposals (from ingest) --------------------------------------------------------------------------------
    def propose(self, document: Mapping[str, Any], records: Sequence[Mapping[str, Any]],
                who: str | None = None) -> StoredDocument:
        """Store a document and its records (as ``allyplan ingest --json`` prints them) as pending proposals.

        A document whose text was stored before is not stored again (``already`` is set). A re-announced pledge is
        linked to the entry it re-states.
        """
        with writing(self.engine) as conn:
            return store_document(conn, document, records, who or current_user())

    def proposals(self, review: Sequence[str] = ("pending",), document: int | None = None) -> pd.DataFrame:
        """Proposals in the given review states (pending, accepted, rejected, merged), oldest first."""
        with reading(self.engine) as conn:
            return list_proposals(conn, review, document)

    def proposal(self, pid: int) -> dict[str, Any]:
        """One proposal with its document's title, source, date and text."""
        with reading(self.engine) as conn:
            return get_proposal(conn, pid)

    def accept(self, pid: int, *, who: str | None = None, **edits: Any) -> int | None:
        """Accept a proposal, with ``edits`` to its fields; a pledge becomes an entry (its id is returned)."""
        who = who or current_user()
        where = f"proposal {pid}"
        with writing(self.engine) as conn:
            p = _pending(conn, pid)
            if p["kind"] == "policy":
                unknown = set(edits) - {"stance", "donor", "party"}
                if unknown:
                    raise LedgerInputError([Problem(where, None, sorted(unknown)[0], "a policy has no such field",
                                                    "A policy has a party and a stance")])
                if edits:
                    conn.execute(m.proposals.update().where(m.proposals.c.id == pid).values(
                        donor=edits.get("party", edits.get("donor", p["donor"])), stance=edits.get("stance",
                                                                                                      p["stance"])))
                set_review(conn, pid, "accepted", who, note="edited" if edits else "")
                return None
            ref, rates = load_reference(conn), load_rates(conn)
            announced = p["published"] or str(p["recorded"])[:10]
            fields: dict[str, Any] = {
                "donor": p["donor"], "recipient": p["recipient"] or None, "item": p["item"] or "",
                "quantity": p["quantity"], "value": p["value"], "currency": p["currency"] or None,
                "status": p["status"], "announced": announced,
                "description": (p["title"] + ": " if p["title"] else "") + p["evidence"][:400],
                "sources": document_source(p),
            }
            fields.update(edits)
            values = self.coerce({k: v for k, v in fields.items() if v is not None}, where, ref)
            row = _new_entry(values, at=None, who=who, why=f"accepted from proposal {pid} (document "
                             f"{p['document']})", source=document_source(p), where=where)
            entry = write(conn, Batch(adds=pd.DataFrame([row])), ref, rates).added[0]  # checks it, writes or not
            set_review(conn, pid, "accepted", who, entry, note="edited" if edits else "")
            return entry

    def reject(self, pid: int, *, why: str = "", who: str | None = None) -> None:
        """Reject a proposal (it stays, marked rejected, with the reason)."""
        with writing(self.engine) as conn:
            _pending(conn, pid)
            set_review(conn, pid, "rejected", who or current_user(), note=why)

    def merge_proposal(self, pid: int, entry: int, *, who: str | None = None, why: str = "") -> EntryState:
        """The proposal re-states ``entry``: its document becomes a source of the entry; nothing is counted twice."""
        who = who or current_user()
        where = f"proposal {pid}"
        with writing(self.engine) as conn:
            p = _pending(conn, pid)
            if p["kind"] != "pledge":
                raise LedgerInputError([Problem(where, None, "kind", "only a pledge can be merged into an entry",
                                                "Accept or reject a policy")])
            src = document_source(p)
            why = why or f"re-stated in document {p['document']}" + (f": {p['title']}" if p["title"] else "")
            write(conn, Batch(changes=[Change(entry, "update", date.today(), {"add_sources": src}, who, why, src,
                                              where)]), load_reference(conn), load_rates(conn))
            set_review(conn, pid, "merged", who, entry, note=why)
        return self.entry(entry)

    def entries_like(self, pid: int) -> pd.DataFrame:
        """Counted entries of a proposal's donor and item: what it may re-state (newest first)."""
        p = self.proposal(pid)
        df = self.entries(donor=p["donor"])
        if len(df) and p["kind"] == "pledge":
            df = df[df["item"].fillna("") == (p["item"] or "")]
        return df.sort_values("announced", ascending=False) if len(df) else df

    def count(self) -> dict[str, int]:
        from sqlalchemy import func, select
        with reading(self.engine) as conn:
            n_entries = conn.execute(select(func.count()).select_from(m.states)
                                     .where(m.states.c.valid_to.is_(None))).scalar_one()
            n_events = conn.execute(select(func.count()).select_from(m.events)).scalar_one()
        return {"entries": int(n_entries), "events": int(n_events)}


_MONEY = ("value", "delivered_value")


def _amount(v: Any) -> Decimal | None:
    """User input (a number, a Decimal or text with thousands separators or a decimal comma) as an exact amount
    rounded to cents; None where it is not a finite number."""
    if isinstance(v, str):
        num = v.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("'", "")
        if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", num):
            num = num.replace(",", "")
        elif re.fullmatch(r"-?\d+,\d+", num):
            num = num.replace(",", ".")
        v = num
    try:
        d = to_decimal(v)
    except (ValueError, ArithmeticError):
        return None
    return d


def _empty(engine: Any) -> bool:
    """A database without the ledger's tables (a new SQLite file, or an empty PostgreSQL schema)."""
    from sqlalchemy import inspect

    with reading(engine) as conn:
        return not inspect(conn).has_table("events")


def _pending(conn: Any, pid: int) -> dict[str, Any]:
    p = get_proposal(conn, pid)
    if p["review"] != "pending":
        raise LedgerInputError([Problem(f"proposal {pid}", None, "review", f"proposal {pid} is already {p['review']}"
                                        + (f" (entry {p['entry']})" if p["entry"] else ""),
                                        "Only pending proposals can be reviewed; see allyplan review --list")])
    return p


def _new_entry(values: dict[str, Any], *, at: str | None, who: str, why: str, source: str,
               where: str) -> dict[str, Any]:
    """A new entry's row for the write path: its fields, and the event's when, who, why and source."""
    row = {f: values.get(f) for f in ENTRY_FIELDS if f != "duplicate_of"}
    if not row.get("sources") and source:
        row["sources"] = source
    row.update(at=at, who=who, why=why, source=source, where=where, row=None)
    return row


def _check_one(values: dict[str, Any], ref: Reference, where: str) -> list[Problem]:
    from allyplan.ledger.checks import check_states
    from allyplan.ledger.write import normalise_adds

    row = normalise_adds(pd.DataFrame([{**{f: None for f in ENTRY_FIELDS}, **values}]), ref)
    row = row.assign(merged_into=None)
    return check_states(row, ref, pd.Series([where]), pd.Series([None]))
