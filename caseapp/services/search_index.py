"""Name folding and the search-token rows that make search fast and forgiving.

Folding makes accents optional ("Nguyen" finds "Nguyễn") and evens out Arabic spelling
variants; one-deletion variants make a single typo findable (a symmetric-delete index).
The council's child reference and the phone number are kept too, each in one comparable
form, so that typing either costs an index lookup rather than a read of every record.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from caseapp.models import SearchToken
from caseapp.services.search_references import CHILD_REF, PHONE, phone_digits, reference_key

# Letters NFKD does not decompose into base + mark.
_LATIN = str.maketrans({"đ": "d", "ø": "o", "ł": "l", "ß": "ss", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ə": "e"})
# Arabic-script spelling variants people type interchangeably.
_ARABIC = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك", "ۀ": "ه"})
MIN_TYPO_LENGTH = 4
# No word of a name is this long; past it a word would add as many variant rows as letters,
# each nearly as long, for a typo nobody makes (a 200-letter word: 200 rows of 199).
MAX_TYPO_LENGTH = 64


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).translate(_LATIN).translate(_ARABIC)


def tokens(text: str | None) -> list[str]:
    """Folded words of a name; apostrophes and hyphens join ("O'Connor" -> "oconnor", "connor")."""
    if not text:
        return []
    words: list[str] = []
    for raw in fold(text).replace("-", " ").split():
        joined = "".join(ch for ch in raw if ch.isalnum())
        parts = "".join(ch if ch.isalnum() else " " for ch in raw).split()
        for word in (joined, *parts):
            if word and word not in words:
                words.append(word)
    return words


def deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def index_rows(
    person_id: int, names: Iterable[str | None], *, child_ref: str | None = None, phone: str | None = None
) -> list[dict]:
    rows: list[dict] = []
    seen: set[tuple[str, int]] = set()
    for name in names:
        for word in tokens(name):
            if (word, 0) not in seen:
                seen.add((word, 0))
                rows.append({"person_id": person_id, "token": word, "kind": 0, "source": word})
            if MIN_TYPO_LENGTH <= len(word) <= MAX_TYPO_LENGTH:
                for variant in deletions(word):
                    if (variant, 1) not in seen:
                        seen.add((variant, 1))
                        rows.append({"person_id": person_id, "token": variant, "kind": 1, "source": word})
    for kind, key in ((CHILD_REF, reference_key(child_ref)), (PHONE, phone_digits(phone))):
        if key is not None:
            rows.append({"person_id": person_id, "token": key, "kind": kind, "source": key})
    return rows


def reindex_person(
    session: Session, person_id: int, names: Iterable[str | None], *, child_ref: str | None, phone: str | None
) -> None:
    """Replace a person's tokens; runs inside the write's own transaction."""
    session.execute(delete(SearchToken).where(SearchToken.person_id == person_id))
    rows = index_rows(person_id, names, child_ref=child_ref, phone=phone)
    if rows:
        session.execute(insert(SearchToken), rows)
