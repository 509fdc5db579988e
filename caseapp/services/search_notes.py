"""Finding a young person by words in their check-ins' notes and actions agreed.

Asked for separately: there is no index over notes, so this reads every check-in (about
half a second at 10,000 people with 280,000 check-ins, a few milliseconds on a caseload of
hundreds). SQLite's LIKE picks the candidate check-ins; each is then checked for the words
at the start of a word, and one check-in must hold every word. What is searched for and
what is found are never logged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from caseapp.services.search_index import fold

# Shorter words ("on", "to") are in nearly every note: they would find everyone.
MIN_NOTE_WORD = 3
_WORD_SPLIT = re.compile(r"[^\w]+")


def note_words(text: str, *, limit: int) -> list[str]:
    """The words of `text` worth looking for in notes, lower-cased as typed (accents kept:
    LIKE compares them as written), at most `limit`."""
    words: list[str] = []
    for word in _WORD_SPLIT.split(text.lower()):
        word = word.replace("_", "")
        if len(word) >= MIN_NOTE_WORD and word not in words:
            words.append(word)
            if len(words) == limit:
                break
    return words


def _starts_a_word(folded_text: str, folded_word: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(folded_word), folded_text) is not None


def _quoted(words: list[str]) -> str:
    return " and ".join(f"'{w}'" for w in words)


@dataclass(frozen=True)
class NoteMatch:
    person_id: int
    reason: str


def note_matches(session: Session, text: str, *, limit: int) -> list[NoteMatch]:
    """Everyone with a check-in whose note or actions agreed hold every word of `text`."""
    words = note_words(text, limit=limit)
    if not words:
        return []
    # Every word in the note or the actions of the same check-in. The words hold only
    # letters and digits, so none is a LIKE wildcard.
    # SQLite's LIKE ignores the case of ASCII letters; PostgreSQL's ILIKE is the same match.
    like = "LIKE" if session.connection().dialect.name == "sqlite" else "ILIKE"
    where = " AND ".join(f"(note {like} :w{n} OR actions {like} :w{n})" for n in range(len(words)))
    params = {f"w{n}": f"%{word}%" for n, word in enumerate(words)}
    rows = session.connection().execute(
        sql_text(f"SELECT person_id, note, actions FROM check_in WHERE {where}"), params
    )
    folded = [fold(w) for w in words]
    found: dict[int, NoteMatch] = {}
    for person_id, note, actions in rows:
        if person_id in found:
            continue  # one reason is enough; the rest need not be folded
        in_note, in_actions = fold(note or ""), fold(actions or "")
        if all(_starts_a_word(in_note, w) for w in folded):
            found[person_id] = NoteMatch(person_id, f"note mentions {_quoted(words)}")
        elif all(_starts_a_word(in_actions, w) for w in folded):
            found[person_id] = NoteMatch(person_id, f"actions agreed mention {_quoted(words)}")
        elif all(_starts_a_word(in_note, w) or _starts_a_word(in_actions, w) for w in folded):
            found[person_id] = NoteMatch(person_id, f"note and actions agreed mention {_quoted(words)}")
    return list(found.values())
