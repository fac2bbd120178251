"""What a plan achieves under draws, in whole arrays: the need outcomes of a batch of samples, and the fixed
evaluation of one plan's deliveries (no re-planning: what the plan can no longer deliver is replaced by nothing).

Outcomes, per sample and need (months are offsets from the scenario's start):
- ``required``: units the need asks for in that draw (a hold need's quantity, a flow need's total consumption);
- ``unmet``: a hold need's shortfall in the last month, or a flow need's unmet consumption;
- ``met_month``: the month from which the need stays met (to the horizon for hold needs, to the end of the
  window for flow needs), -1 if it never is; ``on_time``: met by its due month (a flow need: from its start);
- ``loss``: the planner's first objective tier, priority-weighted unmet and late need, measured against the
  scenario's stated quantities (``weights.unmet`` per whole need unmet, ``weights.late`` per whole need-month
  late), so that a demand surge counts as loss.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from allyplan.errors import AllyplanError
from allyplan.months import month_number
from allyplan.scenario import Scenario
from allyplan.sweep.uncertainty import Draw, Factors, nominal

__all__ = ["NeedInfo", "Outcomes", "outcomes", "FixedEvaluator", "plan_matrices", "to_offsets"]


@dataclass(frozen=True)
class NeedInfo:
    """Static per-need arrays, in the scenario's need order."""

    ids: np.ndarray
    hold: np.ndarray
    Q: np.ndarray
    r: np.ndarray
    start: np.ndarray
    to: np.ndarray
    due: np.ndarray
    priority: np.ndarray
    w_unmet: float
    w_late: float
    horizon: int

    @classmethod
    def of(cls, s: Scenario) -> NeedInfo:
        nd = s.needs
        w = s.config.weights
        return cls(nd["id"].to_numpy(dtype=object), (nd["kind"] == "hold").to_numpy(),
                   nd["quantity"].to_numpy(dtype=float), nd["per_month"].to_numpy(dtype=float),
                   nd["from"].to_numpy(dtype=np.int64), nd["to"].to_numpy(dtype=np.int64),
                   nd["due"].to_numpy(dtype=np.int64), nd["priority"].to_numpy(dtype=float), float(w.unmet),
                   float(w.late), s.horizon)

    def demand(self, d: Draw) -> tuple[np.ndarray, np.ndarray]:
        """(hold quantity, flow units a month) per sample and need under the draws, in whole units."""
        m = d.need_demand
        return np.floor(self.Q[None, :] * m + 0.5), np.floor(self.r[None, :] * m + 0.5)


@dataclass
class Outcomes:
    """Need outcomes of a batch: arrays of shape (samples, needs); ``coverage`` (samples, needs, months) is the
    share of the need covered each month (NaN outside a flow need's window)."""

    required: np.ndarray
    unmet: np.ndarray
    met_month: np.ndarray
    on_time: np.ndarray
    loss: np.ndarray
    coverage: np.ndarray


def outcomes(info: NeedInfo, Qd: np.ndarray, rd: np.ndarray, held: np.ndarray, covered: np.ndarray) -> Outcomes:
    """Outcomes from units in service (``held``, hold needs) and units consumed (``covered``, flow needs) per
    sample, need and month."""
    T = info.horizon
    t = np.arange(T)[None, None, :]
    hold = info.hold[None, :, None]
    active = (t >= info.start[None, :, None]) & (t <= info.to[None, :, None])
    from_due = t >= info.due[None, :, None]
    short_h = np.where(from_due, np.maximum(Qd[:, :, None] - held, 0.0), 0.0)
    short_f = np.where(active, np.maximum(rd[:, :, None] - covered, 0.0), 0.0)
    short = np.where(hold, short_h, short_f)
    short[short < 1e-9] = 0.0
    ok = np.where(hold, held >= Qd[:, :, None] - 1e-9, ~active | (short_f <= 1e-9))
    suffix = np.flip(np.logical_and.accumulate(np.flip(ok, -1), axis=-1), -1)
    first = np.where(suffix.any(-1), suffix.argmax(-1), T)
    first = np.where(info.hold[None, :], first, np.maximum(first, info.start[None, :]))
    never = np.where(info.hold[None, :], first >= T, first > info.to[None, :])
    met = np.where(never, -1, first)
    on_time = ~never & (met <= np.where(info.hold, info.due, info.start)[None, :])
    span = np.maximum(info.to - info.start + 1, 0)
    required = np.where(info.hold[None, :], Qd, rd * span[None, :])
    total_short = short.sum(-1)
    unmet = np.where(info.hold[None, :], short[:, :, -1], total_short)
    per_month = np.where(info.hold, info.Q, info.r)
    loss = info.priority[None, :] * (info.w_unmet * unmet / np.maximum(info.Q, 1e-9)[None, :]
                                     + info.w_late * total_short / np.maximum(per_month, 1e-9)[None, :])
    with np.errstate(divide="ignore", invalid="ignore"):
        frac_h = np.where(Qd[:, :, None] > 0, np.minimum(held / Qd[:, :, None], 1.0), 1.0)
        frac_f = np.where(active, np.where(rd[:, :, None] > 0, np.minimum(covered / rd[:, :, None], 1.0), 1.0),
                          np.nan)
    cov = np.where(hold, frac_h, frac_f).astype(np.float32)
    return Outcomes(required, unmet, met.astype(np.int64), on_time, loss, cov)


