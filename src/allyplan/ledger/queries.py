"""Reading the ledger: entries now or as of a date, one entry's history, the burden-sharing report.

Every read is one SQL query over ``states`` (the derived table): the current state of an entry is its row with no
``valid_to``; its state as of a date D is the row with ``valid_from <= D < valid_to``. Reports aggregate in the
database, so they stay fast at millions of entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace
from typing import Any, Literal

import numpy as np
import pandas as pd
from sqlalchemy import ColumnElement, Connection, and_, case, func, or_, select

from allyplan.ledger import models as m
from allyplan.ledger.reference import Reference
from allyplan.schema import REPORT_BY

__all__ = ["REPORT_BY", "COUNTED_STATUSES", "valid_at", "entries_frame", "report", "duplicate_pairs", "ledger_marks"]

ReportBy = Literal["donor", "category", "item", "month", "recipient", "status", "measure"]
#: Statuses a report counts unless told otherwise: pledges that were made (considering ones were not).
COUNTED_STATUSES: tuple[str, ...] = ("committed", "delivered")
s = m.states.c


def valid_at(as_of: date | None) -> ColumnElement[bool]:
    """The filter for states current now (``as_of`` None) or on ``as_of``."""
    if as_of is None:
        return s.valid_to.is_(None)
    return and_(s.valid_from <= as_of, or_(s.valid_to.is_(None), s.valid_to > as_of))


def entries_frame(conn: Connection, as_of: date | None = None, *, ids: Sequence[int] | None = None,
                  statuses: Sequence[str] | None = None, donor: str | None = None,
                  limit: int | None = None) -> pd.DataFrame:
    """Entries (one row each, every field) as they stand now or on ``as_of``."""
    cols = [c for c in m.STATE_COLUMNS if c != "valid_to"]
    q = select(*(getattr(s, c) for c in cols)).where(valid_at(as_of))
    if ids is not None:
        q = q.where(s.entry.in_(list(ids)))
    if statuses:
        q = q.where(s.status.in_(list(statuses)))
    if donor:
        q = q.where(s.donor == donor)
    q = q.order_by(s.entry)
    if limit:
        q = q.limit(limit)
    return pd.DataFrame(conn.execute(q).all(), columns=cols)


def _group_expr(by: str, cols: Any, month: ColumnElement[Any]) -> ColumnElement[Any]:
    """The group label of a report, over the states' columns or the rollups' (``item``, ``category`` and the
    others by name; ``month`` the announcement month). A pledge without an item is grouped under its category."""
    if by == "month":
        return month.label("group")
    if by == "item":
        return func.coalesce(cols.item, "(" + func.coalesce(cols.category, "none") + ")").label("group")
    if by in ("category", "measure"):
        return func.coalesce(getattr(cols, by), "(none)").label("group")
    return getattr(cols, by).label("group")


def _states_month(conn: Connection) -> ColumnElement[Any]:
    if conn.dialect.name == "postgresql":
        return func.to_char(s.announced, "YYYY-MM")
    return func.substr(s.announced, 1, 7)


def _month_end(d: date) -> bool:
    return (d + timedelta(days=1)).day == 1


def _from_rollups(conn: Connection, by: str, statuses: Sequence[str], since: date | None, until: date | None,
                  as_of: date | None) -> list[Any]:
    r = m.rollups.c
    cols = SimpleNamespace(**{c.name: c for c in r})  # rollups keep '' where the states have no item or category
    cols.item, cols.category = func.nullif(r.item, ""), func.nullif(r.category, "")
    g = _group_expr(by, cols, r.month)
    q = (select(g, func.sum(r.n), func.sum(case((r.status == "delivered", r.n), else_=0)), func.sum(r.value_eur),
                func.sum(r.delivered_eur), func.sum(r.unvalued), func.sum(r.delivered_unknown))
         .where(r.counted.is_(True), r.status.in_(list(statuses))).group_by(g).having(func.sum(r.n) != 0)
         .order_by(g))
    if as_of is not None:
        q = q.where(r.changed <= as_of.isoformat()[:7])
    if since is not None:
        q = q.where(r.month >= since.isoformat()[:7])
    if until is not None:
        q = q.where(r.month <= until.isoformat()[:7])
    return list(conn.execute(q).all())


def _month_start(d: date) -> date:
    return d.replace(day=1)


def _next_month(d: date) -> date:
    return (d.replace(day=28) + timedelta(days=4)).replace(day=1)


def _scan(conn: Connection, by: str, statuses: Sequence[str], as_of: date | None,
          ranges: Sequence[tuple[date | None, date | None]] | None,
          valid: ColumnElement[bool] | None = None) -> list[Any]:
    """Totals from the states valid on ``as_of`` (or meeting ``valid``), announced within any of ``ranges``."""
    g = _group_expr(by, s, _states_month(conn))
    q = (select(g, func.count().label("pledges"),
                func.sum(case((s.status == "delivered", 1), else_=0)).label("delivered"),
                func.sum(s.value_eur).label("pledged_eur"),
                func.sum(s.delivered_value_eur).label("delivered_eur"),
                func.sum(case((s.value_eur.is_(None), 1), else_=0)).label("unvalued"),
                func.sum(case((and_(s.delivered_value_eur.is_(None), or_(s.delivered > 0, s.status == "delivered")), 1),
                              else_=0)).label("delivered_unknown"))
         .where(valid_at(as_of) if valid is None else valid, s.counted.is_(True), s.status.in_(statuses))
         .group_by(g).order_by(g))
    if ranges is not None:
        conds = []
        for lo, hi in ranges:
            parts = ([s.announced >= lo] if lo is not None else []) + ([s.announced <= hi] if hi is not None else [])
            conds.append(and_(*parts) if parts else s.announced.is_not(None))
        q = q.where(or_(*conds))
    return list(conn.execute(q).all())


def _sum_rows(*parts: list[Any], minus: list[Any] | None = None) -> list[Any]:
    acc: dict[Any, list[Any]] = {}
    for rows, sign in [*((p, 1) for p in parts), (minus or [], -1)]:
        for r in rows:
            a = acc.setdefault(r[0], [0, 0, Decimal(0), Decimal(0), 0, 0])
            for i in range(6):
                a[i] += sign * (r[i + 1] or 0)
    return [(k, *v) for k, v in sorted(acc.items(), key=lambda kv: str(kv[0])) if v[0] != 0]


def report(conn: Connection, ref: Reference, by: str = "donor", *, statuses: Sequence[str] | None = None,
           since: date | None = None, until: date | None = None, as_of: date | None = None,
           use_rollups: bool | None = None) -> pd.DataFrame:
    """Totals in EUR per ``by``: pledged against delivered (count and value), the delivered share and, by donor,
    the value as a share of GDP. The last row is the total. ``pledged_eur`` and ``delivered_eur`` are exact
    Decimals (sums of whole cents), and the total is the sum of the rows to the cent. Merged entries and
    unresolved likely duplicates are not counted. ``since``/``until`` filter on the announcement date.

    Where the cut allows (no ``as_of``, or one at a month's end) the whole months come from the monthly rollups
    and only the days of a partial first or last month are read from the states; otherwise the states are
    scanned. ``use_rollups=False`` forces the scan (the tests compare the two)."""
    if by not in REPORT_BY:
        raise ValueError(f"cannot report by {by!r}; choose one of {', '.join(REPORT_BY)}")
    statuses = list(statuses or COUNTED_STATUSES)
    if by == "measure":  # the rollups do not keep the measure: scan the states
        use_rollups = False
    aligned = (since is None or since.day == 1) and (until is None or _month_end(until))
    if use_rollups is not False and as_of is not None and not _month_end(as_of) and aligned:
        # the end of the previous month from the rollups, then the states that began or ended since then
        prev = _month_start(as_of) - timedelta(days=1)
        ranges = None if since is None and until is None else [(since, until)]
        began = and_(s.valid_from > prev, s.valid_from <= as_of, or_(s.valid_to.is_(None), s.valid_to > as_of))
        ended = and_(s.valid_from <= prev, s.valid_to > prev, s.valid_to <= as_of)
        return _finish_report(_sum_rows(_from_rollups(conn, by, statuses, since, until, prev),
                                        _scan(conn, by, statuses, None, ranges, began),
                                        minus=_scan(conn, by, statuses, None, ranges, ended)), by, ref)
    if use_rollups is False or (as_of is not None and not _month_end(as_of)):
        return _finish_report(_scan(conn, by, statuses, as_of, None if since is None and until is None
                                    else [(since, until)]), by, ref)
    if since is not None and until is not None and since > until:
        return _finish_report([], by, ref)
    # whole months [first, last] from the rollups; partial months at either end from the states
    if (since is not None and until is not None and _month_start(since) == _month_start(until)
            and (since.day != 1 or not _month_end(until))):
        return _finish_report(_scan(conn, by, statuses, as_of, [(since, until)]), by, ref)
    edges: list[tuple[date | None, date | None]] = []
    first, last = since, until
    if since is not None and since.day != 1:
        edges.append((since, _next_month(since) - timedelta(days=1)))
        first = _next_month(since)
    if until is not None and not _month_end(until):
        edges.append((_month_start(until), until))
        last = _month_start(until) - timedelta(days=1)
    whole = [] if (first is not None and last is not None and first > last) else \
        _from_rollups(conn, by, statuses, first, last, as_of)
    partial = _scan(conn, by, statuses, as_of, edges) if edges else []
    return _finish_report(_sum_rows(whole, partial), by, ref)


def _finish_report(rows: list[Any], by: str, ref: Reference) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["group", "pledges", "delivered", "pledged_eur", "delivered_eur", "unvalued",
                                     "delivered_unknown"])
    for c in ("pledges", "delivered", "unvalued", "delivered_unknown"):
        df[c] = df[c].astype(int)
    for c in ("pledged_eur", "delivered_eur"):  # exact Decimals (sums of whole cents): no residue to round off
        df[c] = pd.Series([_eur(v) for v in df[c].tolist()], index=df.index, dtype=object)
    df = df.iloc[sorted(range(len(df)), key=lambda i: -df["pledged_eur"].iloc[i])].reset_index(drop=True) \
        if by != "month" else df
    total = pd.DataFrame([{"group": "total", "pledges": df["pledges"].sum(), "delivered": df["delivered"].sum(),
                           "pledged_eur": sum(df["pledged_eur"], _eur(0)),
                           "delivered_eur": sum(df["delivered_eur"], _eur(0)),
                           "unvalued": df["unvalued"].sum(), "delivered_unknown": df["delivered_unknown"].sum()}])
    df = pd.concat([df, total], ignore_index=True) if len(df) else total
    pledged, delivered = df["pledged_eur"].astype(float), df["delivered_eur"].astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        df["delivered_share"] = np.where(pledged > 0, delivered / pledged, np.nan)
    if by == "donor":
        gdp = df["group"].map(ref.gdp()).astype(float)
        df["pct_gdp"] = 100 * pledged / (gdp * 1e9)
    return df.rename(columns={"group": by})


def _eur(v: Any) -> Decimal:
    """A sum of money as an exact Decimal with two places (0 where the database gives no sum)."""
    if v is None or (isinstance(v, float) and v != v):
        return Decimal("0.00")
    return Decimal(v).quantize(Decimal("0.01")) if not isinstance(v, float) else Decimal(repr(v)).quantize(
        Decimal("0.01"))


def duplicate_pairs(conn: Connection) -> pd.DataFrame:
    """Entries flagged as likely duplicates (and not yet merged or cleared), beside the entry they repeat."""
    dup = m.states.alias("dup")
    orig = m.states.alias("orig")
    q = (select(dup.c.entry.label("entry"), dup.c.duplicate_of.label("of"), dup.c.donor, dup.c.item,
                dup.c.category, dup.c.quantity, orig.c.quantity.label("of_quantity"), dup.c.announced,
                orig.c.announced.label("of_announced"), dup.c.description, dup.c.sources)
         .join(orig, and_(orig.c.entry == dup.c.duplicate_of, orig.c.valid_to.is_(None)))
         .where(dup.c.valid_to.is_(None), dup.c.duplicate_of.is_not(None), dup.c.merged_into.is_(None))
         .order_by(dup.c.entry))
    return pd.DataFrame(conn.execute(q).mappings().all(),
                        columns=["entry", "of", "donor", "item", "category", "quantity", "of_quantity", "announced",
                                 "of_announced", "description", "sources"])


def ledger_marks() -> list[Any]:
    """Scalar subqueries, to be selected together, that change whenever what the ledger reports or values changes:
    the newest event; the number of parties and items and the sums of their GDPs and unit values, the US dollar's
    last rate day and the number of rates (a reference import revalues entries without an event). What is computed
    from the ledger for the same marks is the same, so it can be kept (the service's cache, a plan worker's
    prepared scenario)."""
    return [select(func.max(m.events.c.id)).scalar_subquery().label("m_events"),
            select(func.count()).select_from(m.parties).scalar_subquery().label("m_parties"),
            select(func.sum(m.parties.c.gdp_eur_bn)).scalar_subquery().label("m_parties_gdp"),
            select(func.count()).select_from(m.items).scalar_subquery().label("m_items"),
            select(func.sum(m.items.c.unit_value_eur)).scalar_subquery().label("m_items_value"),
            select(func.max(m.rates.c.day)).where(m.rates.c.currency == "USD").scalar_subquery().label("m_rates"),
            select(func.count()).select_from(m.rates).scalar_subquery().label("m_rates_count")]
