"""The ledger's tables (SQLAlchemy Core). Alembic migrations in ``migrations/`` create them; tests check the two agree.

``events`` is the record: rows are only ever inserted. ``states`` is derived from it: for every entry, its state
after each date on which something happened to it (``valid_to`` is NULL on the current state), so that reading
the ledger now or as of any past date is one indexed query. The reference tables (``parties``, ``items``,
``rates``) describe the world the entries are checked and valued against.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

__all__ = ["metadata", "events", "states", "rollups", "parties", "items", "rates", "counters", "imports",
           "STATE_COLUMNS", "ROLLUP_KEY"]

metadata = MetaData()

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entry", Integer, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("action", String(16), nullable=False),
    Column("at", Date, nullable=False, doc="the date the change happened in the world"),
    Column("recorded", DateTime, nullable=False, doc="when the ledger recorded it (UTC)"),
    Column("who", String(200), nullable=False),
    Column("why", Text, nullable=False, default=""),
    Column("source", Text, nullable=False, default=""),
    Column("data", Text, nullable=False, doc="the fields this event sets, as JSON"),
    UniqueConstraint("entry", "seq", name="uq_events_entry_seq"),
)

#: Columns of ``states`` that hold an entry's fields (in this order in every bulk insert).
STATE_COLUMNS: tuple[str, ...] = (
    "entry", "valid_from", "valid_to", "seq", "donor", "recipient", "item", "category", "description",
    "quantity", "value", "currency", "status", "announced", "expected", "delivered", "delivered_value", "sources",
    "key", "duplicate_of", "merged_into", "counted", "value_eur", "delivered_value_eur",
)

states = Table(
    "states",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entry", Integer, nullable=False),
    Column("valid_from", Date, nullable=False),
    Column("valid_to", Date, nullable=True),
    Column("seq", Integer, nullable=False, doc="the last event folded into this state"),
    Column("donor", String(8), nullable=False),
    Column("recipient", String(8), nullable=False),
    Column("item", String(64), nullable=True),
    Column("category", String(64), nullable=True),
    Column("description", Text, nullable=True),
    Column("quantity", Float, nullable=True),
    Column("value", Float, nullable=True),
    Column("currency", String(3), nullable=False),
    Column("status", String(16), nullable=False),
    Column("announced", Date, nullable=False),
    Column("expected", Date, nullable=True),
    Column("delivered", Float, nullable=False),
    Column("delivered_value", Float, nullable=True),
    Column("sources", Text, nullable=True),
    Column("key", String(200), nullable=True),
    Column("duplicate_of", Integer, nullable=True),
    Column("merged_into", Integer, nullable=True),
    Column("counted", Boolean, nullable=False, doc="false for merged entries and unresolved likely duplicates"),
    Column("value_eur", Float, nullable=True),
    Column("delivered_value_eur", Float, nullable=True),
    Index("ix_states_entry", "entry", "valid_from"),
    Index("ix_states_current", "entry", unique=True, sqlite_where=text("valid_to IS NULL"),
          postgresql_where=text("valid_to IS NULL")),
    Index("ix_states_key", "key", unique=True, sqlite_where=text("valid_to IS NULL AND key IS NOT NULL"),
          postgresql_where=text("valid_to IS NULL AND key IS NOT NULL")),
)

#: The dimensions of ``rollups``: the month a state began or ended, and what reports group and filter by.
ROLLUP_KEY: tuple[str, ...] = ("changed", "donor", "recipient", "category", "item", "month", "status", "counted")

rollups = Table(
    "rollups",
    metadata,
    Column("changed", String(7), primary_key=True, doc="YYYY-MM in which states began (+) or ended (-)"),
    Column("donor", String(8), primary_key=True),
    Column("recipient", String(8), primary_key=True),
    Column("category", String(64), primary_key=True, doc="'' where none"),
    Column("item", String(64), primary_key=True, doc="'' where none"),
    Column("month", String(7), primary_key=True, doc="YYYY-MM of the announcement"),
    Column("status", String(16), primary_key=True),
    Column("counted", Boolean, primary_key=True),
    Column("n", Integer, nullable=False),
    Column("value_eur", Float, nullable=False),
    Column("delivered_eur", Float, nullable=False),
    Column("unvalued", Integer, nullable=False),
)

parties = Table(
    "parties",
    metadata,
    Column("code", String(8), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("gdp_eur_bn", Float, nullable=True),
    Column("source", Text, nullable=False, default=""),
)

items = Table(
    "items",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("category", String(64), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("lethal", Boolean, nullable=False),
    Column("unit_value_eur", Float, nullable=True),
    Column("requires", String(64), nullable=True),
    Column("aliases", Text, nullable=False, default=""),
    Column("source", Text, nullable=False, default=""),
)

rates = Table(
    "rates",
    metadata,
    Column("currency", String(3), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("rate", Float, nullable=False),
)

counters = Table(
    "counters",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("value", Integer, nullable=False),
)

imports = Table(
    "imports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("file", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("recorded", DateTime, nullable=False),
    Column("who", String(200), nullable=False),
    Column("rows", Integer, nullable=False),
    Column("added", Integer, nullable=False),
    Column("revised", Integer, nullable=False),
    Column("unchanged", Integer, nullable=False),
)