def flow_consumption(info: NeedInfo, rd: np.ndarray, arrived: np.ndarray) -> np.ndarray:
    """Units consumed each month by flow needs from cumulative arrivals: up to the month's rate, from what has
    arrived and not yet been used (inventory carries over)."""
    T = info.horizon
    inflow = np.diff(arrived, axis=-1, prepend=0.0)
    t = np.arange(T)
    active = (t[None, :] >= info.start[:, None]) & (t[None, :] <= info.to[:, None])
    inv = np.zeros(arrived.shape[:2])
    cov = np.zeros_like(arrived)
    for m in range(T):
        avail = inv + inflow[:, :, m]
        c = np.minimum(avail, np.where(active[None, :, m], rd, 0.0))
        cov[:, :, m] = c
        inv = avail - c
    return cov


def plan_matrices(info: NeedInfo, coverage: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(held, covered) arrays of shape (1, needs, months) from a plan's coverage table."""
    T = info.horizon
    pos = pd.Series(np.arange(len(info.ids)), index=info.ids)
    i = coverage["need"].map(pos).to_numpy(dtype=np.int64)
    m = coverage["month"].to_numpy(dtype=np.int64)
    held = np.zeros((1, len(info.ids), T))
    covered = np.zeros((1, len(info.ids), T))
    held[0, i, m] = coverage["held"].to_numpy(dtype=float)
    covered[0, i, m] = coverage["covered"].to_numpy(dtype=float)
    # Hold needs carry their units in service across every month; the table lists them all.
    return held, covered


def to_offsets(s: Scenario, table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """A plan table read from files (months as YYYY-MM) with months as offsets from the scenario's start."""
    out = table.copy()
    for c in columns:
        if len(out) and not pd.api.types.is_integer_dtype(out[c]):
            out[c] = [month_number(str(v)) - s.start for v in out[c]]
    return out


def _check_plan(s: Scenario, dl: pd.DataFrame, bl: pd.DataFrame) -> None:
    """Refuse a plan whose tables name needs, lines or items the scenario does not have (a plan of another
    scenario), or months outside its horizon."""
    known = {"need": set(s.needs["id"]), "item": set(s.items["id"])}
    for table, df in (("deliveries", dl), ("baseline", bl)):
        for col, names in known.items():
            bad = sorted(set(df[col].astype(str)) - names)
            if bad:
                raise AllyplanError(f"the plan's {table} name {col} '{bad[0]}', which scenario '{s.config.name}' "
                                    "does not have: give --fixed a plan made for this scenario")
    lines = set(dl.loc[dl["source"] != "stock", "source"].astype(str)) - set(s.production["line"])
    if lines:
        raise AllyplanError(f"the plan's deliveries come from production line '{sorted(lines)[0]}', which scenario "
                            f"'{s.config.name}' does not have: give --fixed a plan made for this scenario")
    months = pd.concat([dl["ship_month"], dl["arrive_month"], bl["arrive_month"]]).astype(int)
    if len(months) and (months.min() < 0 or months.max() >= s.horizon):
        raise AllyplanError(f"the plan has months outside scenario '{s.config.name}' ({s.config.start}, "
                            f"{s.horizon} months): give --fixed a plan made for this scenario")


class FixedEvaluator:
    """One plan's deliveries and baseline assignments, re-evaluated under draws with numpy only.

    Under a draw, a donor's stock shipments and pledges arrive its delay later; a pledge that falls through
    brings nothing; a production line serves the plan's orders first in, first out at its drawn capacity from
    its drawn start (an order it cannot fill in a month waits for the next); an item that requires a platform
    counts from the month that platform is in service. Every unit serves the need the plan gave it, nothing
    else: what the plan can no longer deliver is replaced by nothing.
    """

    def __init__(self, s: Scenario, f: Factors, deliveries: pd.DataFrame, baseline: pd.DataFrame):
        self.info = NeedInfo.of(s)
        self.factors = f
        T = s.horizon
        need_pos = pd.Series(np.arange(len(f.needs)), index=list(f.needs))
        acc = s.accepts.set_index(["need", "item"])["factor"]
        dl = deliveries.reset_index(drop=True)
        bl = baseline.reset_index(drop=True)
        _check_plan(s, dl, bl)
        line_pos = pd.Series(np.arange(len(f.lines)), index=list(f.lines))
        donor_pos = pd.Series(np.arange(len(f.donors)), index=list(f.donors))
        is_line = (dl["source"] != "stock").to_numpy()
        # Point rows: stock shipments and baseline rows; one arrival month each.
        st = dl[~is_line]
        pl = s.pledges
        open_pos = {int(k): j for j, k in enumerate(f.pledges)}
        lookup: dict[tuple[str, str, int, str], int] = {}
        for k in pl.index:
            key = (str(pl.at[k, "donor"]), str(pl.at[k, "item"]), max(int(pl.at[k, "month"]), 0),
                   "pledge:" + str(pl.at[k, "status"]))
            if int(k) in open_pos:
                lookup.setdefault(key, open_pos[int(k)])
        b_pledge = np.array([lookup.get((str(dn), str(it), int(mo), str(o)), -1)
                             for dn, it, mo, o in zip(bl["donor"], bl["item"], bl["arrive_month"], bl["origin"],
                                                      strict=True)], dtype=np.int64)
        b_moves = bl["origin"].astype(str).str.startswith("pledge:committed").to_numpy()
        self.p_item = np.r_[st["item"].to_numpy(dtype=object), bl["item"].to_numpy(dtype=object)]
        self.p_need = np.r_[st["need"].map(need_pos).to_numpy(dtype=np.int64),
                            bl["need"].map(need_pos).to_numpy(dtype=np.int64)]
        self.p_qty = np.r_[st["quantity"].to_numpy(dtype=float), bl["quantity"].to_numpy(dtype=float)]
        self.p_arr = np.r_[st["arrive_month"].to_numpy(dtype=np.int64), bl["arrive_month"].to_numpy(dtype=np.int64)]
        self.p_donor = np.r_[st["donor"].map(donor_pos).fillna(-1).to_numpy(dtype=np.int64),
                             np.where(b_moves, bl["donor"].map(donor_pos).fillna(-1).to_numpy(dtype=np.int64), -1)]
        self.p_pledge = np.r_[np.full(len(st), -1, dtype=np.int64), b_pledge]
        # Line rows, first in first out per line by ship month.
        ln = dl[is_line].copy()
        ln["line_i"] = ln["source"].map(line_pos).to_numpy(dtype=np.int64)
        ln = ln.sort_values(["line_i", "ship_month"], kind="stable")
        q = ln["quantity"].to_numpy(dtype=float)
        li = ln["line_i"].to_numpy(dtype=np.int64)
        end = pd.Series(q).groupby(li).cumsum().to_numpy()
        self.l_item = ln["item"].to_numpy(dtype=object)
        self.l_need = ln["need"].map(need_pos).to_numpy(dtype=np.int64)
        self.l_line = li
        self.l_lo, self.l_qty = end - q, q
        self.l_lead = (ln["arrive_month"] - ln["ship_month"]).to_numpy(dtype=np.int64)
        orders = np.zeros((len(f.lines), T))
        np.add.at(orders, (li, ln["ship_month"].to_numpy(dtype=np.int64)), q)
        self.orders_cum = np.cumsum(orders, axis=1)
        pr = s.production.set_index("line").loc[list(f.lines)]
        self.cap_base = pr["per_month"].to_numpy(dtype=float)
        self.cap_ramp = pr["ramp_per_month"].to_numpy(dtype=float)
        self.cap_from = pr["from"].to_numpy(dtype=float)
        self.cap_to = pr["to"].to_numpy(dtype=float)
        items = np.r_[self.p_item, self.l_item]
        needs = np.r_[self.p_need, self.l_need]
        need_names = np.array(f.needs, dtype=object)[needs] if len(needs) else np.zeros(0, dtype=object)
        fac = acc.reindex(pd.MultiIndex.from_arrays([need_names, items])).to_numpy(dtype=float)
        self.W = np.zeros((len(items), len(f.needs)))
        self.W[np.arange(len(items)), needs] = fac
        # Rule 7: rows whose item requires a platform the recipient does not operate at the start.
        it = s.items.set_index("id")
        held = s.holdings.groupby("item")["quantity"].sum()
        operated = set(held[held > 0].index) & set(it.index[it["platform"]])
        req = pd.Series(items, dtype=object).map(it["requires"]).fillna("").to_numpy(dtype=object)
        gated = np.array([r != "" and r not in operated for r in req], dtype=bool)
        self.platforms = sorted({str(r) for r in req[gated]})
        self.gate = np.array([self.platforms.index(r) if g else -1 for r, g in zip(req, gated, strict=True)],
                             dtype=np.int64)
        self.platform_rows = [np.flatnonzero(items == p) for p in self.platforms]

    @classmethod
    def from_plan_dir(cls, s: Scenario, f: Factors, tables: dict[str, pd.DataFrame]) -> FixedEvaluator:
        """From the tables of a plan folder (as :func:`allyplan.plan_files.read_plan_tables` reads them)."""
        dl = to_offsets(s, tables["deliveries"], ["ship_month", "arrive_month"])
        bl = to_offsets(s, tables["baseline"], ["arrive_month"])
        return cls(s, f, dl, bl)

    def arrivals(self, d: Draw) -> np.ndarray:
        """Cumulative units arrived per sample, row (point rows, then line rows) and month."""
        S, T = len(d), self.info.horizon
        t = np.arange(T)
        # Point rows.
        delay = np.where(self.p_donor[None, :] >= 0,
                         d.donor_delay[:, np.maximum(self.p_donor, 0)] if d.donor_delay.shape[1] else 0.0, 0.0)
        comes = np.where(self.p_pledge[None, :] >= 0,
                         d.pledge_comes[:, np.maximum(self.p_pledge, 0)] if d.pledge_comes.shape[1] else 1.0, 1.0)
        arr = self.p_arr[None, :] + delay
        A_p = (self.p_qty[None, :] * comes)[:, :, None] * (t[None, None, :] >= arr[:, :, None])
        # Line rows: each line serves its orders first in, first out at its drawn capacity.
        L = len(self.cap_base)
        if len(self.l_qty):
            start = self.cap_from[None, :] + d.line_delay
            cap = d.line_capacity[:, :, None] * (self.cap_base[None, :, None] + self.cap_ramp[None, :, None]
                                                 * (t[None, None, :] - start[:, :, None]))
            cap = np.where((t[None, None, :] >= start[:, :, None]) & (t[None, None, :] <= self.cap_to[None, :, None]),
                           np.maximum(cap, 0.0), 0.0)
            made = np.zeros((S, L, T))
            prev = np.zeros((S, L))
            for m in range(T):
                prev = np.minimum(self.orders_cum[None, :, m], prev + cap[:, :, m])
                made[:, :, m] = prev
            made = np.floor(made + 1e-6)
            shipped = np.clip(made[:, self.l_line, :] - self.l_lo[None, :, None], 0.0, self.l_qty[None, :, None])
            A_l = np.zeros_like(shipped)
            for lead in np.unique(self.l_lead):  # arrived by t = shipped by t - lead
                rows = np.flatnonzero(self.l_lead == lead)
                if lead < T:
                    A_l[:, rows, lead:] = shipped[:, rows, :T - lead]
            A = np.concatenate([A_p, A_l], axis=1)
        else:
            A = A_p
        for k, rows in enumerate(self.platform_rows):
            gated = self.gate == k
            if not gated.any():
                continue
            have = A[:, rows, :].sum(1) >= 1.0 - 1e-9 if len(rows) else np.zeros((S, T), dtype=bool)
            first = np.where(have.any(-1), have.argmax(-1), T)
            A[:, gated, :] *= t[None, None, :] >= first[:, None, None]
        return A

    def run(self, d: Draw) -> Outcomes:
        """Outcomes of the plan under a batch of draws."""
        A = self.arrivals(d)
        H = np.matmul(A.transpose(0, 2, 1), self.W).transpose(0, 2, 1)
        Qd, rd = self.info.demand(d)
        return outcomes(self.info, Qd, rd, H, flow_consumption(self.info, rd, H))

    def sensitivities(self, d: Draw, batch: int = 1024) -> pd.DataFrame:
        """One at a time: the change in each need's loss when only one factor takes a sample's drawn value and
        the rest are nominal. Rows (sample position, kind, factor, need position, delta) where it is not 0.

        Only factors that touch the plan and differ from nominal in a sample are evaluated; demand factors all
        at once (a need's demand changes only its own outcome)."""
        f = self.factors
        nom = nominal(f)
        base = self.run(nom).loss[0]
        S = len(d)
        touches = {"donor_delay": set(self.p_donor.tolist()), "line_delay": set(self.l_line.tolist()),
                   "pledge_comes": set(self.p_pledge.tolist())}
        cols: list[tuple[str, str, list[tuple[str, int]]]] = (
            [("donor", n, [("donor_delay", i)]) for i, n in enumerate(f.donors) if i in touches["donor_delay"]]
            + [("line", n, [("line_delay", i), ("line_capacity", i)]) for i, n in enumerate(f.lines)
               if i in touches["line_delay"]]
            + [("pledge", n, [("pledge_comes", i)]) for i, n in enumerate(f.pledge_names)
               if i in touches["pledge_comes"]])
        jobs = [(s_, k) for k, (_, _, fields) in enumerate(cols) for s_ in range(S)
                if any(getattr(d, name)[s_, i] != getattr(nom, name)[0, i] for name, i in fields)]
        parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        for lo in range(0, len(jobs), batch):
            part = jobs[lo:lo + batch]
            oat = nominal(f, len(part))
            for j, (s_, k) in enumerate(part):
                for name, i in cols[k][2]:
                    getattr(oat, name)[j, i] = getattr(d, name)[s_, i]
            delta = self.run(oat).loss - base[None, :]
            jj, nn = np.nonzero(np.abs(delta) > 1e-9)
            samples = np.array([part[j][0] for j in jj], dtype=np.int64)
            kinds = np.array([cols[part[j][1]][0] for j in jj], dtype=object)
            names = np.array([cols[part[j][1]][1] for j in jj], dtype=object)
            parts.append((samples, kinds, names, nn, delta[jj, nn]))
        # Demand: every need's own draw at once.
        dem = nominal(f, S)
        dem.need_demand = d.need_demand.copy()
        delta = self.run(dem).loss - base[None, :]
        ss, nn = np.nonzero(np.abs(delta) > 1e-9)
        parts.append((ss.astype(np.int64), np.full(len(ss), "need", dtype=object),
                      np.array(f.needs, dtype=object)[nn] if len(nn) else np.zeros(0, dtype=object), nn,
                      delta[ss, nn]))
        cat = [np.concatenate(x) for x in zip(*parts, strict=True)]
        out = pd.DataFrame({"sample": cat[0].astype(np.int64), "kind": cat[1].astype(object),
                            "factor": cat[2].astype(object), "need": cat[3].astype(np.int64), "delta": cat[4]})
        return out.sort_values(["sample", "kind", "factor", "need"], kind="stable").reset_index(drop=True)
