"""The ledger's tables (SQLAlchemy Core). Alembic migrations in ``migrations/`` create them; tests check the two agree.

``events`` is the record: rows are only ever inserted (triggers refuse UPDATE and DELETE; each row carries a
hash chained to the previous one, see :mod:`allyplan.ledger.chain`). ``states`` is derived from it: for every
entry, its state after each date on which something happened to it (``valid_to`` is NULL on the current
state), so that reading the ledger now or as of any past date is one indexed query. The reference tables
(``parties``, ``items``,
``rates``) describe the world the entries are checked and valued against.

Money (values, EUR values, delivered values, the rollups' sums, a proposal's value) is
:class:`~allyplan.ledger.money.Money`: whole cents in a ``BIGINT``, an exact ``Decimal`` in Python (migration 0007).
Rates and a catalog's unit values are reference figures, not money held: floats, read exactly as published through
their shortest ``repr`` when a value is converted.
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

from allyplan.ledger.money import Money

__all__ = ["metadata", "events", "states", "rollups", "parties", "items", "rates", "counters", "imports",
           "documents", "proposals", "STATE_COLUMNS", "ROLLUP_KEY", "REVIEW_STATES"]

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
    Column("hash", String(64), nullable=True, doc="sha256 over this event's content and the previous event's hash"),
    UniqueConstraint("entry", "seq", name="uq_events_entry_seq"),
)

#: Columns of ``states`` that hold an entry's fields (in this order in every bulk insert).
STATE_COLUMNS: tuple[str, ...] = (
    "entry", "valid_from", "valid_to", "seq", "donor", "recipient", "item", "category", "description",
    "quantity", "value", "currency", "status", "announced", "expected", "delivered", "delivered_value", "sources",
    "key", "duplicate_of", "merged_into", "counted", "value_eur", "delivered_value_eur", "measure", "absent_from",
    "corrects",
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
    Column("value", Money, nullable=True),
    Column("currency", String(3), nullable=False),
    Column("status", String(16), nullable=False),
    Column("announced", Date, nullable=False),
    Column("expected", Date, nullable=True),
    Column("delivered", Float, nullable=False),
    Column("delivered_value", Money, nullable=True),
    Column("sources", Text, nullable=True),
    Column("key", String(200), nullable=True),
    Column("duplicate_of", Integer, nullable=True),
    Column("merged_into", Integer, nullable=True),
    Column("counted", Boolean, nullable=False, doc="false for merged entries and unresolved likely duplicates"),
    Column("value_eur", Money, nullable=True),
    Column("delivered_value_eur", Money, nullable=True),
    Column("measure", String(16), nullable=True, doc="a tracker's measure: allocation or commitment"),
    Column("absent_from", String(200), nullable=True, doc="the release (file) that no longer lists this entry"),
    Column("corrects", Integer, nullable=True,
           doc="the entry this one corrects (a tracker's negative row on the same activity/sub-activity)"),
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
    Column("value_eur", Money, nullable=False),
    Column("delivered_eur", Money, nullable=False),
    Column("unvalued", Integer, nullable=False),
    Column("delivered_unknown", Integer, nullable=False, doc="states delivered (in part) at a value left unknown"),
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

#: Documents read by ``allyplan ingest --into-ledger``: one row per text, never two with the same hash.
documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sha256", String(64), nullable=False, unique=True, doc="hash of the extracted text"),
    Column("source", Text, nullable=False, doc="the path or URL it was read from"),
    Column("url", Text, nullable=True),
    Column("title", Text, nullable=True),
    Column("published", Date, nullable=True),
    Column("language", String(8), nullable=True),
    Column("form", String(8), nullable=False, doc="text, html or feed"),
    Column("text", Text, nullable=False, doc="the extracted text the evidence offsets point into"),
    Column("recorded", DateTime, nullable=False),
    Column("who", String(200), nullable=False),
)

#: The review states of a proposal: only an accepted (or merged) proposal becomes, or adds to, a ledger entry.
REVIEW_STATES: tuple[str, ...] = ("pending", "accepted", "rejected", "merged")

#: Records proposed by ingest, waiting for review. They are not entries: reports and plans never count them.
proposals = Table(
    "proposals",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document", Integer, nullable=False),
    Column("kind", String(8), nullable=False, doc="pledge or policy"),
    Column("donor", String(8), nullable=False, doc="the donor of a pledge, the party of a policy"),
    Column("recipient", String(8), nullable=True),
    Column("item", String(64), nullable=True),
    Column("quantity", Float, nullable=True),
    Column("value", Money, nullable=True),
    Column("currency", String(3), nullable=True),
    Column("status", String(16), nullable=True),
    Column("stance", String(80), nullable=True),
    Column("reannouncement", Boolean, nullable=False),
    Column("restates", Integer, nullable=True, doc="the entry a re-announcement re-states"),
    Column("evidence", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("review", String(12), nullable=False, doc="pending, accepted, rejected or merged"),
    Column("entry", Integer, nullable=True, doc="the entry it became or was merged into"),
    Column("reviewed", DateTime, nullable=True),
    Column("reviewer", String(200), nullable=True),
    Column("note", Text, nullable=False, default=""),
    Index("ix_proposals_review", "review", "id"),
    Index("ix_proposals_document", "document"),
)
