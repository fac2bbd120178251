"""Every ledger test runs on SQLite, and on PostgreSQL too when ALLYPLAN_TEST_POSTGRES_URL is set (each test gets
its own schema, dropped afterwards)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from allyplan.ledger import Ledger
from tests.databases import BACKENDS, database


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty ledger database URL on each backend."""
    with database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def ledger(db_url: str) -> Iterator[Ledger]:
    led = Ledger(db_url)
    yield led
    led.close()
