"""Output folders: where PDFs and exports were saved, so a crash's part-files are swept at unlock.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "output_folder",
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("first_written_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("path", name=op.f("pk_output_folder")),
    )


def downgrade() -> None:
    op.drop_table("output_folder")
