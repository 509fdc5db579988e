"""Find young people by any part of any name, accents optional, one typo forgiven, ranked; by
caseapp's reference, the council's child reference or a phone number; and, when asked, by
words in their check-ins' notes and actions agreed.

A search costs what the index does, whatever is pasted: only the first `MAX_QUERY_LENGTH`
characters are read (no name is longer), at most `MAX_WORDS` words, and a word only gets
one-deletion variants up to the longest word the index keeps them for.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, text

from caseapp.services.base import Service
from caseapp.services.search_index import MAX_TYPO_LENGTH, deletions, tokens
from caseapp.services.search_notes import note_matches
from caseapp.services.search_references import number_matches

EXACT, PREFIX, TYPO = 3, 2, 1
# A reference or phone number typed whole is what the worker means: above any name's score
# (at most EXACT for each of MAX_WORDS words); the start or a part of one is below that.
REFERENCE, REFERENCE_PART = 30, 20
# Words of a note rank after every name: a note names other people too.
NOTE = 0
MIN_TYPO_QUERY = 3
PREFIX_SQL = text("SELECT person_id, token FROM search_token WHERE kind = 0 AND token >= :low AND token < :high")
VARIANTS_SQL = text(
    "SELECT person_id, source FROM search_token WHERE kind IN (0, 1) AND token IN :variants"
).bindparams(bindparam("variants", expanding=True))
# The longest name field (the name in the person's own script): a longer query is a paste,
# not a name, and the search box takes no more (its maxLength).
MAX_QUERY_LENGTH = 200
MAX_WORDS = 6


@dataclass(frozen=True)
class SearchHit:
    person_id: int
    score: int
    # Why someone not found by name is there ("phone number", "note mentions 'forklift'").
    reason: str | None = None


def within_one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance <= 1 (one insertion, deletion, substitution or swap)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1 :] == b[i + 1 :] or (
            i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
        )
    return a[i + 1 :] == b[i:] if la > lb else a[i:] == b[i + 1 :]


class SearchService(Service):
    def search(self, text: str, *, limit: int | None = None, notes: bool = False) -> list[SearchHit]:
        """Everyone matching every word of `text`, best first. Empty text finds nobody.

        Only the first MAX_QUERY_LENGTH characters are read: folding, splitting and the typo
        variants of what is beyond them would cost time and memory for no name. `notes` also
        looks in every check-in's note and actions agreed, which is slower.
        """
        text = text[:MAX_QUERY_LENGTH]
        words = tokens(text)[:MAX_WORDS]
        found: dict[int, SearchHit] = {}
        with self._store.read_session() as s:
            for pid, score in self._match_names(s, words).items():
                found[pid] = SearchHit(pid, score)
            for match in number_matches(s, text):
                score = REFERENCE if match.whole else REFERENCE_PART
                if match.person_id not in found or found[match.person_id].score < score:
                    found[match.person_id] = SearchHit(match.person_id, score, match.reason)
            if notes:
                for note in note_matches(s, text, limit=MAX_WORDS):
                    found.setdefault(note.person_id, SearchHit(note.person_id, NOTE, note.reason))
        hits = sorted(found.values(), key=lambda hit: (-hit.score, hit.person_id))
        return hits if limit is None else hits[: max(0, limit)]

    def _match_names(self, s, words: list[str]) -> dict[int, int]:
        """Score by person of those matching every word by name."""
        totals: dict[int, int] | None = None
        for word in words:
            best = self._match_word(s, word)
            if totals is None:
                totals = best
            else:
                totals = {pid: totals[pid] + score for pid, score in best.items() if pid in totals}
            if not totals:
                return {}
        return totals or {}

    @staticmethod
    def _match_word(s, word: str) -> dict[int, int]:
        # Plain SQL on the session's connection: a one-letter word matches thousands of
        # rows, and building ORM rows for them cost as much as finding them.
        conn = s.connection()
        best: dict[int, int] = {}
        prefix = conn.execute(PREFIX_SQL, {"low": word, "high": word + "\U0010ffff"}).fetchall()
        for pid, token in prefix:
            if token == word:
                best[pid] = EXACT
            elif pid not in best:
                best[pid] = PREFIX
        # Typo variants only up to one letter longer than the words the index keeps deletions
        # of: a longer word is a paste, not a name, and its variants grow with its square.
        if MIN_TYPO_QUERY <= len(word) <= MAX_TYPO_LENGTH + 1:
            variants = sorted({word, *deletions(word)})
            # Symmetric delete: within one edit iff the two share the word or a deletion.
            fuzzy = conn.execute(VARIANTS_SQL, {"variants": variants}).fetchall()
            for pid, source in fuzzy:
                if pid not in best and within_one_edit(word, source):
                    best[pid] = TYPO
        return best
