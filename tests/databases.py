"""Test databases: SQLite always, and PostgreSQL too when ALLYPLAN_TEST_POSTGRES_URL is set, each in a schema of its
own that is dropped afterwards (the server keeps what earlier runs left)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, text

PG = os.environ.get("ALLYPLAN_TEST_POSTGRES_URL", "")
BACKENDS = ["sqlite"] + (["postgresql"] if PG else [])


def pg_url(base: str) -> str:
    return base.replace("postgresql://", "postgresql+psycopg://", 1) if base.startswith("postgresql://") else base


@contextmanager
def database(backend: str, folder: Path, *, prefix: str = "t") -> Iterator[str]:
    """A fresh, empty database URL on ``backend``: a SQLite file in ``folder``, or a new PostgreSQL schema."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'ledger.db'}"
        return
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    engine = create_engine(pg_url(PG))
    with engine.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in PG else "?"
    try:
        yield pg_url(PG) + sep + "options=" + quote(f"-csearch_path={schema}")
    finally:
        with engine.begin() as c:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()
