"""Synthetic scenarios of any size, deterministic for a seed, with the structure of real ones: donors hold a
subset of items, industry lines ramp up, needs accept a few compatible items, interceptors require platforms
the recipient may not operate yet, and some donors have restrictive policies. All figures are illustrative.

>>> cfg, raw = generate_tables(donors=5, items=20, needs=10, months=12, seed=1)
>>> len(raw["parties"]), len(raw["needs"])
(6, 10)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from allyplan.errors import AllyplanError
from allyplan.months import month_label, month_number
from allyplan.scenario import Scenario, ScenarioConfig, build_scenario, write_scenario

__all__ = ["generate_tables", "generate_scenario", "write_generated"]

# kind: (share of items, lethal, typical unit value EUR, typical holding, typical monthly output)
_KINDS: dict[str, tuple[float, bool, float, float, float]] = {
    "system": (0.08, True, 3e8, 4, 0.5),
    "launcher": (0.04, True, 2e7, 8, 1),
    "tank": (0.06, True, 5e6, 40, 2),
    "howitzer": (0.06, True, 5e6, 30, 2),
    "vehicle": (0.08, True, 1e6, 80, 5),
    "interceptor": (0.14, True, 2e6, 150, 10),
    "missile": (0.06, True, 1e6, 60, 5),
    "manpads": (0.06, True, 3e5, 300, 20),
    "ammunition": (0.14, True, 3e3, 50000, 5000),
    "equipment": (0.18, False, 5e4, 300, 50),
    "supplies": (0.10, False, 1e2, 20000, 3000),
}
_CATEGORIES = {
    "system": ["air-defence"], "launcher": ["air-defence"], "tank": ["armour"], "howitzer": ["artillery"],
    "vehicle": ["armour", "logistics"], "interceptor": ["air-defence"], "missile": ["long-range-strike", "anti-tank"],
    "manpads": ["air-defence"], "ammunition": ["artillery", "air-defence"], "equipment": ["energy", "engineering"],
    "supplies": ["medical", "winter"],
}


def _start_month(start: str) -> int:
    """The month number of ``start``; an :class:`AllyplanError` saying how to write it otherwise."""
    try:
        return month_number(start)
    except ValueError:
        raise AllyplanError(f"start month {start!r} is not a month: write it as YYYY-MM, e.g. 2027-01") from None


def generate_tables(*, donors: int = 50, items: int = 500, needs: int = 1000, months: int = 36, seed: int = 0,
                    start: str = "2027-01") -> tuple[ScenarioConfig, dict[str, pd.DataFrame]]:
    """Raw scenario tables (strings as in files) for a synthetic coalition of the given size."""
    if min(donors, items, needs, months) < 1:
        raise ValueError("donors, items, needs and months must each be at least 1")
    s0 = _start_month(start)
    rng = np.random.default_rng(seed)

    def mlabel(offsets: np.ndarray) -> list[str]:
        return [month_label(s0 + int(o)) for o in offsets]

    # Parties: GDP spread like a real coalition (a few large economies, many small ones).
    codes = [f"D{i:02d}" if donors < 100 else f"D{i:03d}" for i in range(1, donors + 1)]
    gdp = np.round(np.exp(rng.normal(6.0, 1.3, donors)), 1)
    parties = pd.DataFrame({"code": ["UA", *codes], "name": ["Recipient", *[f"Donor {c}" for c in codes]],
                            "gdp_eur_bn": [175.0, *gdp], "source": "illustrative"})

    # Items.
    kinds = np.array(list(_KINDS))
    shares = np.array([k[0] for k in _KINDS.values()])
    kind = rng.choice(kinds, size=items, p=shares / shares.sum())
    kind[: min(items, 2)] = ["system", "interceptor"][: min(items, 2)]
    ids = [f"{k}-{i:03d}" for i, k in enumerate(kind)]
    cat = np.array([rng.choice(_CATEGORIES[k]) for k in kind])
    base_value = np.array([_KINDS[k][2] for k in kind])
    value = np.round(base_value * np.exp(rng.normal(0, 0.4, items)), -1 if items else 0)
    lethal = np.array([_KINDS[k][1] for k in kind])
    platforms = np.flatnonzero(np.isin(kind, ["system", "launcher", "howitzer"]))
    requires = np.full(items, "", dtype=object)
    for i in np.flatnonzero(np.isin(kind, ["interceptor", "ammunition"])):
        same = platforms[(cat[platforms] == cat[i]) | (kind[i] == "ammunition")]
        if len(same) and rng.random() < 0.7:
            requires[i] = ids[int(rng.choice(same))]
    tags = np.where(cat == "long-range-strike", "long-range", np.where(cat == "winter", "winter", ""))
    items_df = pd.DataFrame({"id": ids, "name": [i.replace("-", " ") for i in ids], "category": cat, "kind": kind,
                             "lethal": np.where(lethal, "true", "false"), "unit_value_eur": value,
                             "requires": requires, "tags": tags, "source": "illustrative"})

    # Stocks: each donor holds a few percent of the items, larger donors more.
    held_share = np.clip(0.03 + 0.05 * (gdp / gdp.max()), 0.02, 0.2)
    n_held = np.maximum(1, np.round(held_share * items)).astype(int)
    donor_idx = np.repeat(np.arange(donors), n_held)
    item_idx = np.concatenate([rng.choice(items, size=min(n, items), replace=False) for n in n_held])
    donor_idx = donor_idx[: len(item_idx)]
    typical = np.array([_KINDS[k][3] for k in kind])[item_idx]
    qty = np.maximum(1, np.round(typical * np.exp(rng.normal(0, 0.6, len(item_idx)))))
    floor = np.floor(qty * rng.uniform(0.5, 0.95, len(item_idx)))
    stocks = pd.DataFrame({"donor": np.array(codes)[donor_idx], "item": np.array(ids)[item_idx], "quantity": qty,
                           "floor": floor, "available_from": mlabel(rng.integers(0, 4, len(item_idx))),
                           "lead_months": rng.integers(1, 4, len(item_idx)), "source": "illustrative"})

    # Production lines for about a third of the items, ramping up.
    made = rng.choice(items, size=max(1, items // 3), replace=False)
    out_typ = np.array([_KINDS[k][4] for k in kind])[made]
    per_month = np.maximum(1, np.round(out_typ * np.exp(rng.normal(0, 0.5, len(made)))))
    f_from = rng.integers(0, max(1, months // 3), len(made))
    production = pd.DataFrame({
        "line": [f"line-{i:03d}" for i in range(len(made))], "producer": rng.choice(codes, len(made)),
        "item": np.array(ids)[made], "from": mlabel(f_from), "to": mlabel(np.full(len(made), months - 1)),
        "per_month": per_month, "ramp_per_month": np.round(per_month * rng.uniform(0, 0.05, len(made)), 2),
        "unit_cost_eur": np.round(value[made] * rng.uniform(0.9, 1.3, len(made)), -1 if items else 0),
        "lead_months": rng.integers(1, 4, len(made)), "source": "illustrative"})

    # Funds: one national fund per donor buying from a few lines, and pooled funds.
    lines = production["line"].to_numpy()
    rows: list[tuple[str, str, float, str]] = []
    for c, g in zip(codes, gdp, strict=True):
        pick = rng.choice(lines, size=min(len(lines), int(rng.integers(3, 9))), replace=False)
        rows.append((f"fund-{c}", c, round(float(g) * 1e9 * 5e-4, -3), ";".join(pick)))
    for k in range(max(1, donors // 15)):
        pick = rng.choice(lines, size=min(len(lines), 15), replace=False)
        for c in rng.choice(codes, size=min(donors, 8), replace=False):
            rows.append((f"pool-{k}", str(c), round(float(rng.uniform(5e7, 3e8)), -3), ";".join(pick)))
    funds = pd.DataFrame(rows, columns=["fund", "donor", "amount_eur", "lines"])
    funds["from"], funds["to"], funds["source"] = mlabel(np.zeros(len(funds))), mlabel(
        np.full(len(funds), months - 1)), "illustrative"

    # Policies: some donors non-lethal only, some forbid long-range strike, some release at most a share.
    pol = []
    for c in codes:
        r = rng.random()
        if r < 0.08:
            pol.append((c, "non-lethal-only", ""))
        elif r < 0.14:
            pol.append((c, "forbid-tag", "long-range"))
        elif r < 0.20:
            pol.append((c, "max-release-share", f"{rng.uniform(0.2, 0.6):.2f}"))
    policies = pd.DataFrame(pol, columns=["party", "rule", "value"]).assign(source="illustrative")

    # Holdings: the recipient operates about half of the platforms.
    plat_held = platforms[rng.random(len(platforms)) < 0.5]
    holdings = pd.DataFrame({"item": np.array(ids)[plat_held],
                             "quantity": np.maximum(1, np.round(typical_of(kind, plat_held) * 0.5)),
                             "source": "illustrative"})

    # Needs: each accepts a few compatible items (same kind and category), with equivalence factors.
    groups = pd.DataFrame({"i": np.arange(items), "g": [f"{k}|{c}" for k, c in zip(kind, cat, strict=True)]})
    members = groups.groupby("g")["i"].apply(np.array).to_dict()
    n_rows: list[tuple[object, ...]] = []
    for j in range(needs):
        first = int(rng.integers(items))
        pool = members[groups.at[first, "g"]]
        others = rng.choice(pool, size=min(len(pool), int(rng.integers(0, 4))), replace=False)
        chosen = [first, *[int(o) for o in others if o != first]]
        factors = [1.0, *np.round(rng.uniform(0.5, 1.5, len(chosen) - 1), 1)]
        k = kind[first]
        consumable = k in ("interceptor", "missile", "manpads", "ammunition", "supplies")
        scale = _KINDS[k][3]
        accepts = ";".join(f"{ids[c]}:{f:g}" for c, f in zip(chosen, factors, strict=True))
        prio = int(rng.integers(1, 6))
        if consumable:
            a = int(rng.integers(0, max(1, months // 2)))
            b = min(months - 1, a + int(rng.integers(3, 13)))
            r = max(1.0, float(np.round(_KINDS[k][4] * rng.uniform(0.2, 1.5))))
            n_rows.append((f"need-{j:04d}", f"{k} for {cat[first]}", "flow", "", r, month_label(s0 + a), "",
                           month_label(s0 + b), prio, accepts))
        else:
            q = max(1.0, float(np.round(scale * rng.uniform(0.05, 0.4))))
            due = int(rng.integers(0, months))
            n_rows.append((f"need-{j:04d}", f"{k} for {cat[first]}", "hold", q, "", "", month_label(s0 + due), "",
                           prio, accepts))
    needs_df = pd.DataFrame(n_rows, columns=["id", "description", "kind", "quantity", "per_month", "from", "due", "to",
                                             "priority", "accepts"]).assign(source="illustrative")

    # Pledges already made: a few committed and delivered ones.
    k = min(len(stocks), max(1, donors // 2))
    pick = stocks.sample(n=k, random_state=seed)
    pledges = pd.DataFrame({"donor": pick["donor"], "item": pick["item"],
                            "quantity": np.maximum(1, np.floor((pick["quantity"] - pick["floor"]) * 0.3)),
                            "month": mlabel(rng.integers(0, max(1, months // 4), k)),
                            "status": rng.choice(["committed", "delivered", "considering"], k),
                            "source": "illustrative"})

    raw = {"parties": parties, "items": items_df, "stocks": stocks, "production": production, "funds": funds,
           "policies": policies, "holdings": holdings, "needs": needs_df, "pledges": pledges}
    raw = {k: v.astype(str).replace({"nan": ""}) for k, v in raw.items()}
    cfg = ScenarioConfig(name=f"synthetic {donors}x{items}x{needs}x{months} seed {seed}", start=start,
                         horizon_months=months, recipient="UA")
    return cfg, raw


def typical_of(kind: np.ndarray, idx: np.ndarray) -> np.ndarray:
    return np.array([_KINDS[k][3] for k in kind[idx]], dtype=float)


def generate_scenario(**kwargs: int | str) -> Scenario:
    """A validated synthetic :class:`Scenario` (same arguments as :func:`generate_tables`)."""
    cfg, raw = generate_tables(**kwargs)  # type: ignore[arg-type]
    return build_scenario(cfg.model_dump(), raw, origin="generated")


def write_generated(directory: str | Path, **kwargs: int | str) -> Path:
    """Write a synthetic scenario folder (validated first, so what is written always loads)."""
    cfg, raw = generate_tables(**kwargs)  # type: ignore[arg-type]
    build_scenario(cfg.model_dump(), raw, origin="generated")
    return write_scenario(directory, cfg, raw)
