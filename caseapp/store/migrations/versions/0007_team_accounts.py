"""Team accounts: a worker may be signed in as a team server account (a PostgreSQL login role),
whose first password must be changed; each audit event records the account the server saw.
On the local store these columns stay empty.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("worker", schema=None) as batch_op:
        # PostgreSQL role names are at most 63 bytes.
        batch_op.add_column(sa.Column("account", sa.String(length=63), nullable=True))
        batch_op.add_column(
            sa.Column("password_change_due", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.create_unique_constraint("uq_worker_account", ["account"])
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("account", sa.String(length=63), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_column("account")
    with op.batch_alter_table("worker", schema=None) as batch_op:
        batch_op.drop_constraint("uq_worker_account", type_="unique")
        batch_op.drop_column("password_change_due")
        batch_op.drop_column("account")
