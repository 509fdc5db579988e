"""Alembic environment: always run programmatically on a connection the store opened.

There is no sqlalchemy.url: the only way into the database is through the store's key.
"""

from alembic import context

from caseapp.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Migrations run only through caseapp's store (caseapp verify/unlock).")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
