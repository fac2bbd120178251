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


def test_upgrading_a_ledger_hashes_its_events_and_protects_them(db_url: str) -> None:
    """A ledger written before migration 0004 (events without hashes, "Military" in its own case) is upgraded:
    its events are hashed in order, then protected; its states and categories replay from them."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from allyplan.ledger.db import MIGRATIONS, make_engine, writing

    engine = make_engine(db_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with writing(engine) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
        data = ('{"donor":"DE","recipient":"UA","item":null,"category":"Military","description":null,"quantity":null,'
                '"value":100.0,"currency":"EUR","status":"committed","announced":"2025-01-10","expected":null,'
                '"delivered":0.0,"delivered_value":null,"sources":null,"key":null,"duplicate_of":null}')
        conn.execute(text("INSERT INTO events (entry, seq, action, at, recorded, who, why, source, data) VALUES "
                          "(1, 1, 'add', '2025-01-10', '2025-01-10 09:00:00', 'old', '', '', :d)"), {"d": data})
        conn.execute(text("INSERT INTO states (entry, valid_from, seq, donor, recipient, category, value, currency, "
                          "status, announced, delivered, counted, value_eur, delivered_value_eur) VALUES (1, "
                          "'2025-01-10', 1, 'DE', 'UA', 'Military', 100.0, 'EUR', 'committed', '2025-01-10', 0.0, "
                          ":t, 100.0, 0.0)"), {"t": True})
        conn.execute(text("UPDATE counters SET value = 1 WHERE name = 'entry'"))
    engine.dispose()
    with Ledger(db_url) as led:
        assert led.verify().ok
        assert led.entry(1).category == "military" and set(led.report("category")["category"]) == \
            {"military", "total"}
        led.deliver(1, 0, value=40, at="2025-02-01")
        assert led.verify().ok and led.count()["events"] == 2
