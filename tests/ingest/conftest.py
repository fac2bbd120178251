"""Shared fixtures for the ingest tests: one extractor per session (its gazetteer takes about a second to build)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from allyplan.ingest import Extractor

DEV = Path(__file__).resolve().parent / "dev"  # a copy of ../shared/ingest/dev
CASES = Path(__file__).resolve().parent / "cases"


def gold_cases(folder: Path) -> list[tuple[Path, dict]]:
    out = []
    for g in sorted(folder.glob("*.gold.json")):
        base = g.name[: -len(".gold.json")]
        src = next(p for p in folder.iterdir() if p.name.startswith(base + ".") and not p.name.endswith(".gold.json"))
        out.append((src, json.loads(g.read_text(encoding="utf-8"))))
    return out


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()
