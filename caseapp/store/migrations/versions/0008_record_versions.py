"""Record versions: every record people edit carries a version, raised by one at each change,
so a save based on an older version than the one stored is refused instead of overwriting
the other person's change. Existing records start at version 1.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# The tables of caseapp.models that use TimestampMixin at this revision, written out so that
# this migration does the same whatever the models later become.
TABLES = (
    "check_in",
    "employer",
    "opportunity",
    "employer_commitment",
    "hand_off",
    "pathway_step",
    "young_person",
    "support_need",
    "vetting_check",
    "worker",
)


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
