"""Field checks shared by every service. Each returns a sentence, or None when the value is fine."""

from __future__ import annotations

import unicodedata
from datetime import date

MIN_AGE = 14
MAX_AGE = 30


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def clean_text(value: str | None) -> str | None:
    """Trim, NFC-normalise (so "Nguyễn" typed two ways is one name); empty becomes None."""
    if value is None:
        return None
    value = unicodedata.normalize("NFC", value).strip()
    return value or None


def text_problem(label: str, value: str | None, *, required: bool, max_length: int) -> str | None:
    if value is None:
        return f"{label} is required." if required else None
    if len(value) > max_length:
        return f"{label} is too long: at most {max_length} characters."
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in value):
        return f"{label} contains control characters. Retype it without pasting hidden characters."
    return None


def birth_date_problem(born: date | None, today: date) -> str | None:
    if born is None:
        return "Date of birth is required."
    if born > today:
        return "Date of birth is in the future."
    age = age_on(born, today)
    if not MIN_AGE <= age <= MAX_AGE:
        return f"Date of birth gives an age of {age}; caseapp is for young people aged {MIN_AGE} to {MAX_AGE}."
    return None
