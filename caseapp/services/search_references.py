"""Finding a young person by a number: caseapp's reference, the council's child reference, a phone.

The record id is the primary key. The child reference and the phone number are kept in the
search index (search_index.py), each in one comparable form, and looked up by what they start
with: measured at 10,000 people, reading them from every record instead cost 40-70 ms a
keystroke, the index about 2 ms. Nothing here runs for a query without a digit.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

# search_token.kind of the child reference and of the phone number's digits (names are 0, 1).
CHILD_REF, PHONE = 2, 3
# No record id is longer: more digits are a phone number or a paste.
_MAX_ID_DIGITS = 9
# Fewer digits than this are in nearly everyone's number ("0770" is in every mobile's).
MIN_PHONE_DIGITS = 6
MIN_REFERENCE_LENGTH = 2
_PHONE_PUNCTUATION = " -().+/"
_REFERENCE_PUNCTUATION = " -/."

def record_number(text: str) -> int | None:
    """caseapp's reference as typed ("1234" or "#1234"); None when the text is not one.

    A leading 0 is the start of a phone number, never a reference.
    """
    stripped = text.strip()
    marked = stripped.startswith("#")
    digits = stripped[1:].strip() if marked else stripped
    if not digits.isascii() or not digits.isdigit() or len(digits) > _MAX_ID_DIGITS:
        return None
    if digits.startswith("0") and not marked:
        return None
    return int(digits)


def phone_digits(text: str | None) -> str | None:
    """A UK number's digits without the country code or trunk 0 ("+44 (0)7700 900123" and
    "07700 900123" are both "7700900123"), or None when `text` is not enough of a number."""
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
    return digits if len(digits) >= MIN_PHONE_DIGITS else None


def reference_key(text: str | None) -> str | None:
    """A child reference compared without case, spaces or separators ("CH/55-012" is "ch55012")."""
    if not text:
        return None
    key = "".join(ch for ch in text.casefold() if ch not in _REFERENCE_PUNCTUATION)
    if len(key) < MIN_REFERENCE_LENGTH or not key.isalnum() or not any(ch.isdigit() for ch in key):
        return None
    return key


@dataclass(frozen=True)
class NumberMatch:
    person_id: int
    whole: bool  # the whole reference or number, not only its start
    reason: str


def number_matches(session: Session, text: str) -> list[NumberMatch]:
    """Everyone whose reference, child reference or phone number matches `text`."""
    if not any(ch.isdigit() for ch in text):
        return []
    conn = session.connection()
    found: dict[int, NumberMatch] = {}
    number = record_number(text)
    if number is not None:
        row = conn.execute(sql_text("SELECT id FROM young_person WHERE id = :id"), {"id": number}).first()
        if row is not None:
            found[row[0]] = NumberMatch(row[0], True, f"caseapp reference #{row[0]}")
    if text.strip().startswith("#"):
        return list(found.values())
    for kind, key, reason in ((CHILD_REF, reference_key(text), "council's child reference"),
                              (PHONE, phone_digits(text), "phone number")):
        if key is None:
            continue
        rows = conn.execute(
            sql_text(
                "SELECT person_id, token FROM search_token"
                " WHERE kind = :kind AND token >= :low AND token < :high"
            ),
            {"kind": kind, "low": key, "high": key + "\U0010ffff"},
        ).fetchall()
        for pid, token in rows:
            if pid not in found or (token == key and not found[pid].whole):
                found[pid] = NumberMatch(pid, token == key, reason)
    return list(found.values())
