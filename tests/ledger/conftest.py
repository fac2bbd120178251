"""Every ledger test runs on SQLite, and on PostgreSQL too when ALLYPLAN_TEST_POSTGRES_URL is set (each test gets
its own schema, dropped afterwards)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from allyplan.ledger import Ledger

PG = os.environ.get("ALLYPLAN_TEST_POSTGRES_URL", "")
BACKENDS = ["sqlite"] + (["postgresql"] if PG else [])


def _pg_url(base: str) -> str:
    return base.replace("postgresql://", "postgresql+psycopg://", 1) if base.startswith("postgresql://") else base


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty ledger database URL on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ledger.db'}"
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(_pg_url(PG))
    with engine.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in PG else "?"
    try:
        yield _pg_url(PG) + sep + "options=" + quote(f"-csearch_path={schema}")
    finally:
        with engine.begin() as c:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


@pytest.fixture
def ledger(db_url: str) -> Iterator[Ledger]:
    led = Ledger(db_url)
    yield led
    led.close()
