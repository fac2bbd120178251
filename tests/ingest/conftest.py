"""Shared fixtures for the ingest tests: one extractor per session (its gazetteer takes about a second to build)."""

from __future__ import annotations

from pathlib import Path

import pytest

from allyplan.ingest import Extractor
from allyplan.ingest.score import read_cases

DEV = Path(__file__).resolve().parent / "dev"  # a copy of ../shared/ingest/dev
CASES = Path(__file__).resolve().parent / "cases"


def gold_cases(folder: Path) -> list[tuple[Path, dict]]:
    return read_cases(folder)


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()
