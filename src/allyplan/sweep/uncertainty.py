"""The uncertainty file and the draws made from it.

An uncertainty file (YAML) names, per section, a distribution for every donor's delivery delay, every
production line's late start and capacity factor, every need's demand multiplier and every pledge's chance of
falling through (see ``data/uncertainty.yaml``, which ``allyplan init`` writes). :func:`compile_factors` binds it
to a scenario: one :class:`Factor` per donor, line, need and pledge, in a fixed order. :func:`draw` makes the
draw of one sample from its own generator, seeded by (seed, sample index), so a sample is the same whichever
process or machine draws it.

>>> from allyplan import example_path, load_scenario
>>> s = load_scenario(example_path())
>>> f = compile_factors(s, default_spec())
>>> a, b = draw(f, seed=7, sample=3), draw(f, seed=7, sample=3)
>>> bool((a.line_capacity == b.line_capacity).all())
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import cached_property
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from allyplan.errors import AllyplanError
from allyplan.months import month_label
from allyplan.scenario import Scenario

__all__ = [
    "Distribution",
    "UncertaintySpec",
    "Factors",
    "Draw",
    "SECTIONS",
    "default_spec",
    "default_text",
    "write_default_uncertainty",
    "load_spec",
    "parse_spec",
    "compile_factors",
    "draw",
    "draw_batch",
    "nominal",
    "stack",
    "apply_draw",
    "pledge_keys",
]

DISTS: dict[str, tuple[str, ...]] = {
    "uniform": ("low", "high"),
    "triangular": ("low", "mode", "high"),
    "lognormal": ("median", "sigma"),
    "bernoulli": ("p",),
    "discrete": ("values", "probs"),
}
#: section -> (what it applies to, the value a factor takes when nothing goes wrong)
SECTIONS: dict[str, tuple[str, float]] = {
    "donor_delay": ("donor", 0.0),
    "line_delay": ("line", 0.0),
    "line_capacity": ("line", 1.0),
    "need_demand": ("need", 1.0),
    "pledge_fall": ("pledge", 0.0),
}
STATUSES = ("committed", "considering")


@dataclass(frozen=True)
class Distribution:
    """A named distribution with its parameters."""

    dist: str
    params: tuple[tuple[str, Any], ...]

    def p(self, name: str) -> Any:
        return dict(self.params)[name]

    def sample(self, rng: np.random.Generator, n: int = 1) -> np.ndarray:
        """``n`` values drawn from ``rng``."""
        d = self.dist
        if d == "uniform":
            return rng.uniform(self.p("low"), self.p("high"), n)
        if d == "triangular":
            lo, mo, hi = self.p("low"), self.p("mode"), self.p("high")
            return np.full(n, float(lo)) if hi <= lo else rng.triangular(lo, mo, hi, n)
        if d == "lognormal":
            return self.p("median") * np.exp(self.p("sigma") * rng.standard_normal(n))
        if d == "bernoulli":
            return (rng.random(n) < self.p("p")).astype(float)
        values, probs = np.asarray(self.p("values")), np.cumsum(self.p("probs"))
        return values[np.minimum(np.searchsorted(probs / probs[-1], rng.random(n), side="right"), len(values) - 1)]

    def support(self) -> tuple[float, float]:
        """Smallest and largest value it can take."""
        d = self.dist
        if d in ("uniform", "triangular"):
            return float(self.p("low")), float(self.p("high"))
        if d == "lognormal":
            return 0.0, math.inf
        if d == "bernoulli":
            return 0.0, 1.0
        return float(min(self.p("values"))), float(max(self.p("values")))

    def quantile(self, q: float, n: int = 4001) -> float:
        """The q-quantile, estimated from a fixed quasi-random sample (used by buffered plans)."""
        rng = np.random.default_rng(12345)
        xs = np.sort(self.sample(rng, n))
        return float(xs[min(int(q * n), n - 1)])


@dataclass(frozen=True)
class UncertaintySpec:
    """A parsed uncertainty file: per section, a default and named overrides."""

    sections: dict[str, dict[str, Distribution]]
    source: str = "uncertainty.yaml"
    text: str = ""


def _fail(source: str, where: str, what: str, fix: str) -> AllyplanError:
    return AllyplanError(f"{source}, {where}: {what}. {fix}")


def _parse_dist(source: str, where: str, raw: Any, section: str) -> Distribution:
    if not isinstance(raw, dict) or "dist" not in raw:
        raise _fail(source, where, f"{raw!r} is not a distribution",
                    "Write {dist: NAME, ...}, e.g. {dist: triangular, low: 0, mode: 1, high: 6}")
    name = str(raw["dist"])
    if name not in DISTS:
        raise _fail(source, where, f"unknown distribution '{name}'", f"Use one of: {', '.join(DISTS)}")
    want = DISTS[name]
    extra = sorted(set(raw) - {"dist", *want})
    missing = [k for k in want if k not in raw]
    if extra or missing:
        raise _fail(source, where, f"{name} takes {', '.join(want)}" + (f"; missing {', '.join(missing)}" if missing
                                                                       else f"; unknown {', '.join(extra)}"),
                    f"Write {{dist: {name}, " + ", ".join(f"{k}: ..." for k in want) + "}")
    params: dict[str, Any] = {}
    for k in want:
        v = raw[k]
        try:
            params[k] = tuple(float(x) for x in v) if k in ("values", "probs") else float(v)
        except (TypeError, ValueError):
            raise _fail(source, f"{where}.{k}", f"{v!r} is not a number" + (" list" if k in ("values", "probs")
                                                                          else ""),
                        "Give numbers, e.g. values: [0, 1, 2], probs: [0.5, 0.3, 0.2]") from None
        vals = params[k] if isinstance(params[k], tuple) else (params[k],)
        if not all(math.isfinite(x) for x in vals):
            raise _fail(source, f"{where}.{k}", f"{v!r} is not finite", "Give finite numbers")
    bad = ""
    if name == "uniform" and params["low"] > params["high"]:
        bad = "low is above high"
    elif name == "triangular" and not params["low"] <= params["mode"] <= params["high"]:
        bad = "it needs low <= mode <= high"
    elif name == "lognormal" and (params["median"] <= 0 or params["sigma"] < 0):
        bad = "it needs median > 0 and sigma >= 0"
    elif name == "bernoulli" and not 0 <= params["p"] <= 1:
        bad = f"p {params['p']:g} is not a probability in 0..1"
    elif name == "discrete":
        vs, ps = params["values"], params["probs"]
        if not vs or len(vs) != len(ps):
            bad = "values and probs must be non-empty lists of the same length"
        elif min(ps) < 0 or abs(sum(ps) - 1) > 1e-6:
            bad = f"probs must be at least 0 and sum to 1 (they sum to {sum(ps):g})"
    if bad:
        raise _fail(source, where, bad, "Correct the parameters")
    d = Distribution(name, tuple(params.items()))
    lo, _hi = d.support()
    if section == "pledge_fall" and name != "bernoulli":
        raise _fail(source, where, f"a pledge's fall-through is a probability, not a {name}",
                    "Write {dist: bernoulli, p: 0.1}")
    if section in ("donor_delay", "line_delay", "line_capacity", "need_demand") and lo < 0:
        raise _fail(source, where, f"it can draw {lo:g}, below 0",
                    "Delays are months of lateness and factors multiply: keep them at 0 or above")
    return d


def parse_spec(raw: Any, source: str = "uncertainty.yaml", text: str = "") -> UncertaintySpec:
    """Validate the contents of an uncertainty file (already read as YAML)."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise _fail(source, "top level", "not a mapping of sections", f"Use the sections {', '.join(SECTIONS)}")
    unknown = sorted(set(raw) - set(SECTIONS))
    if unknown:
        raise _fail(source, "top level", f"unknown section(s) {', '.join(map(str, unknown))}",
                    f"The sections are {', '.join(SECTIONS)}")
    sections: dict[str, dict[str, Distribution]] = {}
    for sec in SECTIONS:
        body = raw.get(sec) or {}
        if not isinstance(body, dict):
            raise _fail(source, sec, f"{body!r} is not a mapping", "Write `default: {dist: ...}` and named overrides")
        sections[sec] = {str(k): _parse_dist(source, f"{sec}.{k}", v, sec) for k, v in body.items()}
    return UncertaintySpec(sections, source, text)


