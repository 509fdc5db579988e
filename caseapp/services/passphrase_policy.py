"""How strong a new passphrase is, and whether caseapp accepts it.

zxcvbn estimates how many guesses a passphrase would take. Its own words are American and
talk about "passwords"; the sentences here are the ones a worker sees.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from caseapp.services.errors import ValidationError

MIN_LENGTH = 12
MIN_SCORE = 3
# zxcvbn's matching grows steeply with length (and this version refuses more than 72
# characters), so only the start is scored. Characters beyond it only add strength, so the
# score of a longer passphrase is a floor, never an overestimate.
SCORED_LENGTH = 72
# Words anyone guessing a caseapp passphrase would try first.
ALWAYS_AVOID = ("caseapp", "council")
# Printed by every `caseapp demo` and written in the README (caseapp/services/demo.py holds
# it; a test checks they agree): a real caseload under it is open to anyone who read either.
PUBLISHED = ("demo caseload passphrase",)

# A copy of the caseload files can be attacked offline; Argon2id keeps that to slow-hash
# rates, so this is the figure that matters (zxcvbn's "offline slow hashing").
_CRACK_TIME_KEY = "offline_slow_hashing_1e4_per_second"

_REWORDED = {
    "Capitalization doesn't help very much.": "Starting with a capital letter does not help much.",
    "All-uppercase is almost as easy to guess as all-lowercase.": (
        "Capitals throughout are almost as easy to guess as small letters."
    ),
    "Reversed words aren't much harder to guess.": "Words spelt backwards are not much harder to guess.",
    "Predictable substitutions like '@' instead of 'a' don't help very much.": (
        "Swaps like '@' for 'a' do not help much."
    ),
    "Add another word or two. Uncommon words are better.": (
        "Add another word or two. Unusual words are better."
    ),
    "No need for symbols, digits, or uppercase letters.": (
        "There is no need for symbols, numbers or capitals."
    ),
    "This is a top-10 common password.": "This is one of the most common passwords.",
    "This is a top-100 common password.": "This is a very common password.",
}

_NAME_WARNING = (
    "Avoid your own name and words linked to caseapp or the council: they are the first "
    "things someone would try."
)


@dataclass(frozen=True)
class Assessment:
    """Score 0 (very weak) to 4 (very strong), and plain sentences about it."""

    score: int
    crack_time: str  # e.g. "about 3 hours", "centuries"
    warning: str  # empty when there is nothing to warn about
    suggestions: tuple[str, ...]

    @property
    def acceptable(self) -> bool:
        return self.score >= MIN_SCORE


def _expanded(user_inputs: Iterable[str]) -> list[str]:
    """Each input, its separate words, and its words run together ("sam jones" -> "samjones")."""
    found: list[str] = []
    for text in user_inputs:
        text = (text or "").strip().lower()
        if not text:
            continue
        parts = [p for p in re.split(r"[\s\-_.']+", text) if p]
        for item in (text, *parts, "".join(parts)):
            if item and item not in found:
                found.append(item)
    return found


def _mostly_known_words(passphrase: str, inputs: list[str]) -> bool:
    rest = passphrase.lower()
    found = False
    for word in sorted((w for w in inputs if len(w) >= 3), key=len, reverse=True):
        if word in rest:
            found = True
            rest = rest.replace(word, " ")
    return found and len(re.sub(r"[\W\d_]+", "", rest)) < 6


def _phrase(seconds: float) -> str:
    day = 86400
    if seconds >= 100 * 365 * day:
        return "centuries"
    units = ((365 * day, "year"), (31 * day, "month"), (day, "day"), (3600, "hour"), (60, "minute"))
    for size, unit in units:
        if seconds >= size:
            count = round(seconds / size)
            return f"about {count} {unit}{'' if count == 1 else 's'}"
    return "less than a minute"


def _sentence(text: str) -> str:
    text = _REWORDED.get(text.strip(), text.strip())
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def assess(passphrase: str, *, user_inputs: Iterable[str] = ()) -> Assessment:
    """zxcvbn's view of `passphrase`, with the worker's name and the app's words as known guesses."""
    inputs = _expanded([*user_inputs, *ALWAYS_AVOID])
    scored = passphrase[:SCORED_LENGTH]
    if not scored:
        return Assessment(0, _phrase(0), "", ("Use a few words that mean something only to you.",))
    # Loaded here, not with the module: the unlock screen imports this module, but only
    # choosing a new passphrase (set-up, recovery) scores one, and zxcvbn takes ~50 ms to load.
    from zxcvbn import zxcvbn

    result = zxcvbn(scored, user_inputs=inputs)
    score = int(result["score"])
    warning = _sentence(result["feedback"]["warning"] or "")
    if _mostly_known_words(scored, inputs):
        # zxcvbn counts the gaps between known words as guessing work; "caseapp council"
        # would pass. Little else left once those words are taken out means weak.
        score, warning = min(score, MIN_SCORE - 1), _NAME_WARNING
    elif score < MIN_SCORE and not warning and any(len(w) >= 3 and w in scored.lower() for w in inputs):
        warning = _NAME_WARNING
    suggestions = tuple(_sentence(s) for s in result["feedback"]["suggestions"] if s)
    seconds = float(result["crack_times_seconds"][_CRACK_TIME_KEY])
    return Assessment(score, _phrase(seconds), warning, suggestions)


def check_new_passphrase(passphrase: str, confirm: str, *, user_inputs: Iterable[str] = ()) -> Assessment:
    """The assessment of an acceptable new passphrase; otherwise every problem at once.

    Raises ValidationError keyed "passphrase" and/or "confirm".
    """
    problems: dict[str, str] = {}
    assessment = assess(passphrase, user_inputs=user_inputs)
    if len(passphrase) < MIN_LENGTH:
        problems["passphrase"] = (
            f"This passphrase is too short: use at least {MIN_LENGTH} characters. "
            "A few unrelated words are easy to remember and hard to guess."
        )
    elif " ".join(passphrase.split()).casefold() in PUBLISHED:
        problems["passphrase"] = (
            "This is the demo caseload's passphrase, which anyone can look up. "
            "Choose one of your own."
        )
    elif not assessment.acceptable:
        advice = assessment.warning or (assessment.suggestions[0] if assessment.suggestions else "")
        problems["passphrase"] = "This passphrase would be too easy to guess. " + (
            advice or "Add another word or two."
        )
    if confirm != passphrase:
        problems["confirm"] = "The two passphrases are not the same. Type it again to check."
    if problems:
        raise ValidationError(problems)
    return assessment
