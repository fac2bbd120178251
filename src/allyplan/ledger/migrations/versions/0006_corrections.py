"""A tracker's correction (a negative row on the same activity/sub-activity as the row it corrects) names the entry
it corrects: ``states.corrects``.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("states", sa.Column("corrects", sa.Integer, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("states") as b:
        b.drop_column("corrects")
