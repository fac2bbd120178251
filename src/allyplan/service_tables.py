"""The service's tables: accounts, sessions, API tokens, login attempts, the scenario's change record and the plan
job queue. They live in the ledger's database and are declared on the ledger's SQLAlchemy metadata, so that one
migration chain (``ledger/migrations``, revision 0005) creates them and the migration test compares them too.

``scenario_rows`` is append-only in spirit: a change closes the current version of a row (``valid_to``) and adds
the new one, so the scenario as of any past change is one query (see :mod:`allyplan.scenario_store`).
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Float, Index, Integer, LargeBinary, String, Table, Text

from allyplan.ledger.models import metadata

__all__ = ["users", "api_tokens", "web_sessions", "login_attempts", "scenario_changes", "scenario_rows", "jobs",
           "ROLES", "JOB_STATES"]

ROLES = ("coordinator", "donor", "recipient", "viewer")
JOB_STATES = ("queued", "running", "done", "failed", "cancelled")

users = Table(
    "svc_users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(80), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("party", String(8), nullable=True),
    Column("password_hash", Text, nullable=False),
    Column("created", DateTime, nullable=False),
    Column("disabled", DateTime, nullable=True),
)

api_tokens = Table(
    "svc_api_tokens", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, nullable=False),
    Column("digest", String(64), nullable=False, unique=True, doc="sha256 of the token; the token is shown once"),
    Column("label", String(200), nullable=False),
    Column("created", DateTime, nullable=False),
    Column("revoked", DateTime, nullable=True),
)

web_sessions = Table(
    "svc_sessions", metadata,
    Column("id", String(64), primary_key=True),
    Column("user_id", Integer, nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created", DateTime, nullable=False),
    Column("expires", DateTime, nullable=False),
)

login_attempts = Table(
    "svc_login_attempts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(80), nullable=False),
    Column("address", String(64), nullable=False),
    Column("at", DateTime, nullable=False),
    Index("ix_svc_login_attempts_name_at", "name", "at"),
)

scenario_changes = Table(
    "svc_scenario_changes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("who", String(200), nullable=False),
    Column("action", String(16), nullable=False, doc="import, add, edit, delete, propose, approve, reject"),
    Column("why", Text, nullable=False),
    Column("tbl", String(32), nullable=True),
    Column("state", String(12), nullable=False, doc="applied, or proposed/approved/rejected for a proposal"),
    Column("data", Text, nullable=True, doc="a proposed row, as JSON, until it is approved or rejected"),
)

scenario_rows = Table(
    "svc_scenario_rows", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tbl", String(32), nullable=False),
    Column("rowid", Integer, nullable=False, doc="stable id of the row across its versions"),
    Column("data", Text, nullable=False, doc="the row's fields as strings, as JSON"),
    Column("valid_from", Integer, nullable=False, doc="the change that wrote this version"),
    Column("valid_to", Integer, nullable=True, doc="the change that replaced or deleted it; NULL while current"),
    Index("ix_svc_scenario_rows_current", "tbl", "valid_to"),
    Index("ix_svc_scenario_rows_rowid", "rowid"),
)

jobs = Table(
    "svc_jobs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("state", String(12), nullable=False),
    Column("params", Text, nullable=False),
    Column("scenario_change", Integer, nullable=True, doc="the scenario as of this change is what was planned"),
    Column("created", DateTime, nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("started", DateTime, nullable=True),
    Column("finished", DateTime, nullable=True),
    Column("worker", String(64), nullable=True),
    Column("progress", Text, nullable=True, doc="stage and solver figures, as JSON"),
    Column("fraction", Float, nullable=True),
    Column("cancel_requested", DateTime, nullable=True),
    Column("error", Text, nullable=True),
    Column("published", DateTime, nullable=True),
    Column("result", LargeBinary, nullable=True, doc="the plan's tables and summary, as zlib-compressed JSON"),
    Index("ix_svc_jobs_state", "state", "id"),
)
