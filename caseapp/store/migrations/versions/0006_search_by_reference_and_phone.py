"""Search by reference and phone: the child references and phone numbers already on file join
the search index (kinds 2 and 3), as every write from this revision keeps them. Data only.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-12
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

CHILD_REF, PHONE = 2, 3
_PHONE_PUNCTUATION = " -().+/"
_REFERENCE_PUNCTUATION = " -/."


# The forms the search compares at this revision (caseapp/services/search_references.py),
# copied so that this migration does the same thing whatever that module later becomes.
def _phone_digits(text):
    if not text:
        return None
    international = text.strip().startswith(("+", "00"))
    digits = "".join(ch for ch in text if ch not in _PHONE_PUNCTUATION)
    if not digits.isascii() or not digits.isdigit():
        return None
    if digits.startswith("00"):
        digits = digits[2:]
    if international and digits.startswith("44"):
        digits = digits[2:]
    digits = digits.lstrip("0")
    return digits if len(digits) >= 6 else None


def _reference_key(text):
    if not text:
        return None
    key = "".join(ch for ch in text.casefold() if ch not in _REFERENCE_PUNCTUATION)
    if len(key) < 2 or not key.isalnum() or not any(ch.isdigit() for ch in key):
        return None
    return key


def upgrade() -> None:
    conn = op.get_bind()
    rows = []
    for pid, child_ref, phone in conn.execute(sa.text("SELECT id, child_ref, phone FROM young_person")):
        for kind, key in ((CHILD_REF, _reference_key(child_ref)), (PHONE, _phone_digits(phone))):
            if key is not None:
                rows.append({"p": pid, "t": key, "k": kind})
    if rows:
        conn.execute(
            sa.text("INSERT INTO search_token (person_id, token, kind, source) VALUES (:p, :t, :k, :t)"), rows
        )


def downgrade() -> None:
    op.execute(sa.text(f"DELETE FROM search_token WHERE kind IN ({CHILD_REF}, {PHONE})"))
