"""Score extracted records against a gold file, as ../shared/ingest/README.md describes.

Pledges are compared as (donor, item, status) triples, policies as (party, stance) pairs. Where gold gives a
quantity, a triple only counts as found when the quantity matches too. A gold item ``pac-3-mse`` also accepts the
generic Patriot interceptor (the case notes say a scorer should accept either).

Each error is also given a kind (the classes of issue 13): ``donor`` (the item went to another party), ``item``
(the donor is right, the item or its level of detail is not), ``status``, ``quantity``, ``missed`` (a pledge
nobody got), ``spurious`` (a pledge of a party the gold does not name), ``stance-missed``, ``stance-spurious``.
:func:`report` sums cases per language and per kind.

>>> gold = {"pledges": [{"donor": "DE", "item": "iris-t-slm", "status": "committed", "quantity": 4}], "policies": []}
>>> s = score([{"kind": "pledge", "donor": "DE", "item": "iris-t-slm", "status": "committed", "quantity": 4}], gold)
>>> (s.pledges.tp, s.pledges.fp, s.pledges.fn)
(1, 0, 0)
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Counts", "Score", "score", "total", "read_cases", "Report", "report", "ERROR_KINDS"]

#: The kinds of error a case's misses and extras are sorted into.
ERROR_KINDS: tuple[str, ...] = ("donor", "item", "status", "quantity", "missed", "spurious", "stance-missed",
                                "stance-spurious")

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
    kinds: Counter[str] = field(default_factory=Counter)
    #: gold pledges with a quantity whose triple was found, and of those, with the right quantity
    quantities: int = 0
    quantities_right: int = 0

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
    found = dict(got)
    pledges = Counts()
    kinds: Counter[str] = Counter()
    explained: set[tuple[Any, ...]] = set()  # extras that are the other side of an error already counted
    quantities = right = 0
    gold_pledges = gold.get("pledges", [])
    for g in gold_pledges:
        key = (g["donor"], g["item"], g["status"])
        q = got.get(key)
        if key in found and "quantity" in g:
            quantities += 1
            right += q is not None and float(q) == float(g["quantity"])
        if key in got and ("quantity" not in g or (q is not None and float(q) == float(g["quantity"]))):
            pledges.tp += 1
            got.pop(key)
            continue
        pledges.fn += 1
        pledges.misses.append(f"{key} q={g.get('quantity')} (got q={got.get(key, '-')})")
        kinds[_miss_kind(key, found, explained)] += 1
        got.pop(key, None)
    pledges.fp += len(got)
    pledges.extras += [str(k) for k in got]
    gold_donors = {g["donor"] for g in gold_pledges} | {p["party"] for p in gold.get("policies", [])}
    for k in got:
        if k not in explained:
            kinds["item" if k[0] in gold_donors else "spurious"] += 1
    want = {(p["party"], p["stance"]) for p in gold.get("policies", [])}
    have = {(r["party"], r["stance"]) for r in recs if r["kind"] == "policy"}
    policies = Counts(len(want & have), len(have - want), len(want - have), [str(x) for x in sorted(want - have)],
                      [str(x) for x in sorted(have - want)])
    kinds["stance-missed"] += policies.fn
    kinds["stance-spurious"] += policies.fp
    return Score(pledges, policies, +kinds, quantities, right)


def _miss_kind(key: tuple[Any, ...], found: Mapping[tuple[Any, ...], Any],
               explained: set[tuple[Any, ...]]) -> str:
    """The kind of a missed gold pledge, marking the extra record that is its other side as explained."""
    donor, item, _ = key
    if key in found:
        explained.add(key)
        return "quantity"
    for k in found:
        if k[0] == donor and k[1] == item:
            explained.add(k)
            return "status"
    for k in found:
        if k[1] == item and k[0] != donor and k not in explained:
            explained.add(k)
            return "donor"
    for k in found:
        if k[0] == donor and k not in explained:
            explained.add(k)
            return "item"
    return "missed"


def total(scores: Iterable[Score]) -> Score:
    """The sum of several cases' scores."""
    t = Score(Counts(), Counts())
    for s in scores:
        t.pledges.add(s.pledges)
        t.policies.add(s.policies)
        t.kinds.update(s.kinds)
        t.quantities += s.quantities
        t.quantities_right += s.quantities_right
    return t


@dataclass
class Report:
    """Scores of many cases: in all, per language, and the error kinds."""

    all: Score
    languages: dict[str, Score]
    cases: dict[str, int]  # per language

    def lines(self) -> list[str]:
        """The report as text lines: a row per language, then the error kinds."""

        def row(name: str, s: Score, n: int) -> str:
            a = s.all
            q = f"{s.quantities_right}/{s.quantities}" if s.quantities else "-"
            return (f"{name:<6} {n:>5} {a.precision:6.2f} {a.recall:6.2f} {a.f1:6.2f}  {s.pledges.f1:6.2f} "
                    f"{s.policies.f1:6.2f}  {q:>7}")

        out = [f"{'lang':<6} {'cases':>5} {'P':>6} {'R':>6} {'F1':>6}  {'pl.F1':>6} {'po.F1':>6}  {'qty':>7}"]
        out += [row(lang, s, self.cases[lang]) for lang, s in sorted(self.languages.items())]
        out.append(row("all", self.all, sum(self.cases.values())))
        out.append("errors: " + ", ".join(f"{k} {self.all.kinds.get(k, 0)}" for k in ERROR_KINDS))
        return out


def report(scored: Iterable[tuple[str, Score]]) -> Report:
    """Sum ``(language, score)`` pairs per language and in all."""
    per: dict[str, list[Score]] = {}
    for lang, s in scored:
        per.setdefault(lang, []).append(s)
    langs = {k: total(v) for k, v in per.items()}
    return Report(total(langs.values()), langs, {k: len(v) for k, v in per.items()})


def read_cases(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    """The cases of a folder: each source document (``NAME.txt``, ``NAME.html``...) with its ``NAME.gold.json``
    (a ``NAME.meta.json`` beside them is the source's description, not the document)."""
    out = []
    for g in sorted(folder.glob("*.gold.json")):
        base = g.name[: -len(".gold.json")]
        src = next(p for p in sorted(folder.iterdir()) if p.name.startswith(base + ".")
                   and not p.name.endswith((".gold.json", ".meta.json")))
        out.append((src, json.loads(g.read_text(encoding="utf-8"))))
    return out
