"""Events become append-only and tamper-evident: a hash chain over them, triggers that refuse UPDATE and DELETE;
entries keep the tracker's measure (allocation or commitment).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_MESSAGE = "events are append-only"


def upgrade() -> None:
    from allyplan.ledger.chain import backfill_hashes

    op.add_column("events", sa.Column("hash", sa.String(64), nullable=True))
    op.add_column("states", sa.Column("measure", sa.String(16), nullable=True))
    op.add_column("states", sa.Column("absent_from", sa.String(200), nullable=True))
    op.add_column("rollups", sa.Column("delivered_unknown", sa.Integer, nullable=False, server_default="0"))
    bind = op.get_bind()
    from allyplan.ledger.rollups import rebuild_rollups

    op.execute("UPDATE states SET category = lower(trim(category)) WHERE category <> lower(trim(category))")
    rebuild_rollups(bind)  # one category whatever its case; counts what was delivered at an unknown value
    backfill_hashes(bind)  # before the triggers: the only time events are ever updated
    if bind.dialect.name == "postgresql":
        op.execute(f"""CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '{_MESSAGE}: % refused', TG_OP; END $$""")
        op.execute("CREATE TRIGGER events_no_change BEFORE UPDATE OR DELETE ON events "
                   "FOR EACH ROW EXECUTE FUNCTION events_append_only()")
        op.execute("CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events "
                   "FOR EACH STATEMENT EXECUTE FUNCTION events_append_only()")
        op.execute("REVOKE UPDATE, DELETE, TRUNCATE ON events FROM PUBLIC")
    else:
        for what in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER events_no_{what.lower()} BEFORE {what} ON events "
                       f"BEGIN SELECT RAISE(ABORT, '{_MESSAGE}: {what} refused'); END")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP TRIGGER events_no_truncate ON events")
        op.execute("DROP TRIGGER events_no_change ON events")
        op.execute("DROP FUNCTION events_append_only()")
    else:
        op.execute("DROP TRIGGER events_no_update")
        op.execute("DROP TRIGGER events_no_delete")
    with op.batch_alter_table("rollups") as b:
        b.drop_column("delivered_unknown")
    with op.batch_alter_table("states") as b:
        b.drop_column("measure")
        b.drop_column("absent_from")
    with op.batch_alter_table("events") as b:
        b.drop_column("hash")
