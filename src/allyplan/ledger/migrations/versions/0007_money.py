"""Money is exact: every money column becomes whole cents in a ``BIGINT`` (:class:`allyplan.ledger.money.Money`).

On both databases each column is converted in place of the float it replaces (a new column is filled, the old one
dropped, the new one renamed), in the migration's one transaction:

- an entry's ``value`` and ``delivered_value`` are the cents of the text its events keep, rounded half to even
  (each entry's events are replayed, as ``allyplan ledger verify`` does; an entry whose events do not replay keeps
  its stored float, read through its shortest ``repr``);
- ``value_eur`` and ``delivered_value_eur`` are then recomputed from them in Decimal arithmetic (a conversion
  rounded to cents once) and the ``rollups`` are rebuilt from the states (their sums are exact integer sums);
- a proposal's ``value`` is its float read through its shortest ``repr``, rounded half to even to cents.

The ``events`` are not touched: their hashes, over their content as stored, stay valid, and the states still
replay from them, so a ledger that verified before verifies after (no re-chaining).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_STATE_MONEY = ("value", "delivered_value", "value_eur", "delivered_value_eur")
_CHUNK = 5000


def _swap(table: str, column: str, values: list[tuple[int | None, Any]], key: str = "id",
          nullable: bool = True, type_: Any = sa.BigInteger) -> None:
    """Replace ``table.column`` by a new column of ``type_`` holding ``values`` (``(new value, key)`` pairs)."""
    bind = op.get_bind()
    tmp = f"{column}_new"
    op.add_column(table, sa.Column(tmp, type_, nullable=True))
    for i in range(0, len(values), _CHUNK):
        bind.execute(sa.text(f"UPDATE {table} SET {tmp} = :v WHERE {key} = :k"),
                     [{"v": v, "k": k} for v, k in values[i:i + _CHUNK]])
    op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    op.execute(f"ALTER TABLE {table} RENAME COLUMN {tmp} TO {column}")


def _replayed(bind: Any) -> Iterator[tuple[int, list[Any]]]:
    """``(entry, its timeline)`` for every entry whose events replay, in entry order (streamed)."""
    from allyplan.ledger.state import Event, TransitionError, timeline

    rows = bind.execute(sa.text("SELECT entry, seq, action, at, recorded, who, why, source, data FROM events "
                                "ORDER BY entry, id").execution_options(yield_per=20000))
    entry: int | None = None
    evs: list[Any] = []

    def done() -> Iterator[tuple[int, list[Any]]]:
        if entry is not None and evs:
            try:
                yield entry, timeline(evs)
            except (TransitionError, ValueError, KeyError, TypeError):
                return

    for r in rows:
        if r.entry != entry:
            yield from done()
            entry, evs = r.entry, []
        try:
            data = json.loads(r.data)
        except ValueError:
            data = {}
        at = r.at if isinstance(r.at, date) else date.fromisoformat(str(r.at)[:10])
        evs.append(Event(r.entry, r.seq, r.action, at, None, r.who, r.why, r.source, data))
    yield from done()


def upgrade() -> None:
    from allyplan.ledger.money import to_cents

    bind = op.get_bind()
    states = [tuple(r) for r in bind.execute(sa.text(
        "SELECT id, entry, value, delivered_value, value_eur, delivered_value_eur FROM states "
        "ORDER BY entry, valid_from"))]
    by_entry: dict[int, list[tuple[Any, ...]]] = {}
    for r in states:
        by_entry.setdefault(r[1], []).append(r)
    # an entry's value and delivered value: the text its events keep (else the stored float)
    exact: dict[int, tuple[int | None, int | None]] = {}
    for entry, tl in _replayed(bind):
        rows = by_entry.get(entry, [])
        if len(rows) == len(tl):
            for row, (_a, _b, st) in zip(rows, tl, strict=True):
                exact[row[0]] = (to_cents(st.value), to_cents(st.delivered_value))
    cents: dict[str, list[tuple[int | None, Any]]] = {c: [] for c in _STATE_MONEY}
    for r in states:
        v, dv = exact.get(r[0], (to_cents(r[2]), to_cents(r[3])))
        cents["value"].append((v, r[0]))
        cents["delivered_value"].append((dv, r[0]))
        cents["value_eur"].append((to_cents(r[4]), r[0]))
        cents["delivered_value_eur"].append((to_cents(r[5]), r[0]))
    for c in _STATE_MONEY:
        _swap("states", c, cents[c])

    proposals = [(to_cents(v), i) for i, v in bind.execute(sa.text("SELECT id, value FROM proposals"))]
    _swap("proposals", "value", proposals)

    # the rollups are derived: recreated with cent columns, rebuilt after the revaluation below
    op.drop_table("rollups")
    _create_rollups(sa.BigInteger)
    from allyplan.ledger.reference import load_reference
    from allyplan.ledger.rollups import rebuild_rollups
    from allyplan.ledger.valuation import load_rates
    from allyplan.ledger.write import revalue

    if states:
        revalue(bind, load_reference(bind), load_rates(bind))  # EUR values in Decimal arithmetic, cents once
    rebuild_rollups(bind)


def downgrade() -> None:
    bind = op.get_bind()
    for table, cols in (("states", _STATE_MONEY), ("proposals", ("value",))):
        for c in cols:
            vals = [(None if v is None else v / 100.0, i) for i, v in bind.execute(sa.text(f"SELECT id, {c} FROM "
                                                                                          f"{table}"))]
            _swap(table, c, vals, type_=sa.Float)
    op.drop_table("rollups")
    _create_rollups(sa.Float)
    from allyplan.ledger.rollups import rebuild_rollups

    rebuild_rollups(bind)


def _create_rollups(money: type[sa.types.TypeEngine[Any]]) -> None:
    """The rollups table (derived, rebuilt after), its two money columns of type ``money``."""
    op.create_table(
        "rollups",
        sa.Column("changed", sa.String(7), primary_key=True),
        sa.Column("donor", sa.String(8), primary_key=True),
        sa.Column("recipient", sa.String(8), primary_key=True),
        sa.Column("category", sa.String(64), primary_key=True),
        sa.Column("item", sa.String(64), primary_key=True),
        sa.Column("month", sa.String(7), primary_key=True),
        sa.Column("status", sa.String(16), primary_key=True),
        sa.Column("counted", sa.Boolean, primary_key=True),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("value_eur", money, nullable=False),
        sa.Column("delivered_eur", money, nullable=False),
        sa.Column("unvalued", sa.Integer, nullable=False),
        sa.Column("delivered_unknown", sa.Integer, nullable=False),
    )
