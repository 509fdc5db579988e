"""Field checks shared by every service, with sentences a worker understands.

A `Checker` collects every problem at once (so the form can mark each field), cleans what
it accepts, and raises one `ValidationError` naming the fields.

Text is held to what a reader can see and the documents can print: a field of only
invisible characters is blank; characters that reorder text (bidi overrides) are refused
anywhere, and other hidden characters in one-line fields (names, titles), except the
joiners some scripts need between letters; and characters the bundled fonts cannot draw
(emoji, scripts with no font) are refused, so nothing accepted prints as an empty box.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, TypeVar

from caseapp.models.fields import LONG as LONG  # free text; declared with the fields
from caseapp.services.errors import ValidationError
from caseapp.services.printable import all_printable

MIN_AGE = 14
MAX_AGE = 30
SHORT = 200

E = TypeVar("E", bound=enum.Enum)


def reject_unknown(fields: dict[str, Any], allowed: Iterable[str]) -> None:
    """A programming error, not a user's: a caller passed a field no record has."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


def birthday(born: date, years: int) -> date:
    """The date someone turns `years`; 29 February birthdays fall on 1 March."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return date(born.year + years, 3, 1)


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


# Characters that change the order text is shown in (embeddings, overrides, isolates): with
# them a name reads one way on screen and another in the record, so they are never trimmed
# away quietly but refused wherever they are.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Line and paragraph separators: line breaks that look like nothing in a one-line box.
HIDDEN_BREAKS = frozenset("\u2028\u2029")
# Zero-width non-joiner and joiner: Persian, Pashto and Kurdish names (and Indic scripts) need
# them between letters, so they stay there; anywhere else they hide something.
JOINERS = frozenset("\u200c\u200d")
# Unicode's Default_Ignorable_Code_Point ranges: characters drawn as nothing at all (zero
# width spaces, the byte-order mark, bidi marks, Hangul fillers, variation selectors, tags).
_IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)


def invisible(ch: str) -> bool:
    """White space, or a character drawn as nothing."""
    if ch.isspace():
        return True
    cp = ord(ch)
    return cp >= 0xAD and any(lo <= cp <= hi for lo, hi in _IGNORABLE)


def _trimmable(ch: str) -> bool:
    return invisible(ch) and ch not in BIDI_CONTROLS


def clean_text(value: str | None) -> str | None:
    """NFC-normalise (so "Nguyễn" typed two ways is one name) and trim white space and
    invisible characters from both ends; what is left empty (a name of only U+200B) is None."""
    if value is None:
        return None
    value = unicodedata.normalize("NFC", str(value))
    start, end = 0, len(value)
    while start < end and _trimmable(value[start]):
        start += 1
    while end > start and _trimmable(value[end - 1]):
        end -= 1
    return value[start:end] or None


# Fields this long are notes and plans, where line breaks belong; shorter ones are one line.
MULTILINE_FROM = 500


def _letter(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LM"


def _hidden_in_line(value: str) -> bool:
    """An invisible character inside one-line text, other than a joiner between letters."""
    for i, ch in enumerate(value):
        if ch == " " or not invisible(ch):
            continue
        if ch in JOINERS and 0 < i < len(value) - 1 and _letter(value[i - 1]) and _letter(value[i + 1]):
            continue
        if ch.isspace() and not unicodedata.category(ch).startswith("C") and ch not in HIDDEN_BREAKS:
            continue  # a no-break or wide space is a space
        return True
    return False


def text_problem(label: str, value: str | None, *, required: bool, max_length: int) -> str | None:
    if value is None:
        return f"{label} is required." if required else None
    if len(value) > max_length:
        return f"{label} is too long: at most {max_length} characters."
    one_line = max_length < MULTILINE_FROM
    allowed = "" if one_line else "\n\t"
    if any(unicodedata.category(ch) in ("Cc", "Cs") and ch not in allowed for ch in value):
        if allowed or not any(ch in "\n\t" for ch in value):
            return f"{label} contains hidden control characters. Retype it rather than pasting."
        return f"{label} must be on one line."
    if any(ch in HIDDEN_BREAKS for ch in value):
        return f"{label} contains a hidden line break. Retype it rather than pasting."
    if any(ch in BIDI_CONTROLS for ch in value):
        return (
            f"{label} contains hidden characters that change the order the letters are shown in. "
            "Retype it rather than pasting."
        )
    if one_line and _hidden_in_line(value):
        return f"{label} contains hidden characters. Retype it rather than pasting."
    if not all_printable(value):
        return (
            f"{label} has characters that cannot be printed, such as emoji, or letters of a script "
            "caseapp has no font for (it prints Latin, Arabic and Ethiopic letters). Leave them out."
        )
    return None


def birth_date_problem(born: date | None, today: date) -> str | None:
    if born is None:
        return "Date of birth is required."
    if born > today:
        return "Date of birth is in the future."
    age = age_on(born, today)
    if not MIN_AGE <= age <= MAX_AGE:
        return (
            f"Date of birth gives an age of {age}; caseapp is for young people "
            f"aged {MIN_AGE} to {MAX_AGE}."
        )
    return None


class Checker:
    """Collects problems field by field; `done()` raises them all together."""

    def __init__(self) -> None:
        self.problems: dict[str, str] = {}

    def fail(self, field: str, message: str) -> None:
        self.problems.setdefault(field, message)

    def text(
        self, field: str, label: str, value: Any, *, required: bool = False, max_length: int = SHORT
    ) -> str | None:
        if value is not None and not isinstance(value, str):
            self.fail(field, f"{label} must be text.")
            return None
        cleaned = clean_text(value)
        if problem := text_problem(label, cleaned, required=required, max_length=max_length):
            self.fail(field, problem)
        return cleaned

    def words(self, field: str, label: str, values: Any, *, max_items: int = 30) -> list[str]:
        """A list of short phrases (sectors, areas): cleaned, de-duplicated, order kept."""
        if values is None:
            return []
        if isinstance(values, str) or not isinstance(values, (list, tuple, set, frozenset)):
            self.fail(field, f"{label} must be a list.")
            return []
        out: list[str] = []
        for value in values:
            cleaned = self.text(field, label, value, max_length=100)
            if cleaned and cleaned not in out:
                out.append(cleaned)
        if len(out) > max_items:
            self.fail(field, f"{label}: at most {max_items} entries.")
        return out

    def code(self, field: str, label: str, enum_cls: type[E], value: Any, *, required: bool = False) -> E | None:
        if value is None or value == "":
            if required:
                self.fail(field, f"{label} is required.")
            return None
        try:
            return enum_cls(value)
        except ValueError:
            self.fail(field, f"{label}: “{str(value)[:40]}” is not one of the choices.")
            return None

    def day(
        self,
        field: str,
        label: str,
        value: Any,
        *,
        required: bool = False,
        not_after: date | None = None,
    ) -> date | None:
        if value is None:
            if required:
                self.fail(field, f"{label} is required.")
            return None
        if isinstance(value, datetime) or not isinstance(value, date):
            self.fail(field, f"{label} must be a date.")
            return None
        if not (date(1900, 1, 1) <= value <= date(2200, 12, 31)):
            self.fail(field, f"{label} is not a believable date.")
            return None
        if not_after is not None and value > not_after:
            self.fail(field, f"{label} cannot be in the future.")
        return value

    def moment(self, field: str, label: str, value: Any, *, not_after: datetime | None = None) -> datetime | None:
        if not isinstance(value, datetime):
            self.fail(field, f"{label} is required." if value is None else f"{label} must be a date and time.")
            return None
        if value.tzinfo is not None:
            # Stored without a zone, as local time (like datetime.now()), so the record read
            # back is the one written and times from different zones compare truly.
            try:
                value = value.astimezone().replace(tzinfo=None)
            except (OverflowError, ValueError):
                self.fail(field, f"{label} is not a believable date.")
                return None
        if not (datetime(1900, 1, 1) <= value <= datetime(2200, 12, 31, 23, 59, 59)):
            self.fail(field, f"{label} is not a believable date.")
            return None
        if not_after is not None and value.replace(tzinfo=None) > not_after.replace(tzinfo=None):
            self.fail(field, f"{label} cannot be in the future.")
        return value

    def number(
        self,
        field: str,
        label: str,
        value: Any,
        *,
        minimum: float = 0,
        maximum: float,
        whole: bool = False,
        required: bool = False,
    ) -> Any:
        if value is None:
            if required:
                self.fail(field, f"{label} is required.")
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (whole and not isinstance(value, int)):
            self.fail(field, f"{label} must be a {'whole ' if whole else ''}number.")
            return None
        if value != value:  # NaN
            self.fail(field, f"{label} must be a number.")
            return None
        if value < minimum:
            self.fail(field, f"{label} cannot be negative." if minimum == 0 else f"{label} must be at least {minimum}.")
        elif value > maximum:
            self.fail(field, f"{label} must be at most {maximum:g}.")
        return value

    def order(self, start_field: str, start: date | None, end_field: str, end: date | None, label: str) -> None:
        if start is not None and end is not None and end < start:
            self.fail(end_field, f"{label} cannot be before the start.")

    def done(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)
