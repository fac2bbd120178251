"""Monthly rollups of the states, so that reports over whole months read thousands of rows, not millions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rollups",
        sa.Column("changed", sa.String(7), primary_key=True),
        sa.Column("donor", sa.String(8), primary_key=True),
        sa.Column("recipient", sa.String(8), primary_key=True),
        sa.Column("category", sa.String(64), primary_key=True),
        sa.Column("item", sa.String(64), primary_key=True),
        sa.Column("month", sa.String(7), primary_key=True),
        sa.Column("status", sa.String(16), primary_key=True),
        sa.Column("counted", sa.Boolean, primary_key=True),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("value_eur", sa.Float, nullable=False),
        sa.Column("delivered_eur", sa.Float, nullable=False),
        sa.Column("unvalued", sa.Integer, nullable=False),
    )
    from allyplan.ledger.rollups import rebuild_rollups

    rebuild_rollups(op.get_bind(), unknown=False)  # the columns of this revision


def downgrade() -> None:
    op.drop_table("rollups")
