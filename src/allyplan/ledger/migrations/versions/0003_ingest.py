"""Documents read by ingest and the records proposed from them, waiting for review.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("url", sa.Text, nullable=True),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("published", sa.Date, nullable=True),
        sa.Column("language", sa.String(8), nullable=True),
        sa.Column("form", sa.String(8), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("recorded", sa.DateTime, nullable=False),
        sa.Column("who", sa.String(200), nullable=False),
    )
    op.create_table(
        "proposals",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("document", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("donor", sa.String(8), nullable=False),
        sa.Column("recipient", sa.String(8), nullable=True),
        sa.Column("item", sa.String(64), nullable=True),
        sa.Column("quantity", sa.Float, nullable=True),
        sa.Column("value", sa.Float, nullable=True),
        sa.Column("currency", sa.String(3), nullable=True),
        sa.Column("status", sa.String(16), nullable=True),
        sa.Column("stance", sa.String(80), nullable=True),
        sa.Column("reannouncement", sa.Boolean, nullable=False),
        sa.Column("restates", sa.Integer, nullable=True),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("review", sa.String(12), nullable=False),
        sa.Column("entry", sa.Integer, nullable=True),
        sa.Column("reviewed", sa.DateTime, nullable=True),
        sa.Column("reviewer", sa.String(200), nullable=True),
        sa.Column("note", sa.Text, nullable=False),
    )
    op.create_index("ix_proposals_review", "proposals", ["review", "id"])
    op.create_index("ix_proposals_document", "proposals", ["document"])


def downgrade() -> None:
    op.drop_index("ix_proposals_document", "proposals")
    op.drop_index("ix_proposals_review", "proposals")
    op.drop_table("proposals")
    op.drop_table("documents")
