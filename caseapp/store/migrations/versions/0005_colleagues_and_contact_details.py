"""Colleagues and how to reach them: a worker's team and hours, and whether they are active.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-10
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("worker", schema=None) as batch_op:
        batch_op.add_column(sa.Column("team", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("hours", sa.String(length=200), nullable=True))
        # Everyone on file before this revision was working with the caseload.
        batch_op.add_column(sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("worker", schema=None) as batch_op:
        batch_op.drop_column("active")
        batch_op.drop_column("hours")
        batch_op.drop_column("team")
