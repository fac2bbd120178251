"""Monthly rollups: the states summed by what reports group and filter by, kept in step by the write path.

Each state of an entry adds its count and values in the month it began and takes them away in the month it
ended, so the totals at the end of any month are the sum of the rollups up to that month. Reports read these few
thousand rows for whole months and only the states that changed within a partial month (the days of a partial
first or last month of ``--since``/``--until``, or the days before an ``--as-of`` inside a month); a property
test checks the figures equal a scan of the states.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Connection, delete, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from allyplan.ledger import models as m
from allyplan.ledger.money import from_cents  # [money, issue 14]

__all__ = ["rollup_deltas", "sum_deltas", "apply_deltas", "rebuild_rollups", "delivered_unknown",
           "DELIVERED_UNKNOWN_SQL"]

_SUMS = ("n", "value_eur", "delivered_eur", "unvalued", "delivered_unknown")


def _ym(col: pd.Series) -> pd.Series:
    return pd.Series([None if v is None or v != v else str(v)[:7] for v in col.to_numpy(dtype=object)],
                     index=col.index, dtype=object)


def rollup_deltas(states: pd.DataFrame, sign: int = 1) -> pd.DataFrame:
    """What ``states`` (rows with valid_from, valid_to and the report fields; value_eur and delivered_value_eur in
    whole cents) add to the rollups (``sign=-1``: take away, for states being replaced), sums in int64 cents."""
    if states.empty:
        return pd.DataFrame(columns=[*m.ROLLUP_KEY, *_SUMS])
    v = pd.to_numeric(states["value_eur"]).astype(float)  # [money, issue 14] whole cents: summed as int64
    base = pd.DataFrame({
        "donor": states["donor"].to_numpy(), "recipient": states["recipient"].to_numpy(),
        "category": states["category"].astype(object).where(states["category"].notna(), "").to_numpy(),
        "item": states["item"].astype(object).where(states["item"].notna(), "").to_numpy(),
        "month": _ym(states["announced"]).to_numpy(), "status": states["status"].to_numpy(),
        "counted": states["counted"].astype(bool).to_numpy(),
        "n": sign, "value_eur": sign * v.fillna(0.0).to_numpy().astype(np.int64),
        "delivered_eur": sign * pd.to_numeric(states["delivered_value_eur"]).astype(float).fillna(0.0).to_numpy()
        .astype(np.int64),
        "unvalued": sign * v.isna().astype(int).to_numpy(),
        "delivered_unknown": sign * delivered_unknown(states).astype(int),
    })
    start = base.assign(changed=_ym(states["valid_from"]).to_numpy())
    ended = states["valid_to"].notna().to_numpy()
    stop = base[ended].assign(changed=_ym(states["valid_to"][ended]).to_numpy())
    for c in _SUMS:
        stop[c] = -stop[c]
    both = pd.concat([start, stop], ignore_index=True)
    return both.groupby(list(m.ROLLUP_KEY), as_index=False, sort=False)[list(_SUMS)].sum()


def sum_deltas(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Several :func:`rollup_deltas` as one, summed by rollup key."""
    both = pd.concat(parts, ignore_index=True)
    return both.groupby(list(m.ROLLUP_KEY), as_index=False, sort=False)[list(_SUMS)].sum()


def apply_deltas(conn: Connection, deltas: pd.DataFrame) -> None:
    """Add ``deltas`` to the rollups (insert new keys, add to existing ones)."""
    if deltas.empty:
        return
    d = deltas.groupby(list(m.ROLLUP_KEY), as_index=False, sort=False)[list(_SUMS)].sum()
    rows: list[dict[str, Any]] = [
        {**{k: (bool(r[k]) if k == "counted" else str(r[k])) for k in m.ROLLUP_KEY},
         "n": int(r["n"]), "value_eur": from_cents(r["value_eur"]),  # [money, issue 14] cents -> Decimal
         "delivered_eur": from_cents(r["delivered_eur"]),
         "unvalued": int(r["unvalued"]), "delivered_unknown": int(r["delivered_unknown"])}
        for r in d.to_dict("records")]
    ins = pg_insert(m.rollups) if conn.dialect.name == "postgresql" else sqlite_insert(m.rollups)
    stmt = ins.on_conflict_do_update(
        index_elements=list(m.ROLLUP_KEY),
        set_={c: getattr(m.rollups.c, c) + getattr(ins.excluded, c) for c in _SUMS})
    for i in range(0, len(rows), 20000):
        conn.execute(stmt, rows[i:i + 20000])
    conn.execute(delete(m.rollups).where(m.rollups.c.n == 0, m.rollups.c.unvalued == 0,
                                         m.rollups.c.delivered_unknown == 0,
                                         m.rollups.c.value_eur == 0, m.rollups.c.delivered_eur == 0))


def delivered_unknown(states: pd.DataFrame) -> np.ndarray:
    """Where something was delivered (a count, or the status) at a value the source leaves unknown."""
    dv = pd.to_numeric(states["delivered_value_eur"]).astype(float).isna().to_numpy()
    dlv = pd.to_numeric(states["delivered"]).astype(float).fillna(0.0).to_numpy() > 0 \
        if "delivered" in states.columns else np.zeros(len(states), dtype=bool)
    return dv & (dlv | states["status"].eq("delivered").to_numpy())


#: The same, in SQL over ``states``.
DELIVERED_UNKNOWN_SQL = "delivered_value_eur IS NULL AND (delivered > 0 OR status = 'delivered')"


def rebuild_rollups(conn: Connection, *, unknown: bool = True) -> None:
    """Recompute every rollup from the states (after a revaluation, or to fill the table the first time;
    ``unknown=False`` for the schema before migration 0004, without ``delivered_unknown``)."""
    month = "to_char({c}, 'YYYY-MM')" if conn.dialect.name == "postgresql" else "substr({c}, 1, 7)"

    def part(col: str, sign: str) -> str:
        return (f"SELECT {month.format(c=col)} AS changed, donor, recipient, coalesce(category, '') AS category, "
                f"coalesce(item, '') AS item, {month.format(c='announced')} AS month, status, counted, "
                f"{sign}1 AS n, {sign}coalesce(value_eur, 0) AS v, {sign}coalesce(delivered_value_eur, 0) AS d, "
                f"CASE WHEN value_eur IS NULL THEN {sign}1 ELSE 0 END AS u, "
                f"CASE WHEN {DELIVERED_UNKNOWN_SQL} THEN {sign}1 ELSE 0 END AS du FROM states")

    du, sum_du = (", delivered_unknown", ", sum(du)") if unknown else ("", "")

    conn.execute(delete(m.rollups))
    conn.execute(text(f"""
        INSERT INTO rollups (changed, donor, recipient, category, item, month, status, counted,
                             n, value_eur, delivered_eur, unvalued{du})
        SELECT changed, donor, recipient, category, item, month, status, counted, sum(n), sum(v), sum(d), sum(u)
               {sum_du}
        FROM ({part("valid_from", "")} UNION ALL {part("valid_to", "-")} WHERE valid_to IS NOT NULL) AS t
        GROUP BY changed, donor, recipient, category, item, month, status, counted
        HAVING sum(n) <> 0 OR sum(u) <> 0 OR sum(v) <> 0 OR sum(d) <> 0"""))
