"""The ledger: events, states, reference tables.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("entry", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("at", sa.Date, nullable=False),
        sa.Column("recorded", sa.DateTime, nullable=False),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("why", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.UniqueConstraint("entry", "seq", name="uq_events_entry_seq"),
    )
    op.create_table(
        "states",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("entry", sa.Integer, nullable=False),
        sa.Column("valid_from", sa.Date, nullable=False),
        sa.Column("valid_to", sa.Date, nullable=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("donor", sa.String(8), nullable=False),
        sa.Column("recipient", sa.String(8), nullable=False),
        sa.Column("item", sa.String(64), nullable=True),
        sa.Column("category", sa.String(64), nullable=True),
        sa.Column("description", sa.Text, nullable=True),
        sa.Column("quantity", sa.Float, nullable=True),
        sa.Column("value", sa.Float, nullable=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("announced", sa.Date, nullable=False),
        sa.Column("expected", sa.Date, nullable=True),
        sa.Column("delivered", sa.Float, nullable=False),
        sa.Column("delivered_value", sa.Float, nullable=True),
        sa.Column("sources", sa.Text, nullable=True),
        sa.Column("key", sa.String(200), nullable=True),
        sa.Column("duplicate_of", sa.Integer, nullable=True),
        sa.Column("merged_into", sa.Integer, nullable=True),
        sa.Column("counted", sa.Boolean, nullable=False),
        sa.Column("value_eur", sa.Float, nullable=True),
        sa.Column("delivered_value_eur", sa.Float, nullable=True),
    )
    op.create_index("ix_states_entry", "states", ["entry", "valid_from"])
    op.create_index("ix_states_current", "states", ["entry"], unique=True,
                    sqlite_where=sa.text("valid_to IS NULL"), postgresql_where=sa.text("valid_to IS NULL"))
    op.create_index("ix_states_key", "states", ["key"], unique=True,
                    sqlite_where=sa.text("valid_to IS NULL AND key IS NOT NULL"),
                    postgresql_where=sa.text("valid_to IS NULL AND key IS NOT NULL"))
    op.create_table(
        "parties",
        sa.Column("code", sa.String(8), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("gdp_eur_bn", sa.Float, nullable=True),
        sa.Column("source", sa.Text, nullable=False),
    )
    op.create_table(
        "items",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("category", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("lethal", sa.Boolean, nullable=False),
        sa.Column("unit_value_eur", sa.Float, nullable=True),
        sa.Column("requires", sa.String(64), nullable=True),
        sa.Column("aliases", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
    )
    op.create_table(
        "rates",
        sa.Column("currency", sa.String(3), primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("rate", sa.Float, nullable=False),
    )
    counters = op.create_table(
        "counters",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("value", sa.Integer, nullable=False),
    )
    op.bulk_insert(counters, [{"name": "entry", "value": 0}])
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("recorded", sa.DateTime, nullable=False),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("added", sa.Integer, nullable=False),
        sa.Column("revised", sa.Integer, nullable=False),
        sa.Column("unchanged", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    for name in ("imports", "counters", "rates", "items", "parties", "states", "events"):
        op.drop_table(name)
