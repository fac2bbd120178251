"""Who may see and change what, in one place. Every page and API call asks this module; nothing else decides.

Roles: a **coordinator** sees and changes everything and runs plans; a **donor** liaison (one party) changes its own
stocks, floors, production lines, fund shares, policies and offers, sees its own ask sheet and the plan's coverage,
and sees other parties' confidential figures only as coalition totals over at least three other parties (never how
many hold a key); a **recipient** changes needs and holdings and sees coverage, shortfalls and public pledges; a
**viewer** sees public pledges and published reports only.

>>> donor = Principal("liaison-de", "donor", "DE")
>>> table_view(donor, "stocks")
'own+totals'
>>> can_edit_row(donor, "stocks", {"donor": "DE", "item": "patriot"}), can_edit_row(donor, "stocks", {"donor": "FR"})
(True, False)
>>> can(Principal("cell", "coordinator"), "run_plan")
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

import pandas as pd

__all__ = [
    "Principal",
    "Action",
    "View",
    "ROLES",
    "OWNER",
    "CONFIDENTIAL",
    "TOTALS",
    "MIN_PARTIES",
    "PUBLIC_PLEDGE_STATUSES",
    "can",
    "table_view",
    "can_edit_table",
    "can_edit_row",
    "visible_rows",
    "coalition_totals",
    "can_see_ask_sheet",
    "can_see_plan",
    "SWEEP_VIEWS",
    "can_see_sweep",
]

Role = Literal["coordinator", "donor", "recipient", "viewer"]
ROLES: tuple[str, ...] = ("coordinator", "donor", "recipient", "viewer")

#: Which column names a row's party, for tables whose rows belong to one party.
OWNER: dict[str, str] = {"stocks": "donor", "funds": "donor", "policies": "party", "pledges": "donor",
                         "production": "producer"}
#: Tables whose figures a party keeps from the others.
CONFIDENTIAL = frozenset({"stocks", "production", "funds", "policies"})
#: For a donor: other parties' figures in these tables are shown only as totals (by key, summed columns).
TOTALS: dict[str, tuple[str, tuple[str, ...]]] = {
    "stocks": ("item", ("quantity", "floor")),
    "production": ("item", ("per_month",)),
    "funds": ("fund", ("amount_eur",)),
}
#: A total over fewer other parties than this is withheld: it would reveal (or nearly reveal) one party's figure.
MIN_PARTIES = 3
#: Pledges in these states are public; ``considering`` ones are offers not yet announced.
PUBLIC_PLEDGE_STATUSES = ("committed", "delivered", "cancelled")

Action = Literal[
    "run_plan",  # queue, cancel, re-run and publish plans; queue, cancel and re-run sweeps
    "see_all_plans",  # every table of every plan
    "see_coverage",  # a plan's coverage of needs (no donor's figures)
    "see_shortfalls",  # why needs remain short (names floors and lines: not for donors)
    "review",  # the review queue of ingested proposals
    "decide_scenario_proposals",  # approve or reject proposed scenario rows
    "import_scenario",
    "export_scenario",
    "scenario_history",  # every change to the scenario, by whom
    "edit_ledger",
    "see_ledger",  # public pledges (everyone)
    "see_dashboard",
    "manage_users",
]

_ACTIONS: dict[str, frozenset[str]] = {
    "coordinator": frozenset({"run_plan", "see_all_plans", "see_coverage", "see_shortfalls", "review",
                              "decide_scenario_proposals", "import_scenario", "export_scenario", "scenario_history",
                              "edit_ledger", "see_ledger", "see_dashboard", "manage_users"}),
    "donor": frozenset({"see_coverage", "see_ledger", "see_dashboard"}),
    "recipient": frozenset({"see_coverage", "see_shortfalls", "see_ledger", "see_dashboard"}),
    "viewer": frozenset({"see_ledger", "see_dashboard"}),
}

View = Literal["all", "own", "own+totals", "public", "none"]

_VIEWS: dict[str, dict[str, View]] = {
    "coordinator": {},  # everything: "all"
    "donor": {"stocks": "own+totals", "production": "own+totals", "funds": "own+totals", "policies": "own",
              "pledges": "public", "parties": "all", "items": "all", "needs": "all", "holdings": "all"},
    "recipient": {"parties": "all", "items": "all", "needs": "all", "holdings": "all", "pledges": "public"},
    "viewer": {"pledges": "public"},
}

_EDITS: dict[str, frozenset[str]] = {
    "donor": frozenset({"stocks", "production", "funds", "policies", "pledges"}),
    "recipient": frozenset({"needs", "holdings"}),
    "viewer": frozenset(),
}


@dataclass(frozen=True)
class Principal:
    """Who is asking: a user name, a role and, for a donor or recipient liaison, the party it speaks for."""

    name: str
    role: str
    party: str | None = None

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}; roles are {', '.join(ROLES)}")


def can(p: Principal, action: Action | str) -> bool:
    """Whether ``p`` may do ``action`` at all (see :data:`Action`)."""
    return action in _ACTIONS[p.role]


def table_view(p: Principal, table: str) -> View:
    """How much of a scenario table ``p`` sees: all rows, its own, its own plus coalition totals, public rows only,
    or nothing (and then the table's existence is not confirmed either)."""
    if p.role == "coordinator":
        return "all"
    return _VIEWS[p.role].get(table, "none")


def can_edit_table(p: Principal, table: str) -> bool:
    """Whether ``p`` may add rows to ``table`` at all (each row is checked with :func:`can_edit_row`)."""
    return p.role == "coordinator" or table in _EDITS.get(p.role, frozenset())


def can_edit_row(p: Principal, table: str, row: Mapping[str, object]) -> bool:
    """Whether ``p`` may write this row (as it is, or as it would become: check both before and after an edit)."""
    if p.role == "coordinator":
        return True
    if table not in _EDITS.get(p.role, frozenset()):
        return False
    if p.role == "donor":
        return str(row.get(OWNER[table], "")).strip() == (p.party or "\0")
    return True  # a recipient liaison edits the recipient's needs and holdings


def _owned(p: Principal, table: str, row: Mapping[str, object]) -> bool:
    col = OWNER.get(table)
    return col is not None and str(row.get(col, "")).strip() == (p.party or "\0")


def visible_rows(p: Principal, table: str, rows: Iterable[Mapping[str, object]]) -> list[Mapping[str, object]]:
    """The rows of ``table`` that ``p`` sees individually (totals come from :func:`coalition_totals`)."""
    view = table_view(p, table)
    rows = list(rows)
    if view == "all":
        return rows
    if view in ("own", "own+totals"):
        return [r for r in rows if _owned(p, table, r)]
    if view == "public":
        return [r for r in rows if str(r.get("status", "")) in PUBLIC_PLEDGE_STATUSES or _owned(p, table, r)]
    return []


def coalition_totals(p: Principal, table: str, rows: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """Other parties' figures of a confidential table as totals by key, for a donor liaison.

    A column's total is given only when at least :data:`MIN_PARTIES` other parties have a figure other than zero in
    it (otherwise NaN, shown as withheld): two rows of zero must not let a "total over three" be one party's figure.
    A key is listed only when at least one of its totals is given; how many parties hold a key is never told (a
    count next to a withheld total, or a count that moves by one when a party adds a row, points at one party).

    >>> rows = [{"donor": d, "item": "x", "quantity": "10", "floor": "2"} for d in ("A", "B", "C", "D")]
    >>> coalition_totals(Principal("a", "donor", "A"), "stocks", rows).to_dict("records")
    [{'item': 'x', 'quantity': 30.0, 'floor': 6.0}]
    >>> coalition_totals(Principal("a", "donor", "A"), "stocks", rows[:3]).empty
    True
    >>> rows[1]["floor"] = rows[2]["floor"] = "0"
    >>> coalition_totals(Principal("a", "donor", "A"), "stocks", rows).to_dict("records")
    [{'item': 'x', 'quantity': 30.0, 'floor': nan}]
    >>> rows[1]["quantity"] = "0"
    >>> coalition_totals(Principal("a", "donor", "A"), "stocks", rows).empty
    True
    """
    if table_view(p, table) != "own+totals" or table not in TOTALS:
        return pd.DataFrame()
    key, cols = TOTALS[table]
    owner = OWNER[table]
    others = [r for r in rows if str(r.get(owner, "")).strip() != p.party]
    empty = pd.DataFrame(columns=[key, *cols])
    if not others:
        return empty
    df = pd.DataFrame(others)
    df[owner] = df[owner].astype(str).str.strip()
    for c in cols:
        df[c] = pd.to_numeric(df.get(c, pd.Series(dtype=float)), errors="coerce").fillna(0.0)
    by_party = df.groupby([key, owner], sort=True)[list(cols)].sum()  # one party's rows of a key count as one
    g = by_party.groupby(level=0)
    out = g.sum()
    for c in cols:
        out.loc[g[c].agg(lambda v: int((v != 0).sum())) < MIN_PARTIES, c] = float("nan")
    out = out[out[list(cols)].notna().any(axis=1)]
    return out.rename_axis(key).reset_index() if len(out) else empty


def can_see_ask_sheet(p: Principal, party: str) -> bool:
    """A donor's ask sheet: the coordinator's and that donor's own liaison's."""
    return p.role == "coordinator" or (p.role == "donor" and p.party == party)


def can_see_plan(p: Principal, published: bool) -> bool:
    """Whether ``p`` may open a plan at all (its coverage; other tables need more, see :func:`can`)."""
    return can(p, "see_coverage") or (published and p.role == "viewer")


#: A sweep's tables and who sees them, by the same rule as a plan's: the per-need outcomes (unmet percentiles, the
#: probability of being met by the due month) and the coverage fan are coverage; the sensitivity ranking names
#: donors' production lines and pledges (offers still ``considering`` among them) and how much each one's slip
#: costs, so, like a plan's deliveries and burden, it is the coordinator's only.
SWEEP_VIEWS: dict[str, Action] = {"needs": "see_coverage", "fan": "see_coverage", "sensitivity": "see_all_plans"}


def can_see_sweep(p: Principal) -> bool:
    """Whether ``p`` may open a sweep at all: as for an unpublished plan, whoever sees coverage (sweeps are never
    published, so a viewer sees none)."""
    return can(p, "see_coverage")