def load_spec(path: str | Path) -> UncertaintySpec:
    """Read and validate an uncertainty file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise AllyplanError(f"{p}: cannot read the uncertainty file ({e.strerror}). Give an existing YAML file, "
                            "e.g. the one `allyplan init` writes") from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise AllyplanError(f"{p}: not valid YAML ({e}). Compare with the file `allyplan init` writes") from None
    return parse_spec(raw, str(p), text)


def default_text() -> str:
    """The commented default uncertainty file."""
    return (files("allyplan") / "data" / "uncertainty.yaml").read_text(encoding="utf-8")


def write_default_uncertainty(directory: str | Path) -> Path:
    """Write the commented default ``uncertainty.yaml`` into a scenario folder (as ``allyplan init`` does)."""
    p = Path(directory) / "uncertainty.yaml"
    p.write_text(default_text(), encoding="utf-8")
    return p


def default_spec() -> UncertaintySpec:
    """The shipped default uncertainty file, parsed."""
    text = default_text()
    return parse_spec(yaml.safe_load(text), "uncertainty.yaml (default)", text)


def pledge_keys(s: Scenario) -> pd.Series:
    """``DONOR/ITEM/YYYY-MM`` of each pledge (the name an uncertainty file overrides it by)."""
    pl = s.pledges
    return pl["donor"] + "/" + pl["item"] + "/" + pd.Series([month_label(s.start + int(m)) for m in pl["month"]],
                                                             index=pl.index, dtype=object)


@dataclass(frozen=True)
class Factors:
    """The uncertain factors of one scenario, each with its distribution, in a fixed order.

    ``pledges`` are the scenario's pledges that are not yet delivered (row positions in ``scenario.pledges``).
    """

    donors: tuple[str, ...]
    lines: tuple[str, ...]
    needs: tuple[str, ...]
    pledges: tuple[int, ...]
    pledge_names: tuple[str, ...]
    pledge_status: tuple[str, ...]
    dists: dict[str, tuple[Distribution | None, ...]]

    @cached_property
    def groups(self) -> dict[str, list[tuple[Distribution, np.ndarray]]]:
        """Per section, the factors sharing each distribution (first appearance order)."""
        out: dict[str, list[tuple[Distribution, np.ndarray]]] = {}
        for sec, ds in self.dists.items():
            seen: dict[Distribution, list[int]] = {}
            for i, dist in enumerate(ds):
                if dist is not None:
                    seen.setdefault(dist, []).append(i)
            out[sec] = [(dist, np.array(ix, dtype=np.int64)) for dist, ix in seen.items()]
        return out

    def names(self) -> list[tuple[str, str]]:
        """(kind, name) of every factor a sensitivity is measured for: donors, lines, pledges, needs."""
        return ([("donor", d) for d in self.donors] + [("line", ln) for ln in self.lines]
                + [("pledge", p) for p in self.pledge_names] + [("need", n) for n in self.needs])


def compile_factors(s: Scenario, spec: UncertaintySpec) -> Factors:
    """Bind an uncertainty spec to a scenario; a name that is not in the scenario is an error naming it."""
    donors = tuple(sorted(set(s.stocks["donor"]) | set(s.pledges["donor"])))
    lines = tuple(s.production["line"])
    needs = tuple(s.needs["id"])
    open_pl = s.pledges.index[s.pledges["status"] != "delivered"]
    keys = pledge_keys(s)
    pledge_names = tuple(keys[open_pl])
    statuses = tuple(s.pledges.loc[open_pl, "status"])
    known = {"donor_delay": set(s.parties["code"]), "line_delay": set(lines), "line_capacity": set(lines),
             "need_demand": set(needs) | {"hold", "flow"}, "pledge_fall": set(keys) | set(STATUSES)}
    for sec, body in spec.sections.items():
        bad = sorted(set(body) - known[sec] - {"default"})
        if bad:
            what = SECTIONS[sec][0]
            listed = sorted(known[sec])
            hint = (f"Known: {', '.join(listed[:30])}{' ...' if len(listed) > 30 else ''}" if listed
                    else f"The scenario has no {what}s")
            raise _fail(spec.source, f"{sec}.{bad[0]}", f"'{bad[0]}' is not a {what} of scenario "
                        f"'{s.config.name}'" + (" (pledges are named DONOR/ITEM/YYYY-MM, or by status)"
                                                 if sec == "pledge_fall" else " (or a kind: hold, flow)"
                                                 if sec == "need_demand" else ""), hint)

    def pick(sec: str, names: tuple[str, ...], fallback: tuple[str, ...] | None = None) -> tuple[Distribution | None,
                                                                                                 ...]:
        body = spec.sections[sec]
        out = []
        for i, n in enumerate(names):
            d = body.get(n) or (body.get(fallback[i]) if fallback else None) or body.get("default")
            out.append(d)
        return tuple(out)

    dists = {"donor_delay": pick("donor_delay", donors), "line_delay": pick("line_delay", lines),
             "line_capacity": pick("line_capacity", lines),
             "need_demand": pick("need_demand", needs, tuple(s.needs["kind"])),
             "pledge_fall": pick("pledge_fall", pledge_names, statuses)}
    return Factors(donors, lines, needs, tuple(int(i) for i in open_pl), pledge_names, statuses, dists)


@dataclass
class Draw:
    """Drawn factor values; arrays are one row per sample (shape ``(samples, factors)``).

    ``pledge_comes`` is 1 where the pledge arrives, 0 where it falls through.
    """

    donor_delay: np.ndarray
    line_delay: np.ndarray
    line_capacity: np.ndarray
    need_demand: np.ndarray
    pledge_comes: np.ndarray

    def __len__(self) -> int:
        return int(self.donor_delay.shape[0])

    def row(self, i: int) -> Draw:
        return Draw(*(a[i:i + 1] for a in self.arrays()))

    def arrays(self) -> tuple[np.ndarray, ...]:
        return (self.donor_delay, self.line_delay, self.line_capacity, self.need_demand, self.pledge_comes)


def _generator(seed: int, sample: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence(int(seed), spawn_key=(int(sample),)))


def draw(f: Factors, seed: int, sample: int) -> Draw:
    """The draw of one sample, from its own generator: the same on any engine and worker."""
    rng = _generator(seed, sample)

    def values(sec: str, nothing: float) -> np.ndarray:
        out = np.full((1, len(f.dists[sec])), nothing)
        for dist, idx in f.groups[sec]:  # one call per distinct distribution, in a fixed order
            out[0, idx] = dist.sample(rng, len(idx))
        return out

    delay_d = np.floor(values("donor_delay", 0.0) + 0.5)
    delay_l = np.floor(values("line_delay", 0.0) + 0.5)
    cap = values("line_capacity", 1.0)
    dem = values("need_demand", 1.0)
    nominal_comes = np.array([[1.0 if st == "committed" else 0.0 for st in f.pledge_status]])
    fall = values("pledge_fall", -1.0)
    comes = np.where(fall < 0, nominal_comes, 1.0 - fall)
    return Draw(delay_d, delay_l, cap, dem, comes.reshape(1, -1))


def stack(draws: list[Draw]) -> Draw:
    """Many draws as one batch."""
    return Draw(*(np.concatenate(parts, axis=0) for parts in zip(*(d.arrays() for d in draws), strict=True)))


def draw_batch(f: Factors, seed: int, samples: range) -> Draw:
    return stack([draw(f, seed, i) for i in samples])


def nominal(f: Factors, n: int = 1) -> Draw:
    """The draw in which nothing goes wrong: no delay, full capacity, demand as stated, committed pledges come
    and pledges under consideration do not (as the planner counts them)."""
    comes = np.array([1.0 if st == "committed" else 0.0 for st in f.pledge_status])
    return Draw(np.zeros((n, len(f.donors))), np.zeros((n, len(f.lines))), np.ones((n, len(f.lines))),
                np.ones((n, len(f.needs))), np.tile(comes, (n, 1)))


def apply_draw(s: Scenario, f: Factors, d: Draw) -> Scenario:
    """The scenario as one draw (a batch of one) has it: donors' stock shipments and pledges arrive later, lines
    start later and make less, needs grow or shrink (rounded to whole units), pledges fall through or (under
    consideration) come and count as committed."""
    delay = pd.Series(d.donor_delay[0], index=list(f.donors))
    st = s.stocks.copy()
    st["lead_months"] = (st["lead_months"].to_numpy() + st["donor"].map(delay).astype(float).fillna(0.0).to_numpy()
                         ).astype(int)
    pr = s.production.copy()
    ld = d.line_delay[0]
    cap = d.line_capacity[0]
    pr["from"] = (pr["from"] + ld).astype(int)
    pr["per_month"] = pr["per_month"] * cap
    pr["ramp_per_month"] = pr["ramp_per_month"] * cap
    pl = s.pledges.copy()
    comes = pd.Series(1.0, index=pl.index)
    comes[list(f.pledges)] = d.pledge_comes[0]
    pl = pl[comes > 0.5].copy()
    moving = (pl["status"] != "delivered").to_numpy()
    shift = pl["donor"].map(delay).astype(float).fillna(0.0).to_numpy()
    pl["month"] = (pl["month"].to_numpy() + np.where(moving, shift, 0.0)).astype(int)
    pl.loc[pl["status"] == "considering", "status"] = "committed"
    nd = s.needs.copy()
    m = d.need_demand[0]
    flow = (nd["kind"] == "flow").to_numpy()
    nd["per_month"] = np.where(flow, np.floor(nd["per_month"].to_numpy() * m + 0.5), nd["per_month"])
    span = (nd["to"] - nd["from"] + 1).clip(lower=0).to_numpy()
    nd["quantity"] = np.where(flow, nd["per_month"].to_numpy() * span, np.floor(nd["quantity"].to_numpy() * m + 0.5))
    return replace(s, stocks=st, production=pr, pledges=pl.reset_index(drop=True), needs=nd)
