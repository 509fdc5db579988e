"""Which characters the printed documents can draw, known without loading a font.

The table beside the bundled fonts lists every code point they draw with a real glyph (made
from their character maps by `caseapp.reports.fonts.printable_table()`, and checked against
them by a test). Validation refuses text outside it, so what a worker enters is what prints:
an emoji, or a name in a script caseapp has no font for, is refused at entry with a sentence
rather than printed as empty boxes.
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from importlib import resources

PACKAGE = "caseapp.resources"
TABLE = ("fonts", "printable.txt")
# Drawn as nothing, never as a glyph: the joiners that some scripts need between letters.
_ZERO_WIDTH_OK = frozenset("\u200c\u200d")


@lru_cache(maxsize=1)
def _ranges() -> tuple[tuple[int, ...], tuple[int, ...]]:
    starts: list[int] = []
    ends: list[int] = []
    text = resources.files(PACKAGE).joinpath(*TABLE).read_text(encoding="ascii")
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        first, _, last = line.partition("-")
        starts.append(int(first, 16))
        ends.append(int(last or first, 16))
    return tuple(starts), tuple(ends)


def printable(char: str) -> bool:
    """Whether the documents print this character with a real glyph.

    White space always prints: a paragraph lays words out with ordinary spaces between them.
    """
    if char.isspace() or char in _ZERO_WIDTH_OK:
        return True
    starts, ends = _ranges()
    cp = ord(char)
    i = bisect.bisect_right(starts, cp) - 1
    return i >= 0 and cp <= ends[i]


def all_printable(text: str) -> bool:
    # Plain ASCII letters, digits and punctuation are in every font; most text is only that.
    if text.isascii() and text.isprintable():
        return True
    return all(printable(c) for c in text)
