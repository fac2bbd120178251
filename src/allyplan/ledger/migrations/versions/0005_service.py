"""The coordination service: accounts, sessions, API tokens, login attempts, the scenario's change record and the
plan job queue (declared in :mod:`allyplan.service_tables`).

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import allyplan.service_tables  # noqa: F401  (declares the tables on the ledger's metadata, which env.py compares)

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "svc_users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(80), nullable=False, unique=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("party", sa.String(8), nullable=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("disabled", sa.DateTime, nullable=True),
    )
    op.create_table(
        "svc_api_tokens",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False, unique=True),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("revoked", sa.DateTime, nullable=True),
    )
    op.create_table(
        "svc_sessions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("expires", sa.DateTime, nullable=False),
    )
    op.create_table(
        "svc_login_attempts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_svc_login_attempts_name_at", "svc_login_attempts", ["name", "at"])
    op.create_table(
        "svc_scenario_changes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("why", sa.Text, nullable=False),
        sa.Column("tbl", sa.String(32), nullable=True),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("data", sa.Text, nullable=True),
    )
    op.create_table(
        "svc_scenario_rows",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("tbl", sa.String(32), nullable=False),
        sa.Column("rowid", sa.Integer, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("valid_from", sa.Integer, nullable=False),
        sa.Column("valid_to", sa.Integer, nullable=True),
    )
    op.create_index("ix_svc_scenario_rows_current", "svc_scenario_rows", ["tbl", "valid_to"])
    op.create_index("ix_svc_scenario_rows_rowid", "svc_scenario_rows", ["rowid"])
    op.create_table(
        "svc_jobs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("params", sa.Text, nullable=False),
        sa.Column("scenario_change", sa.Integer, nullable=True),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("started", sa.DateTime, nullable=True),
        sa.Column("finished", sa.DateTime, nullable=True),
        sa.Column("worker", sa.String(64), nullable=True),
        sa.Column("progress", sa.Text, nullable=True),
        sa.Column("fraction", sa.Float, nullable=True),
        sa.Column("cancel_requested", sa.DateTime, nullable=True),
        sa.Column("error", sa.Text, nullable=True),
        sa.Column("published", sa.DateTime, nullable=True),
        sa.Column("result", sa.LargeBinary, nullable=True),
    )
    op.create_index("ix_svc_jobs_state", "svc_jobs", ["state", "id"])


def downgrade() -> None:
    for t in ("svc_jobs", "svc_scenario_rows", "svc_scenario_changes", "svc_login_attempts", "svc_sessions",
              "svc_api_tokens", "svc_users"):
        op.drop_table(t)
