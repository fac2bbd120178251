"""The Alembic migrations build exactly the tables the code declares, on every backend."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from allyplan.ledger import Ledger
from allyplan.ledger.models import metadata


def test_migrations_match_the_models(db_url: str) -> None:
    Ledger(db_url).close()
    Ledger(db_url).close()  # opening again migrates nothing and seeds nothing twice
    engine = create_engine(db_url)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, metadata)
        assert diff == [], diff
        assert ctx.get_current_revision() is not None
        assert "alembic_version" in inspect(conn).get_table_names()
    engine.dispose()
    with Ledger(db_url) as led:
        assert len(led.reference().items) >= 30
