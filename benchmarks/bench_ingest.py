"""Ingest benchmark: extraction quality on the development cases (../shared/ingest/dev), on the team's held-out
cases (tests/ingest/cases, which the rules were since tested on) and on unseen cases (benchmarks/unseen, never used
to change a rule), scored as ../shared/ingest/README.md describes; and speed in documents per second on one
core, for article-length text and for HTML pages, read end to end (decode, boilerplate, language, extraction).

    python benchmarks/bench_ingest.py [--seconds 10] [--real [--dev-only]] [--quality-only]

Targets (issue 4): F1 >= 0.9 on the cases; >= 200 documents per second on one core for article-length text.

``--real`` adds the real published texts of issue 13 (targets: F1 >= 0.8, precision >= 0.85, quantities right on
>= 80% of matched records, no language below F1 0.6): their development two thirds and their held-aside third,
each per language and per error kind: the committed cases (tests/ingest/real, benchmarks/real-unseen: whole texts
where the licence allows, else excerpts of the evidence sentences), each read from its full text where the annotators'
corpus on this machine (/work/corpus, or $ALLYPLAN_REAL_CORPUS) has it. The output says how many of each, and
scores each annotation batch (the meta's ``corpus``) apart: a batch added after the rules were written is a fresh
measure. ``--dev-only`` leaves the held-aside third unscored, for work on the rules.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

from allyplan.ingest import Extractor, ingest
from allyplan.ingest.documents import read_bytes
from allyplan.ingest.pipeline import ingest_document
from allyplan.ingest.score import Score, read_cases, report, score, total

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "ingest" / "dev"  # a copy of ../shared/ingest/dev
CASES = ROOT / "tests" / "ingest" / "cases"
UNSEEN = ROOT / "benchmarks" / "unseen"
REAL_DEV = ROOT / "tests" / "ingest" / "real"
REAL_UNSEEN = ROOT / "benchmarks" / "real-unseen"
CORPUS = Path(os.environ.get("ALLYPLAN_REAL_CORPUS", "/work/corpus"))


def quality(folder: Path, ex: Extractor) -> Score:
    scores = []
    for src, gold in read_cases(folder):
        [r] = ingest([str(src)], extractor=ex)
        scores.append(score([x.as_json() for x in r.extraction.records] if r.extraction else [], gold))
    return total(scores)


def real(split: str, committed: Path, ex: Extractor) -> None:
    """Score the real texts of one split, per language and per error kind: every committed case, read from its full
    text where the annotators' corpus has a case of that name (``CORPUS/*/dev``; for the held-aside split
    ``CORPUS/*/unseen`` or ``CORPUS/*/heldaside``), and the corpus cases not committed yet."""
    names = ("dev",) if split == "dev" else ("unseen", "heldaside")
    full = {src.stem: (src, gold) for name in names for folder in sorted(CORPUS.glob(f"*/{name}"))
            for src, gold in read_cases(folder)}
    cases = {src.stem: (src, gold) for src, gold in read_cases(committed)}
    used = sum(1 for k in cases if k in full)
    cases.update(full)
    scored = []
    batches: dict[str, list[Score]] = {}
    for name, (src, gold) in cases.items():
        [r] = ingest([str(src)], extractor=ex)
        s = score([x.as_json() for x in r.extraction.records] if r.extraction else [], gold)
        scored.append((gold.get("language", "?"), s))
        batches.setdefault(corpus_of(committed / f"{name}.meta.json"), []).append(s)
    print(f"real texts, {split} ({len(scored)} cases: {len(full)} full texts from {CORPUS} ({used} of them also "
          f"committed), {len(cases) - len(full)} committed files in {committed})")
    for row in report(scored).lines():
        print("  " + row)
    # each annotation batch apart: a batch added after the rules were written measures them afresh
    for batch, ss in sorted(batches.items()):
        a = total(ss).all
        print(f"  corpus {batch:<2} {len(ss):>4} cases  P {a.precision:.2f} R {a.recall:.2f} F1 {a.f1:.2f}")


def corpus_of(meta: Path) -> str:
    """The annotation batch a case came from (its meta's ``corpus``; ``?`` where it has none)."""
    try:
        corpus = str(json.loads(meta.read_text(encoding="utf-8")).get("corpus") or "?")
    except (OSError, ValueError):
        return "?"
    return corpus.split()[0]


def line(name: str, s: Score) -> str:
    p, q, a = s.pledges, s.policies, s.all
    return (f"  {name:<34} pledges P {p.precision:.3f} R {p.recall:.3f} F1 {p.f1:.3f} | policies P {q.precision:.3f} "
            f"R {q.recall:.3f} F1 {q.f1:.3f} | all F1 {a.f1:.3f}  (tp {a.tp}, fp {a.fp}, fn {a.fn})")


def throughput(blobs: list[tuple[bytes, str]], ex: Extractor, seconds: float) -> tuple[float, int, float]:
    """Documents per second reading ``blobs`` round robin for about ``seconds``; and the mean size in characters."""
    n = 0
    chars = 0
    t0 = time.perf_counter()
    while True:
        for data, name in blobs:
            for d in read_bytes(data, name):
                ingest_document(d, ex)
                chars += len(d.text)
                n += 1
        elapsed = time.perf_counter() - t0
        if elapsed >= seconds:
            return n / elapsed, n, chars / n


def rounds(blobs: list[tuple[bytes, str]], ex: Extractor, seconds: float,
           k: int = 5) -> tuple[float, float, int, float]:
    """The best and the median rate of ``k`` rounds of ``seconds / k`` each (the machine's other work shows in the
    median; the best is what the code can do), the documents read and their mean size."""
    got = [throughput(blobs, ex, seconds / k) for _ in range(k)]
    rates = sorted(r for r, _, _ in got)
    return rates[-1], rates[len(rates) // 2], sum(n for _, n, _ in got), got[0][2]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=10.0, help="time per speed measurement")
    ap.add_argument("--real", action="store_true", help="also score the real published texts (issue 13)")
    ap.add_argument("--quality-only", action="store_true", help="skip the speed measurements")
    ap.add_argument("--dev-only", action="store_true",
                    help="with --real, score only the development texts (the held-aside third stays unseen)")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    t0 = time.perf_counter()
    ex = Extractor()
    build = time.perf_counter() - t0
    print(f"allyplan ingest benchmark · Python {sys.version.split()[0]} · one core "
          f"({len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else '?'} allowed)")
    print(f"extractor built in {build:.2f} s (gazetteer: {ex.gazetteer.size:,} names)")
    print("quality (precision / recall of (donor, item, status) and (party, stance); quantity where gold gives one)")
    print(line(f"development cases ({len(read_cases(DEV))})", quality(DEV, ex)))
    print(line(f"held-out cases ({len(read_cases(CASES))})", quality(CASES, ex)))
    print(line(f"unseen cases ({len(read_cases(UNSEEN))}, never tuned on)", quality(UNSEEN, ex)))
    if args.real:
        real("dev", REAL_DEV, ex)
        if not args.dev_only:
            real("unseen", REAL_UNSEEN, ex)
    if args.quality_only:
        return

    texts = [(p.read_bytes(), p.name) for p, _ in read_cases(DEV) + read_cases(CASES) if p.suffix == ".txt"]
    article = [(DEV.joinpath("seed-fr-nato-air-defence.txt").read_bytes(), "seed.txt")]
    pages = [(p.read_bytes(), p.name) for p, _ in read_cases(DEV) if p.suffix == ".html"]
    # warm up: lingua loads a language's model the first time it is asked about it
    throughput(texts + pages, ex, 1.0)
    print("speed (read, boilerplate, language, extraction; one core; 5 rounds each)")
    for name, blobs in (("article-length text (3.6 kB French article)", article),
                        ("all text cases (0.2-3.6 kB, 8 languages)", texts), ("HTML page (1 kB)", pages)):
        best, median, n, size = rounds(blobs, ex, args.seconds)
        print(f"  {name:<44} best {best:4.0f}, median {median:4.0f} documents/s  ({n:,} documents, mean "
              f"{size:,.0f} characters)")
    # one long document: the work must grow with its length, not with its square
    article = DEV.joinpath("seed-fr-nato-air-defence.txt").read_text(encoding="utf-8")
    for repeat in (250, 1000, 2500):
        big = ("\n".join([article] * repeat)).encode()
        t0 = time.perf_counter()
        [doc] = read_bytes(big, "big.txt")
        got = ingest_document(doc, ex)
        took = time.perf_counter() - t0
        n = len(got.extraction.records) if got.extraction else 0
        print(f"  one document of {len(big) / 1e6:4.1f} MB{'':<27} {took:6.2f} s  ({len(big) / 1e6 / took:.2f} MB/s, "
              f"{n} records)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
