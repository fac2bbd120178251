"""Score extracted records against a gold file, as ../shared/ingest/README.md describes.

Pledges are compared as (donor, item, status) triples, policies as (party, stance) pairs. Where gold gives a
quantity, a triple only counts as found when the quantity matches too. A gold item ``pac-3-mse`` also accepts the
generic Patriot interceptor (the case notes say a scorer should accept either).

>>> gold = {"pledges": [{"donor": "DE", "item": "iris-t-slm", "status": "committed", "quantity": 4}], "policies": []}
>>> s = score([{"kind": "pledge", "donor": "DE", "item": "iris-t-slm", "status": "committed", "quantity": 4}], gold)
>>> (s.pledges.tp, s.pledges.fp, s.pledges.fn)
(1, 0, 0)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Counts", "Score", "score", "total", "read_cases"]

_EQUIVALENT = {"patriot-interceptor": "pac-3-mse"}


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.misses += other.misses
        self.extras += other.extras


@dataclass
class Score:
    pledges: Counts
    policies: Counts

    @property
    def all(self) -> Counts:
        c = Counts()
        c.add(self.pledges)
        c.add(self.policies)
        return c


def score(records: Iterable[Mapping[str, Any]], gold: Mapping[str, Any]) -> Score:
    """Compare ``records`` (as ``--json`` prints them) with a gold case."""
    recs = list(records)
    got = {}
    for r in recs:
        if r["kind"] == "pledge":
            item = _EQUIVALENT.get(r["item"], r["item"])
            got[(r["donor"], item, r["status"])] = r.get("quantity")
    pledges = Counts()
    for g in gold.get("pledges", []):
        key = (g["donor"], g["item"], g["status"])
        q = got.get(key)
        if key in got and ("quantity" not in g or (q is not None and float(q) == float(g["quantity"]))):
            pledges.tp += 1
            got.pop(key)
        else:
            pledges.fn += 1
            pledges.misses.append(f"{key} q={g.get('quantity')} (got q={got.get(key, '-')})")
            got.pop(key, None)
    pledges.fp += len(got)
    pledges.extras += [str(k) for k in got]
    want = {(p["party"], p["stance"]) for p in gold.get("policies", [])}
    have = {(r["party"], r["stance"]) for r in recs if r["kind"] == "policy"}
    policies = Counts(len(want & have), len(have - want), len(want - have), [str(x) for x in sorted(want - have)],
                      [str(x) for x in sorted(have - want)])
    return Score(pledges, policies)


def total(scores: Iterable[Score]) -> Score:
    t = Score(Counts(), Counts())
    for s in scores:
        t.pledges.add(s.pledges)
        t.policies.add(s.policies)
    return t


def read_cases(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    """The cases of a folder: each source document (``NAME.txt``, ``NAME.html``...) with its ``NAME.gold.json``."""
    out = []
    for g in sorted(folder.glob("*.gold.json")):
        base = g.name[: -len(".gold.json")]
        src = next(p for p in folder.iterdir() if p.name.startswith(base + ".") and not p.name.endswith(".gold.json"))
        out.append((src, json.loads(g.read_text(encoding="utf-8"))))
    return out
