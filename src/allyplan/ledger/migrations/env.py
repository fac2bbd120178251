"""Alembic environment: migrations run on the connection :func:`allyplan.ledger.db.migrate` passes in."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from allyplan.ledger.models import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # run from the alembic command line: alembic -x url=sqlite:///ledger.db upgrade head
    url = context.get_x_argument(as_dictionary=True).get("url") or context.config.get_main_option("sqlalchemy.url")
    with create_engine(str(url)).begin() as conn:
        context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
        context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    context.run_migrations()
